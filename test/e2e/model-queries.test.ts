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
});
