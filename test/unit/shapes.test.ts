/**
 * The output contract (ontology/shapes.ttl) and the validation gate
 * (src/validate): one Turtle file per case in test/shapes/, the shapes file's
 * own hygiene, attribution of results to announcement graphs, and the real
 * sample corpus, which must conform.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataFactory, Parser, type Quad } from 'n3';
import { checkSync } from 'recheck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { referenceData } from '../../src/core/reference.ts';
import { acceptedDocumentTypes, renderDocumentTypeBlock, spliceDocumentTypeBlock } from '../../src/validate/document-types.ts';
import { loadShapes, LOASH, SH, SHAPES_FILE, validateQuads, type ValidationResult } from '../../src/validate/index.ts';
import { captureIo } from '../support/capture-io.ts';

const CASES = join(REPO_ROOT, 'test/shapes');
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS_SUBCLASS_OF = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';
const PREFIXES: Record<string, string> = { loash: LOASH, sh: SH };

/** `loash:Person-name` → its IRI. */
function expand(name: string): string {
  const [prefix, local] = name.split(':', 2) as [string, string | undefined];
  const ns = PREFIXES[prefix];
  if (!ns || local === undefined) throw new Error(`unknown prefixed name "${name}" in a test case`);
  return ns + local;
}

/** What a case's leading comment lines expect: `# violates: SHAPE [CONSTRAINT]` or `# warns: SHAPE [CONSTRAINT]`. */
function expectations(text: string, keyword: 'violates' | 'warns'): { shape: string; constraint?: string }[] {
  const out: { shape: string; constraint?: string }[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const m = new RegExp(`^# ${keyword}: (\\S+)(?: (\\S+))?\\s*$`).exec(line);
    if (!m) continue;
    out.push(m[2] ? { shape: expand(m[1]!), constraint: expand(m[2]) } : { shape: expand(m[1]!) });
  }
  return out;
}

function caseFiles(folder: 'valid' | 'invalid'): string[] {
  return readdirSync(join(CASES, folder)).filter((f) => f.endsWith('.ttl')).sort();
}

function parseTurtle(text: string): Quad[] {
  return new Parser({ baseIRI: 'https://w3id.org/loa/' }).parse(text);
}

const brief = (r: ValidationResult) => `${r.severity} ${r.shape.replace(LOASH, 'loash:')} ${r.constraint.replace(SH, 'sh:')} on ${r.focusNode}${r.value ? ` value ${r.value}` : ''}: ${r.message}`;

const matching = (e: { shape: string; constraint?: string }) => (r: ValidationResult) => r.shape === e.shape && (!e.constraint || r.constraint === e.constraint);

