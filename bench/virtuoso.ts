/**
 * The path for a release too large for one in-memory store: Virtuoso, the
 * store `loa publish` uploads to, started by the harness on 127.0.0.1 with a
 * throwaway database, loaded with the release's N-Quads dump by its bulk
 * loader (`ld_dir` + `rdf_loader_run`: one PUT per graph, as `loa publish`
 * sends, costs some 20 ms a graph, over half an hour at 100k), then asked the
 * query mix of the SPARQL stage over HTTP.
 *
 * Virtuoso's default graph is the union of all its graphs with repeats (a
 * statement stated by several announcements comes once per graph), where
 * loa's default graph holds each statement once: a SELECT of the mix that
 * reads the default graph and is not already DISTINCT is sent with DISTINCT,
 * which gives exactly loa's rows (each triple once, every variable
 * projected). The query that reads the named graphs (`GRAPH ?g`) is sent as
 * written. Where loa's engine can hold the release (1k, 10k), it answers the
 * same instances in a worker thread and the rows are compared.
 *
 * Times are of the whole request as a client sees it: the POST, Virtuoso's
 * work, and reading the JSON answer.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DataFactory } from 'n3';
import type * as RDF from '@rdfjs/types';
import { type Answer, chooseInstances, type Engine, EngineWorker, type EngineTimes, PREFIXES, timeQuery } from './sparql.ts';
import { digestRows, type Row } from './sparql-rows.ts';
import { processMemoryMb } from './server-process.ts';
import { secondsSince } from './stats.ts';
import { startVirtuoso, type JsonTerm, type Virtuoso } from '../test/support/virtuoso.ts';

const run = promisify(execFile);

/** Virtuoso's page cache for the stage: 8 KB pages, 2 GB. */
const BUFFERS = 250_000;

/** A query of Virtuoso gets this long before the harness counts it as timed out (past Virtuoso's own limit, 60 s, which answers partially). */
const DEADLINE_MS = 70_000;

/**
 * Virtuoso refuses a query whose estimated cost passes a limit (400 s by default) before running it; its
 * estimates for the mix's named-graph query at 100k (over 1,600 s) were far above what the query costs,
 * so the limit is lifted: every query runs, bounded by the 60 s execution limit.
 */
const COST_ESTIMATE_LIMIT_SECONDS = 1_000_000;

const log = (text: string): void => void process.stderr.write(`bench: virtuoso ${text}\n`);

/** The figures of one query on Virtuoso. */
export interface VirtuosoQuery {
  id: string;
  label: string;
  wholeDataset: boolean;
  instances: string[];
  virtuoso: EngineTimes;
  /** Instances whose rows differ from loa's engine; undefined where loa's engine was not run. */
  differences?: { instance: string; virtuosoRows: number; loaRows: number }[];
}

export interface VirtuosoMeasurement {
  /** `virtuoso-t -?`'s version line. */
  version: string;
  /** Quads the bulk loader added (the store's count before and after the load). */
  quadsLoaded: number;
  /** Quads of the N-Quads dump (from the build's report), for comparison. */
  quadsInDump?: number;
  load: { seconds: number; checkpointSeconds: number; databaseMb: number; rssAfterLoadMb: number };
  /** The server's RSS after the query mix. */
  rssAfterQueriesMb: number;
  bufferMb: number;
  /** Why loa's engine was not asked the same queries, when it was not. */
  notCompared?: string;
  queries: VirtuosoQuery[];
}

/** Runs SQL through `isql-vt` on the server's SQL port; returns its output. */
async function isql(server: Virtuoso, sql: string): Promise<string> {
  const { stdout } = await run('isql-vt', [`127.0.0.1:${server.sqlPort}`, 'dba', 'dba', `exec=${sql}`], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** The first whole number on a line of isql's output that holds nothing else. */
function isqlNumber(output: string): number {
  const line = output.split('\n').find((l) => /^\s*\d+\s*$/.test(l));
  if (line === undefined) throw new Error(`isql-vt gave no number: ${output.slice(0, 300)}`);
  return Number(line.trim());
}

/** The quads of the N-Quads dump, as the build's report counts them. */
function quadsOfReport(out: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { summary?: { quads?: number } }).summary?.quads;
  } catch {
    return undefined;
  }
}

function rssMbOf(pid: number): number {
  return processMemoryMb(pid, 'VmRSS') ?? Number.NaN;
}

function toTerm(t: JsonTerm): RDF.Term {
  if (t.type === 'uri') return DataFactory.namedNode(t.value);
  if (t.type === 'bnode') return DataFactory.blankNode(t.value);
  if (t['xml:lang']) return DataFactory.literal(t.value, t['xml:lang']);
  return DataFactory.literal(t.value, DataFactory.namedNode(t.datatype ?? 'http://www.w3.org/2001/XMLSchema#string'));
}

/** The query as sent to Virtuoso: DISTINCT where it reads the default graph (see the module's comment). */
export function overUnionWithRepeats(query: string): string {
  if (/\bGRAPH\s*[?<]/i.test(query)) return query;
  return query.replace(/\bSELECT\s+(?!DISTINCT\b|REDUCED\b)/i, 'SELECT DISTINCT ');
}

