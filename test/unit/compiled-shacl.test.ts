/**
 * The compiled SHACL engine (src/validate/compiled.ts) against the reference
 * engine (rdf-validate-shacl, as src/validate/validate.ts calls it): the same
 * results, every field of every result, on the test cases of test/shapes, on
 * the sample corpus built by the pipeline, on announcement and shared graphs
 * mutated at random, and on a shapes file that uses the constructs the bundled
 * one does not. A shapes file with a construct the compiler does not implement
 * is validated by the reference engine.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Quad, Term } from '@rdfjs/types';
import fc from 'fast-check';
import { DataFactory, Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { compileShapes } from '../../src/validate/compiled.ts';
import { GraphValidator, loadShapes, SH, SHAPES_FILE, validateQuads, type ValidateOptions, type ValidationResult } from '../../src/validate/index.ts';
import { captureIo } from '../support/capture-io.ts';

const { namedNode, literal, blankNode, quad, defaultGraph } = DataFactory;

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const S = 'http://schema.org/';
const ORG = 'http://www.w3.org/ns/org#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const NIF = 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#';
const RDF_TYPE = namedNode(RDF + 'type');
const xsd = (local: string) => namedNode(XSD + local);

const EX = 'http://example.org/';
const CASES = join(REPO_ROOT, 'test/shapes');

function caseFiles(): string[] {
  return ['valid', 'invalid'].flatMap((folder) =>
    readdirSync(join(CASES, folder))
      .filter((f) => f.endsWith('.ttl'))
      .sort()
      .map((f) => `${folder}/${f}`),
  );
}

function parseTurtle(text: string): Quad[] {
  return new Parser({ baseIRI: 'https://w3id.org/loa/' }).parse(text);
}

/** What an engine gives: the report, or that it threw. */
async function outcome<T>(run: () => Promise<T>): Promise<{ ok: T } | { threw: true }> {
  try {
    return { ok: await run() };
  } catch {
    return { threw: true };
  }
}

async function bothEngines(quads: Quad[], options: ValidateOptions = {}) {
  const reference = await outcome(() => validateQuads(quads, { ...options, engine: 'reference' }));
  const compiled = await outcome(() => validateQuads(quads, { ...options, engine: 'compiled' }));
  return { reference, compiled };
}

const brief = (r: ValidationResult) => `${r.graph ?? ''} ${r.focusNode} ${r.shape} ${r.constraint.replace(SH, 'sh:')} ${r.value ?? ''}`;

describe('compileShapes', () => {
  it('compiles the bundled shapes, and the validators use the compiled engine for them', () => {
    const result = compileShapes(loadShapes());
    expect(result.supported ? [] : result.reasons).toEqual([]);
    expect(compileShapes(loadShapes())).toBe(result);
    expect(new GraphValidator([]).engine).toBe('compiled');
    expect(new GraphValidator([], { engine: 'reference' }).engine).toBe('reference');
  });
});

describe('the test cases of test/shapes', () => {
  it.each(caseFiles())('%s: the same report from both engines', async (file) => {
    const quads = parseTurtle(readFileSync(join(CASES, file), 'utf8'));
    const { reference, compiled } = await bothEngines(quads);
    expect(compiled).toStrictEqual(reference);
    // Without shared graphs too: everything is one announcement's.
    const alone = await bothEngines(quads, { isSharedGraph: () => false });
    expect(alone.compiled).toStrictEqual(alone.reference);
  });

  it('reports the violations of the invalid cases (the comparison is not between two empty reports)', async () => {
    let violations = 0;
    for (const file of caseFiles().filter((f) => f.startsWith('invalid/'))) {
      const report = await validateQuads(parseTurtle(readFileSync(join(CASES, file), 'utf8')));
      violations += report.results.filter((r) => r.severity === 'Violation').length;
    }
    expect(violations).toBeGreaterThanOrEqual(caseFiles().filter((f) => f.startsWith('invalid/')).length);
  });
});

// ---------------------------------------------------------------------------
// The sample corpus, as the pipeline builds it
// ---------------------------------------------------------------------------

let out: string;
let corpus: Quad[];
/** Announcement graphs of the corpus, by graph IRI. */
let announcements: [string, Quad[]][];
/** Quads of the shared graphs (reference data, memberships, run metadata). */
let shared: Quad[];
let referenceGate: GraphValidator;
let compiledGate: GraphValidator;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'loa-compiled-shacl-'));
  const io = captureIo(REPO_ROOT);
  const code = await main(['build', '--input', join(REPO_ROOT, 'data/announcements'), '--out', join(out, 'build'), '--no-cache'], io);
  expect(code, io.err()).toBe(0);
  corpus = new Parser({ format: 'N-Quads' }).parse(gunzipSync(readFileSync(join(out, 'build/latest/dumps/loa.nq.gz'))).toString('utf8'));
  const byGraph = new Map<string, Quad[]>();
  for (const q of corpus) {
    const list = byGraph.get(q.graph.value) ?? [];
    list.push(q);
    byGraph.set(q.graph.value, list);
  }
  announcements = [...byGraph].filter(([g]) => g.includes('/graph/announcement/')).sort(([a], [b]) => (a < b ? -1 : 1));
  shared = [...byGraph].filter(([g]) => !g.includes('/graph/announcement/')).flatMap(([, qs]) => qs);
  referenceGate = new GraphValidator(shared, { engine: 'reference' });
  compiledGate = new GraphValidator(shared);
  expect(await compiledGate.validateShared()).toStrictEqual(await referenceGate.validateShared());
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the sample corpus, built by the pipeline', () => {
  it('has announcement graphs and shared graphs to check', () => {
    expect(announcements.length).toBeGreaterThanOrEqual(30);
    expect(shared.length).toBeGreaterThan(500);
  });

  it('gets the same report from both engines, with no violation', async () => {
    const { reference, compiled } = await bothEngines(corpus);
    expect(compiled).toStrictEqual(reference);
    expect('ok' in compiled && compiled.ok.results.filter((r) => r.severity === 'Violation').map(brief)).toEqual([]);
  });

  it('gets the same results graph by graph, as a build checks them', async () => {
    for (const [graph, quads] of announcements) {
      expect(await compiledGate.validateGraph(quads), graph).toStrictEqual(await referenceGate.validateGraph(quads));
    }
  });
});

