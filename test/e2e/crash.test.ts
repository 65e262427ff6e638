/**
 * Crash safety: builds killed with SIGKILL at spread-out moments (during
 * ingest, extraction, dump writing, release assembly and the switch of
 * `latest`) never leave a half-written release, `latest` always names a
 * complete one, and a normal run afterwards gives what a clean full run gives.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { CHECKSUMS, verifyChecksums } from '../../src/publish/release.ts';
import { captureIo } from '../support/capture-io.ts';

const KILLS = 12;
let work: string;

/** Starts a build in a child process and kills it with SIGKILL after `delayMs` (unless it ends first). */
function buildKilledAfter(input: string, out: string, delayMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'pipeline/main.ts'), 'build', '--input', input, '--out', out], { cwd: REPO_ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`the build exited with ${code}`));
    });
  });
}

/** Every release folder is complete, and latest (once it exists) points at one. */
async function checkInvariant(out: string, context: string): Promise<string | undefined> {
  const releases = join(out, 'releases');
  if (!existsSync(releases)) return undefined;
  for (const name of readdirSync(releases)) {
    if (name.startsWith('.staging-')) continue;
    expect(existsSync(join(releases, name, CHECKSUMS)), `${context}: releases/${name} has no checksums`).toBe(true);
    expect(await verifyChecksums(join(releases, name)), `${context}: releases/${name}`).toEqual([]);
  }
  if (!existsSync(join(out, 'latest'))) return undefined;
  const target = readlinkSync(join(out, 'latest'));
  expect(existsSync(join(out, target, CHECKSUMS)), `${context}: latest → ${target}`).toBe(true);
  return target;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'loa-crash-'));
  cpSync(join(REPO_ROOT, 'data/announcements'), join(work, 'a'), { recursive: true });
  cpSync(join(REPO_ROOT, 'data/announcements'), join(work, 'b'), { recursive: true });
  const changed = join(work, 'b', 'moj-2021-05-ban-hanh-thong-tu-03-2021.txt');
  writeFileSync(changed, readFileSync(changed, 'utf8').replace('Bộ Tư pháp', 'Bộ Tư pháp (bản sửa)'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a build killed with SIGKILL', () => {
  it(`never leaves a partial release or a dangling latest (${KILLS} kills)`, { timeout: 300_000 }, async () => {
    const out = join(work, 'out');
    expect(await main(['build', '--input', join(work, 'a'), '--out', out], captureIo(REPO_ROOT))).toBe(0);
    // One uninterrupted run in a child process gives the time scale; the kills are spread over it.
    const started = performance.now();
    expect(await buildKilledAfter(join(work, 'b'), out, 600_000)).toBe('finished');
    const whole = performance.now() - started;
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      // Alternate the input so that a run that gets far enough has a new release to switch to.
      const input = join(work, i % 2 === 0 ? 'a' : 'b');
      const delay = Math.round(whole * (0.25 + (0.8 * i) / KILLS));
      const outcome = await buildKilledAfter(input, out, delay);
      outcomes.push(`${delay} ms: ${outcome}`);
      expect(await checkInvariant(out, `after kill ${i} at ${delay} ms`)).toMatch(/^releases\//);
    }
    // Some runs must have been cut short, or the test proved nothing.
    expect(outcomes.filter((o) => o.endsWith('killed')).length, `whole run ${Math.round(whole)} ms\n${outcomes.join('\n')}`).toBeGreaterThanOrEqual(KILLS / 2);

    // A normal run after the crashes equals a clean full run, byte for byte.
    expect(await main(['build', '--input', join(work, 'b'), '--out', out], captureIo(REPO_ROOT))).toBe(0);
    const clean = join(work, 'clean');
    expect(await main(['build', '--input', join(work, 'b'), '--out', clean, '--no-cache'], captureIo(REPO_ROOT))).toBe(0);
    for (const f of ['loa.nq.gz', 'loa.nt.gz', 'loa.ttl.gz', 'loa.jsonld.gz']) {
      expect(readFileSync(join(out, 'latest/dumps', f)).equals(readFileSync(join(clean, 'latest/dumps', f))), f).toBe(true);
    }
    expect(readlinkSync(join(out, 'latest'))).toBe(readlinkSync(join(clean, 'latest')));
    // The staging folders of the killed runs are cleared by the next run.
    expect(readdirSync(join(out, 'releases')).filter((n) => n.startsWith('.staging-'))).toEqual([]);
  });
});
