/**
 * Worker threads running TypeScript modules. On Node 20 a worker does not
 * inherit the tsx loader of the main thread, so it registers tsx itself
 * before importing the module.
 */
import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts `module` (a `.ts` file URL) in a worker thread with `workerData` and, when given, heap limits.
 *
 * @example const w = startTsWorker(new URL('./worker.ts', import.meta.url), { shapesFile });
 */
export function startTsWorker(module: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const bootstrap = `
const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
register();
await import(${JSON.stringify(module.href)});
`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
}