// ---------------------------------------------------------------------------
// Mutated graphs
// ---------------------------------------------------------------------------

/** Literals each constraint of the shapes treats in its own way. */
const LITERALS: Term[] = [
  literal('2024-02-31', xsd('date')),
  literal('2024-02-29', xsd('date')),
  literal('2023-02-29', xsd('date')),
  literal('2024-13-01', xsd('date')),
  literal('2024-04-31', xsd('date')),
  literal('2024-01-05Z', xsd('date')),
  literal('24-01-05', xsd('date')),
  literal('soon', xsd('date')),
  literal('2024-01-05T10:00:00', xsd('dateTime')),
  literal('2024-01-05T10:00:00+07:00', xsd('dateTime')),
  literal('2024-01-05T24:00:00Z', xsd('dateTime')),
  literal('2024-01-05'),
  literal('2024-01-05', 'vi'),
  literal('0.5', xsd('decimal')),
  literal('1', xsd('decimal')),
  literal('1.0001', xsd('decimal')),
  literal('-0.1', xsd('decimal')),
  literal('+-1', xsd('decimal')),
  literal('.5', xsd('decimal')),
  literal('1e-1', xsd('decimal')),
  literal('abc', xsd('decimal')),
  literal('0.7', xsd('double')),
  literal('0', xsd('integer')),
  literal('0.5'),
  literal('5', xsd('nonNegativeInteger')),
  literal('-1', xsd('nonNegativeInteger')),
  literal('+7', xsd('nonNegativeInteger')),
  literal('1.5', xsd('nonNegativeInteger')),
  literal('x', xsd('nonNegativeInteger')),
  literal('99999', xsd('nonNegativeInteger')),
  literal('12', xsd('integer')),
  literal('true', xsd('boolean')),
  literal('1', xsd('boolean')),
  literal('yes', xsd('boolean')),
  literal('vi'),
  literal('en'),
  literal(''),
  literal(' '),
  literal('text/html'),
  literal('TEXT/HTML'),
  literal('12 B'),
  literal('a'.repeat(64)),
  literal('A'.repeat(64)),
  literal('144/2017/NĐ-CP'),
  literal('144/2017/nđ-cp'),
  literal('Luật', 'vi'),
  literal('Luật', 'en'),
  literal('Luật', 'vi-vn'),
  literal('Nghị định', 'vi'),
  literal('Nghị định'),
  literal('', 'vi'),
  literal('  ', 'vi'),
  literal('Bộ', 'en'),
  literal('Bộ', 'fr'),
  literal('x', 'vi'),
  literal('y', 'vi'),
  literal('z', 'en'),
  literal('w', 'en'),
  literal('http://www.wikidata.org/entity/Q1'),
  literal(`long "quoted" text\n${'ă'.repeat(250)}`, 'vi'),
  literal(`${'b'.repeat(199)}x`, 'vi'),
  literal(`${'b'.repeat(199)}y`, 'vi'),
];

const EXTRA_NODES: Term[] = [
  namedNode('http://www.wikidata.org/entity/Q881'),
  namedNode('http://www.wikidata.org/entity/Q881x'),
  namedNode('https://w3id.org/loa/agency/unknown'),
  namedNode('https://w3id.org/loa/agency/bo-tu-phap'),
  blankNode('m1'),
  blankNode('m2'),
];

const PREDICATES = [
  ...['name', 'alternateName', 'jobTitle', 'worksFor', 'memberOf', 'parentOrganization', 'sameAs', 'startDate', 'datePublished', 'legislationType', 'legislationIdentifier', 'legislationDate', 'legislationPassedBy', 'mentions', 'about', 'location', 'subjectOf', 'headline', 'identifier', 'inLanguage', 'url', 'foundingDate', 'sha256', 'contentSize', 'encodingFormat', 'attendee', 'organizer'].map((l) => S + l),
  ORG + 'subOrganizationOf',
  ORG + 'member',
  ORG + 'role',
  SKOS + 'prefLabel',
  SKOS + 'inScheme',
  NIF + 'beginIndex',
  NIF + 'endIndex',
  NIF + 'anchorOf',
  'https://w3id.org/loa/ontology#confidence',
  'https://w3id.org/loa/ontology#rule',
  'http://www.w3.org/ns/prov#wasDerivedFrom',
].map((p) => namedNode(p));

