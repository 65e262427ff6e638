/**
 * The `loa` command: a function of argv and I/O, so tests call it in-process.
 *
 *   loa build [--input DIR] [--out DIR] [--base IRI] [--max-file-size BYTES]
 *   loa query [--out DIR] [--format table|json|csv|tsv|turtle|ntriples] QUERY|FILE.rq
 *   loa eval  [--docs DIR] [--gold FILE] [--out DIR]
 *
 * Exit codes: 0 success; 1 the run failed (environment, bad query); 2 usage error;
 * 3 (build) the run completed but some input was rejected (see OUT/report.txt);
 * 4 (build) the output broke the SHACL shapes, so nothing was released (see OUT/report.txt).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { checkBaseIri, DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../src/core/config.ts';
import type { Publication } from '../src/publish/release-context.ts';
import { renderSummary } from '../src/publish/report.ts';
import { executeQuery } from '../src/sparql/engine.ts';
import { federatedQuery, type FederationOptions } from '../src/sparql/federation.ts';
import { publishRelease, type PublishOptions } from '../src/sparql/publish-store.ts';
import { SERVER_DEFAULTS, startServer, type ServerOptions } from '../src/sparql/server/index.ts';
import { loadRelease } from '../src/sparql/load-release.ts';
import { formatResult, RESULT_FORMATS, type ResultFormat } from '../src/sparql/result-formats.ts';
import { runBuild } from './build.ts';
import { runEval } from './eval.ts';
import { print, type Io } from './io.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, rejected: 3, invalid: 4 } as const;

/** The repository root (for the bundled sample corpus). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `usage: loa <command> [options]

commands:
  build   run the pipeline on a folder of announcements and publish a release
          --input DIR          announcements (default: the bundled data/announcements)
          --out DIR            output folder (default: dist); the release goes to
                               DIR/releases/<version>, DIR/latest points at it
          --base IRI           base of every minted IRI (default: ${DEFAULT_BASE_IRI})
          --max-file-size N    largest input file read, in bytes (default: ${DEFAULT_MAX_FILE_BYTES})
          --no-cache           extract every announcement again (default: reuse DIR/cache)
          --licence IRI        licence of the dataset (default: CC BY 4.0)
          --download-base IRI  where the release folder is served, for download URLs
                               (default: {base}release/)
  query   run a SPARQL 1.1 query over a published output folder
          --out DIR            output folder (default: dist)
          --format F           ${RESULT_FORMATS.join('|')} (default: table)
          --source URL         also query this SPARQL endpoint (or file@URL, an RDF file), with
                               Comunica; repeatable; nothing else is ever contacted
          --allow PREFIX       a further URL prefix SERVICE clauses and redirects may reach
          --no-release         query only the sources, not the release
          --timeout MS         deadline of a federated query (default 60000)
          QUERY                the query text, or a path to a .rq file
  publish upload the latest release to a SPARQL 1.1 Graph Store Protocol endpoint, one PUT
          (replace) per named graph
          --out DIR            output folder (default: dist)
          --to URL             the Graph Store endpoint (Virtuoso: http://HOST:8890/sparql-graph-crud-auth)
          --user U             user name (the password is read from LOA_STORE_PASSWORD)
          --retries N          retries after a network error or 5xx (default 3)
          --concurrency N      graphs sent at once (default 2)
          --graph-parameter P  graph (default) or graph-uri
          --prune              delete the store's loa graphs that the release no longer has
          --base IRI           the base IRI the release was built with, for --prune
          --sparql URL         the store's SPARQL endpoint, for --prune (default: /sparql on its host)
  serve   serve the latest release over HTTP: SPARQL 1.1 Protocol at /sparql, the query
          page at /, entity pages and files by content negotiation
          --out DIR            output folder (default: dist)
          --host H --port N    where to listen (default: ${SERVER_DEFAULTS.host}:${SERVER_DEFAULTS.port})
          --workers N          query worker threads, each holding the release (default: ${SERVER_DEFAULTS.workers})
          --max-concurrent N   queries running at once (default: the workers)
          --queue N            queries waiting beyond those (default: ${SERVER_DEFAULTS.queueLimit}); over it, 503
          --timeout MS         a query's deadline (default: ${SERVER_DEFAULTS.timeoutMs})
          --max-rows N         rows or triples sent at most (default: ${SERVER_DEFAULTS.maxRows})
          --max-query-bytes N  largest query text (default: ${SERVER_DEFAULTS.maxQueryBytes})
          --max-nesting N      deepest nesting in a query (default: ${SERVER_DEFAULTS.maxNesting})
          --allow-service IRI  a SERVICE endpoint queries may name (repeatable; default none)
          --public-url URL     the endpoint's address as clients see it (behind a proxy)
  eval    build a folder of announcements and score it against gold annotations
          --docs DIR --gold FILE (default: the development set in ../shared/eval/dev)

global: --debug prints stack traces; --help prints this text`;

class UsageError extends Error {}

/**
 * How far V8 lets a heap grow past what its last full collection kept, in percent, for every thread of a
 * build. By default a heap may grow to several times its live size before the next full collection: on the
 * 30k corpus each graph worker held about 190 MB alive and grew to 700 MB between collections, and the
 * build's peak RSS was 2.41 GB. At 50% it was 1.50 GB (see the README's memory figures).
 */
