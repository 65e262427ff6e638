/**
 * `npm run bench -- [--size 1k|10k|100k] [--only generate,build,extract,floors,sparql,virtuoso,endpoint,adversarial,incremental] [--keep] [--endpoint-seconds N]`
 *
 * Generates (or reuses) the synthetic corpus, runs the selected measurements,
 * merges their figures into `bench/results.json`, rewrites `bench/RESULTS.md`
 * and prints the tables. Corpora stay in `bench/out/` (reused while the
 * generator is unchanged); the build output is removed afterwards unless
 * `--keep` is given (keep it to rerun `--only floors`, `--only sparql` or
 * `--only endpoint`). `--endpoint-seconds` is the length of each load of the
 * endpoint stage (default 20; 3 is enough for a quick look).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureAdversarial } from './adversarial.ts';
import { ENDPOINT_SECONDS, measureEndpoint } from './endpoint.ts';
import { measureFloors } from './floors.ts';
import { ensureCorpus, SIZES, type SizeName } from './generate.ts';
import { INCREMENTAL_SHARE, measureBuild, measureIncremental } from './measure-build.ts';
import { measureExtract } from './measure-extract.ts';
import { currentCommit, machineInfo, renderMarkdown, renderText, type Results, type RunResult, type Stage, STAGES } from './report.ts';
import { measureSparql } from './sparql.ts';
import { measureVirtuoso } from './virtuoso.ts';
import { OUT_ROOT } from './stats.ts';

const RESULTS_JSON = fileURLToPath(new URL('./results.json', import.meta.url));
const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

/** The repository's folder, with its separator: paths under it are written relative to it. */
const REPO_PREFIX = fileURLToPath(new URL('../', import.meta.url));

/** A JSON replacer: a string naming a path under the repository (alone or in a command line) names it relative to it, so the committed figures hold no path of the machine they ran on. */
function repoRelative(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.includes(REPO_PREFIX) ? value.replaceAll(REPO_PREFIX, '') : value;
}

interface Options {
  size: SizeName;
  only: Set<Stage>;
  keep: boolean;
  /** Seconds of each load of the endpoint stage. */
  endpointSeconds: number;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: '1k' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'endpoint-seconds': { type: 'string', default: String(ENDPOINT_SECONDS) },
    },
    strict: true,
  });
  if (!(values.size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const endpointSeconds = Number(values['endpoint-seconds']);
  if (!Number.isInteger(endpointSeconds) || endpointSeconds < 1) throw new Error('--endpoint-seconds must be a whole number of seconds, at least 1');
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : defaultStages(values.size as SizeName);
  const unknown = only.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`--only takes ${STAGES.join(',')}; unknown: ${unknown.join(',')}`);
  return { size: values.size as SizeName, only: new Set(only as Stage[]), keep: values.keep, endpointSeconds };
}

/**
 * Sizes whose release one in-memory store holds (the query command's and the endpoint's) run the
 * SPARQL and endpoint stages; the largest runs the Virtuoso stage instead, which the others run only
 * when asked (`--only virtuoso`).
 */
const FITS_IN_MEMORY: ReadonlySet<SizeName> = new Set(['1k', '10k']);

function defaultStages(size: SizeName): Stage[] {
  const skipped: Stage[] = FITS_IN_MEMORY.has(size) ? ['virtuoso'] : ['sparql', 'endpoint'];
  return STAGES.filter((s) => !skipped.includes(s));
}

