/**
 * The extraction cache behind incremental runs, and the build's spill area:
 * `OUT/cache/extract/<xx>/<key>.json` holds one announcement and its
 * extraction, where the key is the SHA-256 of the code and data extraction
 * depends on (the fingerprint) and of the announcement itself (id, source,
 * title, date, body). A later run over the same folder re-extracts only
 * announcements whose key is not in the cache: new and changed ones, or all of
 * them after loa or its reference data changed. Extraction reads one
 * announcement at a time and nothing else, so a cached result is exactly what
 * extracting again would give.
 *
 * The build keeps neither announcements nor extractions in memory between
 * stages: it reads each entry back when it models the announcement, so memory
 * does not grow with the corpus.
 *
 * Entries are written to a temporary name and renamed, so a killed run leaves
 * whole entries or none; an entry that does not parse is ignored and rewritten.
 * Entries not used by a run are removed at its end.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Extraction } from '../src/core/extraction.ts';
import type { Announcement } from '../src/core/types.ts';

/** Folders (relative to the repository) whose content shapes extraction. */
const DEPENDENCIES = ['src/extract', 'src/core', 'data/reference', 'package.json'];

/** Folders whose content shapes the entity pages and embeds (n3's writer among the packages). */
const RENDER_DEPENDENCIES = ['src/publish/site', 'src/core', 'package.json', 'package-lock.json'];

/** SHA-256 over the files extraction depends on, in path order. */
export function extractionFingerprint(repoRoot: string): Promise<string> {
  return sourceFingerprint(repoRoot, DEPENDENCIES);
}

/** SHA-256 over the files the entity pages and embeds are rendered by, in path order. */
export function renderFingerprint(repoRoot: string): Promise<string> {
  return sourceFingerprint(repoRoot, RENDER_DEPENDENCIES);
}

/** SHA-256 over the files under some paths of the repository (folders walked in name order). */
async function sourceFingerprint(repoRoot: string, paths: readonly string[]): Promise<string> {
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
  for (const rel of paths) await visit(rel);
  return hash.digest('hex');
}

/** What an entry holds; `extraction` is null when extraction failed (such entries are never reused). */
export interface CacheEntry {
  announcement: Announcement;
  extraction: Extraction | null;
}

function entryPath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), `${key}.json`);
}

/** Writes an entry under a temporary name and renames it, so a killed run leaves it whole or absent. */
async function writeEntry(dir: string, key: string, entry: CacheEntry): Promise<void> {
  const path = entryPath(dir, key);
  await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
  const fresh = `${path}.${process.pid}-${threadId}.tmp`;
  await writeFile(fresh, JSON.stringify(entry));
  await rename(fresh, path);
}

/**
 * Extracts `a` and stores the entry under `key` in the cache folder `dir` (in
 * this thread or a worker's). A throwing `extract` is stored as a failure
 * (never reused) and rethrown.
 */
export async function extractInto(dir: string, key: string, a: Announcement, extract: (a: Announcement) => Extraction): Promise<Extraction> {
  let extraction: Extraction;
  try {
    extraction = extract(a);
  } catch (e) {
    await writeEntry(dir, key, { announcement: a, extraction: null });
    throw e;
  }
  await writeEntry(dir, key, { announcement: a, extraction });
  return extraction;
}

/** What the cache gave for one announcement: its key, and its extraction if one was stored. */
export interface CacheLookup {
  key: string;
  extraction?: Extraction;
}

export class ExtractionCache {
  private readonly used = new Set<string>();
  hits = 0;
  misses = 0;

  /** @param reuse false to extract everything again (entries are still written, for the build's own use) */
  /** @param dir where the entries are kept (a worker that extracts writes its entries there with {@link extractInto}) */
  constructor(
    readonly dir: string,
    private readonly fingerprint: string,
    private readonly reuse = true,
  ) {}

  key(a: Announcement): string {
    return createHash('sha256').update(this.fingerprint).update('\n').update(JSON.stringify(a)).digest('hex');
  }

  /**
   * Reads what the cache holds for `a`: its key, and its extraction when an
   * entry for it is there (and reuse is on). Nothing is counted: lookups may be
   * started ahead of their use, and a duplicate's dropped; {@link take} counts
   * the one the run uses.
   */
  async lookup(a: Announcement, key: string = this.key(a)): Promise<CacheLookup> {
    if (this.reuse) {
      const found = await this.read(key).catch(() => undefined);
      if (found?.extraction && found.announcement.id === a.id) return { key, extraction: found.extraction };
    }
    return { key };
  }

  /**
   * Counts a lookup as used by this run, found or not. Without an extraction,
   * the caller extracts and stores it (`extractInto`); either way the entry is
   * kept at the end of the run.
   */
  take(found: CacheLookup): CacheLookup {
    this.used.add(found.key);
    if (found.extraction) this.hits++;
    else this.misses++;
    return found;
  }

  /** Reads an entry written by this run (the build's second pass). */
  read(key: string): Promise<CacheEntry> {
    return readFile(entryPath(this.dir, key), 'utf8').then((text) => JSON.parse(text) as CacheEntry);
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
