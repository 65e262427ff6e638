/**
 * Writes many small files under one folder: parent folders made once each, a
 * bounded number of writes in flight (a site has several files per entity, so
 * hundreds of thousands at scale), and the bytes and SHA-256 of any file the
 * caller wants to list in the release.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256Hex } from '../../core/hash.ts';

/** Writes in flight at once: enough to keep the disk busy, few enough to keep memory flat. */
const IN_FLIGHT = 32;

export interface WrittenFile {
  /** Path relative to the folder, with `/`. */
  path: string;
  bytes: number;
  sha256: string;
}

export class FileBatch {
  private readonly made = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  /** The first write that failed; reported by the next `write` or `flush`. */
  private failure: unknown;

  constructor(readonly root: string) {}

  /** Empties the folder first, so a second write leaves no file of the first. */
  static async fresh(root: string): Promise<FileBatch> {
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    return new FileBatch(root);
  }

  /**
   * Queues a UTF-8 file; resolves once it may be followed by another (not necessarily written yet: see `flush`).
   * The SHA-256 is computed only when `hashed` (it is '' otherwise): most files are not listed in the release.
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
    const job: Promise<void> = writeFile(target, bytes)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
    return { path, bytes: bytes.length, sha256: hashed ? sha256Hex(bytes) : '' };
  }

  /** Waits for every queued write; throws the first failure. */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure !== undefined) throw this.failure;
  }
}
