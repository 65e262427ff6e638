/**
 * The query workers: a fixed number of worker threads, each holding its own
 * copy of the release in oxigraph, with a bounded queue in front. A query runs
 * in a worker because oxigraph cannot be interrupted: the deadline is enforced
 * from outside, by terminating the worker, which frees the thread and the
 * engine's memory at once. A new worker then takes the slot and loads the
 * release again (the pool stays warm: the other slots keep answering
 * meanwhile). A worker whose engine trapped is replaced the same way, since a
 * trapped WebAssembly instance is not safe to use again.
 *
 * Memory: every worker holds the whole release (about 0.4 GB of RSS per
 * million triples loaded; the store holds each announcement's graph and, as the
 * default graph, their union), plus up to one more while a replacement loads
 * beside a worker that is being terminated. Loading runs at about 130–150k
 * triples per second, so a replacement is ready after a second or two for a
 * small release and about a minute for ten million triples.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../core/ts-worker.ts';
import type { Answer, QueryJob } from './answer.ts';
import type { WorkerInit, WorkerMessage } from './worker.ts';

export type Outcome =
  | { kind: 'answer'; answer: Answer }
  /** The deadline passed while the query ran; its worker was terminated. */
  | { kind: 'timeout' }
  /**
   * Every running slot is taken, and the queue is full or so long that the
   * request would not reach a worker before its deadline (`expectedWaitMs`).
   */
  | { kind: 'busy'; expectedWaitMs?: number }
  /** Every worker is held by a query running longer than `longAfterMs`, or is loading: waiting would not help soon. */
  | { kind: 'saturated'; retryAfterSeconds: number }
  /** The request waited in the queue for as long as its deadline without reaching a worker. */
  | { kind: 'queue-timeout' }
  /** The worker died while running the query. */
  | { kind: 'crashed'; message: string }
  /** The pool is closing, or the client went away while the request was queued. */
  | { kind: 'cancelled' };

export interface PoolOptions {
  /** The output folder whose release each worker loads. */
  out: string;
  workers: number;
  /** Queries running at once (at most `workers`; the workers beyond it are warm spares). */
  maxRunning: number;
  queueLimit: number;
  /**
   * A query running this long counts as long. When every worker is held by a
   * long query or is loading, a new request is refused at once (503 with
   * Retry-After) instead of waiting in the queue for a worker that may not be
   * free before its own deadline. Default 1000.
   */
  longAfterMs?: number;
  log: (line: string) => void;
}

interface Pending {
  job: Omit<QueryJob, 'id'>;
  timeoutMs: number;
  /** Guessed light (`weight.ts`): it may also run on the worker kept for light queries. */
  light: boolean;
  settle: (outcome: Outcome) => void;
}

interface Running extends Pending {
  id: number;
  timer: NodeJS.Timeout;
  /** When it was handed to the worker (performance.now()). */
  since: number;
}

interface Slot {
  index: number;
  worker: Worker | undefined;
  state: 'loading' | 'idle' | 'busy';
  running: Running | undefined;
  /** Delay before the next attempt when loading keeps failing. */
  retryMs: number;
  /** When the current worker was started. */
  startedAt: number;
  /** Whether the slot has been ready once (later workers are replacements, and logged). */
  replacing: boolean;
}

interface Queued extends Pending {
  timer: NodeJS.Timeout;
  onAbort?: () => void;
  signal?: AbortSignal;
}

const WORKER_MODULE = new URL('./worker.ts', import.meta.url);

