/**
 * The questions researchers ask of loa's graph, answered over the sample corpus
 * with the example queries in data/queries/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { captureIo } from '../support/capture-io.ts';

let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'loa-queries-'));
  expect(await main(['build', '--out', out], captureIo(REPO_ROOT))).toBe(0);
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

async function rows(query: string): Promise<Record<string, string>[]> {
  const io = captureIo(REPO_ROOT);
  expect(await main(['query', '--out', out, '--format', 'json', query], io)).toBe(0);
  const json = JSON.parse(io.out()) as { results: { bindings: Record<string, { value: string }>[] } };
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

describe('example queries over the sample corpus', () => {
  it('lists the offices of one official with their period and source', async () => {
    expect(await rows(join(REPO_ROOT, 'data/queries/memberships-of-an-official.rq'))).toEqual([
      {
        title: 'Thứ trưởng',
        titleEn: 'Deputy Minister',
        agency: 'Bộ Tư pháp',
        from: '2024-03-26',
        to: '2024-03-26',
        source: 'https://w3id.org/loa/announcement/000_3c8414fbfcf5914d',
      },
    ]);
  });

  it('finds the documents that detail or amend the Law on Legal Aid', async () => {
    const found = await rows(join(REPO_ROOT, 'data/queries/documents-detailing-or-amending-a-law.rq'));
    expect(found.map((r) => r.number).filter(Boolean)).toEqual(expect.arrayContaining(['144/2017/NĐ-CP', '08/2017/TT-BTP']));
    expect(found.find((r) => r.number === '144/2017/NĐ-CP')?.relation).toBe('http://schema.org/legislationEnsuresImplementationOf');
  });

  it('finds the events officials of the Ministry of Justice attended in the first quarter of 2024', async () => {
    const found = await rows(join(REPO_ROOT, 'data/queries/events-attended-by-an-agency-in-a-quarter.rq'));
    expect(found.map((r) => [r.date, r.official])).toEqual([['2024-03-25', 'Trần Tiến Dũng']]);
  });

  it('quotes the exact text a statement was read from', async () => {
    const [row] = await rows(join(REPO_ROOT, 'data/queries/text-behind-a-statement.rq'));
    expect(row).toMatchObject({ text: 'Thứ trưởng Bộ Tư pháp', rule: 'official.title-with-agency' });
    const body = await rows(`PREFIX schema: <http://schema.org/> SELECT ?body WHERE { <${row!.announcement}> schema:articleBody ?body }`);
    expect(body[0]!.body!.slice(Number(row!.begin), Number(row!.end))).toBe(row!.text);
  });

  it('answers each triple once in the default graph, which is the union of the named graphs', async () => {
    const [union] = await rows('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    const [distinct] = await rows('SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }');
    expect(union!.n).toBe(distinct!.n);
  });

  it('models a draft law as an ELI-DL work in a legislative process, and the session about it as an activity', async () => {
    const found = await rows(`PREFIX schema: <http://schema.org/> PREFIX eli: <http://data.europa.eu/eli/ontology#>
      PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
      SELECT ?draft ?process ?date ?legalResource WHERE {
        ?process a eli-dl:Process ; eli-dl:involved_work ?draft ; eli-dl:consists_of ?activity .
        ?activity a eli-dl:Activity, schema:Event ; eli-dl:activity_date ?date ; eli-dl:involved_work ?draft .
        ?draft a eli:Work ; schema:name ?name . FILTER(CONTAINS(?name, "Công chứng"))
        BIND(EXISTS { ?draft a eli:LegalResource } AS ?legalResource)
      }`);
    expect(found).toEqual([
      {
        draft: 'https://w3id.org/loa/document/draft-law/luat-cong-chung-sua-doi',
        process: 'https://w3id.org/loa/process/document/draft-law/luat-cong-chung-sua-doi',
        date: '2024-04-16',
        legalResource: 'false',
      },
    ]);
  });

  it('places provincial agencies in their province, the unit of the day, linked to Wikidata and to the unit that replaced it', async () => {
    const found = await rows(`PREFIX schema: <http://schema.org/> PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX dcterms: <http://purl.org/dc/terms/>
      SELECT ?place ?code ?wikidata ?successor WHERE {
        <https://w3id.org/loa/agency/trung-tam-tro-giup-phap-ly-nha-nuoc-tinh-quang-nam> schema:areaServed ?place .
        ?place a schema:AdministrativeArea ; schema:identifier ?code ; owl:sameAs ?wikidata .
        ?successor dcterms:replaces ?place .
      }`);
    expect(found).toEqual([
      { place: 'https://w3id.org/loa/place/quang-nam/until-2025-06-30', code: '49', wikidata: 'http://www.wikidata.org/entity/Q33356', successor: 'https://w3id.org/loa/place/da-nang' },
    ]);
  });

  it('records the run as a PROV activity in the metadata graph', async () => {
    const found = await rows(`PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
      SELECT (COUNT(DISTINCT ?a) AS ?n) ?version WHERE {
        GRAPH <https://w3id.org/loa/graph/metadata> { ?run a prov:Activity ; prov:generated ?a ; prov:wasAssociatedWith ?agent . ?agent owl:versionInfo ?version }
      } GROUP BY ?version`);
    expect(found).toHaveLength(1);
    expect(Number(found[0]!.n)).toBe(34);
  });

  it('reads a law named without a year as the latest of that name the corpus dates before the announcement', async () => {
    const found = await rows(`PREFIX schema: <http://schema.org/>
      SELECT DISTINCT ?law WHERE { <https://w3id.org/loa/announcement/000_3c8414fbfcf5914d> schema:mentions ?law . ?law schema:name ?name . FILTER(STR(?name) = "Luật Trợ giúp pháp lý") }`);
    expect(found).toEqual([{ law: 'https://w3id.org/loa/document/law/luat-tro-giup-phap-ly-2017' }]);
    // No statement is left pointing at the name without its year.
    expect(await rows('SELECT ?s WHERE { ?s ?p <https://w3id.org/loa/document/law/luat-tro-giup-phap-ly> }')).toEqual([]);
  });
});
