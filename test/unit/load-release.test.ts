/**
 * Loading a release into the query store: a dump that cannot be loaded fails
 * the load with the file and how far it got, whether the bad statement is in
 * the last piece of the file or in one loaded while the file is still being
 * read (pieces are about 32 MB); it never ends the process.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRelease } from '../../src/sparql/load-release.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A release folder whose N-Quads dump is `good` statements, one broken line and `more` statements, and a one-line N-Triples dump. */
function release(good: number, more = 0): string {
  const dir = mkdtempSync(join(tmpdir(), 'loa-load-release-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'dumps'));
  const lines: string[] = [];
  const statement = (i: number) => `<https://example.org/s/${i}> <http://schema.org/name> "Bộ Tư pháp, bản tin số ${i} về công tác phổ biến pháp luật" <https://example.org/graph/${i % 100}> .\n`;
  for (let i = 0; i < good; i++) lines.push(statement(i));
  lines.push('<https://example.org/broken> <http://schema.org/name> not-a-term .\n');
  for (let i = good; i < good + more; i++) lines.push(statement(i));
  writeFileSync(join(dir, 'dumps', 'loa.nq.gz'), gzipSync(lines.join(''), { level: 1 }));
  writeFileSync(join(dir, 'dumps', 'loa.nt.gz'), gzipSync('<https://example.org/s/0> <http://schema.org/name> "x" .\n'));
  return dir;
}

describe('a dump that cannot be loaded', () => {
  it('fails the load with the file and the statements loaded before, in the last piece', async () => {
    const dir = release(10);
    await expect(loadRelease(dir)).rejects.toThrow(/loa\.nq\.gz: .*after 0 statements/);
  });

  it('fails the load, not the process, in a piece loaded while the file is read', async () => {
    // About 40 MB of statements before the broken line and as many after: the first piece loads, and the
    // second, which holds the broken line, is loaded from the stream, before the end of the file.
    const dir = release(300_000, 300_000);
    await expect(loadRelease(dir)).rejects.toThrow(/loa\.nq\.gz: .*after [1-9][\d,]* statements/);
  }, 60_000);
});
