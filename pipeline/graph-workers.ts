/**
 * Worker threads that take the announcement graphs off the main thread once
 * they are modelled: each is checked against the shapes and serialised for
 * the dumps in a worker (see graph-worker.ts), and the main thread only writes
 * what comes back, in the order the graphs were sent. A bounded number of
 * graphs is in flight, so memory stays flat.
 */
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../src/core/ts-worker.ts';
import type { SerializedGraph } from '../src/publish/dumps.ts';
import type { ValidationResult } from '../src/validate/validate.ts';

export interface GraphWorkerInit {
  /** The shared graphs (reference data, membership periods, the run), as N-Quads. */
  shared: string;
  shapesFile?: string;
  /** The JSON-LD context file the JSON-LD dump is compacted with. */
  contextFile: string;
}

export type GraphRequest = { kind: 'shared' } | { kind: 'graph'; id: number; nquads: string };

export type GraphReply =
  | { kind: 'shared'; results: ValidationResult[] }
  | { kind: 'graph'; id: number; results: ValidationResult[]; serialized: SerializedGraph | null }
  | { kind: 'error'; id: number; message: string };

/** What a worker gives back for one graph: its shape results and its dump serialisation (null when empty). */
export interface GraphDone {
  results: ValidationResult[];
  serialized: SerializedGraph | null;
}

/** Graphs a worker may hold before the sender waits. */
const IN_FLIGHT_PER_WORKER = 32;

function nquads(quads: Iterable<Quad>): string {
  const writer = new Writer({ format: 'N-Quads' });
  let out = '';
  for (const q of quads) out += writer.quadToString(q.subject, q.predicate, q.object, q.graph);
  return out;
}

export class GraphWorkers {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (r: GraphDone) => void; reject: (e: Error) => void }>();
  private readonly inFlight: number[];
  private waiters: (() => void)[] = [];
  private next = 0;
  private turn = 0;
  private failure: Error | undefined;

  constructor(sharedQuads: Iterable<Quad>, size: number, options: { shapesFile?: string; contextFile: string }) {
    const init: GraphWorkerInit = { shared: nquads(sharedQuads), contextFile: options.contextFile, ...(options.shapesFile ? { shapesFile: options.shapesFile } : {}) };
    this.workers = Array.from({ length: Math.max(1, size) }, () => startTsWorker(new URL('./graph-worker.ts', import.meta.url), init));
    this.inFlight = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.on('message', (reply: GraphReply) => this.receive(i, reply));
      w.on('error', (e) => this.failAll(e));
    });
  }

  /** Results of the shared graphs (asked of every worker, so each skips them in later graphs; the first one's are returned). */
  async validateShared(): Promise<ValidationResult[]> {
    const replies = await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<ValidationResult[]>((resolve, reject) => {
            const onMessage = (reply: GraphReply) => {
              if (reply.kind === 'shared' || (reply.kind === 'error' && reply.id === -1)) {
                w.off('message', onMessage);
                if (reply.kind === 'shared') resolve(reply.results);
                else reject(new Error(reply.message));
              }
            };
            w.on('message', onMessage);
            w.postMessage({ kind: 'shared' } satisfies GraphRequest);
          }),
      ),
    );
    return replies[0] ?? [];
  }

  /**
   * Sends one announcement graph, waiting first while every worker is full; resolves once sent,
   * with the promise of what the worker gives back (wrapped, so awaiting the send does not await the work).
   */
  async submit(quads: Iterable<Quad>): Promise<{ done: Promise<GraphDone> }> {
    while (this.failure === undefined && this.inFlight.every((n) => n >= IN_FLIGHT_PER_WORKER)) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
    let i = this.turn;
    for (let k = 0; k < this.workers.length && this.inFlight[i]! >= IN_FLIGHT_PER_WORKER; k++) i = (i + 1) % this.workers.length;
    this.turn = (i + 1) % this.workers.length;
    const id = this.next++;
    this.inFlight[i]!++;
    const done = new Promise<GraphDone>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.workers[i]!.postMessage({ kind: 'graph', id, nquads: nquads(quads) } satisfies GraphRequest);
    return { done };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private receive(worker: number, reply: GraphReply): void {
    if (reply.kind === 'shared') return;
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    this.inFlight[worker]!--;
    if (reply.kind === 'error') waiting.reject(new Error(reply.message));
    else waiting.resolve({ results: reply.results, serialized: reply.serialized });
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  private failAll(e: Error): void {
    this.failure ??= e;
    for (const [, p] of this.pending) p.reject(e);
    this.pending.clear();
    this.wake();
  }
}
