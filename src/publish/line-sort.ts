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
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { byCodeUnits } from '../core/text.ts';

/** A sorted, de-duplicated copy of `lines`. */
function sortedUnique(lines: string[]): string[] {
  lines.sort(byCodeUnits);
  const out: string[] = [];
  let previous: string | undefined;
  for (const l of lines) {
    if (l !== previous) out.push(l);
    previous = l;
  }
  return out;
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
    let count = 0;
    if (this.files.length === 0) {
      for (const l of sortedUnique(this.run)) {
        await consume(l);
        count++;
      }
      this.run = [];
      return count;
    }
    if (this.run.length > 0) await this.spill();
    const readers = this.files.map((f) => createInterface({ input: createReadStream(f, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })[Symbol.asyncIterator]());
    // A min-heap of the current line of each run.
    const heap: { line: string; reader: number }[] = [];
    const push = (item: { line: string; reader: number }) => {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent]!.line <= heap[i]!.line) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
    };
    const pop = () => {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && heap[l]!.line < heap[m]!.line) m = l;
          if (r < heap.length && heap[r]!.line < heap[m]!.line) m = r;
          if (m === i) break;
          [heap[m], heap[i]] = [heap[i]!, heap[m]!];
          i = m;
        }
      }
      return top;
    };
    const next = async (reader: number) => {
      const r = await readers[reader]!.next();
      if (!r.done) push({ line: `${r.value}\n`, reader });
    };
    for (let i = 0; i < readers.length; i++) await next(i);
    let previous: string | undefined;
    while (heap.length > 0) {
      const { line, reader } = pop();
      if (line !== previous) {
        await consume(line);
        count++;
        previous = line;
      }
      await next(reader);
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
