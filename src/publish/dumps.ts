/**
 * The dump files: gzipped N-Quads and JSON-LD (one named graph per
 * announcement), and the union of all graphs as gzipped N-Triples and Turtle.
 * Quads are written in a fixed order (graphs as added, lines sorted inside each
 * graph; the union sorted and without repeats), so the same input always gives
 * the same bytes. The union is sorted in bounded memory (`LineSorter`) and the
 * Turtle written from its sorted lines (`TurtleLineWriter`), in a worker thread
 * beside the merge when asked (`DumpOptions.unionWorker`, see union-worker.ts).
 * Each graph's quad count and the SHA-256 of its lines are kept (`graphs`), so
 * the next release can tell which graphs changed.
 */
import { DataFactory, Writer, type Quad, type Term } from 'n3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { NS } from '../core/vocab.ts';
import { CompactionContext, nodeObjects } from './jsonld-compact.ts';
import { LineSorter } from './line-sort.ts';
import { TurtleLineWriter } from './turtle-lines.ts';
import { GzipTextSink, type SinkResult } from './text-sink.ts';
import { StageTimes } from '../core/stage-times.ts';
import { WorkerPool } from '../core/worker-pool.ts';
import type { UnionDone, UnionTask, UnionWorkerInit } from './union-worker.ts';
import type { VoidStats } from './void.ts';

/** File names inside the dumps folder; documented in the README. */
export const DUMP_FILES = {
  nquads: 'loa.nq.gz',
  ntriples: 'loa.nt.gz',
  turtle: 'loa.ttl.gz',
  jsonld: 'loa.jsonld.gz',
} as const;

/** One named graph as written: its IRI, how many quads, and the SHA-256 of its N-Quads lines. */
export interface GraphDigest {
  graph: string;
  quads: number;
  sha256: string;
}

export interface DumpStats {
  /** Quads in the N-Quads dump (statements counted once per graph). */
  quads: number;
  /** Distinct triples in the union (N-Triples and Turtle). */
  triples: number;
  graphs: number;
  /** Every named graph, in the order written. */
  digests: GraphDigest[];
  /** The VoID figures of the union, when the union worker counted them (see {@link DumpOptions}). */
  voidStats?: VoidStats;
  files: SinkResult[];
  /**
   * Seconds spent on each part of the dumps: serialising the graphs for each format (in whichever thread
   * did it), and on this thread each format's writing and compression, the union's spilling and merge,
   * and the listener.
   */
  seconds: Record<string, number>;
}

const lineWriter = new Writer({ format: 'N-Quads' });

/** One N-Quads line (with its newline) for a quad; the N3 writer does the escaping. */
export function nquadLine(q: Quad): string {
  return lineWriter.quadToString(q.subject, q.predicate, q.object, q.graph);
}

/** One named graph as the dumps take it: everything but the writing, so it can be done in a worker thread. */
export interface SerializedGraph {
  /** The graph's IRI. */
  graph: string;
  /** Its distinct N-Quads lines, sorted, in UTF-8. */
  nquads: Uint8Array;
  /** How many lines that is. */
  quads: number;
  /** SHA-256 of `nquads`. */
  sha256: string;
  /** The graph as a JSON-LD object (`@id`, `@graph`), compacted with the dump's context, in UTF-8. */
  jsonld: Uint8Array;
  /** Its triples as N-Triples lines, for the union. */
  triples: string[];
  /** Milliseconds spent making each of the above: the N-Quads (with their digest), the JSON-LD, the union's lines. */
  ms: { nquads: number; jsonld: number; union: number };
}

/** A fixed subject and predicate, to read how the N3 writer writes a term in the object position. */
const PROBE_SUBJECT = DataFactory.namedNode('s');
const PROBE_PREDICATE = DataFactory.namedNode('p');
const PROBE_HEAD = '<s> <p> '.length;

/**
 * A term as the N3 writer writes it in an N-Quads line: IRIs and blank nodes the same in every position,
 * literals (objects only) with their escapes, language and datatype.
 */
function nquadTerm(term: Term): string {
  const line = lineWriter.quadToString(PROBE_SUBJECT, PROBE_PREDICATE, term as Quad['object']);
  return line.slice(PROBE_HEAD, line.length - ' .\n'.length);
}

const TERM_LIMIT = 131_072;