function readResults(): Results | undefined {
  try {
    return JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

const log = (text: string): void => void process.stderr.write(`bench: ${text}\n`);

async function main(argv: string[]): Promise<number> {
  const options = readOptions(argv);
  const n = SIZES[options.size];
  const commit = currentCommit();
  const previous = readResults();
  const run: RunResult = previous?.runs[options.size] ?? { size: options.size, announcements: n, measured: {} };
  run.announcements = n;
  let stageStart = performance.now();
  const begin = (stage: Stage, what: string) => {
    log(`${stage}: ${what} …`);
    stageStart = performance.now();
  };
  const mark = (stage: Stage) => (run.measured[stage] = { at: new Date().toISOString(), commit, seconds: (performance.now() - stageStart) / 1000, load: loadavg()[0]! });
  const out = join(OUT_ROOT, `build-${options.size}`);
  const scratch = join(OUT_ROOT, 'scratch');

  begin('generate', `corpus of ${n} announcements`);
  const corpus = ensureCorpus(n, options.size, OUT_ROOT);
  log(corpus.reused ? `reusing ${corpus.dir}` : `generated ${corpus.dir} in ${corpus.seconds.toFixed(1)} s`);
  if (options.only.has('generate')) {
    run.corpus = corpus;
    mark('generate');
  }

  const needsDumps = options.only.has('floors') || options.only.has('sparql') || options.only.has('virtuoso') || options.only.has('endpoint');
  if (options.only.has('build') || ((needsDumps || options.only.has('incremental')) && !existsSync(join(out, 'report.json')))) {
    begin('build', `building ${options.size} with the real CLI in a child process`);
    run.build = await measureBuild(corpus.dir, out);
    mark('build');
  }
  if (options.only.has('extract')) {
    begin('extract', 'timing ingest and extraction in-process');
    run.extract = await measureExtract(corpus.dir);
    mark('extract');
  }
  const dumpsReady = existsSync(join(out, 'latest', 'dumps', 'loa.nq.gz'));
  if (needsDumps && !dumpsReady) {
    log(`no released dumps in ${out} (build exit ${run.build?.exitCode ?? '?'}, ${run.build?.violations ?? '?'} shape violations): floors, SPARQL and the endpoint are skipped`);
  }
  if (options.only.has('floors') && dumpsReady) {
    begin('floors', 'the StreamWriter, DumpWriter and read floors');
    run.floors = await measureFloors(out, scratch);
    mark('floors');
  }
  if (options.only.has('sparql') && dumpsReady) {
    begin('sparql', 'loading both engines and running the query mix');
    run.sparql = await measureSparql(out);
    mark('sparql');
  }
  if (options.only.has('virtuoso') && dumpsReady) {
    begin('virtuoso', 'bulk-loading Virtuoso and running the query mix over HTTP');
    const fits = FITS_IN_MEMORY.has(options.size);
    try {
      run.virtuoso = await measureVirtuoso(out, join(scratch, 'virtuoso'), fits, fits ? undefined : `loa's engine holds a release in one in-memory store, which the ${options.size} release does not fit (README, "SPARQL at 100k")`);
      mark('virtuoso');
    } catch (e) {
      // Virtuoso is a separate install: without it (or when it fails) the other stages' figures are still written.
      log(`virtuoso: not measured: ${(e as Error).message}`);
    }
  }
  if (options.only.has('endpoint') && dumpsReady) {
    begin('endpoint', `loa's server under autocannon, ${options.endpointSeconds} s per load`);
    run.endpoint = await measureEndpoint(out, { seconds: options.endpointSeconds });
    mark('endpoint');
  }
  if (options.only.has('adversarial')) {
    begin('adversarial', '1 MB adversarial bodies');
    run.adversarial = await measureAdversarial();
    mark('adversarial');
  }

  // Last, as it replaces the build output's release with that of the changed corpus.
  if (options.only.has('incremental') && run.build && existsSync(join(out, 'report.json'))) {
    begin('incremental', `changing ${INCREMENTAL_SHARE * 100}% of the files and building again with the cache`);
    run.incremental = await measureIncremental(corpus.dir, out, scratch, run.build);
    mark('incremental');
  }

  const machine = machineInfo();
  const results: Results = { machine, runs: { ...previous?.runs, [options.size]: run } };
  writeFileSync(RESULTS_JSON, `${JSON.stringify(results, repoRelative, 2)}\n`);
  writeFileSync(RESULTS_MD, renderMarkdown(results));
  process.stdout.write(`${renderText(run, machine)}\n`);
  log(`wrote ${RESULTS_JSON} and ${RESULTS_MD}`);
  if (!options.keep) {
    rmSync(out, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