const HEAP_GROWING_PERCENT = 50;

/** Sets {@link HEAP_GROWING_PERCENT} for this process and the workers it starts; a value given on node's command line wins. */
function boundHeapGrowth(): void {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

export async function main(argv: string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [command, ...rest] = args;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      print(io.stdout, USAGE);
      return command ? EXIT.ok : EXIT.usage;
    }
    switch (command) {
      case 'build':
        return await buildCommand(rest, io);
      case 'query':
        return await queryCommand(rest, io);
      case 'eval':
        return await runEval(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case 'publish':
        return await publishCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    const err = e as Error;
    if (e instanceof UsageError || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      print(io.stderr, `loa: ${err.message}\nrun "loa --help" for the commands and options`);
      return EXIT.usage;
    }
    print(io.stderr, `loa: ${err.message}${debug && err.stack ? `\n${err.stack}` : ''}`);
    return EXIT.failed;
  }
}

async function buildCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string' },
      out: { type: 'string', default: 'dist' },
      base: { type: 'string', default: DEFAULT_BASE_IRI },
      'max-file-size': { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      licence: { type: 'string' },
      'download-base': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const base = checkBaseIri(values.base);
  if (typeof base !== 'string') throw new UsageError(base.error);
  const maxFileBytes = values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_BYTES : Number(values['max-file-size']);
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes <= 0) throw new UsageError(`--max-file-size takes a positive whole number of bytes`);
  const input = values.input ? resolve(io.cwd, values.input) : resolve(REPO_ROOT, 'data/announcements');
  const out = resolve(io.cwd, values.out);
  await assertFolder(input);
  const publication: Partial<Publication> = {};
  if (values.licence !== undefined) publication.licence = absoluteIri(values.licence, '--licence');
  if (values['download-base'] !== undefined) {
    publication.downloadBase = absoluteIri(values['download-base'], '--download-base');
    if (!publication.downloadBase.endsWith('/')) throw new UsageError('--download-base must end in /');
  }
  boundHeapGrowth();
  const report = await runBuild({ input, out, base, maxFileBytes, cache: !values['no-cache'], publication }, io);
  print(io.stdout, renderSummary(report.summary));
  print(io.stdout, `output           ${out}`);
  if (report.release) print(io.stdout, `release          ${report.release.version} (${resolve(out, 'latest')})`);
  if (!report.validation.released) {
    print(io.stdout, `NOT RELEASED: ${report.summary.violations} shape violations; the previous release is kept. See ${resolve(out, 'report.txt')}`);
    return EXIT.invalid;
  }
  if (report.summary.rejected > 0) {
    print(io.stdout, `some input was rejected: see ${resolve(out, 'report.txt')}`);
    return EXIT.rejected;
  }
  return EXIT.ok;
}

/** An absolute http(s) IRI given on the command line, or a usage error naming the option. */
function absoluteIri(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${option} takes an absolute IRI, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${option} takes an http or https IRI`);
  return url.href;
}

async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: 'dist' },
      host: { type: 'string' },
      port: { type: 'string' },
      workers: { type: 'string' },
      'max-concurrent': { type: 'string' },
      queue: { type: 'string' },
      timeout: { type: 'string' },
      'max-rows': { type: 'string' },
      'max-query-bytes': { type: 'string' },
      'max-nesting': { type: 'string' },
      'allow-service': { type: 'string', multiple: true },
      'public-url': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const whole = (name: string, min = 1): number | undefined => {
    const v = values[name as keyof typeof values];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number of at least ${min}`);
    return n;
  };
  const options: ServerOptions = { out: resolve(io.cwd, values.out), log: (line) => print(io.stderr, line) };
  if (values.host !== undefined) options.host = values.host;
  const numbers: [keyof ServerOptions, string, number][] = [
    ['port', 'port', 0],
    ['workers', 'workers', 1],
    ['maxConcurrent', 'max-concurrent', 1],
    ['queueLimit', 'queue', 0],
    ['timeoutMs', 'timeout', 1],
    ['maxRows', 'max-rows', 1],
    ['maxQueryBytes', 'max-query-bytes', 1],
    ['maxNesting', 'max-nesting', 1],
  ];
  for (const [key, name, min] of numbers) {
    const n = whole(name, min);
    if (n !== undefined) (options as unknown as Record<string, number>)[key] = n;
  }
  if (values['allow-service']) options.allowService = values['allow-service'];
  if (values['public-url'] !== undefined) options.publicUrl = absoluteIri(values['public-url'], '--public-url');
  const server = await startServer(options);
  print(io.stdout, `loa serving ${options.out}: query page ${server.url}/ , SPARQL endpoint ${server.endpoint}`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.ok;
}

