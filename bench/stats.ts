/**
 * Small numeric helpers shared by the measurements: percentiles, rates and the
 * repository paths the harness works in.
 */
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where generated corpora, build outputs and temporary files go (git-ignored). */
export const OUT_ROOT = fileURLToPath(new URL('./out/', import.meta.url));

/**
 * The nearest-rank percentile of a list of numbers (`p` in 0–100); NaN for an empty list.
 *
 * @example percentile([5, 1, 3], 50) === 3
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** `count / seconds`, or 0 when no time was measured. */
export function rate(count: number, seconds: number): number {
  return seconds > 0 ? count / seconds : 0;
}

/** Seconds since `start` (a `performance.now()` reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Resident set size of this process, in MB. */
export function rssMb(): number {
  return process.memoryUsage().rss / 1_048_576;
}
