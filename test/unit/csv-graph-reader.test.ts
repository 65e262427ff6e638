/**
 * The CSV tables' reader over a release's dumps: which name of several it
 * shows first (the reference data's, then the one most announcements use,
 * then the shorter, then by code point), what it leaves out (span subjects,
 * blank-node subjects), literals as written (escapes, datatypes, languages),
 * and a clear error when a table asks for what it did not declare.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataFactory } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA, XSD } from '../../src/core/vocab.ts';
import { GraphReader } from '../../src/publish/csv/graph-reader.ts';
import { DUMP_FILES } from '../../src/publish/dumps.ts';

const { namedNode } = DataFactory;
const B = 'https://example.org/';
const REF = namedNode(`${B}graph/reference`);
const NAME = `<${SCHEMA.name.value}>`;
const TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const PARENT = `<${SCHEMA.parentOrganization.value}>`;
const g = (n: number) => `<${B}graph/announcement/${n}>`;

let work: string;
let reader: GraphReader;

/** Quads as N-Quads lines; the N-Triples dump is their union, each triple once. */
function writeDumps(dir: string, quads: [string, string, string, string][]): void {
  mkdirSync(dir, { recursive: true });
  const nq = quads.map(([s, p, o, graph]) => `${s} ${p} ${o} ${graph} .`);
  const nt = [...new Set(quads.map(([s, p, o]) => `${s} ${p} ${o} .`))];
  writeFileSync(join(dir, DUMP_FILES.nquads), gzipSync(`${nq.sort().join('\n')}\n`));
  writeFileSync(join(dir, DUMP_FILES.ntriples), gzipSync(`${nt.sort().join('\n')}\n`));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'loa-csv-reader-'));
  const agency = `<${B}agency/a>`;
  const counted = `<${B}agency/b>`;
  const tied = `<${B}agency/c>`;
  const quads: [string, string, string, string][] = [
    // The reference data's name wins over one used by more announcements.
    [agency, TYPE, `<${SCHEMA.GovernmentOrganization.value}>`, `<${REF.value}>`],
    [agency, NAME, '"Ban Chấp hành Trung ương Đảng"@vi', `<${REF.value}>`],
    [agency, NAME, '"Trung ương Đảng"@vi', g(1)],
    [agency, NAME, '"Trung ương Đảng"@vi', g(2)],
    [agency, NAME, '"Central Committee"@en', `<${REF.value}>`],
    // Counted: two announcements against one, the longer name winning on count.
    [counted, NAME, '"Sở Tư pháp tỉnh Lào Cai"@vi', g(1)],
    [counted, NAME, '"Sở Tư pháp tỉnh Lào Cai"@vi', g(3)],
    [counted, NAME, '"Sở Tư pháp"@vi', g(2)],
    // A tie: the shorter, then by code point.
    [tied, NAME, '"Bộ Y tế"@vi', g(1)],
    [tied, NAME, '"Bộ Ytế"@vi', g(2)],
    [tied, NAME, '"Bộ Y tế (cũ)"@vi', g(3)],
    // Escapes and datatypes as written in N-Triples.
    [`<${B}person/x>`, NAME, '"Lê \\"Văn\\" A\\nB\\u00E0"', g(1)],
    [`<${B}person/x>`, `<${SCHEMA.startDate.value}>`, `"1970-01-02"^^<${XSD.date.value}>`, g(1)],
    // Links: one (kept as the value itself), several (a sorted list), and a blank node, which no table shows.
    [counted, PARENT, agency, g(1)],
    [tied, PARENT, counted, g(2)],
    [tied, PARENT, agency, g(3)],
    [tied, PARENT, '_:b1', g(3)],
    // Left out: a span subject, a blank node subject.
    [`<${B}announcement/1/body#char=0,5>`, NAME, '"span"@vi', g(1)],
    ['_:b0', NAME, '"blank"@vi', g(1)],
  ];
  writeDumps(join(work, 'dumps'), quads);
  reader = await GraphReader.fromDumps(join(work, 'dumps'), REF, {
    predicates: [SCHEMA.name, SCHEMA.startDate, SCHEMA.parentOrganization],
    classes: [SCHEMA.GovernmentOrganization, SCHEMA.Person],
    ranked: [SCHEMA.name],
  });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the CSV reader of a release\u2019s dumps', () => {
  it('shows the reference data\u2019s name first, whatever the announcements use most', () => {
    expect(reader.rankedNames(`${B}agency/a`, SCHEMA.name, 'vi')).toEqual({ primary: 'Ban Chấp hành Trung ương Đảng', others: ['Trung ương Đảng'] });
    expect(reader.rankedNames(`${B}agency/a`, SCHEMA.name, 'en')).toEqual({ primary: 'Central Committee', others: [] });
  });

  it('otherwise shows the name most announcements use, then the shorter, then by code point', () => {
    expect(reader.rankedNames(`${B}agency/b`, SCHEMA.name, 'vi')).toEqual({ primary: 'Sở Tư pháp tỉnh Lào Cai', others: ['Sở Tư pháp'] });
    expect(reader.rankedNames(`${B}agency/c`, SCHEMA.name, 'vi')).toEqual({ primary: 'Bộ Ytế', others: ['Bộ Y tế', 'Bộ Y tế (cũ)'] });
    expect(reader.rankedNames(undefined, SCHEMA.name, 'vi')).toEqual({ primary: undefined, others: [] });
  });

  it('reads literals as written, by language or datatype', () => {
    expect(reader.text(`${B}person/x`, SCHEMA.name, { datatype: XSD.string })).toBe('Lê "Văn" A\nBà');
    expect(reader.text(`${B}person/x`, SCHEMA.startDate, { datatype: XSD.date })).toBe('1970-01-02');
    expect(reader.text(`${B}person/x`, SCHEMA.startDate, { lang: 'vi' })).toBeUndefined();
  });

  it('leaves out span and blank-node subjects, and lists the instances of a class', () => {
    expect(reader.subjectsOf(SCHEMA.name)).toEqual([`${B}agency/a`, `${B}agency/b`, `${B}agency/c`, `${B}person/x`]);
    expect(reader.instances(SCHEMA.GovernmentOrganization)).toEqual([`${B}agency/a`]);
    expect(reader.isA(`${B}agency/b`, SCHEMA.GovernmentOrganization)).toBe(false);
  });

  it('reads IRIs, one or several, sorted, without blank nodes', () => {
    expect(reader.iris(`${B}agency/b`, SCHEMA.parentOrganization)).toEqual([`${B}agency/a`]);
    expect(reader.iris(`${B}agency/c`, SCHEMA.parentOrganization)).toEqual([`${B}agency/a`, `${B}agency/b`]);
    expect(reader.iri(`${B}agency/c`, SCHEMA.parentOrganization)).toBe(`${B}agency/a`);
    expect(reader.iris(`${B}agency/a`, SCHEMA.parentOrganization)).toEqual([]);
    expect(reader.texts(`${B}agency/c`, SCHEMA.parentOrganization, { lang: 'vi' })).toEqual([]);
    expect(reader.subjectsOf(SCHEMA.parentOrganization)).toEqual([`${B}agency/b`, `${B}agency/c`]);
  });

  it('says what was not declared when a table asks for it', () => {
    expect(() => reader.iris(`${B}agency/a`, SCHEMA.url)).toThrow(/schema.org\/url was not declared/);
    expect(() => reader.instances(SCHEMA.Event)).toThrow(/Event was not declared/);
  });
});
