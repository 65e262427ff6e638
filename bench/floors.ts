/**
 * Floors to compare loa's dump writing with: what N3.js's `StreamWriter` does
 * with the same statements (parsed back from loa's N-Quads dump; only the
 * writing is timed), and how fast this machine merely reads and splits the
 * produced N-Triples file. loa's own `DumpWriter` is timed on the same parsed
 * quads, graph by graph, since the build does not time its dump stage yet.
 *
 * The dump is parsed once; each batch of quads is handed to every writer in
 * turn, and each writer's share of the time is counted apart.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { DataFactory, type Quad, StreamParser, StreamWriter } from 'n3';
import { DumpWriter } from '../src/publish/dumps.ts';
import { contextFromFile } from '../src/publish/jsonld-compact.ts';
import { FileBatch } from '../src/publish/site/files.ts';
import { rate, secondsSince } from './stats.ts';

/** One writer floor: statements written, seconds spent writing (parsing excluded). */
export interface WriterFloor {
  label: string;
  statements: number;
  seconds: number;
  statementsPerSecond: number;
}

/** All floors of one run. */
export interface FloorsMeasurement {
  /** N3 `StreamParser` reading loa.nq.gz, gunzip included. */
  parse: { quads: number; seconds: number; quadsPerSecond: number };
  writers: WriterFloor[];
  /**
   * loa's `DumpWriter` on the same quads: `addGraph` (N-Quads and JSON-LD, gzip, union kept) and `close`
   * (N-Triples and Turtle of the union, gzip), and the seconds of each part as it reports them.
   */
  dumpWriter: { quads: number; triples: number; addGraphSeconds: number; closeSeconds: number; quadsPerSecond: number; closeTriplesPerSecond: number; parts?: Record<string, number> };
  read: { file: string; megabytes: number; lines: number; gunzipSeconds: number; seconds: number; linesPerSecond: number; megabytesPerSecond: number };
  /** The release's `site/` folder written again as files of the same paths and sizes (no rendering), with loa's `FileBatch`. */
  siteFiles?: { files: number; megabytes: number; seconds: number; filesPerSecond: number };
}

/** Quads handed over at a time. */
const BATCH = 50_000;

/** Something the parsed quads are written to; the driver times `take` and `finish`. */
interface Consumer {
  take(quads: Quad[]): Promise<void>;
  finish(): Promise<void>;
}

/** N3's `StreamWriter` to /dev/null, with back-pressure; N-Triples gets the quads without their graph. */
function streamWriterConsumer(format: 'N-Triples' | 'N-Quads', gzip: boolean): Consumer {
  const writer = new StreamWriter({ format });
  const sink = createWriteStream('/dev/null');
  const done = gzip ? pipeline(writer, createGzip({ level: 6 }), sink) : pipeline(writer, sink);
  return {
    async take(quads) {
      for (const q of quads) {
        const statement = format === 'N-Triples' ? DataFactory.quad(q.subject, q.predicate, q.object) : q;
        if (!writer.write(statement)) await once(writer, 'drain');
      }
    },
    async finish() {
      writer.end();
      await done;
    },
  };
}

/** loa's `DumpWriter`, given one graph at a time (the dump keeps each graph's lines together). */
function dumpWriterConsumer(dir: string): Consumer & { closeSeconds: number; stats?: { quads: number; triples: number; seconds: Record<string, number> } } {
  const dumps = new DumpWriter(dir, contextFromFile(join(import.meta.dirname, '..', 'ontology', 'context.jsonld')));
  let graph: Quad[] = [];
  const flush = async () => {
    if (graph.length > 0) await dumps.addGraph(graph);
    graph = [];
  };
  const consumer = {
    closeSeconds: 0,
    stats: undefined as { quads: number; triples: number; seconds: Record<string, number> } | undefined,
    async take(quads: Quad[]) {
      for (const q of quads) {
        if (graph.length > 0 && !graph[0]!.graph.equals(q.graph)) await flush();
        graph.push(q);
      }
    },
    async finish() {
      await flush();
      const t = performance.now();
      const stats = await dumps.close();
      consumer.closeSeconds = secondsSince(t);
      consumer.stats = { quads: stats.quads, triples: stats.triples, seconds: stats.seconds };
    },
  };
  return consumer;
}