/** The start of a query on one line, for the log. */
function excerpt(query: string): string {
  const line = query.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
const MAX_RETRY_MS = 30_000;

export class QueryPool {
  private readonly slots: Slot[];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;
  private startup: { pending: number; resolve: () => void; reject: (e: Error) => void } | undefined;
  /** How long an answered query held its worker, as a moving average (ms); 0 until the first answer. */
  private serviceMs = 0;
  /** Quads in the release, as the first worker counted them. */
  quads = 0;
  /** The longest time a worker took to load the release: how long a replacement is expected to take. */
  private loadMs = 0;

  private constructor(private readonly options: PoolOptions) {
    this.slots = Array.from({ length: options.workers }, (_, index) => ({ index, worker: undefined, state: 'loading', running: undefined, retryMs: 1000, startedAt: 0, replacing: false }));
  }

  /** Starts every worker and resolves once all have loaded the release; rejects (and stops them) when one cannot. */
  static async start(options: PoolOptions): Promise<QueryPool> {
    const pool = new QueryPool(options);
    try {
      await new Promise<void>((resolve, reject) => {
        pool.startup = { pending: pool.slots.length, resolve, reject };
        for (const slot of pool.slots) pool.spawn(slot);
      });
    } catch (e) {
      await pool.close();
      throw e;
    } finally {
      pool.startup = undefined;
    }
    return pool;
  }

  /** Queries running now. */
  get running(): number {
    return this.slots.filter((s) => s.state === 'busy').length;
  }

  /**
   * Runs `job` in a worker within `timeoutMs`, or queues it; resolves with what
   * happened, never rejects. A queued request is dropped when `signal` aborts.
   */
  run(job: Omit<QueryJob, 'id'>, timeoutMs: number, signal?: AbortSignal, light = false): Promise<Outcome> {
    return new Promise<Outcome>((settle) => {
      if (this.closed) return settle({ kind: 'cancelled' });
      const slot = this.freeSlot(light);
      if (slot) return this.dispatch(slot, { job, timeoutMs, light, settle });
      const saturated = this.saturation(timeoutMs, light);
      if (saturated !== undefined) return settle({ kind: 'saturated', retryAfterSeconds: saturated });
      if (this.queue.length >= this.options.queueLimit) return settle({ kind: 'busy' });
      const expectedWaitMs = this.expectedWait(light);
      if (expectedWaitMs > timeoutMs) return settle({ kind: 'busy', expectedWaitMs });
      const queued: Queued = {
        job,
        timeoutMs,
        light,
        settle,
        timer: setTimeout(() => this.dequeue(queued, { kind: 'queue-timeout' }), timeoutMs),
      };
      if (signal) {
        queued.signal = signal;
        queued.onAbort = () => this.dequeue(queued, { kind: 'cancelled' });
        signal.addEventListener('abort', queued.onAbort, { once: true });
      }
      this.queue.push(queued);
    });
  }

  /** Stops every worker; queued and running requests end as cancelled. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of [...this.queue]) this.dequeue(q, { kind: 'cancelled' });
    const workers: Worker[] = [];
    for (const slot of this.slots) {
      if (slot.running) {
        clearTimeout(slot.running.timer);
        slot.running.settle({ kind: 'cancelled' });
        slot.running = undefined;
      }
      if (slot.worker) workers.push(slot.worker);
      slot.worker = undefined;
    }
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /**
   * When no worker can be expected within `timeoutMs` (each runs a long query,
   * or is loading and will take longer than that, judging by earlier loads), the
   * seconds until a worker is expected free (at least 1); else undefined.
   */
  private saturation(timeoutMs: number, light: boolean): number | undefined {
    const now = performance.now();
    const longAfter = this.options.longAfterMs ?? 1000;
    let soonest = Infinity;
    for (const slot of this.slots) {
      if (!light && this.reserved(slot)) continue;
      if (slot.state === 'idle') return undefined;
      if (slot.state === 'busy' && slot.running) {
        const ran = now - slot.running.since;
        if (ran < longAfter) return undefined;
        soonest = Math.min(soonest, slot.running.timeoutMs - ran);
      } else if (slot.state === 'loading') {
        const remaining = this.loadMs - (now - slot.startedAt);
        if (remaining < timeoutMs) return undefined;
        soonest = Math.min(soonest, remaining);
      }
    }
    return Math.max(1, Math.ceil(soonest / 1000));
  }

  /**
   * How long a request queued now would wait for a worker, judging by how long
   * recent queries held theirs: the requests queued ahead of it, shared among
   * the workers it may use (the queries running now are not counted, so a
   * request with none ahead is always queued). A request that would wait past
   * its deadline is refused at once rather than held for nothing.
   */
  private expectedWait(light: boolean): number {
    const usable = Math.max(1, Math.min(this.options.maxRunning, this.slots.filter((s) => light || !this.reserved(s)).length));
    const ahead = light ? this.queue.length : this.queue.filter((q) => !q.light).length;
    return Math.floor(ahead / usable) * this.serviceMs;
  }

  /**
   * The worker kept for queries guessed light: the first one, when at least two
   * queries may run at once. Heavy queries use the others, so however many
   * arrive, a lookup finds a worker that no heavy query holds.
   */
  private reserved(slot: Slot): boolean {
    return slot.index === 0 && this.options.maxRunning >= 2 && this.slots.length >= 2;
  }

  private freeSlot(light: boolean): Slot | undefined {
    if (this.running >= this.options.maxRunning) return undefined;
    return this.slots.find((s) => s.state === 'idle' && (light || !this.reserved(s)));
  }

  private dequeue(queued: Queued, outcome: Outcome): void {
    const at = this.queue.indexOf(queued);
    if (at < 0) return;
    this.queue.splice(at, 1);
    clearTimeout(queued.timer);
    if (queued.onAbort) queued.signal?.removeEventListener('abort', queued.onAbort);
    queued.settle(outcome);
  }

  private dispatch(slot: Slot, pending: Pending): void {
    const id = this.nextId++;
    const timer = setTimeout(() => this.expire(slot, id), pending.timeoutMs);
    slot.state = 'busy';
    slot.running = { ...pending, id, timer, since: performance.now() };
    slot.worker!.postMessage({ ...pending.job, id } satisfies QueryJob);
  }

  /** Hands queued requests to free slots. */
  private drain(): void {
    // In order of arrival, each queued request that a free worker may take; a heavy one waiting does not hold up a light one behind it.
    for (let i = 0; i < this.queue.length; ) {
      const next = this.queue[i]!;
      const slot = this.freeSlot(next.light);
      if (!slot) {
        if (this.running >= this.options.maxRunning) return;
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      clearTimeout(next.timer);
      if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
      this.dispatch(slot, next);
    }
  }

  private expire(slot: Slot, id: number): void {
    const running = slot.running;
    if (!running || running.id !== id) return;
    slot.running = undefined;
    this.options.log(`query ${id} passed its ${running.timeoutMs} ms deadline: worker ${slot.index} terminated, a new one is loading; the query: ${excerpt(running.job.query)}`);
    running.settle({ kind: 'timeout' });
    this.replace(slot);
  }

  private spawn(slot: Slot): void {
    const worker = startTsWorker(WORKER_MODULE, { out: this.options.out } satisfies WorkerInit);
    slot.worker = worker;
    slot.state = 'loading';
    slot.startedAt = performance.now();
    worker.on('message', (message: WorkerMessage) => {
      if (slot.worker === worker) this.receive(slot, message);
    });
    worker.on('error', (e) => {
      if (slot.worker === worker) this.fail(slot, e.message);
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker) this.fail(slot, `the worker exited (code ${code})`);
    });
  }

  /** Terminates the slot's worker (it may be busy in the engine) and starts a fresh one. */
  private replace(slot: Slot): void {
    const old = slot.worker;
    slot.worker = undefined;
    slot.state = 'loading';
    if (old) void old.terminate();
    if (!this.closed) this.spawn(slot);
  }

  private receive(slot: Slot, message: WorkerMessage): void {
    switch (message.kind) {
      case 'ready':
        slot.state = 'idle';
        slot.retryMs = 1000;
        this.quads = message.quads;
        this.loadMs = Math.max(this.loadMs, performance.now() - slot.startedAt);
        if (slot.replacing) this.options.log(`worker ${slot.index} ready again (${Math.round(performance.now() - slot.startedAt)} ms to load the release)`);
        slot.replacing = true;
        if (this.startup && --this.startup.pending === 0) this.startup.resolve();
        this.drain();
        return;
      case 'load-error':
        this.loadFailed(slot, message.message);
        return;
      case 'answer': {
        const running = slot.running;
        if (!running || running.id !== message.id) return;
        clearTimeout(running.timer);
        slot.running = undefined;
        const took = performance.now() - running.since;
        this.serviceMs = this.serviceMs === 0 ? took : this.serviceMs * 0.9 + took * 0.1;
        running.settle({ kind: 'answer', answer: message.answer });
        if (!message.answer.ok && message.answer.poisoned) {
          this.options.log(`query ${message.id} trapped the engine: worker ${slot.index} replaced; the query: ${excerpt(running.job.query)}`);
          this.replace(slot);
        } else {
          slot.state = 'idle';
        }
        this.drain();
      }
    }
  }

  /** The worker died on its own (a crash, out of memory). */
  private fail(slot: Slot, message: string): void {
    if (slot.state === 'loading') return this.loadFailed(slot, message);
    const running = slot.running;
    slot.running = undefined;
    this.options.log(`worker ${slot.index} failed (${message}): replaced`);
    running?.settle({ kind: 'crashed', message });
    clearTimeout(running?.timer);
    this.replace(slot);
    this.drain();
  }

  private loadFailed(slot: Slot, message: string): void {
    if (this.startup) {
      this.startup.reject(new Error(message));
      return;
    }
    const old = slot.worker;
    slot.worker = undefined;
    if (old) void old.terminate();
    if (this.closed) return;
    this.options.log(`worker ${slot.index} could not load the release (${message}); trying again in ${slot.retryMs / 1000} s`);
    setTimeout(() => {
      if (!this.closed && slot.worker === undefined) this.spawn(slot);
    }, slot.retryMs).unref();
    slot.retryMs = Math.min(MAX_RETRY_MS, slot.retryMs * 2);
  }
}
