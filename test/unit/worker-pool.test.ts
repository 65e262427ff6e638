/**
 * The worker pool behind the build's extraction and graph workers: answers
 * come back to the task that asked, tasks of one worker are handled in the
 * order sent even when they wait, a failing task fails alone, and a worker
 * that stops fails what it held instead of leaving it unanswered.
 */
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/core/worker-pool.ts';

const ECHO = new URL('../fixtures/workers/echo-worker.ts', import.meta.url);

describe('WorkerPool', () => {
  it('answers every task with its own result, and a failing task alone fails', async () => {
    const pool = new WorkerPool<number | 'exit', number>(ECHO, undefined, 2, 4);
    try {
      const sent: Promise<number>[] = [];
      for (let i = 0; i < 30; i++) {
        const { done } = await pool.submit(i === 7 ? -7 : i);
        // The failing task may be answered while later ones are still being sent.
        done.catch(() => undefined);
        sent.push(done);
      }
      const settled = await Promise.allSettled(sent);
      settled.forEach((s, i) => {
        if (i === 7) expect(s).toMatchObject({ status: 'rejected', reason: new Error('negative: -7') });
        else expect(s).toEqual({ status: 'fulfilled', value: i * 2 });
      });
    } finally {
      await pool.close();
    }
  });

  it('fails the tasks of a worker that stops, and every task after, instead of waiting for ever', async () => {
    const pool = new WorkerPool<number | 'exit', number>(ECHO, undefined, 1, 4);
    try {
      const before = (await pool.submit(1)).done;
      const exit = (await pool.submit('exit')).done;
      exit.catch(() => undefined);
      const held = (await pool.submit(2)).done;
      held.catch(() => undefined);
      expect(await before).toBe(2);
      await expect(exit).rejects.toThrow(/stopped \(exit code 3\)/);
      await expect(held).rejects.toThrow(/stopped/);
      await expect(pool.submit(3).then((s) => s.done)).rejects.toThrow(/stopped/);
    } finally {
      await pool.close();
    }
  });
});
