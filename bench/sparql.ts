/**
 * The SPARQL query mix of the performance issue, run in one process through
 * loa's engine (`executeQuery` over `loadRelease`) and through oxigraph loaded
 * with the same dumps in the same layout (named graphs from N-Quads, the
 * default graph from N-Triples), each in a worker thread of its own (so a
 * runaway query can be stopped, and both are timed in the same conditions),
 * with cold and warm latencies per query and a check that both engines return
 * the same rows.
 *
 * Cold: the first run of each instance of a query (the query with one set of
 * IRIs or names), after each engine has answered one trivial query, so engine
 * start-up is reported apart. Warm: the runs of the same instances after it.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { Store as OxStore } from 'oxigraph';
import type { Row } from './sparql-rows.ts';
import type { EngineWorkerData, QueryRequest, WorkerMessage } from './sparql-worker.ts';
import { gunzipChunks } from './gunzip.ts';
import { percentile, rssMb, secondsSince } from './stats.ts';
import { startTsWorker } from '../src/core/ts-worker.ts';

export const PREFIXES = 'PREFIX schema: <http://schema.org/>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n';

/** One query of the mix: a template and the instances it runs with. */
export interface QuerySpec {
  id: string;
  label: string;
  /** Whole-dataset scans and aggregates have a looser p95 target (500 ms instead of 100 ms). */
  wholeDataset: boolean;
  text: (instance: string) => string;
  instances: string[];
}

/** Latencies of one engine on one query, in milliseconds. */
export interface EngineTimes {
  coldP50: number;
  coldP95: number;
  warmP50: number;
  warmP95: number;
  runs: number;
  /** Rows per instance (cold run); -1 where the instance was not run or timed out. */
  rows: number[];
  /** Runs stopped at the deadline. */
  timeouts: number;
}

/** The figures of one query. */
export interface QueryMeasurement {
  id: string;
  label: string;
  wholeDataset: boolean;
  instances: string[];
  loa: EngineTimes;
  oxigraph: EngineTimes;
  /** loa warm p50 / oxigraph warm p50 (target ≤ 1.5). */
  warmP50Ratio: number;
  /** Instances whose rows differ between the engines (count or content). */
  differences: { instance: string; loaRows: number; oxigraphRows: number; sameCount: boolean }[];
}

/** Everything the SPARQL part measured. */
export interface SparqlMeasurement {
  /** Statements oxigraph holds: the quads of the named graphs and the triples of the default graph. */
  statements: number;
  load: {
    loa: { seconds: number; heapMb: number };
    oxigraph: { seconds: number };
    /** RSS of the harness process once both engines' workers have loaded their stores. */
    rssAfterBothMb: number;
  };
  /** The first trivial query of each engine (engine start-up). */
  firstQueryMs: { loa: number; oxigraph: number };
  /** Times the loa worker was restarted after a query passed the deadline. */
  loaRestarts: number;
  queries: QueryMeasurement[];
}

/** Warm rounds over the instances, unless the time budget runs out first. */
const WARM_ROUNDS = 10;
/** Seconds one engine may spend on one query (cold and warm); at least one cold and one warm run are made. */
export const SPARQL_BUDGET_SECONDS = 10;
/** A single run still going after this is stopped (loa's worker is terminated and restarted). */
const DEADLINE_MS = 60_000;

/**
 * Heap for each engine's worker. The store itself lives in oxigraph's WebAssembly
 * memory (the worker's JS heap stays near 50 MB at 10k); the high limit only
 * keeps large result sets of the mix clear of V8's default.
 */
const WORKER_HEAP_MB = 16_384;

const log = (text: string): void => void process.stderr.write(`bench: sparql ${text}\n`);

/** The answer of one run, or a timeout. */
export type Answer = { ms: number; rows: number; digest: string } | { timeout: true };

export interface Engine {
  name: 'loa' | 'oxigraph' | 'virtuoso';
  run: (query: string) => Promise<Answer>;
}

// ---------------------------------------------------------------- oxigraph

/** Loads a release into oxigraph (in the harness's thread, only to choose the instances of the mix). */
async function loadOxigraph(out: string): Promise<OxStore> {
  const store = new OxStore();
  store.load(await gunzipChunks(join(out, 'latest', 'dumps', 'loa.nq.gz')), { format: 'application/n-quads' });
  store.load(await gunzipChunks(join(out, 'latest', 'dumps', 'loa.nt.gz')), { format: 'application/n-triples' });
  return store;
}

function oxigraphSelect(store: OxStore, query: string): Row[] {
  return store.query(query) as unknown as Row[];
}

// ---------------------------------------------------------------- each engine in a worker

/** One engine behind a worker that is restarted when a query passes the deadline. */
export class EngineWorker {
  private worker: Worker | undefined;
  private ready: Promise<{ seconds: number; heapMb: number }> | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, (m: WorkerMessage) => void>();
  restarts = 0;

  constructor(
    private readonly out: string,
    private readonly engine: EngineWorkerData['engine'],
  ) {}

