/**
 * Worker threads that take the announcement graphs off the main thread once
 * they are modelled: each is checked against the shapes and serialised for
 * the dumps in a worker (see graph-worker.ts), and the main thread only writes
 * what comes back, in the order the graphs were sent.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory, type Quad as N3Quad, type Term, termFromId, termToId } from 'n3';
import { WorkerPool } from '../src/core/worker-pool.ts';
import type { SerializedGraph } from '../src/publish/dumps.ts';
import type { ValidationResult } from '../src/validate/validate.ts';

export interface GraphWorkerInit {
  /**
   * The shared graphs (reference data, membership periods, the run), packed: each distinct term crosses
   * once, and the worker's quads share their terms. Parsed from N-Quads, every quad had terms of its own
   * and kept slices of the whole text alive: at 30k announcements a worker held 518 MB for them; packed, and with
   * no second index of them kept once checked, 182 MB.
   */
  shared: PackedGraph;
  shapesFile?: string;
  /** The JSON-LD context file the JSON-LD dump is compacted with. */
  contextFile: string;
}

/**
 * One graph as it crosses to a worker: each distinct term once (as N3's term id), and four indexes into
 * them per quad. Cloning this and rebuilding the quads costs a fraction of writing and parsing N-Quads.
 */
export interface PackedGraph {
  terms: string[];
  quads: Uint32Array;
}

export type GraphTask = { kind: 'shared' } | { kind: 'graph'; graph: PackedGraph };

/** Packs quads for a worker; `unpackGraph` gives back equal quads (blank node labels included). */
export function packGraph(quads: Iterable<Quad>): PackedGraph {
  const index = new Map<string, number>();
  const terms: string[] = [];
  const refs: number[] = [];
  for (const q of quads) {
    for (const term of [q.subject, q.predicate, q.object, q.graph]) {
      const id = termToId(term as Term);
      let i = index.get(id);
      if (i === undefined) {
        i = terms.push(id) - 1;
        index.set(id, i);
      }
      refs.push(i);
    }
  }
  return { terms, quads: Uint32Array.from(refs) };
}

/** The quads of a packed graph, in the order they were packed. */
export function unpackGraph(graph: PackedGraph): N3Quad[] {
  const terms = graph.terms.map((id) => termFromId(id));
  const out: N3Quad[] = [];
  const r = graph.quads;
  for (let i = 0; i < r.length; i += 4) out.push(DataFactory.quad(terms[r[i]!]! as N3Quad['subject'], terms[r[i + 1]!]! as N3Quad['predicate'], terms[r[i + 2]!]! as N3Quad['object'], terms[r[i + 3]!]! as N3Quad['graph']));
  return out;
}

/** What a worker gives back for one graph: its shape results and its dump serialisation (null when empty). */
export interface GraphDone {
  results: ValidationResult[];
  serialized: SerializedGraph | null;
}

export class GraphWorkers {
  private readonly pool: WorkerPool<GraphTask, GraphDone>;

  constructor(shared: PackedGraph, size: number, options: { shapesFile?: string; contextFile: string }) {
    const init: GraphWorkerInit = { shared, contextFile: options.contextFile, ...(options.shapesFile ? { shapesFile: options.shapesFile } : {}) };
    this.pool = new WorkerPool(new URL('./graph-worker.ts', import.meta.url), init, size);
  }

  /** Results of the shared graphs (checked by every worker, so each skips them in later graphs; the first one's are returned). */
  async validateShared(): Promise<ValidationResult[]> {
    const [first] = await this.pool.broadcast({ kind: 'shared' });
    return first?.results ?? [];
  }

  /** Sends one announcement graph (waiting while every worker is full); `done` is what the worker gives back. */
  submit(quads: Iterable<Quad>): Promise<{ done: Promise<GraphDone> }> {
    return this.pool.submit({ kind: 'graph', graph: packGraph(quads) });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
