/**
 * The CSV edition over the sample corpus: the files are RFC 4180 as the
 * metadata describes them, and their CSV on the Web form, turned back into
 * triples by csv-metadata.json alone, says what the dumps say (nothing more, and
 * every value of the mapped columns), with one row per entity.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Quad as N3Quad } from 'n3';
import { defaultGraph, literal, namedNode, quad, Store, type Quad, type Term } from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../pipeline/build.ts';
import { REPO_ROOT } from '../../pipeline/main.ts';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { parseCsv } from '../../src/core/csv.ts';
import { IriMinter } from '../../src/core/iri.ts';
import { DCTERMS, PROV, RDF, SCHEMA, XSD } from '../../src/core/vocab.ts';
import { writeCsv } from '../../src/publish/csv.ts';
import { csvwToRdf } from '../../src/publish/csvw-to-rdf.ts';
import { DUMP_FILES } from '../../src/publish/dumps.ts';
import { defaultPublication, type ReleaseContext, type ReleaseFile } from '../../src/publish/release-context.ts';
import { loadRelease } from '../../src/sparql/load-release.ts';
import { captureIo } from '../support/capture-io.ts';

interface ColumnJson {
  name: string;
  titles: Record<string, string>;
  virtual?: boolean;
  suppressOutput?: boolean;
  aboutUrl?: string;
  propertyUrl?: string;
  valueUrl?: string;
}

interface TableJson {
  url: string;
  tableSchema: {
    aboutUrl: string;
    columns: ColumnJson[];
    primaryKey: string | string[];
    foreignKeys?: { columnReference: string; reference: { resource: string; columnReference: string } }[];
  };
}

interface Metadata {
  '@context': string;
  dialect: { encoding: string; lineTerminators: string[]; trim: boolean };
  tables: TableJson[];
}

const TABLES = ['officials', 'memberships', 'agencies', 'legal-documents', 'document-relations', 'events', 'event-links', 'announcements'];

let work: string;
let store: Store;
let dumps: string;
let files: ReleaseFile[];
let metadata: Metadata;

/** A release context over the dumps in `dumps`, writing into `dir`. */
function context(dir: string, dumps: string): ReleaseContext {
  return {
    dir,
    dumps,
    iris: new IriMinter(DEFAULT_BASE_IRI),
    version: '2025-12-31-0123456789ab',
    issued: '2025-12-31',
    coverage: { from: '2012-09-01', to: '2025-12-31' },
    publication: defaultPublication(DEFAULT_BASE_IRI),
  };
}

const csvDir = () => join(work, 'release', 'csv');
const readText = (dir: string, url: string) => readFileSync(join(dir, url), 'utf8');

/** A table's header and rows as records. */
function table(name: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rows] = parseCsv(readText(csvDir(), `${name}.csv`));
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

function tableJson(name: string): TableJson {
  return metadata.tables.find((t) => t.url === `${name}.csv`)!;
}

const keyColumns = (t: TableJson) => ([] as string[]).concat(t.tableSchema.primaryKey);

/** A term as one string, so triples can be compared across the oxigraph and n3 term classes. */
function termKey(t: { termType: string; value: string; language?: string; datatype?: { value: string } }): string {
  if (t.termType !== 'Literal') return `<${t.value}>`;
  return t.language ? `${JSON.stringify(t.value)}@${t.language}` : `${JSON.stringify(t.value)}^^${t.datatype!.value}`;
}

function tripleKey(q: Quad | N3Quad): string {
  return `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object as Term)}`;
}

function csvwTriples(dir: string): N3Quad[] {
  const meta = JSON.parse(readText(dir, 'csv-metadata.json')) as Record<string, unknown>;
  return csvwToRdf(meta, (url) => readText(dir, url), pathToFileURL(join(dir, 'csv-metadata.json')).href);
}

