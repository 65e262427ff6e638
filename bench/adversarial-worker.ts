/**
 * Runs `extractAnnouncement` on one adversarial body inside a worker thread,
 * so the harness can stop it at a deadline: a regular expression that
 * backtracks cannot be interrupted any other way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Announcement } from '../src/core/types.ts';
import { extractAnnouncement } from '../src/extract/index.ts';

/** What the harness sends: the body to extract from. */
export interface AdversarialJob {
  name: string;
  body: string;
}

/** What the worker answers. */
export interface AdversarialAnswer {
  name: string;
  ms: number;
  error?: string;
  entities: number;
}

function announcement(id: string, body: string): Announcement {
  return {
    id,
    source: { path: `${id}.txt`, format: 'text', encoding: 'utf-8', sha256: '0'.repeat(64), byteSize: body.length },
    title: 'Hội nghị tập huấn nghiệp vụ',
    published: { date: '2024-03-26' },
    body,
    contentHash: id,
  };
}

const job = workerData as AdversarialJob;
// Warm up: the first call compiles the phrase tables.
extractAnnouncement(announcement('warmup', 'Sáng 25/3, Thứ trưởng Bộ Tư pháp Trần Tiến Dũng chủ trì Hội nghị triển khai Nghị định số 144/2017/NĐ-CP.'));
const started = performance.now();
let answer: AdversarialAnswer;
try {
  const x = extractAnnouncement(announcement(job.name, job.body));
  answer = { name: job.name, ms: performance.now() - started, entities: x.agencies.length + x.officials.length + x.documents.length + x.events.length + x.dates.length };
} catch (e) {
  answer = { name: job.name, ms: performance.now() - started, error: (e as Error).message, entities: 0 };
}
parentPort!.postMessage(answer);
