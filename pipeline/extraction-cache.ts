/**
 * The extraction cache behind incremental runs: `OUT/cache/extract/<xx>/<key>.json`
 * holds the extraction of one announcement, where the key is the SHA-256 of
 * the code and data extraction depends on (the fingerprint) and of the
 * announcement itself (id, source, title, date, body). A later run over the
 * same folder re-extracts only announcements whose key is not in the cache:
 * new and changed ones, or all of them after loa or its reference data changed.
 * Extraction reads one announcement at a time and nothing else, so a cached
 * result is exactly what extracting again would give.
 *
 * Entries are written to a temporary name and renamed, so a killed run leaves
 * whole entries or none; an entry that does not parse is ignored and rewritten.
 * Entries not used by a run are removed at its end.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Extraction } from '../src/core/extraction.ts';
import type { Announcement } from '../src/core/types.ts';

/** Folders (relative to the repository) whose content shapes extraction. */
const DEPENDENCIES = ['src/extract', 'src/core', 'data/reference', 'package.json'];

/** SHA-256 over the files extraction depends on, in path order. */
export async function extractionFingerprint(repoRoot: string): Promise<string> {
  const hash = createHash('sha256');
  const visit = async (rel: string): Promise<void> => {
    const full = join(repoRoot, rel);
    let entries;
    try {
      entries = await readdir(full, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
      hash.update(`${rel}\n`);
      hash.update(await readFile(full));
      return;
    }
    for (const name of entries.map((e) => e.name).sort()) await visit(`${rel}/${name}`);
  };
  for (const rel of DEPENDENCIES) await visit(rel);
  return hash.digest('hex');
}

export class ExtractionCache {
  private readonly used = new Set<string>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly dir: string,
    private readonly fingerprint: string,
  ) {}

  key(a: Announcement): string {
    return createHash('sha256').update(this.fingerprint).update('\n').update(JSON.stringify(a)).digest('hex');
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached extraction, or undefined (also when the entry is unreadable). */
  async get(a: Announcement): Promise<Extraction | undefined> {
    const key = this.key(a);
    this.used.add(key);
    try {
      const found = JSON.parse(await readFile(this.path(key), 'utf8')) as Extraction;
      if (found.announcementId !== a.id) throw new Error('entry of another announcement');
      this.hits++;
      return found;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  async put(a: Announcement, extraction: Extraction): Promise<void> {
    const key = this.key(a);
    this.used.add(key);
    const path = this.path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const fresh = `${path}.${process.pid}.tmp`;
    await writeFile(fresh, JSON.stringify(extraction));
    await rename(fresh, path);
  }

  /** Removes entries this run did not use, and temporary files left by killed runs. */
  async prune(): Promise<void> {
    let shards: string[];
    try {
      shards = await readdir(this.dir);
    } catch {
      return;
    }
    for (const shard of shards) {
      const folder = join(this.dir, shard);
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        const key = name.endsWith('.json') ? name.slice(0, -5) : '';
        if (!this.used.has(key)) await rm(join(folder, name), { force: true });
      }
    }
  }
}