  /** Starts the worker (loading the release) if it is not running; resolves when it is ready. */
  start(): Promise<{ seconds: number; heapMb: number }> {
    if (this.ready) return this.ready;
    const data: EngineWorkerData = { out: this.out, engine: this.engine };
    const worker = startTsWorker(new URL('./sparql-worker.ts', import.meta.url), data, { maxOldGenerationSizeMb: WORKER_HEAP_MB });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') resolve({ seconds: m.seconds, heapMb: m.heapMb });
        else this.waiting.get(m.id)?.(m);
      });
      worker.once('error', reject);
    });
    return this.ready;
  }

  async run(query: string): Promise<Answer> {
    await this.start();
    const id = this.nextId++;
    const worker = this.worker!;
    const message = await new Promise<WorkerMessage | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), DEADLINE_MS);
      this.waiting.set(id, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      worker.postMessage({ id, query } satisfies QueryRequest);
    });
    this.waiting.delete(id);
    if (!message) {
      await this.stop();
      this.restarts++;
      return { timeout: true };
    }
    if (message.type === 'failed') throw new Error(`${this.engine} failed on a query: ${message.error}\n${query}`);
    if (message.type !== 'answer') throw new Error(`unexpected message from the ${this.engine} worker`);
    return { ms: message.ms, rows: message.rows, digest: message.digest };
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }
}

// ---------------------------------------------------------------- the mix

/**
 * Picks IRIs and names that exist in the data (not timed). `select` runs a query (the mix's prefixes
 * included) and gives the values of one variable, in the rows' order.
 */
export async function chooseInstances(select: (query: string, variable: string) => Promise<string[]>): Promise<QuerySpec[]> {
  const top = (q: string, v: string): Promise<string[]> => select(PREFIXES + q, v);
  const persons = await top('SELECT ?p (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e schema:attendee ?p } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 40', 'p');
  const agencies = await top('SELECT ?o (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p schema:worksFor ?o } GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 40', 'o');
  const articles = await top('SELECT ?a WHERE { ?a a schema:NewsArticle ; schema:identifier ?id } ORDER BY ?id LIMIT 1000', 'a');
  // Popular people and agencies, but not only the most popular: every 8th of the top 40.
  const spread = (items: string[], n: number): string[] => items.filter((_, i) => i % Math.max(1, Math.floor(items.length / n)) === 0).slice(0, n);
  const people = spread(persons, 5);
  const bodies = spread(agencies, 5);
  return [
    {
      id: 'lookup',
      label: 'lookup by IRI',
      wholeDataset: false,
      instances: [...people.slice(0, 3), ...spread(articles, 2)],
      text: (iri) => `SELECT ?p ?o WHERE { <${iri}> ?p ?o }`,
    },
    {
      id: 'person-events',
      label: 'events of a person, 2016–2020',
      wholeDataset: false,
      instances: people,
      // Compared as text, as the example queries do: a start is an xsd:date, or an xsd:dateTime where the
      // time is known, and SPARQL does not compare the two types (Virtuoso does, so typed bounds gave it more rows).
      text: (iri) =>
        `SELECT ?event ?name ?date WHERE { ?event schema:attendee <${iri}> ; schema:startDate ?date ; schema:name ?name . FILTER(STR(?date) >= "2016-01-01" && STR(?date) < "2021-01-01") } ORDER BY ?date ?event`,
    },
    {
      id: 'agency-officials',
      label: 'officials of an agency by name, LIMIT 20',
      wholeDataset: false,
      instances: bodies,
      text: (iri) => `SELECT DISTINCT ?person ?name WHERE { ?person schema:worksFor <${iri}> ; schema:name ?name } ORDER BY ?name ?person LIMIT 20`,
    },
    {
      id: 'documents-by-type',
      label: 'count documents by type',
      wholeDataset: true,
      instances: ['all'],
      text: () => 'SELECT ?type (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?doc a schema:Legislation ; schema:legislationType ?type } GROUP BY ?type ORDER BY DESC(?n) ?type',
    },
    {
      id: 'three-hop',
      label: '3-hop article → event → person → agency',
      wholeDataset: false,
      instances: bodies,
      text: (iri) => `SELECT DISTINCT ?article ?event ?person WHERE { ?article schema:about ?event . ?event a schema:Event ; schema:attendee ?person . ?person schema:worksFor <${iri}> }`,
    },
    {
      id: 'name-search',
      label: 'name search, diacritics ignored',
      wholeDataset: true,
      instances: ['dung', 'hoa', 'thanh', 'lan', 'minh'],
      // Names keep their diacritics; the person IRI's slug does not, so it carries the diacritic-free match.
      text: (needle) =>
        `SELECT DISTINCT ?person ?name WHERE { ?person a schema:Person ; schema:name ?name . FILTER(CONTAINS(LCASE(?name), "${needle}") || CONTAINS(STR(?person), "${needle}")) } ORDER BY ?name ?person LIMIT 50`,
    },
    {
      id: 'memberships',
      label: 'memberships of one official over time',
      wholeDataset: false,
      instances: people,
      text: (iri) =>
        `SELECT ?date ?title ?org WHERE { GRAPH ?g { ?article a schema:NewsArticle ; schema:datePublished ?date ; schema:mentions <${iri}> . <${iri}> schema:jobTitle ?title . OPTIONAL { <${iri}> schema:worksFor ?org } } } ORDER BY ?date ?title ?org`,
    },
  ];
}

