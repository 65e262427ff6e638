/**
 * A graph worker of the build: holds the shared graphs and the shapes once,
 * and for each announcement graph sent to it (packed terms) checks it against the
 * shapes and serialises it for the dumps (sorted N-Quads, digest, JSON-LD,
 * N-Triples lines), so both run beside modelling on the main thread.
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../src/core/worker-pool.ts';
import { serializeGraph } from '../src/publish/dumps.ts';
import { contextFromFile } from '../src/publish/jsonld-compact.ts';
import { GraphValidator } from '../src/validate/validate.ts';
import { type GraphDone, type GraphTask, type GraphWorkerInit, unpackGraph } from './graph-workers.ts';

const init = workerData as GraphWorkerInit;
const validator = new GraphValidator(unpackGraph(init.shared), init.shapesFile ? { shapesFile: init.shapesFile } : {});
const context = contextFromFile(init.contextFile);

serveTasks<GraphTask, GraphDone>(async (task) => {
  if (task.kind === 'shared') return { results: await validator.validateShared(), serialized: null };
  const quads = unpackGraph(task.graph);
  return { results: await validator.validateGraph(quads), serialized: quads.length === 0 ? null : serializeGraph(quads, context) };
});
