/**
 * `loa eval`: builds a folder of announcements into a temporary output and
 * scores the dumps with the shared scorer. Needs the shared evaluation folder
 * beside the repository unless --docs and --gold are given.
 */
import { spawn } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../src/core/config.ts';
import { runBuild } from './build.ts';
import { print, type Io } from './io.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED_EVAL = resolve(REPO_ROOT, '../shared/eval');

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export async function runEval(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      docs: { type: 'string' },
      gold: { type: 'string' },
      out: { type: 'string' },
      scorer: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const docs = values.docs ? resolve(io.cwd, values.docs) : join(SHARED_EVAL, 'dev/docs');
  const gold = values.gold ? resolve(io.cwd, values.gold) : join(SHARED_EVAL, 'dev/gold.jsonl');
  const scorer = values.scorer ? resolve(io.cwd, values.scorer) : join(SHARED_EVAL, 'score.mjs');
  for (const [what, path] of [['announcements folder', docs], ['gold file', gold], ['scorer', scorer]] as const) {
    if (!(await exists(path))) {
      print(io.stderr, `loa eval: no ${what} at ${path}\nthe development set lives in the shared evaluation folder beside the repository; give --docs, --gold and --scorer to use another`);
      return 2;
    }
  }
  const out = values.out ? resolve(io.cwd, values.out) : await mkdtemp(join(tmpdir(), 'loa-eval-'));
  try {
    const quiet: Io = { ...io, stderr: { ...io.stderr, isTTY: false, write: () => true } as unknown as Io['stderr'] };
    await runBuild({ input: docs, out, base: DEFAULT_BASE_IRI, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, quiet);
    const args = [scorer, '--gold', gold, '--dump', join(out, 'latest/dumps')];
    if (values.verbose) args.push('--verbose');
    return await new Promise<number>((done) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d: Buffer) => io.stdout.write(d));
      child.stderr.on('data', (d: Buffer) => io.stderr.write(d));
      child.on('close', (code) => done(code ?? 1));
    });
  } finally {
    if (!values.out) await rm(out, { recursive: true, force: true });
  }
}
