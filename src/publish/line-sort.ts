/**
 * Sorting and de-duplicating more lines than should sit in memory: lines are
 * collected in runs of at most `runLines`; each full run is sorted (by UTF-16
 * code units, as the dumps are), de-duplicated and written to a temporary
 * file; `drain` merges the runs (a k-way merge over a small heap) and hands
 * each distinct line to the consumer once, in order. When everything fits in
 * one run nothing touches the disk. The union of all graphs (the N-Triples
 * and Turtle dumps) goes through here, so memory stays bounded by the run size
 * however large the dataset.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/**
 * A sorted, de-duplicated copy of `lines`. The default sort of an array of
 * strings compares UTF-16 code units, as `byCodeUnits` does, without a
 * comparator call per comparison.
 */
function sortedUnique(lines: string[]): string[] {
  lines.sort();
  const out: string[] = [];
  let previous: string | undefined;
  for (const l of lines) {
    if (l !== previous) out.push(l);
    previous = l;
  }
  return out;
}

/** Lines handed to a batch consumer at a time. */
const BATCH_LINES = 4096;

/**
 * Bytes read from the run files at a time, all runs together, and the bounds of one run's share. Each
 * reader holds its chunk twice (the bytes, and the text decoded from them): with a fixed 1 MB per run,
 * the quotes of the 100k corpus (about 90 runs; 28 at 30k) held some 300 MB in their merge.
 */
const MERGE_READ_BYTES = 32 << 20;
const MIN_READ_BYTES = 64 << 10;
const MAX_READ_BYTES = 1 << 20;

/** One run's share of {@link MERGE_READ_BYTES} when `runs` runs are merged. */
export function readBytesPerRun(runs: number): number {
  return Math.max(MIN_READ_BYTES, Math.min(MAX_READ_BYTES, Math.floor(MERGE_READ_BYTES / Math.max(1, runs))));
}

/** A run file read in large chunks, its lines (with their newlines) kept until taken. */
class RunReader {
  private lines: string[] = [];
  private at = 0;
  private rest = '';
  private done = false;
  private readonly decoder = new StringDecoder('utf8');
  private readonly buffer: Buffer;

  private constructor(
    private readonly file: FileHandle,
    readBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(readBytes);
  }

  static async open(path: string, readBytes: number): Promise<RunReader> {
    const reader = new RunReader(await open(path, 'r'), readBytes);
    await reader.fill();
    return reader;
  }

  /** The current line, or undefined once the file is exhausted. */
  get line(): string | undefined {
    return this.lines[this.at];
  }

  /** Moves to the next line; true when the buffered lines ran out and `fill` must be awaited. */
  advance(): boolean {
    this.at++;
    return this.at >= this.lines.length && !this.done;
  }

  /** Reads the next chunk's whole lines (reading on until at least one line or the end). */
  async fill(): Promise<void> {
    this.lines = [];
    this.at = 0;
    while (this.lines.length === 0 && !this.done) {
      const { bytesRead } = await this.file.read(this.buffer, 0, this.buffer.length, null);
      let text: string;
      if (bytesRead === 0) {
        this.done = true;
        text = this.rest + this.decoder.end();
        this.rest = '';
        await this.file.close();
      } else {
        text = this.rest + this.decoder.write(this.buffer.subarray(0, bytesRead));
        const cut = text.lastIndexOf('\n') + 1;
        this.rest = text.slice(cut);
        text = text.slice(0, cut);
      }
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        this.lines.push(text.slice(from, nl + 1));
        from = nl + 1;
      }
      if (this.done && from < text.length) this.lines.push(`${text.slice(from)}\n`);
    }
  }

  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.file.close();
    }
  }
}

export class LineSorter {
  private run: string[] = [];
  private readonly files: string[] = [];

  /**
   * @param tmpDir a folder for the run files (created when first needed, removed by `drain`)
   * @param runLines lines held in memory before a run is written out
   */
  constructor(
    private readonly tmpDir: string,
    private readonly runLines = 500_000,
  ) {}

  /** Adds lines; each must end with its newline and hold no other newline. */
  async add(lines: Iterable<string>): Promise<void> {
    for (const l of lines) {
      this.run.push(l);
      if (this.run.length >= this.runLines) await this.spill();
    }
  }

  private async spill(): Promise<void> {
    const lines = sortedUnique(this.run);
    this.run = [];
    await mkdir(this.tmpDir, { recursive: true });
    const path = join(this.tmpDir, `run-${this.files.length}.txt`);
    const out = createWriteStream(path);
    await writeLines(out, lines);
    this.files.push(path);
  }

  /** Hands every distinct line to `consume` in sorted order; returns how many there were. */
  async drain(consume: (line: string) => Promise<void> | void): Promise<number> {
    return this.drainBatches(async (lines) => {
      for (const l of lines) await consume(l);
    });
  }

  /**
   * Hands every distinct line to `consume` in sorted order, a few thousand at a
   * time (one call per batch, not one promise per line); returns how many lines there were.
   */
  async drainBatches(consume: (lines: string[]) => Promise<void> | void): Promise<number> {
    let count = 0;
    if (this.files.length === 0) {
      const lines = sortedUnique(this.run);
      this.run = [];
      for (let i = 0; i < lines.length; i += BATCH_LINES) await consume(lines.slice(i, i + BATCH_LINES));
      return lines.length;
    }
    if (this.run.length > 0) await this.spill();
    const readBytes = readBytesPerRun(this.files.length);
    const readers = await Promise.all(this.files.map((f) => RunReader.open(f, readBytes)));
    try {
      // A min-heap of the readers, by their current line.
      const heap = readers.filter((r) => r.line !== undefined);
      const less = (a: RunReader, b: RunReader) => a.line! < b.line!;
      const siftDown = (i: number) => {
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
          if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
          if (m === i) return;
          [heap[m], heap[i]] = [heap[i]!, heap[m]!];
          i = m;
        }
      };
      for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
      let batch: string[] = [];
      let previous: string | undefined;
      while (heap.length > 0) {
        const top = heap[0]!;
        const line = top.line!;
        if (line !== previous) {
          batch.push(line);
          count++;
          previous = line;
          if (batch.length >= BATCH_LINES) {
            await consume(batch);
            batch = [];
          }
        }
        if (top.advance()) await top.fill();
        if (top.line === undefined) {
          const last = heap.pop()!;
          if (heap.length > 0) heap[0] = last;
        }
        if (heap.length > 0) siftDown(0);
      }
      if (batch.length > 0) await consume(batch);
    } finally {
      await Promise.all(readers.map((r) => r.close()));
    }
    await rm(this.tmpDir, { recursive: true, force: true });
    return count;
  }
}

async function writeLines(out: WriteStream, lines: string[]): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  let batch: string[] = [];
  let size = 0;
  for (const l of lines) {
    batch.push(l);
    size += l.length;
    if (size >= 1 << 20) {
      if (!out.write(batch.join(''))) await once(out, 'drain');
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) out.write(batch.join(''));
  out.end();
  await done;
}
