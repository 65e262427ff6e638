/**
 * One engine of the comparison in a worker thread: loa's query engine
 * (`executeQuery` over `loadRelease`), or oxigraph alone loaded with the same
 * dumps in the same layout (named graphs from N-Quads, the default graph from
 * N-Triples). Both run in the same kind of thread and are timed the same way,
 * around the query call inside the worker, so the ratio compares the engines
 * and not where they run. The worker loads the release once, then answers
 * `{ id, query }` messages with the query's time, row count and digest. The
 * harness terminates the worker when a query passes its deadline (a running
 * query cannot be interrupted otherwise) and starts a new one.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Store as OxStore } from 'oxigraph';
import { executeQuery } from '../src/sparql/engine.ts';
import { loadRelease } from '../src/sparql/load-release.ts';
import { gunzipChunks } from './gunzip.ts';
import { digestRows, type Row } from './sparql-rows.ts';

/** What the worker is started with. */
export interface EngineWorkerData {
  out: string;
  engine: 'loa' | 'oxigraph';
}

/** A query for the worker. */
export interface QueryRequest {
  id: number;
  query: string;
}

/** The worker's messages: ready after loading, then one answer per request. */
export type WorkerMessage =
  | { type: 'ready'; seconds: number; heapMb: number }
  | { type: 'answer'; id: number; ms: number; rows: number; digest: string }
  | { type: 'failed'; id: number; error: string };

/** Loads a release into oxigraph as `loadRelease` lays it out for loa. */
async function loadOxigraph(out: string): Promise<OxStore> {
  const store = new OxStore();
  store.load(await gunzipChunks(join(out, 'latest', 'dumps', 'loa.nq.gz')), { format: 'application/n-quads' });
  store.load(await gunzipChunks(join(out, 'latest', 'dumps', 'loa.nt.gz')), { format: 'application/n-triples' });
  return store;
}

const port = parentPort!;
const { out, engine } = workerData as EngineWorkerData;
const started = performance.now();
/** Runs a query; resolves with its rows (none for a result that is not a SELECT). */
let run: (query: string) => Promise<Row[]>;
if (engine === 'loa') {
  const release = await loadRelease(out);
  run = async (query) => {
    const result = await executeQuery(release, query);
    return result.kind === 'bindings' ? result.rows : [];
  };
} else {
  const store = await loadOxigraph(out);
  run = async (query) => store.query(query) as unknown as Row[];
}
port.postMessage({ type: 'ready', seconds: (performance.now() - started) / 1000, heapMb: process.memoryUsage().heapUsed / 1_048_576 } satisfies WorkerMessage);

port.on('message', (request: QueryRequest) => {
  const t = performance.now();
  run(request.query).then(
    (rows) => {
      const ms = performance.now() - t;
      port.postMessage({ type: 'answer', id: request.id, ms, rows: rows.length, digest: digestRows(rows) } satisfies WorkerMessage);
    },
    (e: unknown) => port.postMessage({ type: 'failed', id: request.id, error: (e as Error).message } satisfies WorkerMessage),
  );
});