function count(query: string): number {
  const [row] = store.query(query) as Map<string, Term>[];
  return Number(row!.get('n')!.value);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'loa-csv-'));
  const out = join(work, 'build');
  const report = await runBuild(
    { input: join(REPO_ROOT, 'data/announcements'), out, base: DEFAULT_BASE_IRI, maxFileBytes: DEFAULT_MAX_FILE_BYTES },
    captureIo(REPO_ROOT),
  );
  expect(report.validation.released).toBe(true);
  ({ store } = await loadRelease(out));
  dumps = join(out, 'latest', 'dumps');
  files = await writeCsv(context(join(work, 'release'), dumps));
  metadata = JSON.parse(readText(csvDir(), 'csv-metadata.json')) as Metadata;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the CSV edition of the sample corpus', () => {
  it('writes the tables and their metadata, each listed with its size, checksum and media type', () => {
    expect(files.map((f) => f.path)).toEqual([...TABLES.map((t) => `csv/${t}.csv`), 'csv/csv-metadata.json']);
    for (const f of files) {
      const bytes = readFileSync(join(work, 'release', f.path));
      expect(f.bytes).toBe(bytes.length);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.mediaType).toBe(f.path.endsWith('.json') ? 'application/csvm+json' : 'text/csv');
      expect(f.title.length).toBeGreaterThan(10);
    }
    expect(metadata['@context']).toBe('http://www.w3.org/ns/csvw');
    expect(metadata.tables.map((t) => t.url)).toEqual(TABLES.map((t) => `${t}.csv`));
  });

  it('writes RFC 4180 in UTF-8 with a byte order mark and CRLF line ends, as the dialect says', () => {
    expect(metadata.dialect).toMatchObject({ encoding: 'utf-8', lineTerminators: ['\r\n'], trim: false });
    for (const name of TABLES) {
      const bytes = readFileSync(join(csvDir(), `${name}.csv`));
      expect([...bytes.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.endsWith('\r\n'), name).toBe(true);
      // Outside quoted fields, every line break is CRLF; a quote appears only to open or close a field.
      const unquoted = text.replace(/"(?:[^"]|"")*"/g, 'Q');
      expect(unquoted, name).not.toMatch(/[^\r]\n|\r(?!\n)|"/);
    }
  });

  it('heads every table with its columns’ names, which are also their titles, and gives every row as many cells', () => {
    for (const name of TABLES) {
      const [header, ...rows] = parseCsv(readText(csvDir(), `${name}.csv`));
      const columns = tableJson(name).tableSchema.columns.filter((c) => !c.virtual);
      expect(header, name).toEqual(columns.map((c) => c.name));
      for (const c of columns) {
        expect(c.titles.und).toBe(c.name);
        expect(c.titles.en && c.titles.vi, `${name}.${c.name}`).toBeTruthy();
      }
      expect(rows.length, name).toBeGreaterThan(0);
      for (const row of rows) expect(row.length, name).toBe(header!.length);
    }
  });

  it('keeps text in NFC with its diacritics', () => {
    const cells = TABLES.flatMap((name) => parseCsv(readText(csvDir(), `${name}.csv`)).flat());
    expect(cells.filter((c) => c !== c.normalize('NFC'))).toEqual([]);
    expect(cells).toContain('Bộ Tư pháp');
  });

  it('sorts rows by their key, each key once', () => {
    for (const name of TABLES) {
      const keys = table(name).rows.map((r) => keyColumns(tableJson(name)).map((k) => r[k]).join('\u0000'));
      const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys, name).toEqual(sorted);
      expect(new Set(keys).size, name).toBe(keys.length);
    }
  });

  it('has one row per entity of each kind, as SPARQL counts them', () => {
    const PREFIXES = `PREFIX schema: <http://schema.org/> PREFIX org: <http://www.w3.org/ns/org#> PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>`;
    const distinct = (select: string, where: string) => count(`${PREFIXES} SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ${select} WHERE { ${where} } }`);
    const expected: Record<string, number> = {
      officials: distinct('?s', '?s a schema:Person'),
      memberships: distinct('?s', '?s a org:Membership'),
      agencies: distinct('?s', '{ ?s a schema:GovernmentOrganization } UNION { ?s a schema:Organization } UNION { ?s a org:Post }'),
      'legal-documents': distinct('?s', '?s a schema:Legislation'),
      'document-relations': distinct('?s ?p ?o', '?s a schema:Legislation ; ?p ?o VALUES ?p { eli:amends eli:repeals eli:ensures_implementation_of eli:based_on dcterms:replaces }'),
      events: distinct('?s', '?s a schema:Event'),
      'event-links': distinct('?s ?p ?o', '?s a schema:Event ; ?p ?o VALUES ?p { schema:organizer schema:attendee schema:about }'),
      announcements: distinct('?s', '?s a schema:NewsArticle'),
    };
    for (const name of TABLES) {
      expect(expected[name], name).toBeGreaterThan(0);
      expect(table(name).rows.length, name).toBe(expected[name]);
    }
  });

  it('states in its CSVW form only triples the published graph holds', () => {
    const published = new Set(store.match(null, null, null, defaultGraph()).map(tripleKey));
    const triples = csvwTriples(csvDir());
    expect(triples.length).toBeGreaterThan(3000);
    expect(triples.map(tripleKey).filter((k) => !published.has(k))).toEqual([]);
    // Every kind of statement is there: classes, names in both languages, IRIs, dates, the relation templates.
    const predicates = new Set(triples.map((q) => q.predicate.value));
    for (const p of [RDF.type, SCHEMA.name, SCHEMA.jobTitle, SCHEMA.legislationAmends, SCHEMA.attendee, SCHEMA.datePublished, PROV.wasDerivedFrom, DCTERMS.identifier]) {
      expect(predicates.has(p.value), p.value).toBe(true);
    }
    expect(triples.some((q) => q.object.termType === 'Literal' && q.object.language === 'en')).toBe(true);
    expect(triples.some((q) => q.predicate.value === 'http://data.europa.eu/eli/ontology#ensures_implementation_of')).toBe(true);
  });

  it('gives in its CSVW form every value the graph has for a mapped column of a row’s entity', () => {
    const produced = new Set(csvwTriples(csvDir()).map(tripleKey));
    for (const name of TABLES) {
      const t = tableJson(name);
      const [keyColumn] = keyColumns(t);
      // Columns that state a fixed property of the row's own entity (rdf:type is given by class, not completely).
      const mapped = t.tableSchema.columns.filter(
        (c) => !c.suppressOutput && !c.virtual && !c.aboutUrl && c.propertyUrl && !c.propertyUrl.includes('{') && c.propertyUrl !== RDF.type.value,
      );
      if (t.tableSchema.aboutUrl !== `{+${keyColumn}}` || mapped.length === 0) continue;
      for (const row of table(name).rows) {
        for (const property of new Set(mapped.map((c) => c.propertyUrl!))) {
          const missing = store.match(namedNode(row[keyColumn!]!), namedNode(property), null, defaultGraph()).map(tripleKey).filter((k) => !produced.has(k));
          expect(missing, `${name} ${property}`).toEqual([]);
        }
      }
    }
  });

  it('holds its foreign keys: every IRI a column points with is a row of the table it names', () => {
    for (const name of TABLES) {
      const rows = table(name).rows;
      for (const fk of tableJson(name).tableSchema.foreignKeys ?? []) {
        const target = fk.reference.resource.replace(/\.csv$/, '');
        const keys = new Set(table(target).rows.map((r) => r[fk.reference.columnReference]));
        const dangling = rows.map((r) => r[fk.columnReference]!).filter((v) => v !== '' && !keys.has(v));
        expect(dangling, `${name}.${fk.columnReference} → ${target}`).toEqual([]);
      }
    }
  });

  it('reads as a person expects: offices with title, body and period, agencies by their gazetteer name, documents with type and issuer', () => {
    const office = table('memberships').rows.find((r) => r.person_name === 'Trần Tiến Dũng' && r.title_vi === 'Thứ trưởng');
    expect(office).toMatchObject({ title_en: 'Deputy Minister', agency_name: 'Bộ Tư pháp', start: '2024-03-26', end: '2024-03-26', attestations: '1' });
    for (const r of table('memberships').rows) if (r.period) expect([r.start, r.end], r.membership).not.toContain('');

    const party = table('agencies').rows.find((r) => r.agency?.endsWith('/agency/ban-chap-hanh-trung-uong-dang'));
    expect(party).toMatchObject({ name: 'Ban Chấp hành Trung ương Đảng', name_en: 'Central Committee of the Communist Party of Vietnam', other_names: 'Trung ương Đảng' });

    const decree = table('legal-documents').rows.find((r) => r.number === '144/2017/NĐ-CP');
    expect(decree).toMatchObject({ type_vi: 'Nghị định', type_en: 'Decree', draft: 'false' });
    expect(decree!.issuer_name).toBe('Chính phủ');
    expect(table('legal-documents').rows.some((r) => r.draft === 'true')).toBe(true);

    const amends = table('document-relations').rows.find((r) => r.relation === 'http://data.europa.eu/eli/ontology#amends');
    expect(amends?.relation_schema).toBe(SCHEMA.legislationAmends.value);
  });

  it('is byte-identical when written again from the same graph', async () => {
    const again = join(work, 'again');
    const second = await writeCsv(context(again, dumps));
    expect(second).toEqual(files);
    for (const f of files) expect(readFileSync(join(again, f.path)).equals(readFileSync(join(work, 'release', f.path))), f.path).toBe(true);
  });
});

