/**
 * A query worker: loads the release into its own oxigraph store, says it is
 * ready, then answers one query at a time. It holds no other state, so the pool
 * may terminate it at any moment (a deadline passed, the engine trapped) and
 * start another in its place.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRelease, type Release } from '../load-release.ts';
import { answerQuery, type QueryJob } from './answer.ts';

export interface WorkerInit {
  out: string;
}

export type WorkerMessage =
  | { kind: 'ready'; quads: number }
  | { kind: 'load-error'; message: string }
  | { kind: 'answer'; id: number; answer: Awaited<ReturnType<typeof answerQuery>> };

const port = parentPort!;
const { out } = workerData as WorkerInit;
const send = (message: WorkerMessage) => port.postMessage(message);

let release: Release;
try {
  release = await loadRelease(out);
  send({ kind: 'ready', quads: release.store.size });
  port.on('message', (job: QueryJob) => {
    void answerQuery(release.store, job).then((answer) => send({ kind: 'answer', id: job.id, answer }));
  });
} catch (e) {
  send({ kind: 'load-error', message: (e as Error).message });
}
