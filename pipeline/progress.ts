import type { Io } from './io.ts';

/**
 * Progress of a long step: a redrawn bar on a terminal, a plain line every
 * `logEvery` items (and at the end) otherwise.
 */
export class Progress {
  private readonly tty: boolean;
  private lastDraw = 0;

  constructor(
    private readonly io: Io,
    private readonly label: string,
    private readonly total: number,
    private readonly logEvery = 1000,
  ) {
    this.tty = Boolean(io.stderr.isTTY);
  }

  update(done: number): void {
    if (this.tty) {
      const now = Date.now();
      if (done < this.total && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const width = Math.max(10, Math.min(40, (this.io.stderr.columns ?? 80) - 40));
      const filled = this.total ? Math.round((done / this.total) * width) : width;
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      this.io.stderr.write(`\r${this.label} ${bar} ${done}/${this.total}`);
    } else if (done % this.logEvery === 0 && done > 0 && done < this.total) {
      this.io.stderr.write(`${this.label}: ${done}/${this.total}\n`);
    }
  }

  finish(): void {
    if (this.tty) this.io.stderr.write(`\r${this.label} ${this.total}/${this.total}\x1b[K\n`);
    else this.io.stderr.write(`${this.label}: ${this.total}/${this.total}\n`);
  }
}