/** Classes the shapes target or rely on, and a few they do not know. */
const CLASSES: Term[] = [
  ...loadShapes().store.getObjects(null, SH + 'targetClass', null),
  ...loadShapes().store.getObjects(null, SH + 'class', null),
  namedNode(S + 'GovernmentOrganization'),
  namedNode(ORG + 'FormalOrganization'),
  namedNode(S + 'AdministrativeArea'),
  namedNode('http://example.org/Unknown'),
];

const DATE_PREDICATES = [S + 'datePublished', S + 'startDate', S + 'legislationDate', S + 'foundingDate', 'http://data.europa.eu/eli/eli-draft-legislation-ontology#activity_date'];

/** Classes whose presence or absence a shape checks (sh:class, sh:not). */
const KEY_CLASSES = ['http://data.europa.eu/eli/ontology#LegalResource', S + 'Legislation', S + 'Event', S + 'Organization', ORG + 'Organization', 'http://www.w3.org/ns/prov#Entity', S + 'NewsArticle'].map((c) => namedNode(c));

type Mutation = { kind: number; a: number; b: number; c: number };

const MUTATION_KINDS = 14;

const mutationArb: fc.Arbitrary<Mutation[]> = fc.array(
  fc.record({ kind: fc.nat({ max: MUTATION_KINDS - 1 }), a: fc.nat(), b: fc.nat(), c: fc.nat() }),
  { minLength: 1, maxLength: 4 },
);

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** Applies mutations to a graph's quads, all kept in its graph. */
function mutate(quads: Quad[], mutations: Mutation[]): Quad[] {
  let qs = quads.slice();
  for (const { kind, a, b, c } of mutations) {
    if (qs.length === 0) break;
    const graph = qs[0]!.graph;
    const nodes = [...new Map(qs.flatMap((q) => [q.subject, q.object]).filter((t) => t.termType !== 'Literal').map((t) => [`${t.termType}${t.value}`, t])).values(), ...EXTRA_NODES];
    // A value: a crafted literal or a node, evenly (the graph's nodes outnumber the literals).
    const value = (i: number, j: number): Term => (j % 2 === 0 ? pick(LITERALS, i) : pick(nodes, i));
    const typedNodes = qs.filter((q) => q.predicate.equals(RDF_TYPE)).map((q) => q.subject);
    const at = a % qs.length;
    const target = qs[at]!;
    const add = (s: Term, p: Term, o: Term) => qs.push(quad(s as Quad['subject'], p as Quad['predicate'], o as Quad['object'], graph));
    switch (kind) {
      case 0: // delete a statement
        qs.splice(at, 1);
        break;
      case 1: // the same property once more, with another value
        add(target.subject, target.predicate, value(b, c));
        break;
      case 2: {
        // another value instead: mostly a literal of another datatype or language for a literal
        const other = target.object.termType === 'Literal' && c % 4 !== 0 ? pick(LITERALS, b) : value(b, c);
        qs[at] = quad(target.subject, target.predicate, other as Quad['object'], graph);
        break;
      }
      case 3: {
        // another class for a typed node
        const typed = qs.map((q, i) => [q, i] as const).filter(([q]) => q.predicate.equals(RDF_TYPE));
        if (typed.length === 0) break;
        const [q, i] = pick(typed, a);
        qs[i] = quad(q.subject, q.predicate, pick(CLASSES, b) as Quad['object'], graph);
        break;
      }
      case 4: {
        // a type dropped
        const typed = qs.map((q, i) => [q, i] as const).filter(([q]) => q.predicate.equals(RDF_TYPE));
        if (typed.length > 0) qs.splice(pick(typed, a)[1], 1);
        break;
      }
      case 5: // a type added: a new target, or a second class for a typed node
        add(c % 2 === 0 && typedNodes.length > 0 ? pick(typedNodes, a) : pick(nodes, a), RDF_TYPE, pick(CLASSES, b));
        break;
      case 6: // a property of a shape, with any value
        add(pick(nodes, a), pick(PREDICATES, b), value(c, c >> 1));
        break;
      case 7: {
        // a node renamed to a blank node everywhere
        const node = pick(nodes, a);
        const blank = blankNode(`renamed${b % 5}`);
        const swap = (t: Term) => (t.equals(node) ? blank : t);
        qs = qs.map((q) => quad(swap(q.subject) as Quad['subject'], q.predicate, swap(q.object) as Quad['object'], graph));
        break;
      }
      case 8: {
        // a parent link between organisations: itself, a cycle of two, or one more link
        const p = namedNode(pick([S + 'parentOrganization', ORG + 'subOrganizationOf'], c));
        const pool = typedNodes.length > 0 ? typedNodes : nodes;
        const [x, y] = [pick(pool, a), pick(pool, b)];
        if (c % 3 === 0) add(x, p, x);
        else {
          add(x, p, y);
          if (c % 3 === 1) add(y, p, x);
        }
        break;
      }
      case 9: {
        // a title with labels in several languages (sh:uniqueLang)
        const typed = qs.filter((q) => q.predicate.equals(RDF_TYPE) && [ORG + 'Role', SKOS + 'Concept'].includes(q.object.value));
        const node = typed.length > 0 ? pick(typed, a).subject : pick(nodes, a);
        for (let i = 0; i <= c % 4; i++) add(node, namedNode(SKOS + 'prefLabel'), pick(LITERALS.filter((l) => l.termType === 'Literal' && (l as { language: string }).language), b + i * 7));
        break;
      }
      case 10: // statements reordered (the reference's value order follows them)
        qs = [...qs.slice(at), ...qs.slice(0, at)];
        break;
      case 11: {
        // a subclass axiom in the data graph
        add(pick(CLASSES, a), namedNode(RDFS + 'subClassOf'), pick(CLASSES, b));
        break;
      }
      case 12: {
        // a date property with another date, real or not, or another datatype
        const dated = qs.map((q, i) => [q, i] as const).filter(([q]) => DATE_PREDICATES.includes(q.predicate.value));
        if (dated.length === 0) break;
        const [q, i] = pick(dated, a);
        qs[i] = quad(q.subject, q.predicate, pick(LITERALS.slice(0, 13), b) as Quad['object'], graph);
        break;
      }
      case 13: // a typed node given a class its shapes require or forbid
        if (typedNodes.length > 0) add(pick(typedNodes, a), RDF_TYPE, pick(KEY_CLASSES, b));
        break;
    }
  }
  return qs;
}

