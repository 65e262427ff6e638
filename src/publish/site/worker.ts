/**
 * The embeds and entity pages written in a worker thread, beside the other
 * release writers (CSV, catalogue) on the main thread. The worker reads the
 * site graph from the dumps, writes `embeds/` and `site/` (both from that
 * graph, which only this thread holds), and
 * answers with the files to list and the SHA-256 of every file it wrote.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IriMinter } from '../../core/iri.ts';
import { StageTimes } from '../../core/stage-times.ts';
import type { ReleaseContext } from '../release-context.ts';
import { siteGraphOf } from './graph.ts';
import { writeEmbeds, writeSite } from './index.ts';
import type { SiteJob, SiteReply } from './in-worker.ts';

const job = workerData as SiteJob;
const reply = (message: SiteReply) => parentPort!.postMessage(message);
try {
  const checksums = new Map<string, string>();
  const times = new StageTimes();
  const counts = new Map<string, number>();
  const ctx: ReleaseContext = { ...job, iris: new IriMinter(job.base), checksums, times, counts };
  await times.time('site graph read', () => siteGraphOf(ctx));
  const files = [...(await times.time('embeds', () => writeEmbeds(ctx))), ...(await times.time('entity pages', () => writeSite(ctx)))];
  reply({ kind: 'done', files, checksums: [...checksums], times: times.entries(), counts: [...counts] });
} catch (e) {
  reply({ kind: 'failed', message: (e as Error).stack ?? String(e) });
}
