/**
 * Adversarial extraction: 1 MB bodies shaped to make pattern matching slow
 * (long runs of one token, repeated cues, one line without spaces), each run
 * through `extractAnnouncement` in a worker thread with a deadline. Target:
 * each finishes in under a second.
 */
import type { AdversarialAnswer, AdversarialJob } from './adversarial-worker.ts';
import { startTsWorker } from '../src/core/ts-worker.ts';

/** The result for one shape. */
export interface AdversarialResult {
  name: string;
  chars: number;
  ms: number;
  /** Stopped at the deadline. */
  timedOut: boolean;
  error?: string;
  /** Entities and dates extracted (a sanity figure, not a target). */
  entities: number;
  withinTarget: boolean;
}

/** Each shape must finish in this time. */
export const TARGET_MS = 1000;
/** A worker still running after this is terminated. */
const DEADLINE_MS = 20_000;
/** Size of each body. */
const BYTES = 1 << 20;

/** Repeats `unit` until the text is about `BYTES` long. */
const fill = (unit: string): string => unit.repeat(Math.ceil(BYTES / Buffer.byteLength(unit, 'utf8')));

/** The shapes: name and body. */
export const SHAPES: readonly { name: string; body: () => string }[] = [
  { name: "digits and slashes '1/'×", body: () => fill('1/') },
  { name: "'Nghị định số '×", body: () => fill('Nghị định số ') },
  { name: "'(((' run", body: () => fill('(') },
  { name: "'ngày '×", body: () => fill('ngày ') },
  { name: 'one 1 MB line, no spaces', body: () => fill('Bộtưphápđãtổchứchộinghị') },
  { name: "'Bộ Tư pháp '×", body: () => fill('Bộ Tư pháp ') },
  { name: "'các Phó Chủ tịch '×", body: () => fill('các Phó Chủ tịch ') },
  { name: "'12/2024/NĐ-CP ngày 1/1/2024 '×", body: () => fill('12/2024/NĐ-CP ngày 1/1/2024 ') },
  { name: "'Thứ trưởng Nguyễn Văn An, '×", body: () => fill('Thứ trưởng Nguyễn Văn An, ') },
];

function runShape(job: AdversarialJob): Promise<AdversarialResult> {
  return new Promise((resolve) => {
    const worker = startTsWorker(new URL('./adversarial-worker.ts', import.meta.url), job);
    const base = { name: job.name, chars: job.body.length };
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ...base, ms: DEADLINE_MS, timedOut: true, entities: 0, withinTarget: false });
    }, DEADLINE_MS);
    worker.once('message', (a: AdversarialAnswer) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve({ ...base, ms: a.ms, timedOut: false, entities: a.entities, withinTarget: !a.error && a.ms < TARGET_MS, ...(a.error ? { error: a.error } : {}) });
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      resolve({ ...base, ms: 0, timedOut: false, error: e.message, entities: 0, withinTarget: false });
    });
  });
}

/**
 * Runs every shape, one worker each.
 *
 * @example (await measureAdversarial()).every((r) => r.withinTarget)
 */
export async function measureAdversarial(): Promise<AdversarialResult[]> {
  const results: AdversarialResult[] = [];
  for (const shape of SHAPES) results.push(await runShape({ name: shape.name, body: shape.body() }));
  return results;
}
