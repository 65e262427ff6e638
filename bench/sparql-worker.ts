/**
 * loa's query engine in a worker thread: loads the release once, then answers
 * `{ id, query }` messages with the query's time, row count and digest. The
 * harness terminates the worker when a query passes its deadline (a running
 * query cannot be interrupted otherwise) and starts a new one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { executeQuery } from '../src/sparql/engine.ts';
import { loadRelease } from '../src/sparql/load-release.ts';
import { digestRows } from './sparql-rows.ts';

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

const port = parentPort!;
const started = performance.now();
const store = await loadRelease((workerData as { out: string }).out);
port.postMessage({ type: 'ready', seconds: (performance.now() - started) / 1000, heapMb: process.memoryUsage().heapUsed / 1_048_576 } satisfies WorkerMessage);

port.on('message', (request: QueryRequest) => {
  const t = performance.now();
  executeQuery(store, request.query).then(
    (result) => {
      const ms = performance.now() - t;
      const rows = result.kind === 'bindings' ? result.rows : [];
      port.postMessage({ type: 'answer', id: request.id, ms, rows: rows.length, digest: digestRows(rows) } satisfies WorkerMessage);
    },
    (e: unknown) => port.postMessage({ type: 'failed', id: request.id, error: (e as Error).message } satisfies WorkerMessage),
  );
});
