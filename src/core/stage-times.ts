/**
 * Seconds spent per named part of a job, summed over every time the part is
 * entered. The build reports these next to its stage times, so a slow release
 * can be traced to the dump format or writer that made it slow.
 */
export class StageTimes {
  private readonly spent = new Map<string, number>();

  /** Adds `ms` milliseconds to `part`. */
  add(part: string, ms: number): void {
    this.spent.set(part, (this.spent.get(part) ?? 0) + ms);
  }

  /** Runs `work` and charges its duration to `part`, whether it resolves or fails. */
  async time<T>(part: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(part, performance.now() - started);
    }
  }

  /** Adds every part of `other`, each name prefixed with `prefix`. */
  merge(other: Iterable<[string, number]>, prefix = ''): void {
    for (const [part, ms] of other) this.add(`${prefix}${part}`, ms);
  }

  /** Milliseconds per part, in the order the parts were first entered. */
  entries(): [string, number][] {
    return [...this.spent];
  }

  /** Seconds per part (to the millisecond), in the order the parts were first entered. */
  seconds(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [part, ms] of this.spent) out[part] = Math.round(ms) / 1000;
    return out;
  }
}
