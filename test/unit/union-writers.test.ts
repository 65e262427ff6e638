/**
 * The two pieces behind the union dumps: the line sorter (runs spilled to disk
 * and merged) and the Turtle writer fed sorted N-Triples lines.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataFactory, Parser, Writer } from 'n3';
import { afterAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/vocab.ts';
import { DUMP_FILES, DumpWriter } from '../../src/publish/dumps.ts';
import { contextFromFile } from '../../src/publish/jsonld-compact.ts';
import { LineSorter, readBytesPerRun } from '../../src/publish/line-sort.ts';
import { VoidCounter, type VoidStats } from '../../src/publish/void.ts';
import { TurtleLineWriter } from '../../src/publish/turtle-lines.ts';

const work = mkdtempSync(join(tmpdir(), 'loa-union-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('LineSorter', () => {
  it('gives every distinct line once, in code-unit order, whether or not runs spill to disk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), async (words, runLines) => {
        const lines = words.map((w) => `${w.replace(/[\r\n]/g, '')}\n`);
        const sorter = new LineSorter(join(work, `s-${runLines}`), runLines);
        await sorter.add(lines);
        const out: string[] = [];
        const n = await sorter.drain((l) => {
          out.push(l);
        });
        const expected = [...new Set(lines)].sort(byCodeUnits);
        expect(out).toEqual(expected);
        expect(n).toBe(expected.length);
      }),
      { numRuns: 60 },
    );
  });

  it('merges run files larger than one read, with lines of multi-byte characters cut across reads, in batches', async () => {
    // About 6 MB in 4 runs of about 2 MB: every run file is read in several chunks, and chunk ends fall inside lines and characters.
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) lines.push(`<https://w3id.org/loa/người/${(i * 7919) % 30_011}> "Trần Tiến Dũng ${'ữ'.repeat(i % 80)} ${i % 977}" .\n`);
    const sorter = new LineSorter(join(work, 'large'), 10_000);
    await sorter.add(lines);
    await sorter.add(lines.slice(0, 5_000));
    const out: string[] = [];
    let calls = 0;
    const n = await sorter.drainBatches((batch) => {
      calls++;
      out.push(...batch);
    });
    const expected = [...new Set(lines)].sort(byCodeUnits);
    expect(n).toBe(expected.length);
    expect(out.length).toBe(expected.length);
    expect(out.every((l, i) => l === expected[i])).toBe(true);
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(expected.length / 100);
  });
});

describe('LineSorter with many runs', () => {
  it('shares a fixed read budget among the runs, within bounds', () => {
    expect(readBytesPerRun(1)).toBe(1 << 20);
    expect(readBytesPerRun(32)).toBe(1 << 20);
    expect(readBytesPerRun(128)).toBe(256 << 10);
    expect(readBytesPerRun(10_000)).toBe(64 << 10);
  });

  it('merges hundreds of runs read in small chunks, lines longer than a chunk among them', async () => {
    // 600 runs: each is read 64 KB at a time, and the 100 KB lines span several reads.
    const lines: string[] = [];
    for (let i = 0; i < 6_000; i++) lines.push(`${(i * 7919) % 6_007} ${'Đ'.repeat(i % 1_000 === 0 ? 50_000 : i % 40)}\n`);
    const sorter = new LineSorter(join(work, 'many'), 10);
    await sorter.add(lines);
    const out: string[] = [];
    const n = await sorter.drainBatches((batch) => {
      out.push(...batch);
    });
    const expected = [...new Set(lines)].sort(byCodeUnits);
    expect(n).toBe(expected.length);
    expect(out.every((l, i) => l === expected[i])).toBe(true);
    expect(out.length).toBe(expected.length);
  });
});

describe('TurtleLineWriter', () => {
  const { namedNode, literal, blankNode, quad } = DataFactory;
  const s = 'https://w3id.org/loa/';
  const triples = [
    quad(namedNode(`${s}agency/a`), namedNode(`${NS.rdf}type`), namedNode(`${NS.schema}GovernmentOrganization`)),
    quad(namedNode(`${s}agency/a`), namedNode(`${NS.schema}name`), literal('Bộ "Tư" pháp\\n', 'vi')),
    quad(namedNode(`${s}agency/a`), namedNode(`${NS.schema}name`), literal('Ministry of Justice', 'en')),
    quad(namedNode(`${s}agency/a`), namedNode(`${NS.schema}description`), literal('value with "^^<http://x> inside')),
    quad(namedNode(`${s}agency/a`), namedNode(`${NS.schema}foundingDate`), literal('2025-03-01', namedNode(`${NS.xsd}date`))),
    quad(namedNode(`${s}agency/a`), namedNode('http://example.org/odd#p.q'), literal('1', namedNode('http://example.org/dt#x.y'))),
    quad(namedNode(`${s}agency/a/b`), namedNode(`${NS.schema}name`), literal('line\nbreak\ttab')),
    quad(blankNode('b0'), namedNode(`${NS.schema}name`), literal('blank')),
    quad(namedNode(`${NS.schema}x.y`), namedNode(`${NS.schema}name`), literal('dotted local name')),
  ];

  it('writes Turtle that reads back as exactly the triples of the lines', async () => {
    const w = new Writer({ format: 'N-Triples' });
    const lines = [...new Set(triples.map((t) => w.quadToString(t.subject, t.predicate, t.object)))].sort(byCodeUnits);
    let text = '';
    const turtle = new TurtleLineWriter({ ...NS }, async (t) => {
      text += t;
    });
    for (const l of lines) await turtle.add(l);
    await turtle.end();
    expect(text).toContain('schema:GovernmentOrganization');
    expect(text).toContain(' a schema:GovernmentOrganization');
    const back = new Parser({ format: 'Turtle' }).parse(text).map((q) => w.quadToString(q.subject, q.predicate, q.object));
    // Blank node labels may be renamed by the parser: compare with them masked.
    const mask = (l: string) => l.replace(/_:\S+/g, '_:b');
    expect(back.map(mask).sort(byCodeUnits)).toEqual(lines.map(mask));
  });
});

describe('DumpWriter with the union worker', () => {
  const BASE = 'https://w3id.org/loa/';
  const context = contextFromFile(new URL('../../ontology/context.jsonld', import.meta.url).pathname);
  // Graphs that share statements, so the union drops repeats; names in Vietnamese, with escapes.
  const graphs = Array.from({ length: 60 }, (_, i) => {
    const g = DataFactory.namedNode(`${BASE}graph/announcement/ann-${String(i).padStart(6, '0')}`);
    const person = DataFactory.namedNode(`${BASE}person/nguoi-${i % 7}`);
    return [
      DataFactory.quad(person, DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), DataFactory.namedNode('http://schema.org/Person'), g),
      DataFactory.quad(person, DataFactory.namedNode('http://schema.org/name'), DataFactory.literal(`Nguyễn Văn "${i % 7}"\n`, 'vi'), g),
      DataFactory.quad(DataFactory.namedNode(`${BASE}event/ann-${i}/1`), DataFactory.namedNode('http://schema.org/attendee'), person, g),
    ];
  });

  async function write(dir: string, worker: boolean): Promise<{ files: Map<string, string>; stats: Awaited<ReturnType<DumpWriter['close']>>; counted: VoidStats }> {
    mkdirSync(dir, { recursive: true });
    const counter = new VoidCounter(BASE);
    const dumps = new DumpWriter(dir, context, worker ? undefined : (line) => counter.addLine(line), worker ? { unionWorker: { voidBase: BASE } } : {});
    for (const quads of graphs) await dumps.addGraph(quads);
    const stats = await dumps.close();
    const files = new Map(Object.values(DUMP_FILES).map((f) => [f, gunzipSync(readFileSync(join(dir, f))).toString('utf8')]));
    return { files, stats, counted: stats.voidStats ?? counter.finish() };
  }

  it('writes the same four files, and counts the same VoID figures, as this thread alone', async () => {
    const alone = await write(join(work, 'dumps-alone'), false);
    const beside = await write(join(work, 'dumps-beside'), true);
    expect(alone.stats.voidStats).toBeUndefined();
    expect(beside.stats.voidStats).toBeDefined();
    expect(beside.files).toEqual(alone.files);
    expect(beside.stats.files.map((f) => [f.bytes, f.sha256])).toEqual(alone.stats.files.map((f) => [f.bytes, f.sha256]));
    expect(beside.counted).toEqual(alone.counted);
    expect(beside.counted.triples).toBe(alone.files.get(DUMP_FILES.ntriples)!.split('\n').length - 1);
    expect(Object.keys(beside.stats.seconds)).toContain('union worker: Turtle: write');
  });

  it('fails on close when the worker cannot take a line', async () => {
    const dir = join(work, 'dumps-bad');
    mkdirSync(dir, { recursive: true });
    const dumps = new DumpWriter(dir, context, undefined, { unionWorker: { voidBase: BASE } });
    await dumps.addGraph(graphs[0]!);
    const bytes = new Uint8Array(0);
    await dumps.addSerialized({ graph: `${BASE}graph/x`, nquads: bytes, quads: 0, sha256: '', jsonld: Buffer.from('{}'), triples: ['not a triple\n'], ms: { nquads: 0, jsonld: 0, union: 0 } });
    await expect(dumps.close()).rejects.toThrow(/not an N-Triples line/);
  });
});
