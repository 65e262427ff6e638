/**
 * Ingest and extraction timed in this process, on one core: reading the corpus
 * with `readInputFile`, then `extractAnnouncement` alone over every
 * announcement (the figure with a target of 2,000 announcements/s).
 */
import { DEFAULT_MAX_FILE_BYTES } from '../src/core/config.ts';
import type { Announcement } from '../src/core/types.ts';
import { extractAnnouncement } from '../src/extract/index.ts';
import { listInputFiles, readInputFile } from '../src/ingest/read-corpus.ts';
import { percentile, rate, secondsSince } from './stats.ts';

/** What the in-process pass measured. */
export interface ExtractMeasurement {
  ingest: { files: number; announcements: number; megabytes: number; seconds: number; announcementsPerSecond: number };
  extraction: {
    announcements: number;
    /** The first 20 calls (tables compiled on first use), not counted in the rate. */
    warmupSeconds: number;
    seconds: number;
    announcementsPerSecond: number;
    /** Per-announcement milliseconds. */
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    maxMs: number;
    slowest: { id: string; ms: number; bodyChars: number };
    failures: number;
  };
}

const WARMUP = 20;

/** Reads every announcement of the corpus, timed. */
async function readCorpus(dir: string): Promise<{ announcements: Announcement[]; files: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const { files } = await listInputFiles(dir);
  const announcements: Announcement[] = [];
  let bytes = 0;
  for (const file of files) {
    const result = await readInputFile(file, { maxFileBytes: DEFAULT_MAX_FILE_BYTES });
    for (const a of result.announcements) {
      announcements.push(a);
      if (a.source.record === undefined || a.source.record === 1) bytes += a.source.byteSize;
    }
  }
  return { announcements, files: files.length, bytes, seconds: secondsSince(started) };
}

function timeExtraction(announcements: Announcement[]): ExtractMeasurement['extraction'] {
  const warmStart = performance.now();
  for (const a of announcements.slice(0, WARMUP)) extractAnnouncement(a);
  const warmupSeconds = secondsSince(warmStart);
  const times: number[] = [];
  let slowest = { id: '', ms: -1, bodyChars: 0 };
  let failures = 0;
  const started = performance.now();
  for (const a of announcements) {
    const t = performance.now();
    try {
      extractAnnouncement(a);
    } catch {
      failures++;
    }
    const ms = performance.now() - t;
    times.push(ms);
    if (ms > slowest.ms) slowest = { id: a.id, ms, bodyChars: a.body.length };
  }
  const seconds = secondsSince(started);
  return {
    announcements: announcements.length,
    warmupSeconds,
    seconds,
    announcementsPerSecond: rate(announcements.length, seconds),
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    p99Ms: percentile(times, 99),
    maxMs: slowest.ms,
    slowest,
    failures,
  };
}

/**
 * Reads the corpus, then times extraction over it.
 *
 * @example (await measureExtract('bench/out/corpus-1k')).extraction.announcementsPerSecond
 */
export async function measureExtract(corpus: string): Promise<ExtractMeasurement> {
  const read = await readCorpus(corpus);
  const n = read.announcements.length;
  const extraction = timeExtraction(read.announcements);
  return {
    ingest: { files: read.files, announcements: n, megabytes: read.bytes / 1_048_576, seconds: read.seconds, announcementsPerSecond: rate(n, read.seconds) },
    extraction,
  };
}
