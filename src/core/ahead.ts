/**
 * Work started ahead of its use. Reading many small files one `await` at a
 * time leaves the thread idle for each file's open, stat, read and close on the
 * thread pool; at 10k announcements that idling was most of the build's
 * modelling stage. Starting the next few reads while the current result is
 * used keeps the thread pool busy and the results in their order.
 */

/**
 * Calls `start` for each item, at most `window` calls ahead of the one being
 * used, and yields the results in the order of the items. A rejected call
 * throws where its result would have been yielded; calls already started after
 * it are left to settle unobserved.
 */
export async function* inOrderAhead<T, R>(items: Iterable<T>, window: number, start: (item: T) => Promise<R>): AsyncGenerator<R> {
  if (!(window >= 1)) throw new RangeError(`window must be at least 1, got ${window}`);
  const queue: Promise<R>[] = [];
  const iterator = items[Symbol.iterator]();
  let exhausted = false;
  const fill = () => {
    while (!exhausted && queue.length < window) {
      const next = iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const started = start(next.value);
      // Its failure is met when it is yielded; until then it must not count as unobserved.
      started.catch(() => undefined);
      queue.push(started);
    }
  };
  fill();
  while (queue.length > 0) {
    const result = await queue.shift()!;
    fill();
    yield result;
  }
}
