/**
 * Work started ahead of its use (`inOrderAhead`): results come in the order of
 * the items whatever order the calls finish in, no more than the window is
 * started ahead, and a failure surfaces where its result would have come.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { inOrderAhead } from '../../src/core/ahead.ts';

async function collect<R>(gen: AsyncGenerator<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

describe('inOrderAhead', () => {
  it('yields results in the order of the items when later calls finish first', async () => {
    const finished: number[] = [];
    const items = [0, 1, 2, 3, 4, 5, 6, 7];
    // Earlier items take longer, so with a window the calls finish out of order.
    const results = await collect(
      inOrderAhead(items, 4, async (i) => {
        await sleep((8 - i) * 3);
        finished.push(i);
        return i * 10;
      }),
    );
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(finished).not.toEqual(items);
  });

  it('starts at most the window ahead of the result being used', async () => {
    let started = 0;
    let taken = 0;
    const most: number[] = [];
    for await (const r of inOrderAhead(Array.from({ length: 20 }, (_, i) => i), 3, async (i) => {
      started++;
      await sleep(1);
      return i;
    })) {
      taken++;
      // While result r is used, calls for at most r+1 … r+3 have been started beyond it.
      most.push(started - taken);
      expect(r).toBe(taken - 1);
      await sleep(2);
    }
    expect(taken).toBe(20);
    expect(Math.max(...most)).toBeLessThanOrEqual(3);
    expect(Math.max(...most)).toBeGreaterThan(0);
  });

  it('throws a failed call where its result would come, after the results before it', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const r of inOrderAhead([1, 2, 3, 4], 2, async (i) => {
        if (i === 3) throw new Error('third failed');
        return i;
      }))
        seen.push(r);
    };
    await expect(run()).rejects.toThrow('third failed');
    expect(seen).toEqual([1, 2]);
  });

  it('takes nothing from the items beyond what it starts, and refuses a window below 1', async () => {
    function* numbers() {
      for (let i = 0; ; i++) yield i;
    }
    const gen = inOrderAhead(numbers(), 2, async (i) => i);
    expect((await gen.next()).value).toBe(0);
    expect((await gen.next()).value).toBe(1);
    await gen.return(undefined);
    await expect(collect(inOrderAhead([1], 0, async (i) => i))).rejects.toThrow(RangeError);
  });
});