describe('mutated graphs of the sample corpus', () => {
  it('gets the same results from both engines for a mutated announcement graph', async () => {
    let withResults = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutationArb, async (g, mutations) => {
        const [, quads] = pick(announcements, g);
        const mutated = mutate(quads, mutations);
        const reference = await outcome(() => referenceGate.validateGraph(mutated));
        const compiled = await outcome(() => compiledGate.validateGraph(mutated));
        expect(compiled).toStrictEqual(reference);
        if ('ok' in reference && reference.ok.length > 0) withResults++;
      }),
      { numRuns: 300 },
    );
    // The mutations do break shapes: most runs compare non-empty result lists.
    expect(withResults).toBeGreaterThan(150);
  }, 120_000);

  it('gets the same results from both engines for mutated shared graphs', async () => {
    const graphs = [...new Set(shared.map((q) => q.graph.value))].sort();
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutationArb, fc.nat(), async (g, mutations, a) => {
        const graph = pick(graphs, g);
        const mutated = [...shared.filter((q) => q.graph.value !== graph), ...mutate(shared.filter((q) => q.graph.value === graph), mutations)];
        const ref = new GraphValidator(mutated, { engine: 'reference' });
        const comp = new GraphValidator(mutated);
        expect(await outcome(() => comp.validateShared())).toStrictEqual(await outcome(() => ref.validateShared()));
        const [, quads] = pick(announcements, a);
        expect(await outcome(() => comp.validateGraph(quads))).toStrictEqual(await outcome(() => ref.validateGraph(quads)));
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

describe('edge cases of the bundled shapes, on an announcement graph of the corpus', () => {
  const dec = (v: string) => literal(v, xsd('decimal'));
  const nni = (v: string) => literal(v, xsd('nonNegativeInteger'));
  const EDITS: [string, Term][] = [
    [S + 'headline', literal('Tiêu đề', 'vi-vn')],
    [S + 'headline', literal('Tiêu đề', 'vie')],
    [S + 'headline', literal('Title', 'en')],
    [S + 'headline', literal('Tiêu đề')],
    [S + 'headline', literal(' \n', 'vi')],
    [S + 'datePublished', literal('2024-02-31', xsd('date'))],
    [S + 'datePublished', literal('2024-02-29', xsd('date'))],
    [S + 'datePublished', literal('2023-02-29', xsd('date'))],
    [S + 'datePublished', literal('2000-02-29', xsd('date'))],
    [S + 'datePublished', literal('1900-02-29', xsd('date'))],
    [S + 'datePublished', literal('2024-01-05T10:00:00', xsd('dateTime'))],
    [S + 'datePublished', literal('2024-01-05T10:00:00+07:00', xsd('dateTime'))],
    [S + 'datePublished', literal('2024-01-05T10:00:00.5Z', xsd('dateTime'))],
    [S + 'datePublished', literal('2024-01-05Z', xsd('date'))],
    [S + 'datePublished', literal('2024-1-5', xsd('date'))],
    [S + 'datePublished', literal('2024-01-05')],
    [S + 'datePublished', namedNode('https://w3id.org/loa/date/2024-01-05')],
    [S + 'inLanguage', literal('vi', 'vi')],
    [S + 'inLanguage', literal('VI')],
    [S + 'inLanguage', literal('vi', xsd('token'))],
    [S + 'identifier', literal('')],
    [S + 'identifier', literal('x', xsd('normalizedString'))],
    [S + 'url', literal('https://example.org/')],
    [S + 'url', blankNode('u')],
    [S + 'sha256', literal('A'.repeat(64))],
    [S + 'encodingFormat', literal('text/html; charset=utf-8')],
    [S + 'contentSize', literal('12B')],
    [S + 'legislationType', literal('Luật', 'vi-vn')],
    [S + 'legislationType', literal('Luật')],
    [S + 'legislationIdentifier', literal('144/2017/nđ-cp')],
    [S + 'legislationDate', literal('2017-12-31', xsd('dateTime'))],
    [NIF + 'beginIndex', nni('99999')],
    [NIF + 'beginIndex', nni('x')],
    [NIF + 'beginIndex', nni('+7')],
    [NIF + 'beginIndex', nni('-0')],
    [NIF + 'beginIndex', nni('-1')],
    [NIF + 'beginIndex', nni('1.5')],
    [NIF + 'beginIndex', literal('1', xsd('integer'))],
    [NIF + 'beginIndex', literal('1')],
    [NIF + 'endIndex', nni('0')],
    [NIF + 'endIndex', literal('1e9', xsd('double'))],
    [NIF + 'anchorOf', literal('', 'vi')],
    ['https://w3id.org/loa/ontology#confidence', dec('1')],
    ['https://w3id.org/loa/ontology#confidence', dec('1.0')],
    ['https://w3id.org/loa/ontology#confidence', dec('1.0001')],
    ['https://w3id.org/loa/ontology#confidence', dec('0')],
    ['https://w3id.org/loa/ontology#confidence', dec('-0.0')],
    ['https://w3id.org/loa/ontology#confidence', dec('-0.1')],
    ['https://w3id.org/loa/ontology#confidence', dec('+-1')],
    ['https://w3id.org/loa/ontology#confidence', dec('.5')],
    ['https://w3id.org/loa/ontology#confidence', dec('1e-1')],
    ['https://w3id.org/loa/ontology#confidence', literal('0.5', xsd('double'))],
    ['https://w3id.org/loa/ontology#confidence', literal('1', xsd('integer'))],
    ['https://w3id.org/loa/ontology#confidence', literal('0.5')],
    ['https://w3id.org/loa/ontology#confidence', literal('true', xsd('boolean'))],
    ['https://w3id.org/loa/ontology#confidence', literal('2024-01-05', xsd('date'))],
    ['https://w3id.org/loa/ontology#confidence', namedNode('https://w3id.org/loa/one')],
    [SKOS + 'prefLabel', literal('Bộ trưởng', 'en')],
    [S + 'jobTitle', literal('Bộ trưởng', 'vi-vn')],
    [S + 'name', literal(' ', 'vi')],
    [S + 'name', literal('Tên', 'en')],
  ];

  /** The graph with the first value of `predicate` replaced. */
  function edited(quads: Quad[], predicate: string, value: Term): Quad[] {
    const at = quads.findIndex((q) => q.predicate.value === predicate);
    const out = quads.slice();
    const q = out[at]!;
    out[at] = quad(q.subject, q.predicate, value as Quad['object'], q.graph);
    return out;
  }

  it.each(EDITS.map(([p, v], i) => [i, p.replace(/.*[/#]/, ''), v.termType === 'Literal' ? `"${v.value}" ${(v as { language: string }).language || (v as { datatype: Term }).datatype.value.replace(XSD, 'xsd:')}` : v.value, p, v] as const))(
    '%i: %s %s',
    async (_i, _local, _text, predicate, value) => {
      const [, quads] = announcements.find(([, qs]) => qs.some((q) => q.predicate.value === predicate) && qs.some((q) => q.predicate.value === NIF + 'beginIndex'))!;
      const graph = edited(quads, predicate, value);
      expect(await compiledGate.validateGraph(graph)).toStrictEqual(await referenceGate.validateGraph(graph));
    },
  );
});

describe('a data graph whose subclass axioms form a cycle', () => {
  const graph = namedNode('https://w3id.org/loa/graph/announcement/cycle');
  const person = namedNode('https://w3id.org/loa/person/a');
  const fine = [quad(person, RDF_TYPE, namedNode(S + 'Person'), graph), quad(person, namedNode(S + 'name'), literal('A'), graph), quad(person, namedNode(S + 'worksFor'), literal('x'), graph)];
  const subClassOf = namedNode(RDFS + 'subClassOf');
  const cycle = [...fine, quad(namedNode(EX + 'Z'), subClassOf, namedNode(EX + 'Z'), graph), quad(namedNode(EX + 'Z'), subClassOf, namedNode(S + 'Organization'), graph)];

  it('makes both engines fail, and neither reports nothing afterwards', async () => {
    const before = await bothEngines(fine);
    expect(before.compiled).toStrictEqual(before.reference);
    expect(await bothEngines(cycle)).toStrictEqual({ reference: { threw: true }, compiled: { threw: true } });
    expect(await bothEngines(fine)).toStrictEqual(before);
    expect('ok' in before.reference && before.reference.ok.results.length).toBe(3);
  });
});

describe('sh:uniqueLang: the message of the first language used twice, in the reference engine\'s order', () => {
  const title = namedNode('https://w3id.org/loa/title/t');
  const graph = namedNode('https://w3id.org/loa/graph/announcement/u');
  const label = namedNode(SKOS + 'prefLabel');
  const base = [quad(title, RDF_TYPE, namedNode(SKOS + 'Concept'), graph), quad(title, namedNode(SKOS + 'inScheme'), namedNode('https://w3id.org/loa/scheme'), graph)];
  const labels = [literal('a', 'vi'), literal('b', 'en'), literal('c', 'vi'), literal('d', 'en'), literal('e', 'fr'), literal('f', 'fr')];

  it.each([
    [0, 1, 2, 3],
    [1, 0, 3, 2],
    [3, 1, 0, 2],
    [4, 1, 5, 3, 0, 2],
    [2, 4, 3, 5, 1, 0],
  ])('labels in the order %j', async (...order) => {
    const quads = [...base, ...order.map((i) => quad(title, label, labels[i]!, graph))];
    // A label the shared graph also has, and one only it has, come after the graph's own.
    const reference = namedNode('https://w3id.org/loa/graph/reference');
    const withShared = [...quads, quad(title, label, labels[order[0]!]!, reference), quad(title, label, literal('g', 'fr'), reference)];
    for (const qs of [quads, withShared]) {
      const { reference: r, compiled: c } = await bothEngines(qs);
      expect(c).toStrictEqual(r);
      expect('ok' in r && r.ok.results.some((x) => x.constraint === `${SH}UniqueLangConstraintComponent`)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------
// Constructs the bundled shapes do not use
// ---------------------------------------------------------------------------

/** Shapes with every construct the compiler implements beyond the bundled shapes' own, and engine messages (no sh:message). */
const KITCHEN_SINK = `
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <${EX}> .

ex:D rdfs:subClassOf ex:C .
ex:E rdfs:subClassOf ex:D .

ex:CShape a sh:NodeShape ;
  sh:targetClass ex:C ;
  sh:and ( [ sh:nodeKind sh:IRI ] [ sh:not [ sh:class ex:X ] ] ) ;
  sh:xone ( [ sh:class ex:D ] [ sh:path ex:q ; sh:minCount 1 ] ) ;
  sh:property ex:C-p, ex:C-q, ex:C-seq, ex:C-alt, ex:C-star, ex:C-opt, ex:C-inv, ex:C-lang, ex:C-qual-a, ex:C-qual-b, ex:C-nested .

ex:C-p sh:path ex:p ; sh:maxLength 3 ; sh:minExclusive 0 ; sh:maxExclusive 10 ; sh:lessThanOrEquals ex:q ; sh:severity sh:Info .
ex:C-q sh:path ex:q ; sh:pattern "^A" ; sh:flags "i" ; sh:hasValue "a" ; sh:message "q is wrong"@en, "q sai"@vi ; sh:severity sh:Warning .
ex:C-seq sh:path ( ex:p ex:q ) ; sh:maxCount 2 ; sh:datatype xsd:integer .
ex:C-alt sh:path [ sh:alternativePath ( ex:p [ sh:inversePath ex:q ] ) ] ; sh:in ( "a" "b" 1 ex:a ) ; sh:message "not one of a, b, 1, ex:a" .
ex:C-star sh:path [ sh:zeroOrMorePath ex:r ] ; sh:class ex:C ; sh:minCount 2 .
ex:C-opt sh:path [ sh:zeroOrOnePath ex:r ] ; sh:nodeKind sh:BlankNodeOrIRI ; sh:node ex:Small .
ex:C-inv sh:path [ sh:inversePath ex:r ] ; sh:maxCount 1 ; sh:disjoint ex:p ; sh:severity sh:Warning, sh:Info .
ex:C-lang sh:path ex:label ; sh:uniqueLang true ; sh:languageIn ( "vi" "en" ) ; sh:datatype rdf:langString .
ex:C-qual-a sh:path ex:p ; sh:qualifiedValueShape [ sh:datatype xsd:integer ] ; sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 2 ; sh:qualifiedValueShapesDisjoint true .
ex:C-qual-b sh:path ex:p ; sh:qualifiedValueShape [ sh:nodeKind sh:Literal ] ; sh:qualifiedMaxCount 1 ; sh:qualifiedValueShapesDisjoint true .
ex:C-nested sh:path [ sh:oneOrMorePath ex:r ] ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "a node down ex:r needs ex:p" ] .
ex:Small sh:property [ sh:path ex:p ; sh:maxCount 1 ] .

# Nodes typed with a node: an inverse rdf:type path sees the graph's own triples only.
ex:Typed sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath rdf:type ] ; sh:maxCount 0 ] .

ex:TShape sh:targetClass ex:T ;
  sh:in ( ex:a ex:b ) ; sh:hasValue ex:a ; sh:minLength 20 ; sh:pattern "a$" ; sh:severity sh:Warning ;
  sh:property
    [ sh:path ex:int ; sh:datatype xsd:int ],
    [ sh:path ex:date ; sh:datatype xsd:date ; sh:minInclusive "2020-01-01"^^xsd:date ],
    [ sh:path ex:dt ; sh:datatype xsd:dateTime ; sh:maxInclusive "2024-01-01T00:00:00Z"^^xsd:dateTime ],
    [ sh:path ex:bool ; sh:datatype xsd:boolean ; sh:in ( true ) ],
    [ sh:path ex:year ; sh:datatype xsd:gYear ; sh:minExclusive "1999"^^xsd:gYear ],
    [ sh:path ex:tok ; sh:datatype xsd:token ; sh:in ( "a" "b" "c" "d" "e" ) ],
    [ sh:path ex:s ; sh:minLength 2 ; sh:lessThan ex:t ; sh:message "s ≥ t"@vi ] .
`;

const NODES = [EX + 'a', EX + 'b', EX + 'c', EX + 'd'].map((n) => namedNode(n) as Term).concat([blankNode('k1'), blankNode('k2')]);
const SINK_PREDICATES = ['p', 'q', 'r', 'label', 'int', 'date', 'dt', 'bool', 'year', 'tok', 's', 't'].map((l) => namedNode(EX + l));
const SINK_CLASSES = ['C', 'D', 'E', 'T', 'X'].map((l) => namedNode(EX + l));
const SINK_LITERALS: Term[] = [
  literal('a'),
  literal('A'),
  literal('ab'),
  literal('b'),
  literal('abcd'),
  literal('a', 'vi'),
  literal('b', 'vi'),
  literal('a', 'en'),
  literal('a', 'en-gb'),
  literal('a', 'fr'),
  literal('1', xsd('integer')),
  literal('2', xsd('integer')),
  literal('10', xsd('integer')),
  literal('0', xsd('integer')),
  literal('-3', xsd('integer')),
  literal('1.5', xsd('decimal')),
  literal('x', xsd('integer')),
  literal('2147483648', xsd('int')),
  literal('-2147483648', xsd('int')),
  literal('+5', xsd('int')),
  literal('2019-12-31', xsd('date')),
  literal('2020-01-01', xsd('date')),
  literal('2020-02-30', xsd('date')),
  literal('2023-12-31T23:00:00Z', xsd('dateTime')),
  literal('2024-01-01T00:00:00', xsd('dateTime')),
  literal('2024-01-01T07:00:00+07:00', xsd('dateTime')),
  literal('2025-01-01T00:00:00.123Z', xsd('dateTime')),
  literal('true', xsd('boolean')),
  literal('1', xsd('boolean')),
  literal('false', xsd('boolean')),
  literal('T', xsd('boolean')),
  literal('1999', xsd('gYear')),
  literal('2000', xsd('gYear')),
  literal('99', xsd('gYear')),
  literal('a', xsd('token')),
  literal(' a', xsd('token')),
  literal('e', xsd('token')),
  literal('zz'),
  literal('zz', 'vi'),
];

const ofType = (...datatypes: string[]) => SINK_LITERALS.filter((l) => datatypes.includes((l as { datatype: Term }).datatype.value.replace(XSD, '')));
const numbers = ofType('integer', 'decimal', 'int');
const strings = ofType('string');
/** Values that matter to each predicate's shapes. */
const SINK_POOLS: Record<string, Term[]> = {
  p: [...numbers, ...strings],
  q: [...strings, ...numbers],
  r: NODES,
  label: SINK_LITERALS.filter((l) => (l as { language?: string }).language),
  int: ofType('int', 'integer'),
  date: ofType('date', 'dateTime'),
  dt: ofType('dateTime', 'date'),
  bool: ofType('boolean'),
  year: ofType('gYear', 'integer'),
  tok: ofType('token', 'string'),
  s: [...strings, ...numbers],
  t: [...strings, ...numbers],
};

const GRAPHS: Term[] = [defaultGraph(), namedNode(`${EX}graph/announcement/1`), namedNode(`${EX}graph/announcement/2`), namedNode(`${EX}graph/shared`)];

let sinkFile: string;

describe('a shapes file with the constructs the bundled shapes do not use', () => {
  beforeAll(() => {
    sinkFile = join(out, 'kitchen-sink.ttl');
    writeFileSync(sinkFile, KITCHEN_SINK);
  });

  it('compiles', () => {
    const result = compileShapes(loadShapes(sinkFile));
    expect(result.supported ? [] : result.reasons).toEqual([]);
  });

  it('gets the same report from both engines on random data, spread over own and shared graphs', async () => {
    const term = (pool: Term[]) => fc.nat().map((i) => pick(pool, i));
    const anything = [...NODES, ...SINK_LITERALS];
    const values = fc
      .tuple(term(NODES), fc.nat(), fc.nat(), fc.nat(), term(GRAPHS))
      .map(([subject, p, o, mix, g]) => {
        const predicate = pick(SINK_PREDICATES, p);
        // Mostly a value of the kind the predicate's shapes check, sometimes anything.
        return [subject, predicate, pick(mix % 4 === 0 ? anything : SINK_POOLS[predicate.value.slice(EX.length)]!, o), g] as const;
      });
    const statement = fc.oneof(
      { weight: 12, arbitrary: values },
      { weight: 1, arbitrary: fc.tuple(term(NODES), fc.constant(RDF_TYPE as Term), term(NODES), term(GRAPHS)) },
      { weight: 5, arbitrary: fc.tuple(term(NODES), fc.constant(RDF_TYPE as Term), term(SINK_CLASSES), term(GRAPHS)) },
      // Subclass axioms in the data, cycles included (the reference engine then fails, and so must the compiled one).
      { weight: 1, arbitrary: fc.tuple(term(SINK_CLASSES), fc.constant(namedNode(RDFS + 'subClassOf') as Term), term(SINK_CLASSES), term(GRAPHS)) },
    );
    let withResults = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 30 }), async (statements) => {
        const quads = statements.map(([s, p, o, g]) => quad(s as Quad['subject'], p as Quad['predicate'], o as Quad['object'], g as Quad['graph']));
        const { reference, compiled } = await bothEngines(quads, { shapesFile: sinkFile });
        expect(compiled).toStrictEqual(reference);
        if ('ok' in reference && reference.ok.results.length > 0) withResults++;
      }),
      { numRuns: 300 },
    );
    expect(withResults).toBeGreaterThan(150);
  }, 120_000);

  it('reads a shape with two sh:severity values as a violation, as the reference does', async () => {
    const a = namedNode(EX + 'a');
    const r = namedNode(EX + 'r');
    const quads = [quad(a, RDF_TYPE, namedNode(EX + 'C')), quad(namedNode(EX + 'b'), r, a), quad(namedNode(EX + 'c'), r, a)];
    const { reference, compiled } = await bothEngines(quads, { shapesFile: sinkFile });
    expect(compiled).toStrictEqual(reference);
    const inverse = 'ok' in compiled ? compiled.ok.results.filter((x) => x.shape === `${EX}C-inv`) : [];
    expect(inverse.map((x) => [x.constraint, x.severity])).toEqual([[`${SH}MaxCountConstraintComponent`, 'Violation']]);
  });

  it('reports the engine messages with their parameters, and sh:in lists of more than three members shortened', async () => {
    const a = namedNode(EX + 'a');
    const quads = [quad(a, RDF_TYPE, namedNode(EX + 'T')), quad(a, namedNode(EX + 'tok'), literal('z', xsd('token'))), quad(a, namedNode(EX + 'int'), literal('x', xsd('int')))];
    const { reference, compiled } = await bothEngines(quads, { shapesFile: sinkFile });
    expect(compiled).toStrictEqual(reference);
    const messages = 'ok' in compiled ? compiled.ok.results.map((r) => r.message) : [];
    expect(messages).toContain('Value is not one of the allowed values: a, b, c ... (and 2 more)');
    expect(messages).toContain(`Value does not have datatype <${XSD}int>`);
  });
});

// ---------------------------------------------------------------------------
// What the compiler refuses
// ---------------------------------------------------------------------------

const PREFIXES = `@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix ex: <${EX}> .\n`;

describe('shapes the compiler does not implement', () => {
  const write = (name: string, text: string) => {
    const file = join(out, name);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['sh:equals', 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:equals ex:q ] .', /sh:equals/],
    ['sh:closed', 'ex:S sh:targetClass ex:C ; sh:closed true ; sh:property [ sh:path ex:p ] .', /sh:closed/],
    ['sh:deactivated', 'ex:S sh:targetClass ex:C ; sh:deactivated true ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .', /sh:deactivated/],
    ['sh:sparql', 'ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { }" ] .', /sh:sparql/],
    ['a node shape with sh:minCount', 'ex:S sh:targetClass ex:C ; sh:minCount 1 .', /sh:minCount cannot be used in a node shape/],
    ['sh:and in a property shape', 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:and ( [ sh:minCount 1 ] ) ] .', /sh:and cannot be used in a property shape/],
    ['two sh:class values', 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:class ex:A, ex:B ] .', /2 values of sh:class/],
    ['two untagged messages', 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "one", "two" ] .', /several messages/],
    ['a recursive shape', 'ex:S sh:targetClass ex:C ; sh:property ex:P . ex:P sh:path ex:p ; sh:node ex:S .', /refers to itself/],
    ['an implicit class target', '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . ex:S a rdfs:Class ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .', /implicit class target/],
    ['an inverse path of a complex path', 'ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath [ sh:zeroOrMorePath ex:p ] ] ; sh:minCount 1 ] .', /sh:inversePath .* is not an IRI/],
    ['sh:datatype xsd:duration', 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype xsd:duration ] .', /xsd|duration/],
  ])('refuses %s, with the reason', (_name, text, reason) => {
    const file = write(`refused-${_name.replace(/\W+/g, '-')}.ttl`, PREFIXES + text);
    const result = compileShapes(loadShapes(file));
    expect(result.supported).toBe(false);
    expect(result.supported ? '' : result.reasons.join('\n')).toMatch(reason);
    expect(new GraphValidator([], { shapesFile: file }).engine).toBe('reference');
  });

  it('falls back to the reference engine for such a shapes file, and its results', async () => {
    const file = write('strict-equals.ttl', `${readFileSync(SHAPES_FILE, 'utf8')}
<https://w3id.org/loa/shapes#TestSameNames> a sh:NodeShape ;
  sh:targetClass schema:Organization ;
  sh:property [ sh:path schema:name ; sh:equals schema:alternateName ; sh:message "names and alternate names must be the same" ] .
`);
    expect(compileShapes(loadShapes(file)).supported).toBe(false);
    const compiled = await validateQuads(corpus, { shapesFile: file });
    const reference = await validateQuads(corpus, { shapesFile: file, engine: 'reference' });
    expect(compiled).toStrictEqual(reference);
    // The construct the compiler would have had to implement did report: the fallback ran it.
    expect(compiled.results.filter((r) => r.constraint === `${SH}EqualsConstraintComponent`).length).toBeGreaterThan(0);
    const gate = new GraphValidator(shared, { shapesFile: file });
    expect(gate.engine).toBe('reference');
    await gate.validateShared();
    const [, quads] = announcements[0]!;
    const referenceGate = new GraphValidator(shared, { shapesFile: file, engine: 'reference' });
    await referenceGate.validateShared();
    expect(await gate.validateGraph(quads)).toStrictEqual(await referenceGate.validateGraph(quads));
  });
});