/** Parses the dump once, handing every batch to each consumer; returns each consumer's seconds and the parse seconds. */
async function feed(nquadsGz: string, consumers: Consumer[]): Promise<{ quads: number; parseSeconds: number; seconds: number[] }> {
  const started = performance.now();
  const spent = consumers.map(() => 0);
  const hand = async (batch: Quad[]) => {
    for (const [i, c] of consumers.entries()) {
      const t = performance.now();
      await c.take(batch);
      spent[i]! += performance.now() - t;
    }
  };
  const parser = new StreamParser({ format: 'N-Quads' });
  const feeding = pipeline(createReadStream(nquadsGz), createGunzip(), parser);
  let batch: Quad[] = [];
  let quads = 0;
  for await (const q of parser as AsyncIterable<Quad>) {
    batch.push(q);
    quads++;
    if (batch.length === BATCH) {
      await hand(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await hand(batch);
  await feeding;
  const parseSeconds = secondsSince(started) - spent.reduce((a, b) => a + b, 0) / 1000;
  for (const [i, c] of consumers.entries()) {
    const t = performance.now();
    await c.finish();
    spent[i]! += performance.now() - t;
  }
  return { quads, parseSeconds, seconds: spent.map((ms) => ms / 1000) };
}

/** Gunzips `gz` to `target`, then reads `target` as text and splits it into lines, timed. */
async function readFloor(gz: string, target: string): Promise<FloorsMeasurement['read']> {
  let t = performance.now();
  await pipeline(createReadStream(gz), createGunzip(), createWriteStream(target));
  const gunzipSeconds = secondsSince(t);
  const bytes = statSync(target).size;
  t = performance.now();
  let lines = 0;
  let rest = '';
  for await (const chunk of createReadStream(target, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    lines += parts.length;
  }
  if (rest.length > 0) lines++;
  const seconds = secondsSince(t);
  const megabytes = bytes / 1_048_576;
  return { file: target, megabytes, lines, gunzipSeconds, seconds, linesPerSecond: rate(lines, seconds), megabytesPerSecond: rate(megabytes, seconds) };
}

/**
 * What writing the entity pages costs the file system alone: every file of the
 * release's `site/` folder written again under `target`, at the same path and
 * of the same size, with the writer the pages use (checksums kept, as in a
 * build). Only the writing is timed; the copy is removed afterwards.
 */
async function siteFilesFloor(site: string, target: string): Promise<FloorsMeasurement['siteFiles']> {
  const files = (readdirSync(site, { recursive: true }) as string[]).filter((f) => statSync(join(site, f)).isFile()).sort();
  const sizes = files.map((f) => statSync(join(site, f)).size);
  rmSync(target, { recursive: true, force: true });
  const t = performance.now();
  const batch = await FileBatch.fresh(target, { into: new Map(), prefix: '' });
  for (const [i, f] of files.entries()) await batch.write(f, 'x'.repeat(sizes[i]!));
  await batch.flush();
  const seconds = secondsSince(t);
  rmSync(target, { recursive: true, force: true });
  const bytes = sizes.reduce((a, b) => a + b, 0);
  return { files: files.length, megabytes: bytes / 1_048_576, seconds, filesPerSecond: rate(files.length, seconds) };
}

/**
 * Measures the floors on the dumps of a finished build in `out`.
 *
 * @example (await measureFloors('bench/out/build-1k', 'bench/out/scratch')).writers[0].statementsPerSecond
 */
export async function measureFloors(out: string, scratch: string): Promise<FloorsMeasurement> {
  const nquadsGz = join(out, 'latest', 'dumps', 'loa.nq.gz');
  const dumpDir = join(scratch, 'dump-writer');
  rmSync(dumpDir, { recursive: true, force: true });
  mkdirSync(dumpDir, { recursive: true });
  const labels = ['StreamWriter N-Triples → /dev/null', 'StreamWriter N-Triples + gzip -6 → /dev/null', 'StreamWriter N-Quads → /dev/null', 'StreamWriter N-Quads + gzip -6 → /dev/null'];
  const dump = dumpWriterConsumer(dumpDir);
  const fed = await feed(nquadsGz, [streamWriterConsumer('N-Triples', false), streamWriterConsumer('N-Triples', true), streamWriterConsumer('N-Quads', false), streamWriterConsumer('N-Quads', true), dump]);
  rmSync(dumpDir, { recursive: true, force: true });
  const writers = labels.map((label, i) => ({ label, statements: fed.quads, seconds: fed.seconds[i]!, statementsPerSecond: rate(fed.quads, fed.seconds[i]!) }));
  const addGraphSeconds = fed.seconds[labels.length]! - dump.closeSeconds;
  const stats = dump.stats!;
  const target = join(scratch, 'loa.nt');
  mkdirSync(scratch, { recursive: true });
  const read = await readFloor(join(out, 'latest', 'dumps', 'loa.nt.gz'), target);
  rmSync(target, { force: true });
  const site = join(out, 'latest', 'site');
  const siteFiles = existsSync(site) ? await siteFilesFloor(site, join(scratch, 'site-files')) : undefined;
  return {
    parse: { quads: fed.quads, seconds: fed.parseSeconds, quadsPerSecond: rate(fed.quads, fed.parseSeconds) },
    writers,
    dumpWriter: {
      quads: stats.quads,
      triples: stats.triples,
      addGraphSeconds,
      closeSeconds: dump.closeSeconds,
      quadsPerSecond: rate(stats.quads, addGraphSeconds),
      closeTriplesPerSecond: rate(stats.triples, dump.closeSeconds),
      parts: stats.seconds,
    },
    read,
    ...(siteFiles ? { siteFiles } : {}),
  };
}