async function publishCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: 'dist' },
      to: { type: 'string' },
      user: { type: 'string' },
      retries: { type: 'string' },
      concurrency: { type: 'string' },
      'graph-parameter': { type: 'string' },
      prune: { type: 'boolean', default: false },
      base: { type: 'string' },
      sparql: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.to) throw new UsageError('--to URL is required: the Graph Store Protocol endpoint to publish to');
  const options: PublishOptions = { out: resolve(io.cwd, values.out), to: absoluteIri(values.to, '--to'), prune: values.prune, log: (line) => print(io.stderr, line) };
  if (values.user !== undefined) options.user = values.user;
  // The password comes from the environment, so it shows neither in the process list nor in shell history.
  if (process.env.LOA_STORE_PASSWORD !== undefined) options.password = process.env.LOA_STORE_PASSWORD;
  for (const [key, name, min] of [['retries', 'retries', 0], ['concurrency', 'concurrency', 1]] as const) {
    const v = values[name];
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number of at least ${min}`);
    options[key] = n;
  }
  const parameter = values['graph-parameter'];
  if (parameter !== undefined) {
    if (parameter !== 'graph' && parameter !== 'graph-uri') throw new UsageError('--graph-parameter is graph or graph-uri');
    options.graphParameter = parameter;
  }
  if (values.base !== undefined) {
    const base = checkBaseIri(values.base);
    if (typeof base !== 'string') throw new UsageError(base.error);
    options.base = base;
  }
  if (values.sparql !== undefined) options.sparql = absoluteIri(values.sparql, '--sparql');
  const summary = await publishRelease(options);
  print(io.stdout, `published ${summary.graphs} graphs (${summary.triples} triples) to ${options.to} in ${summary.seconds.toFixed(1)} s${summary.pruned ? `; ${summary.pruned} stale graphs deleted` : ''}${summary.retried ? `; ${summary.retried} requests retried` : ''}`);
  return EXIT.ok;
}

async function assertFolder(path: string): Promise<void> {
  const { stat } = await import('node:fs/promises');
  const s = await stat(path).catch(() => undefined);
  if (!s?.isDirectory()) throw new UsageError(`--input ${path} is not a folder`);
}

async function queryCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: 'dist' },
      format: { type: 'string', default: 'table' },
      source: { type: 'string', multiple: true },
      allow: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      'no-release': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (!RESULT_FORMATS.includes(values.format as ResultFormat)) {
    throw new UsageError(`--format must be one of ${RESULT_FORMATS.join(', ')}`);
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one query (text, or a path to a .rq file)');
  const query = await queryText(positionals[0]!, io);
  const out = resolve(io.cwd, values.out);
  let result;
  if (values.source?.length) {
    // Federation: Comunica joins the release with the named sources; only those (and --allow prefixes) may be reached.
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutMs !== undefined && (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)) throw new UsageError('--timeout takes a positive number of milliseconds');
    const allow = [...values.source.map((s) => s.replace(/^(sparql|file)@/, '')), ...(values.allow ?? [])];
    const options: FederationOptions = { allow };
    if (!values['no-release']) options.release = out;
    if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
    result = await federatedQuery(query, values.source, options);
  } else {
    if (values['no-release']) throw new UsageError('--no-release needs at least one --source');
    result = await executeQuery(await loadRelease(out), query);
  }
  io.stdout.write(formatResult(result, values.format as ResultFormat));
  return EXIT.ok;
}

async function queryText(arg: string, io: Io): Promise<string> {
  if (/\.(rq|sparql)$/i.test(arg) && !/\s/.test(arg)) {
    return readFile(resolve(io.cwd, arg), 'utf8').catch(() => {
      throw new UsageError(`cannot read the query file ${arg}`);
    });
  }
  return arg;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
  process.exitCode = code;
}
