/**
 * The dump files: gzipped N-Quads (one named graph per announcement), and the
 * union of all graphs as gzipped N-Triples and Turtle. Quads are written in a
 * fixed order (graphs as added, lines sorted inside each graph; the union sorted
 * and without repeats), so the same input always gives the same bytes.
 */
import { Writer, type Quad } from 'n3';
import { join } from 'node:path';
import { NS } from '../core/vocab.ts';
import { GzipTextSink, type SinkResult } from './text-sink.ts';

/** File names inside the dumps folder; documented in the README. */
export const DUMP_FILES = {
  nquads: 'loa.nq.gz',
  ntriples: 'loa.nt.gz',
  turtle: 'loa.ttl.gz',
} as const;

export interface DumpStats {
  /** Quads in the N-Quads dump (statements counted once per graph). */
  quads: number;
  /** Distinct triples in the union (N-Triples and Turtle). */
  triples: number;
  graphs: number;
  files: SinkResult[];
}

const lineWriter = new Writer({ format: 'N-Quads' });

/** One N-Quads line (with its newline) for a quad; the N3 writer does the escaping. */
export function nquadLine(q: Quad): string {
  return lineWriter.quadToString(q.subject, q.predicate, q.object, q.graph);
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class DumpWriter {
  private readonly nquads: GzipTextSink;
  /** Union triples by their N-Triples line, to drop repeats and sort at the end. */
  private readonly union = new Map<string, Quad>();
  private quadCount = 0;
  private graphCount = 0;

  constructor(private readonly dir: string) {
    this.nquads = new GzipTextSink(join(dir, DUMP_FILES.nquads));
  }

  /** Adds one named graph: every quad must carry the same graph term. */
  async addGraph(quads: Quad[]): Promise<void> {
    const lines = quads.map(nquadLine).sort(byCodeUnits);
    let previous = '';
    for (const line of lines) {
      if (line === previous) continue;
      previous = line;
      await this.nquads.write(line);
      this.quadCount++;
    }
    for (const q of quads) {
      const triple = lineWriter.quadToString(q.subject, q.predicate, q.object);
      if (!this.union.has(triple)) this.union.set(triple, q);
    }
    this.graphCount++;
  }

  async close(): Promise<DumpStats> {
    const files = [await this.nquads.close()];
    const keys = [...this.union.keys()].sort(byCodeUnits);
    const nt = new GzipTextSink(join(this.dir, DUMP_FILES.ntriples));
    for (const line of keys) await nt.write(line);
    files.push(await nt.close());
    files.push(await this.writeTurtle(keys));
    return { quads: this.quadCount, triples: keys.length, graphs: this.graphCount, files };
  }

  /** Turtle of the union, prefixed and grouped by subject (the sorted order keeps a subject's triples together). */
  private async writeTurtle(keys: string[]): Promise<SinkResult> {
    const sink = new GzipTextSink(join(this.dir, DUMP_FILES.turtle));
    const chunks: string[] = [];
    const output = {
      write: (chunk: string, _encoding?: string, done?: () => void) => {
        chunks.push(chunk);
        done?.();
      },
      end: (done?: () => void) => done?.(),
    };
    const writer = new Writer(output, { prefixes: { ...NS } });
    const drain = async () => {
      for (const c of chunks.splice(0)) await sink.write(c);
    };
    for (let i = 0; i < keys.length; i++) {
      const q = this.union.get(keys[i]!)!;
      writer.addQuad(q.subject, q.predicate, q.object);
      if (i % 1000 === 999) await drain();
    }
    await new Promise<void>((resolve, reject) => writer.end((error) => (error ? reject(error) : resolve())));
    await drain();
    return sink.close();
  }
}
