/**
 * Validation spread over worker threads, so the SHACL checks (the slowest step
 * of a build) run beside modelling and dump writing instead of between them.
 * Each worker holds the shared graphs once; announcement graphs go to the
 * workers in turn, with a bounded number in flight so memory stays flat.
 */
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../core/ts-worker.ts';
import type { ValidationResult } from './validate.ts';

type Reply =
  | { kind: 'shared'; results: ValidationResult[] }
  | { kind: 'graph'; id: number; results: ValidationResult[] }
  | { kind: 'error'; id: number; message: string };

/** Graphs a worker may hold before the sender waits. */
const IN_FLIGHT_PER_WORKER = 32;

function nquads(quads: Iterable<Quad>): string {
  const writer = new Writer({ format: 'N-Quads' });
  let out = '';
  for (const q of quads) out += writer.quadToString(q.subject, q.predicate, q.object, q.graph);
  return out;
}

export class ValidatorPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (r: ValidationResult[]) => void; reject: (e: Error) => void }>();
  private readonly inFlight: number[];
  private waiters: (() => void)[] = [];
  private next = 0;
  private turn = 0;

  constructor(sharedQuads: Iterable<Quad>, size: number, options: { shapesFile?: string } = {}) {
    const shared = nquads(sharedQuads);
    this.workers = Array.from({ length: Math.max(1, size) }, () =>
      startTsWorker(new URL('./worker.ts', import.meta.url), { shared, ...(options.shapesFile ? { shapesFile: options.shapesFile } : {}) }),
    );
    this.inFlight = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.on('message', (reply: Reply) => this.receive(i, reply));
      w.on('error', (e) => this.failAll(e));
    });
  }

  /** Results of the shared graphs (asked of the first worker); each worker skips them in later graphs. */
  async validateShared(): Promise<ValidationResult[]> {
    const replies = await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<ValidationResult[]>((resolve, reject) => {
            const onMessage = (reply: Reply) => {
              if (reply.kind === 'shared') {
                w.off('message', onMessage);
                resolve(reply.results);
              } else if (reply.kind === 'error' && reply.id === -1) {
                w.off('message', onMessage);
                reject(new Error(reply.message));
              }
            };
            w.on('message', onMessage);
            w.postMessage({ kind: 'shared' });
          }),
      ),
    );
    return replies[0] ?? [];
  }

  /**
   * Sends one announcement graph, waiting first while every worker is full; resolves once sent,
   * with the promise of its results (wrapped, so that awaiting the send does not await the results).
   */
  async submit(quads: Iterable<Quad>): Promise<{ results: Promise<ValidationResult[]> }> {
    while (this.inFlight.every((n) => n >= IN_FLIGHT_PER_WORKER)) await new Promise<void>((r) => this.waiters.push(r));
    let i = this.turn;
    for (let k = 0; k < this.workers.length && this.inFlight[i]! >= IN_FLIGHT_PER_WORKER; k++) i = (i + 1) % this.workers.length;
    this.turn = (i + 1) % this.workers.length;
    const id = this.next++;
    this.inFlight[i]!++;
    const result = new Promise<ValidationResult[]>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.workers[i]!.postMessage({ kind: 'graph', id, nquads: nquads(quads) });
    return { results: result };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private receive(worker: number, reply: Reply): void {
    if (reply.kind === 'shared') return;
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    this.inFlight[worker]!--;
    if (reply.kind === 'error') waiting.reject(new Error(reply.message));
    else waiting.resolve(reply.results);
    const wake = this.waiters;
    this.waiters = [];
    for (const w of wake) w();
  }

  private failAll(e: Error): void {
    for (const [, p] of this.pending) p.reject(e);
    this.pending.clear();
  }
}
