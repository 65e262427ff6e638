/**
 * An extraction worker of the build: extracts the announcements sent to it
 * and stores each entry in the extraction cache, so extraction runs beside
 * reading on the main thread.
 */
import { extractAnnouncement } from '../src/extract/index.ts';
import type { Extraction } from '../src/core/extraction.ts';
import type { Announcement } from '../src/core/types.ts';
import { serveTasks } from '../src/core/worker-pool.ts';
import { extractInto } from './extraction-cache.ts';

/** One announcement to extract, and where its cache entry goes. */
export interface ExtractTask {
  announcement: Announcement;
  key: string;
  /** The cache folder. */
  dir: string;
}

serveTasks<ExtractTask, Extraction>((task) => extractInto(task.dir, task.key, task.announcement, extractAnnouncement));