describe('a value with a quote, a comma, a line break and a leading =', () => {
  it('is quoted in the file and comes back unchanged, in the CSV and in its CSVW form', async () => {
    const iris = new IriMinter(DEFAULT_BASE_IRI);
    const headline = '=HYPERLINK("http://example.org/?a=1,2", "Bấm, vào")\nDòng hai, "trích dẫn"';
    const article = iris.announcement('hostile-1');
    const source = iris.source('hostile-1');
    const triples: [string, string, ReturnType<typeof literal> | ReturnType<typeof namedNode>][] = [
      [article.value, RDF.type.value, namedNode(SCHEMA.NewsArticle.value)],
      [article.value, SCHEMA.identifier.value, literal('hostile-1')],
      [article.value, SCHEMA.headline.value, literal(headline, 'vi')],
      [article.value, SCHEMA.datePublished.value, literal('2024-03-26', namedNode(XSD.date.value))],
      [article.value, PROV.wasDerivedFrom.value, namedNode(source.value)],
      [source.value, DCTERMS.identifier.value, literal('+84 ; @tin, "số 1".txt')],
    ];
    // As in a release: the statements in the announcement's graph, and their union as the default graph.
    const small = new Store();
    for (const [s, p, o] of triples) {
      small.add(quad(namedNode(s), namedNode(p), o, namedNode(iris.announcementGraph('hostile-1').value)));
      small.add(quad(namedNode(s), namedNode(p), o, defaultGraph()));
    }
    const dir = join(work, 'hostile');
    const smallDumps = join(dir, 'dumps');
    mkdirSync(smallDumps, { recursive: true });
    writeFileSync(join(smallDumps, DUMP_FILES.nquads), gzipSync(small.dump({ format: 'application/n-quads' })));
    writeFileSync(join(smallDumps, DUMP_FILES.ntriples), gzipSync(small.dump({ format: 'application/n-triples', from_graph_name: defaultGraph() })));
    await writeCsv(context(dir, smallDumps));

    const text = readText(join(dir, 'csv'), 'announcements.csv');
    expect(text).toContain('"=HYPERLINK(""http://example.org/?a=1,2"", ""Bấm, vào"")\nDòng hai, ""trích dẫn"""');
    const [, row] = parseCsv(text);
    expect(row).toContain(headline);
    expect(row).toContain('+84 ; @tin, "số 1".txt');

    const produced = csvwTriples(join(dir, 'csv')).map(tripleKey);
    expect(produced).toContain(tripleKey(quad(namedNode(article.value), namedNode(SCHEMA.headline.value), literal(headline, 'vi'))));
    const published = new Set(small.match(null, null, null, defaultGraph()).map(tripleKey));
    expect(produced.filter((k) => !published.has(k))).toEqual([]);
    expect(produced.length).toBe(triples.length);
  });
});