describe('test/shapes: one Turtle file per case', () => {
  it('has at least 12 invalid and 5 valid cases, each invalid one naming the constraint it breaks', () => {
    const invalid = caseFiles('invalid');
    expect(invalid.length).toBeGreaterThanOrEqual(12);
    expect(caseFiles('valid').length).toBeGreaterThanOrEqual(5);
    for (const f of invalid) expect(readFileSync(join(CASES, 'invalid', f), 'utf8'), f).toMatch(/^# violates: \S+/);
  });

  it.each(caseFiles('valid'))('valid/%s conforms, with only the warnings it announces', async (file) => {
    const text = readFileSync(join(CASES, 'valid', file), 'utf8');
    const report = await validateQuads(parseTurtle(text));
    const warned = expectations(text, 'warns');
    expect(report.results.filter((r) => !warned.some((e) => matching(e)(r))).map(brief)).toEqual([]);
    for (const e of warned) expect(report.results.filter(matching(e)).map((r) => r.severity)).toContain('Warning');
    expect(report.conforms).toBe(true);
  });

  it.each(caseFiles('invalid'))('invalid/%s breaks the constraint it names, and no other', async (file) => {
    const text = readFileSync(join(CASES, 'invalid', file), 'utf8');
    const report = await validateQuads(parseTurtle(text));
    const named = expectations(text, 'violates');
    const violations = report.results.filter((r) => r.severity === 'Violation');
    expect(report.conforms).toBe(false);
    for (const e of named) expect(violations.some(matching(e)), `${file} should violate ${e.shape} ${e.constraint ?? ''}; got:\n${violations.map(brief).join('\n')}`).toBe(true);
    expect(violations.filter((r) => !named.some((e) => e.shape === r.shape)).map(brief)).toEqual([]);
  });
});

describe('ontology/shapes.ttl', () => {
  const { store } = loadShapes();
  const shapeIris = [...new Set([...store.getSubjects(SH + 'targetClass', null, null), ...store.getSubjects(SH + 'path', null, null)])].filter((t) => t.termType === 'NamedNode');

  it('lists exactly the document types of data/reference/document-types.csv', () => {
    const text = readFileSync(SHAPES_FILE, 'utf8');
    const current = spliceDocumentTypeBlock(text, renderDocumentTypeBlock(acceptedDocumentTypes(referenceData().documentTypes.map((t) => t.name))));
    expect(current === text, 'stale: run npx tsx scripts/shapes/sync-document-types.ts').toBe(true);
  });

  it('gives every shape with a target and every property shape an IRI, a name, a message and a severity', () => {
    const blankShapes = [...store.getSubjects(SH + 'targetClass', null, null)].filter((t) => t.termType !== 'NamedNode');
    expect(blankShapes).toEqual([]);
    expect(shapeIris.length).toBeGreaterThan(40);
    for (const shape of shapeIris) {
      for (const p of ['name', 'message', 'severity']) expect(store.getObjects(shape, SH + p, null).length, `${shape.value} sh:${p}`).toBe(1);
      expect([SH + 'Violation', SH + 'Warning']).toContain(store.getObjects(shape, SH + 'severity', null)[0]?.value);
    }
  });

  it('requires every node it targets to be an IRI, never a blank node', () => {
    for (const shape of store.getSubjects(SH + 'targetClass', null, null)) {
      const isWarningOnly = store.getObjects(shape, SH + 'severity', null)[0]?.value === SH + 'Warning';
      if (!isWarningOnly) expect(store.getObjects(shape, SH + 'nodeKind', null).map((t) => t.value), shape.value).toEqual([SH + 'IRI']);
    }
  });

  it.each(store.getObjects(null, SH + 'pattern', null).map((t) => [t.value.slice(0, 50), t.value] as const))('pattern %s cannot backtrack catastrophically', (_short, source) => {
    const result = checkSync(source, '', { timeout: 20_000 });
    expect(result.status).toBe('safe');
  });
});

describe('validateQuads: attribution to graphs', () => {
  const { namedNode, literal, quad } = DataFactory;
  const base = 'https://w3id.org/loa/';
  const S = (t: string) => namedNode(`http://schema.org/${t}`);
  const type = namedNode(RDF_TYPE);
  const reference = namedNode(`${base}graph/reference`);
  const graphA = namedNode(`${base}graph/announcement/a`);
  const graphB = namedNode(`${base}graph/announcement/b`);
  const ministry = namedNode(`${base}agency/bo-tu-phap`);
  const person = namedNode(`${base}person/tran-tien-dung`);

  const quads = [
    // The reference graph: the ministry, with a parent that is not an organisation.
    quad(ministry, type, S('GovernmentOrganization'), reference),
    quad(ministry, S('name'), literal('Bộ Tư pháp', 'vi'), reference),
    quad(ministry, S('parentOrganization'), literal('Chính phủ'), reference),
    // Announcement a: the ministry again, and an official who works for it (fine).
    quad(ministry, type, S('GovernmentOrganization'), graphA),
    quad(ministry, S('name'), literal('Bộ Tư pháp', 'vi'), graphA),
    quad(person, type, S('Person'), graphA),
    quad(person, S('name'), literal('Trần Tiến Dũng'), graphA),
    quad(person, S('jobTitle'), literal('Thứ trưởng', 'vi'), graphA),
    quad(person, S('worksFor'), ministry, graphA),
    // Announcement b: the same official, without a title, working for a node typed nowhere in b.
    quad(person, type, S('Person'), graphB),
    quad(person, S('name'), literal('Trần Tiến Dũng'), graphB),
    quad(person, S('worksFor'), namedNode(`${base}agency/unknown`), graphB),
  ];

  it('names the announcement a result came from, and reports a fault of the reference graph once, there', async () => {
    const report = await validateQuads(quads);
    const summary = report.results.map((r) => [r.graph, r.focusNode, r.shape.replace(LOASH, ''), r.constraint.replace(SH, ''), r.severity]);
    expect(summary).toEqual([
      [graphB.value, person.value, 'Person-jobTitle-present', 'MinCountConstraintComponent', 'Warning'],
      [graphB.value, person.value, 'Person-worksFor', 'ClassConstraintComponent', 'Violation'],
      [reference.value, ministry.value, 'Organization-parentOrganization', 'ClassConstraintComponent', 'Violation'],
      [reference.value, ministry.value, 'Organization-parentOrganization', 'NodeKindConstraintComponent', 'Violation'],
    ]);
    expect(report.conforms).toBe(false);
    const worksFor = report.results.find((r) => r.shape === `${LOASH}Person-worksFor`)!;
    expect(worksFor).toMatchObject({ path: 'http://schema.org/worksFor', value: `${base}agency/unknown`, constraint: `${SH}ClassConstraintComponent` });
    expect(worksFor.message).toMatch(/organisation/);
  });

  it('sees the reference graph when checking an announcement: a class known only there satisfies sh:class', async () => {
    const onlyReferenceTypes = [
      quad(ministry, type, S('GovernmentOrganization'), reference),
      quad(ministry, S('name'), literal('Bộ Tư pháp', 'vi'), reference),
      quad(person, type, S('Person'), graphA),
      quad(person, S('name'), literal('Trần Tiến Dũng'), graphA),
      quad(person, S('jobTitle'), literal('Thứ trưởng', 'vi'), graphA),
      quad(person, S('worksFor'), ministry, graphA),
    ];
    expect(await validateQuads(onlyReferenceTypes)).toEqual({ conforms: true, results: [] });
    // When no graph counts as shared, the same announcement is on its own.
    const alone = await validateQuads(onlyReferenceTypes, { isSharedGraph: () => false });
    expect(alone.results.map((r) => [r.graph, r.shape.replace(LOASH, '')])).toEqual([[graphA.value, 'Person-worksFor']]);
  });

  it('writes a complex path as a SPARQL property path and a literal value in N-Triples form', async () => {
    const cycle = namedNode(`${base}agency/a`);
    const report = await validateQuads([
      quad(cycle, type, S('Organization')),
      quad(cycle, S('name'), literal('Ban A', 'vi')),
      quad(cycle, S('alternateName'), literal('BA')),
      quad(cycle, S('parentOrganization'), cycle),
    ]);
    expect(report.results.map((r) => [r.shape.replace(LOASH, ''), r.path, r.value, r.graph])).toEqual([
      ['Organization-alternateName', 'http://schema.org/alternateName', '"BA"', undefined],
      ['Organization-parentOrganization-acyclic', '(^<http://schema.org/parentOrganization>)+', cycle.value, undefined],
    ]);
  });
});

describe('the bundled sample corpus, built by the pipeline', () => {
  let out: string;
  let quads: Quad[];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'loa-shapes-'));
    const io = captureIo(REPO_ROOT);
    const code = await main(['build', '--out', out], io);
    expect(code, io.err()).toBe(0);
    quads = new Parser({ format: 'N-Quads' }).parse(gunzipSync(readFileSync(join(out, 'latest/dumps/loa.nq.gz'))).toString('utf8'));
  });

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('conforms to the shapes: no violation in any announcement or in the reference graph', async () => {
    const report = await validateQuads(quads);
    expect(report.results.filter((r) => r.severity === 'Violation').map((r) => `${r.graph}: ${brief(r)}`)).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  it('has a shape for every class it publishes', () => {
    const { store, hierarchy } = loadShapes();
    const targeted = new Set(store.getObjects(null, SH + 'targetClass', null).map((t) => t.value));
    const covered = (cls: string): boolean => targeted.has(cls) || hierarchy.getObjects(cls, RDFS_SUBCLASS_OF, null).some((sup) => covered(sup.value));
    const published = [...new Set(quads.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value))].sort();
    expect(published.length).toBeGreaterThanOrEqual(7);
    expect(published.filter((cls) => !covered(cls))).toEqual([]);
  });
});
