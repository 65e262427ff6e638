/**
 * `writeEmbeds` then `writeSite` run in a worker thread (see worker.ts), so
 * the pages, the largest writer of a release, use the second core while the
 * main thread writes the CSV tables. The output is the same as in-thread.
 */
import type { ReleaseContext, ReleaseFile } from '../release-context.ts';
import { startTsWorker } from '../../core/ts-worker.ts';

/** The heap the pages' worker may use, whatever limit the process has. */
const SITE_HEAP_MB = 4096;

/** What the worker is given: the release context, with the base IRI instead of the minter. */
export type SiteJob = Omit<ReleaseContext, 'iris' | 'checksums' | 'times' | 'counts'> & { base: string };

/** The worker's answer: the files to list, every file's SHA-256, milliseconds per part of its work, and its counts. */
export type SiteReply = { kind: 'done'; files: ReleaseFile[]; checksums: [string, string][]; times: [string, number][]; counts: [string, number][] } | { kind: 'failed'; message: string };

/**
 * Writes `embeds/` and `site/` in a worker; resolves with the files to list (those of
 * `writeEmbeds`, then those of `writeSite`) once the worker is done, having added the
 * SHA-256 of every file to `ctx.checksums` and the time of each part to `ctx.times`.
 */
export function writeEmbedsAndSiteInWorker(ctx: ReleaseContext): Promise<ReleaseFile[]> {
  const { iris, checksums, times, counts, ...rest } = ctx;
  const job: SiteJob = { ...rest, base: iris.base };
  return new Promise((resolve, reject) => {
    // The site graph holds every entity (about 700 MB of heap at 100k announcements): this thread may grow past a
    // heap limit set for the process (NODE_OPTIONS=--max-old-space-size) to keep the rest of a build small.
    const worker = startTsWorker(new URL('./worker.ts', import.meta.url), job, { maxOldGenerationSizeMb: SITE_HEAP_MB });
    let settled = false;
    worker.once('message', (reply: SiteReply) => {
      settled = true;
      void worker.terminate();
      if (reply.kind === 'failed') {
        reject(new Error(`writing the embeds and entity pages failed: ${reply.message}`));
        return;
      }
      for (const [path, sha] of reply.checksums) checksums?.set(path, sha);
      times?.merge(reply.times, 'in the pages\' worker: ');
      for (const [label, n] of reply.counts) counts?.set(label, n);
      resolve(reply.files);
    });
    worker.once('error', (e) => {
      settled = true;
      reject(new Error(`writing the embeds and entity pages failed: ${e.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the worker writing the embeds and entity pages stopped (exit code ${code}) before it was done`));
    });
  });
}
