/**
 * Reading a gzipped dump line by line (by callback, or as an iteration that
 * may await between lines): every line once, in order, whole even where a
 * chunk of the decompressed stream ends inside a line or inside a character,
 * with or without a final line feed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachGzipLine, gzipLineBatches, gzipLines } from '../../src/core/gzip-lines.ts';

const work = mkdtempSync(join(tmpdir(), 'loa-gzip-lines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function linesOf(text: string): Promise<string[]> {
  const path = join(work, `f${Math.random().toString(36).slice(2)}.gz`);
  writeFileSync(path, gzipSync(Buffer.from(text, 'utf8')));
  const lines: string[] = [];
  await forEachGzipLine(path, (line) => lines.push(line));
  return lines;
}

describe('forEachGzipLine', () => {
  it('gives every line of a file much larger than a stream chunk, multi-byte characters whole', async () => {
    // Lines of varying length in Vietnamese (two- and three-byte UTF-8), so chunk ends fall inside characters.
    const lines = Array.from({ length: 40_000 }, (_, i) => `<s${i}> <p> "Bộ trưởng Nguyễn Văn ${'Đạt'.repeat(i % 17)}"@vi .`);
    expect(await linesOf(`${lines.join('\n')}\n`)).toEqual(lines);
  });

  it('gives the last line when the file does not end with a line feed, and skips empty lines', async () => {
    expect(await linesOf('a\n\nb\nthứ ba')).toEqual(['a', 'b', 'thứ ba']);
    expect(await linesOf('')).toEqual([]);
  });

  it('rejects on a file that is not gzip, and on a missing file', async () => {
    const bad = join(work, 'bad.gz');
    writeFileSync(bad, 'not gzip at all');
    await expect(forEachGzipLine(bad, () => undefined)).rejects.toThrow();
    await expect(forEachGzipLine(join(work, 'missing.gz'), () => undefined)).rejects.toThrow(/ENOENT/);
  });

  it('rejects with the error the callback throws, and reads no further', async () => {
    const path = join(work, 'stop.gz');
    writeFileSync(path, gzipSync('a\nb\nc\n'));
    const seen: string[] = [];
    const stop = (line: string) => {
      seen.push(line);
      if (line === 'b') throw new Error('stop at b');
    };
    await expect(forEachGzipLine(path, stop)).rejects.toThrow('stop at b');
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('gzipLines and gzipLineBatches', () => {
  const write = (name: string, text: string) => {
    const path = join(work, name);
    writeFileSync(path, gzipSync(Buffer.from(text, 'utf8')));
    return path;
  };
  const collect = async (path: string) => {
    const lines: string[] = [];
    for await (const line of gzipLines(path)) lines.push(line);
    return lines;
  };

  it('give the same lines as the callback, in batches that cut no line or character', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `<s${i}> <p> "Thứ trưởng ${'Bộ Tư pháp '.repeat(i % 13)}"@vi .`);
    const path = write('many.gz', `${lines.join('\n')}\n\n`);
    expect(await collect(path)).toEqual(lines);
    const batches: string[][] = [];
    for await (const batch of gzipLineBatches(path)) batches.push(batch);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(lines);
    expect(await collect(write('last.gz', 'a\n\nb\nthứ ba'))).toEqual(['a', 'b', 'thứ ba']);
  });

  it('reject on a file that is not gzip, a file cut short, and a missing file', async () => {
    const whole = gzipSync(Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n')));
    const cut = join(work, 'cut.gz');
    writeFileSync(cut, whole.subarray(0, whole.length - 20));
    const bad = join(work, 'bad2.gz');
    writeFileSync(bad, 'not gzip at all');
    await expect(collect(bad)).rejects.toThrow();
    await expect(collect(cut)).rejects.toThrow();
    await expect(collect(join(work, 'missing2.gz'))).rejects.toThrow(/ENOENT/);
  });

  it('close the file when the reader stops early', async () => {
    const path = write('early.gz', 'a\nb\nc\n');
    for await (const line of gzipLines(path)) if (line === 'a') break;
    // Nothing is left open to keep the test process alive, and the file can be read again.
    expect(await collect(path)).toEqual(['a', 'b', 'c']);
  });
});
