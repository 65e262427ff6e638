/**
 * A pool of worker threads running one TypeScript module, for CPU-bound work
 * the main thread hands out one task at a time: tasks go to the workers in
 * turn, a bounded number in flight per worker (the sender waits beyond it, so
 * memory stays flat), and each task's answer comes back as its own promise.
 * The worker module answers with {@link serveTasks}.
 */
import { parentPort } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './ts-worker.ts';

type Envelope<T> = { id: number; task: T };
type Answer<R> = { id: number; ok: true; value: R } | { id: number; ok: false; message: string };

/**
 * In a worker module: answers every task the pool sends with `handle`'s result, or with its error's
 * message. Tasks are handled one after another, in the order they were sent, even when `handle` is async.
 *
 * @example serveTasks<Request, Reply>((task) => work(task));
 */
export function serveTasks<T, R>(handle: (task: T) => R | Promise<R>): void {
  let previous: Promise<void> = Promise.resolve();
  const answer = async (id: number, task: T) => {
    let reply: Answer<R>;
    try {
      reply = { id, ok: true, value: await handle(task) };
    } catch (e) {
      reply = { id, ok: false, message: (e as Error).message };
    }
    try {
      parentPort!.postMessage(reply);
    } catch (e) {
      // An answer that cannot be sent is still an answer: the task fails instead of never ending.
      parentPort!.postMessage({ id, ok: false, message: `the answer could not be sent: ${(e as Error).message}` } satisfies Answer<R>);
    }
  };
  parentPort!.on('message', ({ id, task }: Envelope<T>) => {
    previous = previous.then(() => answer(id, task));
  });
}

export class WorkerPool<T, R> {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { worker: number; resolve: (r: R) => void; reject: (e: Error) => void }>();
  private readonly inFlight: number[];
  private waiters: (() => void)[] = [];
  private next = 0;
  private turn = 0;
  private failure: Error | undefined;
  private closing = false;

  /**
   * @param module the worker module (a `.ts` file URL) that calls {@link serveTasks}
   * @param workerData what every worker starts with
   * @param size how many workers
   * @param perWorker tasks a worker may hold before `submit` waits
   */
  constructor(module: URL, workerData: unknown, size: number, private readonly perWorker = 32) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => startTsWorker(module, workerData));
    this.inFlight = this.workers.map(() => 0);
    this.workers.forEach((w) => {
      w.on('message', (answer: Answer<R>) => this.receive(answer));
      w.on('error', (e) => this.failAll(e));
      // A worker that stops before it is closed (killed, out of memory) fails what it held and what comes after.
      w.on('exit', (code) => {
        if (!this.closing) this.failAll(new Error(`a worker thread stopped (exit code ${code}) before the pool was closed`));
      });
    });
  }

  /**
   * Sends a task, waiting first while every worker is full; resolves once it is sent, with the
   * promise of its answer (wrapped, so awaiting the send does not await the work).
   */
  async submit(task: T): Promise<{ done: Promise<R> }> {
    while (this.failure === undefined && this.inFlight.every((n) => n >= this.perWorker)) await new Promise<void>((r) => this.waiters.push(r));
    let i = this.turn;
    for (let k = 0; k < this.workers.length && this.inFlight[i]! >= this.perWorker; k++) i = (i + 1) % this.workers.length;
    this.turn = (i + 1) % this.workers.length;
    return { done: this.send(i, task) };
  }

  /** Sends the same task to every worker; resolves with their answers in worker order. */
  broadcast(task: T): Promise<R[]> {
    return Promise.all(this.workers.map((_, i) => this.send(i, task)));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(worker: number, task: T): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    this.inFlight[worker]!++;
    const done = new Promise<R>((resolve, reject) => this.pending.set(id, { worker, resolve, reject }));
    this.workers[worker]!.postMessage({ id, task } satisfies Envelope<T>);
    return done;
  }

  private receive(answer: Answer<R>): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    this.inFlight[waiting.worker]!--;
    if (answer.ok) waiting.resolve(answer.value);
    else waiting.reject(new Error(answer.message));
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
