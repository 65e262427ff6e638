/**
 * How one announcement graph travels to a worker and comes back serialised
 * for the dumps: packing keeps every term as it was, and the serialisation
 * gives the lines N3's writer gives, sorted and without repeats.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { DataFactory, type Quad, Writer } from 'n3';
import { describe, expect, it } from 'vitest';
import { packGraph, unpackGraph } from '../../pipeline/graph-workers.ts';
import { serializeGraph } from '../../src/publish/dumps.ts';
import { contextFromFile, nodeObjects } from '../../src/publish/jsonld-compact.ts';

const { namedNode, blankNode, literal, quad } = DataFactory;
const context = contextFromFile(new URL('../../ontology/context.jsonld', import.meta.url).pathname);
const writer = new Writer({ format: 'N-Quads' });

// Text with what N-Quads must escape, Vietnamese letters and a character outside the BMP.
const text = fc.string({ unit: fc.constantFrom('a', 'ữ', 'Đ', ' ', '"', '\\', '\n', '\r', '\t', '>', '😀', 'é'), maxLength: 8 });
const iri = fc.constantFrom('https://w3id.org/loa/person/tran-van-a', 'https://w3id.org/loa/agency/bo-tu-phap', 'http://schema.org/name', 'http://schema.org/startDate', 'https://w3id.org/loa/e/ư');
const subject = fc.oneof(iri.map((v) => namedNode(v)), fc.constantFrom('b0', 'n1x', 'sp2').map((v) => blankNode(v)));
const object = fc.oneof(
  subject,
  text.map((v) => literal(v)),
  fc.tuple(text, fc.constantFrom('vi', 'en', 'vi-VN')).map(([v, l]) => literal(v, l)),
  fc.tuple(text, fc.constantFrom('http://www.w3.org/2001/XMLSchema#date', 'http://www.w3.org/2001/XMLSchema#integer')).map(([v, d]) => literal(v, namedNode(d))),
);
const graphOf = fc.oneof(fc.constant(namedNode('https://w3id.org/loa/graph/ann-000001')), fc.constant(namedNode('https://w3id.org/loa/graph/ann-"x"')), fc.constant(DataFactory.defaultGraph()));
// One graph: repeats included, in any order.
const graph = fc.tuple(graphOf, fc.array(fc.tuple(subject, iri, object), { minLength: 1, maxLength: 40 })).map(([g, triples]) => {
  const quads = triples.map(([s, p, o]) => quad(s, namedNode(p), o, g));
  return [...quads, ...quads.slice(0, 3)];
});

const line = (q: Quad) => writer.quadToString(q.subject, q.predicate, q.object, q.graph);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('a graph packed for a worker', () => {
  it('unpacks to equal quads in the same order, blank node labels and literal forms included', () => {
    fc.assert(
      fc.property(graph, (quads) => {
        const packed = packGraph(quads);
        expect(packed.quads.length).toBe(quads.length * 4);
        const back = unpackGraph(structuredClone(packed));
        expect(back.length).toBe(quads.length);
        for (const [i, q] of quads.entries()) {
          expect(back[i]!.equals(q)).toBe(true);
          expect(line(back[i]!)).toBe(line(q));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('serializeGraph', () => {
  it("gives N3's lines sorted and distinct, their digest, the union's triples and the compacted JSON-LD", () => {
    fc.assert(
      fc.property(graph, (quads) => {
        const byLine = new Map(quads.map((q) => [line(q), q]));
        const lines = [...byLine.keys()].sort(byCodeUnits);
        const text = lines.join('');
        const s = serializeGraph(quads, context);
        expect(Buffer.from(s.nquads).toString('utf8')).toBe(text);
        expect(s.quads).toBe(lines.length);
        expect(s.sha256).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
        const kept = lines.map((l) => byLine.get(l)!);
        expect(s.triples).toEqual(kept.map((q) => writer.quadToString(q.subject, q.predicate, q.object)));
        expect(JSON.parse(Buffer.from(s.jsonld).toString('utf8'))).toEqual({ '@id': quads[0]!.graph.value, '@graph': nodeObjects(context, kept) });
        for (const ms of Object.values(s.ms)) expect(ms).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps large graphs (the shared ones, keyed by text) distinct too, repeats given as other term objects included', () => {
    const g = namedNode('https://w3id.org/loa/graph/membership');
    const make = (i: number) => quad(namedNode(`https://w3id.org/loa/membership/m${i % 30_000}`), namedNode('http://www.w3.org/ns/org#memberDuring'), literal(`${(i % 30_000) % 7}`), g);
    const quads = Array.from({ length: 50_000 }, (_, i) => make(i));
    const lines = [...new Set(quads.map(line))].sort(byCodeUnits);
    const s = serializeGraph(quads, context);
    expect(s.quads).toBe(30_000);
    expect(Buffer.from(s.nquads).toString('utf8')).toBe(lines.join(''));
  });
});
