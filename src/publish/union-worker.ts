/**
 * The Turtle dump and the VoID count, in a worker thread beside the merge of
 * the union: the main thread merges the sorted runs and writes the N-Triples
 * dump, and hands each batch of lines here, where the same lines are written
 * as Turtle and counted. Both only read the lines in order, so the output is
 * what the main thread alone would give; on the 10k corpus they were about
 * half of the main thread's work once the graphs were written, with the other
 * core idle.
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../core/worker-pool.ts';
import { NS } from '../core/vocab.ts';
import { GzipTextSink, type SinkResult } from './text-sink.ts';
import { TurtleLineWriter } from './turtle-lines.ts';
import { VoidCounter, type VoidStats } from './void.ts';

/** What the worker starts with: where the Turtle dump goes, and the base IRI to count VoID entities under (no count without it). */
export interface UnionWorkerInit {
  turtlePath: string;
  voidBase?: string;
}

export type UnionTask = { kind: 'lines'; lines: string[] } | { kind: 'end' };

/** The answer to `end`: the Turtle file, the VoID figures (with a base), and milliseconds spent on each. */
export interface UnionDone {
  turtle: SinkResult;
  voidStats?: VoidStats;
  ms: { turtle: number; void: number };
}

const init = workerData as UnionWorkerInit;
const sink = new GzipTextSink(init.turtlePath);
const turtle = new TurtleLineWriter({ ...NS }, (text) => sink.write(text));
const counter = init.voidBase === undefined ? undefined : new VoidCounter(init.voidBase);
const ms = { turtle: 0, void: 0 };

serveTasks<UnionTask, UnionDone | null>(async (task) => {
  if (task.kind === 'lines') {
    let t = performance.now();
    if (counter) {
      for (const line of task.lines) counter.addLine(line);
      const now = performance.now();
      ms.void += now - t;
      t = now;
    }
    for (const line of task.lines) {
      const wrote = turtle.add(line);
      if (wrote) await wrote;
    }
    ms.turtle += performance.now() - t;
    return null;
  }
  const t = performance.now();
  await turtle.end();
  const file = await sink.close();
  ms.turtle += performance.now() - t;
  return { turtle: file, ...(counter ? { voidStats: counter.finish() } : {}), ms };
});