/** Cold runs of each instance, then warm rounds, within the budget; a timed-out instance is not run again. */
export async function timeQuery(engine: Engine, spec: QuerySpec): Promise<{ times: EngineTimes; digests: string[] }> {
  const started = performance.now();
  const overBudget = () => secondsSince(started) > SPARQL_BUDGET_SECONDS;
  const cold: number[] = [];
  const warm: number[] = [];
  const rows = spec.instances.map(() => -1);
  const digests = spec.instances.map(() => '');
  const live: number[] = [];
  let timeouts = 0;
  for (const [i, instance] of spec.instances.entries()) {
    if (cold.length > 0 && overBudget()) break;
    const a = await engine.run(PREFIXES + spec.text(instance));
    if ('timeout' in a) {
      timeouts++;
      continue;
    }
    cold.push(a.ms);
    rows[i] = a.rows;
    digests[i] = a.digest;
    live.push(i);
  }
  for (let round = 0; round < WARM_ROUNDS && live.length > 0; round++) {
    for (const i of live) {
      if (warm.length > 0 && overBudget()) break;
      const a = await engine.run(PREFIXES + spec.text(spec.instances[i]!));
      if ('timeout' in a) timeouts++;
      else warm.push(a.ms);
    }
    if (overBudget()) break;
  }
  return {
    times: { coldP50: percentile(cold, 50), coldP95: percentile(cold, 95), warmP50: percentile(warm, 50), warmP95: percentile(warm, 95), runs: cold.length + warm.length, rows, timeouts },
    digests,
  };
}

/**
 * Loads the release in `out` into both engines and runs the query mix.
 *
 * @example (await measureSparql('bench/out/build-10k')).queries.map((q) => q.warmP50Ratio)
 */
export async function measureSparql(out: string): Promise<SparqlMeasurement> {
  const loaWorker = new EngineWorker(out, 'loa');
  const oxWorker = new EngineWorker(out, 'oxigraph');
  const loaLoad = await loaWorker.start();
  const oxLoad = { seconds: (await oxWorker.start()).seconds };
  const rssAfterBothMb = rssMb();
  // The instances are chosen from the data with a store of the harness's own, dropped before any timing.
  const chooser = await loadOxigraph(out);
  const statements = chooser.size;
  const specs = await chooseInstances(async (q, v) => oxigraphSelect(chooser, q).map((r) => r.get(v)!.value));
  (chooser as unknown as { free(): void }).free();

  const loa: Engine = { name: 'loa', run: (query) => loaWorker.run(query) };
  const oxigraph: Engine = { name: 'oxigraph', run: (query) => oxWorker.run(query) };
  const first = async (engine: Engine): Promise<number> => {
    const a = await engine.run('SELECT ?s WHERE { ?s ?p ?o } LIMIT 1');
    return 'timeout' in a ? Number.NaN : a.ms;
  };
  const firstQueryMs = { loa: await first(loa), oxigraph: await first(oxigraph) };

  const queries: QueryMeasurement[] = [];
  try {
    for (const spec of specs) {
      const o = await timeQuery(oxigraph, spec);
      const l = await timeQuery(loa, spec);
      log(`${spec.id}: warm p50 oxigraph ${o.times.warmP50.toFixed(1)} ms, loa ${l.times.warmP50.toFixed(1)} ms (${l.times.runs} runs, ${l.times.timeouts} timeouts)`);
      const differences = spec.instances
        .map((instance, i) => ({ instance, i, loaRows: l.times.rows[i]!, oxigraphRows: o.times.rows[i]! }))
        .filter(({ i, loaRows, oxigraphRows }) => loaRows >= 0 && oxigraphRows >= 0 && l.digests[i] !== o.digests[i])
        .map(({ instance, loaRows, oxigraphRows }) => ({ instance, loaRows, oxigraphRows, sameCount: loaRows === oxigraphRows }));
      queries.push({
        id: spec.id,
        label: spec.label,
        wholeDataset: spec.wholeDataset,
        instances: spec.instances,
        loa: l.times,
        oxigraph: o.times,
        warmP50Ratio: l.times.warmP50 / o.times.warmP50,
        differences,
      });
    }
  } finally {
    await loaWorker.stop();
    await oxWorker.stop();
  }
  return { statements, load: { loa: loaLoad, oxigraph: oxLoad, rssAfterBothMb }, firstQueryMs, loaRestarts: loaWorker.restarts, queries };
}
