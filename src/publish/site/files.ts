/**
 * Writes many small files under one folder: parent folders made once each, a
 * bounded number of writes in flight (a site has several files per entity, so
 * hundreds of thousands at scale), and the bytes and SHA-256 of any file the
 * caller wants to list in the release. Given a checksum map, every file's
 * SHA-256 goes into it as the file is written, so the release's SHA256SUMS
 * need not read the files back. Given the previous release, a file with the
 * same path and bytes there is hard-linked from it instead of written: a
 * release changes few of its files, and releases are never modified once made.
 * A caller that knows a file would be the same without making it (an unchanged
 * page, see traces.ts) takes it from the previous release with `reuseAll`.
 */
import { copyFileSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256Hex } from '../../core/hash.ts';
import type { ReleaseContext } from '../release-context.ts';
import { readChecksums } from '../release.ts';

/** Writes in flight at once: enough to keep the disk busy, few enough to keep memory flat. */
const IN_FLIGHT = 32;

export interface WrittenFile {
  /** Path relative to the folder, with `/`. */
  path: string;
  bytes: number;
  sha256: string;
}

/** Where a batch records the SHA-256 of each file it writes: the map, keyed by `prefix` + the file's path. */
export interface ChecksumRecord {
  into: Map<string, string>;
  prefix: string;
  /** The previous release, whose files of the same path (`prefix` + path) and SHA-256 are linked, not written again. */
  previous?: PreviousFiles;
}

/** A finished release's folder and the SHA-256 of its files by path (its SHA256SUMS). */
export interface PreviousFiles {
  dir: string;
  sums: ReadonlyMap<string, string>;
}

export class FileBatch {
  private readonly made = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  /** The first write that failed; reported by the next `write` or `flush`. */
  private failure: unknown;

  constructor(
    readonly root: string,
    private readonly checksums?: ChecksumRecord,
  ) {}

  /** Empties the folder first, so a second write leaves no file of the first. */
  static async fresh(root: string, checksums?: ChecksumRecord): Promise<FileBatch> {
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    return new FileBatch(root, checksums);
  }

  /**
   * Queues a UTF-8 file; resolves once it may be followed by another (not necessarily written yet: see `flush`).
   * The SHA-256 is computed when `hashed` or when the batch records checksums (it is '' otherwise).
   */
  async write(path: string, text: string, hashed = false): Promise<WrittenFile> {
    const bytes = Buffer.from(text, 'utf8');
    const target = join(this.root, path);
    const dir = dirname(target);
    if (!this.made.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.made.add(dir);
    }
    while (this.pending.size >= IN_FLIGHT) await Promise.race(this.pending);
    if (this.failure !== undefined) throw this.failure;
    const sha256 = hashed || this.checksums ? sha256Hex(bytes) : '';
    const key = `${this.checksums?.prefix ?? ''}${path}`;
    const previous = this.checksums?.previous;
    const same = previous !== undefined && previous.sums.get(key) === sha256;
    // A link that cannot be made (a file system without them, the earlier file gone) falls back to writing.
    const put = same ? link(join(previous.dir, key), target).catch(() => writeFile(target, bytes)) : writeFile(target, bytes);
    const job: Promise<void> = put
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
    this.checksums?.into.set(key, sha256);
    return { path, bytes: bytes.length, sha256 };
  }

  /** Whether the previous release has every one of these files (paths relative to the folder), so `reuseAll` may take them. */
  canReuse(paths: readonly string[]): boolean {
    const previous = this.checksums?.previous;
    return previous !== undefined && paths.every((p) => previous.sums.has(`${this.checksums!.prefix}${p}`));
  }

  /**
   * Takes the previous release's files at these paths (see `canReuse`), hard-linked, or copied where a
   * link cannot be made, and records and returns their SHA-256. All or none: when one cannot be taken (the
   * previous release lost it), those already taken are removed and undefined is returned, so the caller
   * writes them. Done at once rather than queued: a link costs about what queuing it would.
   */
  reuseAll(paths: readonly string[]): string[] | undefined {
    const previous = this.checksums?.previous;
    if (previous === undefined || !this.canReuse(paths)) return undefined;
    const taken: string[] = [];
    for (const path of paths) {
      const target = join(this.root, path);
      const dir = dirname(target);
      if (!this.made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.made.add(dir);
      }
      const source = join(previous.dir, `${this.checksums!.prefix}${path}`);
      try {
        try {
          linkSync(source, target);
        } catch {
          copyFileSync(source, target);
        }
        taken.push(target);
      } catch {
        // A file shared with the previous release is only unlinked here, never written through.
        for (const t of taken) rmSync(t, { force: true });
        return undefined;
      }
    }
    return paths.map((path) => {
      const key = `${this.checksums!.prefix}${path}`;
      const sha256 = previous.sums.get(key)!;
      this.checksums!.into.set(key, sha256);
      return sha256;
    });
  }

  /** Waits for every queued write; throws the first failure. */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure !== undefined) throw this.failure;
  }
}

/** The previous release's checksums, read once per thread however many writers ask (only the last release asked for is kept). */
const previousSums = new Map<string, Promise<Map<string, string> | undefined>>();

/** The previous release of `ctx` as a batch takes it; undefined for a first release or one whose list cannot be read. */
export async function previousFiles(ctx: Pick<ReleaseContext, 'previousDir'>): Promise<PreviousFiles | undefined> {
  const dir = ctx.previousDir;
  if (dir === undefined) return undefined;
  let sums = previousSums.get(dir);
  if (!sums) {
    sums = readChecksums(dir).catch(() => undefined);
    previousSums.clear();
    previousSums.set(dir, sums);
  }
  const read = await sums;
  return read && { dir, sums: read };
}