/** Serialises one non-empty named graph (every quad with the same graph term) for {@link DumpWriter.addSerialized}. */
export function serializeGraph(quads: Quad[], context: CompactionContext): SerializedGraph {
  const started = performance.now();
  // Each distinct term is written once (a graph names the same subjects, predicates and graph in most of its
  // statements), and a statement is known by the numbers of its terms, not by hashing its whole line.
  // Terms are numbered by their text, so equal terms given as distinct objects are one term.
  const numbers = new Map<Term, number>();
  const byText = new Map<string, number>();
  const texts: string[] = [];
  const numberOf = (t: Term): number => {
    let n = numbers.get(t);
    if (n === undefined) {
      const text = nquadTerm(t);
      n = byText.get(text);
      if (n === undefined) {
        n = texts.push(text) - 1;
        byText.set(text, n);
      }
      numbers.set(t, n);
    }
    return n;
  };
  const first = quads[0]!;
  // What follows the triple on each line: the graph's term (none for the default graph), then the end.
  const lineEnd = first.graph.termType === 'DefaultGraph' ? ' .\n' : ` ${nquadTerm(first.graph)} .\n`;
  // Three term numbers make one safe integer while a graph cannot have 2^17 distinct terms; larger graphs
  // (the shared ones) are keyed by text.
  const numeric = quads.length * 3 < TERM_LIMIT;
  const seen = new Set<number | string>();
  const statements: { line: string; quad: Quad; triple: string }[] = [];
  for (const q of quads) {
    const s = numberOf(q.subject);
    const p = numberOf(q.predicate);
    const o = numberOf(q.object);
    const key = numeric ? (s * TERM_LIMIT + p) * TERM_LIMIT + o : `${s} ${p} ${o}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const triple = `${texts[s]} ${texts[p]} ${texts[o]}`;
    statements.push({ line: `${triple}${lineEnd}`, quad: q, triple: `${triple} .\n` });
  }
  // By UTF-16 code units, the order of `byCodeUnits` (the lines differ before their common graph term).
  statements.sort((a, b) => (a.line < b.line ? -1 : 1));
  const nquads = Buffer.from(statements.map((x) => x.line).join(''), 'utf8');
  const sha256 = createHash('sha256').update(nquads).digest('hex');
  const linesDone = performance.now();
  const graph = first.graph.value;
  const jsonld = Buffer.from(JSON.stringify({ '@id': graph, '@graph': nodeObjects(context, statements.map((x) => x.quad)) }), 'utf8');
  const jsonldDone = performance.now();
  // A triple's line is its quad's line without the graph term; sorted alike, since both go on with a space.
  const triples = statements.map((x) => x.triple);
  return {
    graph,
    nquads,
    quads: statements.length,
    sha256,
    jsonld,
    triples,
    ms: { nquads: linesDone - started, jsonld: jsonldDone - linesDone, union: performance.now() - jsonldDone },
  };
}

/** How a {@link DumpWriter} writes the union's other files. */
export interface DumpOptions {
  /**
   * Write the Turtle dump in a worker thread beside the merge (which writes the N-Triples dump), and count
   * the VoID figures there under `voidBase` when given (`DumpStats.voidStats`). Starting the worker costs
   * about a second, so small runs write both on this thread.
   */
  unionWorker?: { voidBase?: string };
}

/** Batches of union lines the union worker may hold before the merge waits for it. */
const BESIDE_BATCHES = 4;

export class DumpWriter {
  private readonly nquads: GzipTextSink;
  private readonly jsonld: GzipTextSink;
  /** The union of all graphs as N-Triples lines, sorted and de-duplicated on disk when large. */
  private readonly union: LineSorter;
  private quadCount = 0;
  private readonly digests: GraphDigest[] = [];
  private readonly times = new StageTimes();

  /**
   * @param context the JSON-LD context (the `@context` value) the JSON-LD dump is compacted with, and which it carries inline
   * @param onUnionLine sees every line of the N-Triples dump as it is written (the VoID counter listens here)
   */
  constructor(
    private readonly dir: string,
    private readonly context: CompactionContext,
    private readonly onUnionLine?: (line: string) => void,
    private readonly options: DumpOptions = {},
  ) {
    this.nquads = new GzipTextSink(join(dir, DUMP_FILES.nquads));
    this.jsonld = new GzipTextSink(join(dir, DUMP_FILES.jsonld));
    this.union = new LineSorter(join(dir, '.union'));
  }

  /** Adds one named graph: every quad must carry the same graph term. */
  async addGraph(quads: Quad[]): Promise<void> {
    if (quads.length === 0) return;
    await this.addSerialized(serializeGraph(quads, this.context));
  }

  /** Adds one named graph serialised by {@link serializeGraph} (possibly in another thread). */
  async addSerialized(g: SerializedGraph): Promise<void> {
    // Serialising may have been done in another thread: its time is counted apart from this thread's writing.
    this.times.add('N-Quads: serialise', g.ms.nquads);
    this.times.add('JSON-LD: serialise', g.ms.jsonld);
    this.times.add('union: lines', g.ms.union);
    let t = performance.now();
    await this.nquads.write(g.nquads);
    this.quadCount += g.quads;
    t = this.lap('N-Quads: write', t);
    await this.jsonld.write(this.digests.length === 0 ? `{"@context":${JSON.stringify(this.context.context)},"@graph":[\n` : ',\n');
    await this.jsonld.write(g.jsonld);
    this.digests.push({ graph: g.graph, quads: g.quads, sha256: g.sha256 });
    t = this.lap('JSON-LD: write', t);
    await this.union.add(g.triples);
    this.lap('union: sort and spill', t);
  }

  /** Charges the time since `since` to `part`; returns now. */
  private lap(part: string, since: number): number {
    const now = performance.now();
    this.times.add(part, now - since);
    return now;
  }

  async close(): Promise<DumpStats> {
    let t = performance.now();
    const files = [await this.nquads.close()];
    t = this.lap('N-Quads: write', t);
    await this.jsonld.write(this.digests.length === 0 ? `{"@context":${JSON.stringify(this.context.context)},"@graph":[]}\n` : '\n]}\n');
    files.push(await this.jsonld.close());
    t = this.lap('JSON-LD: write', t);
    const nt = new GzipTextSink(join(this.dir, DUMP_FILES.ntriples));
    const ttlPath = join(this.dir, DUMP_FILES.turtle);
    // Beside this thread, the Turtle dump and the VoID count take the lines as they are merged.
    const beside = this.options.unionWorker ? new WorkerPool<UnionTask, UnionDone | null>(new URL('./union-worker.ts', import.meta.url), { turtlePath: ttlPath, ...(this.options.unionWorker.voidBase === undefined ? {} : { voidBase: this.options.unionWorker.voidBase }) } satisfies UnionWorkerInit, 1, BESIDE_BATCHES) : undefined;
    try {
      const ttl = beside ? undefined : new GzipTextSink(ttlPath);
      const turtle = ttl ? new TurtleLineWriter({ ...NS }, (text) => ttl.write(text)) : undefined;
      let failure: unknown;
      const merging = performance.now();
      let consuming = 0;
      const triples = await this.union.drainBatches(async (lines) => {
        const started = performance.now();
        let u = started;
        if (beside) {
          // The worker holds a few batches at most; a batch it fails on fails the dumps when they close.
          const { done } = await beside.submit({ kind: 'lines', lines });
          done.catch((e: unknown) => {
            failure ??= e;
          });
          u = this.lap('union: handed to the Turtle and VoID worker', u);
        } else {
          if (this.onUnionLine) {
            for (const line of lines) this.onUnionLine(line);
            u = this.lap('union: listener (VoID)', u);
          }
          for (const line of lines) {
            const wrote = turtle!.add(line);
            if (wrote) await wrote;
          }
          u = this.lap('Turtle: write', u);
        }
        await nt.write(lines.join(''));
        consuming += this.lap('N-Triples: write', u) - started;
      });
      this.times.add('union: merge', performance.now() - merging - consuming);
      t = performance.now();
      let ttlFile: SinkResult;
      let voidStats: VoidStats | undefined;
      const ntFile = await nt.close();
      if (beside) {
        const done = (await (await beside.submit({ kind: 'end' })).done)!;
        if (failure !== undefined) throw failure;
        ttlFile = done.turtle;
        voidStats = done.voidStats;
        this.times.add('union worker: Turtle: write', done.ms.turtle);
        if (voidStats) this.times.add('union worker: VoID count', done.ms.void);
        this.lap('N-Triples: last blocks; waiting for the union worker', t);
      } else {
        await turtle!.end();
        ttlFile = await ttl!.close();
        this.lap('N-Triples and Turtle: last blocks', t);
      }
      files.push(ntFile, ttlFile);
      return { quads: this.quadCount, triples, graphs: this.digests.length, digests: this.digests, files, seconds: this.times.seconds(), ...(voidStats ? { voidStats } : {}) };
    } finally {
      await beside?.close();
    }
  }
}