/** Posts a SELECT; the rows, or a timeout (Virtuoso's partial answer at its limit counts as one). */
async function select(server: Virtuoso, query: string): Promise<{ rows: Row[] } | { timeout: true }> {
  const response = await fetch(server.sparql, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
    body: new URLSearchParams({ query: overUnionWithRepeats(query) }).toString(),
    signal: AbortSignal.timeout(DEADLINE_MS),
  }).catch((e: Error) => {
    if (e.name === 'TimeoutError') return undefined;
    throw e;
  });
  if (response === undefined) return { timeout: true };
  const text = await response.text();
  if (!response.ok) throw new Error(`Virtuoso answered HTTP ${response.status}: ${text.slice(0, 300)}\n${query}`);
  if (response.headers.get('x-sql-state') === 'S1TAT') return { timeout: true };
  if (response.headers.get('x-sparql-maxrows')) throw new Error(`Virtuoso cut the answer at ${response.headers.get('x-sparql-maxrows')} rows:\n${query}`);
  const json = JSON.parse(text) as { results: { bindings: Record<string, JsonTerm>[] } };
  return { rows: json.results.bindings.map((b) => new Map(Object.entries(b).map(([k, t]) => [k, toTerm(t)]))) };
}

/**
 * Starts Virtuoso under `scratch`, bulk-loads the N-Quads dump of the release in `out`, runs the
 * query mix, and stops it. `compareWithLoa`: also load the release into loa's engine and compare rows
 * (only where it fits in memory).
 */
export async function measureVirtuoso(out: string, scratch: string, compareWithLoa: boolean, notCompared?: string): Promise<VirtuosoMeasurement> {
  const dumps = resolve(out, 'latest', 'dumps');
  const { stdout: versionText, stderr: versionErr } = await run('virtuoso-t', ['-?']).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
  const version = `${versionText}\n${versionErr}`.split('\n').find((l) => /Version/i.test(l))?.trim() ?? 'unknown';
  mkdirSync(scratch, { recursive: true });
  const server = await startVirtuoso({ parent: scratch, dirsAllowed: [dumps], buffers: BUFFERS, maxRows: 1_000_000, startTimeoutMs: 60_000, maxCostEstimationSeconds: COST_ESTIMATE_LIMIT_SECONDS });
  try {
    const before = isqlNumber(await isql(server, 'SELECT COUNT(*) FROM DB.DBA.RDF_QUAD;'));
    log(`loading ${join(dumps, 'loa.nq.gz')} with the bulk loader …`);
    let t = performance.now();
    // Quads carry their graph; the third argument only names the graph of a triple without one (none here).
    await isql(server, `ld_dir('${dumps.replaceAll("'", "''")}', 'loa.nq.gz', 'urn:loa:bench:no-graph'); rdf_loader_run();`);
    const loadSeconds = secondsSince(t);
    const errors = (await isql(server, 'SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;')).split('\n').filter((l) => l.includes('loa.nq.gz'));
    if (errors.length > 0) throw new Error(`the bulk loader reported errors: ${errors.join(' | ')}`);
    t = performance.now();
    await isql(server, 'checkpoint;');
    const checkpointSeconds = secondsSince(t);
    const after = isqlNumber(await isql(server, 'SELECT COUNT(*) FROM DB.DBA.RDF_QUAD;'));
    const rssAfterLoadMb = rssMbOf(server.pid);
    const databaseMb = statSync(join(server.dir, 'virtuoso.db')).size / 1_048_576;
    log(`loaded ${after - before} quads in ${loadSeconds.toFixed(1)} s (checkpoint ${checkpointSeconds.toFixed(1)} s), RSS ${rssAfterLoadMb.toFixed(0)} MB`);

    const specs = await chooseInstances(async (q, v) => {
      const answer = await select(server, q);
      if ('timeout' in answer) throw new Error(`Virtuoso timed out choosing the instances of the mix:\n${q}`);
      return answer.rows.map((r) => r.get(v)!.value);
    });
    const virtuoso: Engine = {
      name: 'virtuoso',
      run: async (query): Promise<Answer> => {
        const started = performance.now();
        const answer = await select(server, query);
        const ms = performance.now() - started;
        return 'timeout' in answer ? answer : { ms, rows: answer.rows.length, digest: digestRows(answer.rows) };
      },
    };
    await virtuoso.run('SELECT ?s WHERE { ?s ?p ?o } LIMIT 1');
    const loa = compareWithLoa ? new EngineWorker(out, 'loa') : undefined;
    const queries: VirtuosoQuery[] = [];
    try {
      for (const spec of specs) {
        const v = await timeQuery(virtuoso, spec);
        log(`${spec.id}: warm p50 ${v.times.warmP50.toFixed(1)} ms, p95 ${v.times.warmP95.toFixed(1)} ms (${v.times.runs} runs, ${v.times.timeouts} timeouts)`);
        let differences: VirtuosoQuery['differences'];
        if (loa) {
          differences = [];
          for (const [i, instance] of spec.instances.entries()) {
            if (v.times.rows[i]! < 0) continue;
            const l = await loa.run(PREFIXES + spec.text(instance));
            if ('timeout' in l) continue;
            if (l.digest !== v.digests[i]) differences.push({ instance, virtuosoRows: v.times.rows[i]!, loaRows: l.rows });
          }
        }
        queries.push({ id: spec.id, label: spec.label, wholeDataset: spec.wholeDataset, instances: spec.instances, virtuoso: v.times, ...(differences ? { differences } : {}) });
      }
    } finally {
      await loa?.stop();
    }
    return {
      version,
      quadsLoaded: after - before,
      quadsInDump: quadsOfReport(out),
      load: { seconds: loadSeconds, checkpointSeconds, databaseMb, rssAfterLoadMb },
      rssAfterQueriesMb: rssMbOf(server.pid),
      bufferMb: (BUFFERS * 8) / 1024,
      ...(compareWithLoa ? {} : { notCompared: notCompared ?? 'not asked' }),
      queries,
    };
  } finally {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
