/**
 * The dumps read back with an independent parser (rapper, from Debian's
 * raptor2-utils, installed by .ci/run) and carry the same triples in every
 * format; the same files in another folder give the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Parser, Writer } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { captureIo } from '../support/capture-io.ts';

const RAPPER = '/usr/bin/rapper';
const haveRapper = existsSync(RAPPER);
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'loa-dumps-'));
  expect(await main(['build', '--out', join(work, 'out')], captureIo(REPO_ROOT))).toBe(0);
  for (const f of ['loa.nt', 'loa.ttl', 'loa.nq']) writeFileSync(join(work, f), gunzipSync(readFileSync(join(work, 'out/latest/dumps', `${f}.gz`))));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The triples of an N-Triples or N-Quads text as canonical, sorted N-Triples lines (graphs dropped). */
function canonicalTriples(text: string, format: 'N-Triples' | 'N-Quads'): string[] {
  const writer = new Writer({ format: 'N-Triples' });
  const lines = new Set(new Parser({ format }).parse(text).map((q) => writer.quadToString(q.subject, q.predicate, q.object)));
  return [...lines].sort();
}

describe('the dumps', () => {
  it.runIf(haveRapper || process.env.CI)('parse with rapper in every format', () => {
    for (const [file, syntax] of [['loa.nt', 'ntriples'], ['loa.ttl', 'turtle'], ['loa.nq', 'nquads']] as const) {
      expect(() => execFileSync(RAPPER, ['-q', '-i', syntax, '-c', `file://${join(work, file)}`], { stdio: 'pipe' }), file).not.toThrow();
    }
  });

  it.runIf(haveRapper || process.env.CI)('carry the same triples in Turtle as in N-Triples, as rapper reads them', () => {
    const turtleAsNt = execFileSync(RAPPER, ['-q', '-i', 'turtle', '-o', 'ntriples', `file://${join(work, 'loa.ttl')}`], { maxBuffer: 1 << 28 }).toString('utf8');
    expect(canonicalTriples(turtleAsNt, 'N-Triples')).toEqual(canonicalTriples(readFileSync(join(work, 'loa.nt'), 'utf8'), 'N-Triples'));
  });

  it('carry the same triples in N-Quads (graphs merged) as in N-Triples', () => {
    expect(canonicalTriples(readFileSync(join(work, 'loa.nq'), 'utf8'), 'N-Quads')).toEqual(canonicalTriples(readFileSync(join(work, 'loa.nt'), 'utf8'), 'N-Triples'));
  });

  it('are byte-identical when the same files are read from another folder', async () => {
    const elsewhere = join(work, 'somewhere', 'else', 'input');
    cpSync(join(REPO_ROOT, 'data/announcements'), elsewhere, { recursive: true });
    expect(await main(['build', '--input', elsewhere, '--out', join(work, 'out2')], captureIo(work))).toBe(0);
    for (const f of ['loa.nq.gz', 'loa.nt.gz', 'loa.ttl.gz']) {
      expect(readFileSync(join(work, 'out2/latest/dumps', f)).equals(readFileSync(join(work, 'out/latest/dumps', f))), f).toBe(true);
    }
  });
});
