/**
 * Quotes filed by page come back page by page in IRI order, each list in
 * reading order, an office's quotes on both the person's and the body's page;
 * the same whether the sorted runs stayed in memory or went to disk.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Membership, SiteGraph, Span } from '../../src/publish/site/graph.ts';
import { QuoteFile, type PageQuotes } from '../../src/publish/site/quote-file.ts';

const B = 'https://example.org/';
const work = mkdtempSync(join(tmpdir(), 'loa-quotes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const office: Membership = { iri: `${B}membership/1`, person: `${B}person/an`, organization: `${B}agency/bo`, attestations: [] };
const graph = { memberships: new Map([[office.iri, office]]) } as unknown as SiteGraph;

function span(announcement: string, begin: number, targets: string[]): Span {
  return { iri: `${B}announcement/${announcement}/body#char=${begin},${begin + 5}`, announcement: `${B}announcement/${announcement}`, field: 'body', begin, end: begin + 5, anchor: 'Ông An', targets, confidence: '0.90' };
}

const spans = [
  span('a2', 40, [`${B}person/an`]),
  span('a1', 10, [`${B}person/an`, office.iri]),
  span('a1', 3, [`${B}agency/bo`]),
  span('a3', 7, [`${B}event/hop`]),
  span('a1', 60, [`${B}person/an`]),
];

async function drained(runLines?: number): Promise<[string, PageQuotes][]> {
  const tmp = join(work, `runs-${runLines ?? 'default'}`);
  const file = new QuoteFile(tmp, graph, runLines);
  for (const s of spans) await file.add(s, s.begin === 3 ? undefined : { before: 'Hôm nay ', anchor: s.anchor, after: ' dự họp.' });
  const pages: [string, PageQuotes][] = [];
  await file.drain(async (page, quotes) => {
    pages.push([page, quotes]);
  });
  expect(existsSync(tmp)).toBe(false);
  return pages;
}

describe('the quote file', () => {
  it('gives each page its quotes by target, in reading order, pages in IRI order', async () => {
    const pages = await drained();
    expect(pages.map(([page]) => page)).toEqual([`${B}agency/bo`, `${B}event/hop`, `${B}person/an`]);
    const person = pages[2]![1];
    expect([...person.spansByTarget.keys()].sort()).toEqual([office.iri, `${B}person/an`]);
    expect(person.spansByTarget.get(`${B}person/an`)!.map((s) => [s.announcement.slice(-2), s.begin])).toEqual([['a1', 10], ['a1', 60], ['a2', 40]]);
    expect(person.spansByTarget.get(office.iri)!.map((s) => s.begin)).toEqual([10]);
    expect(person.snippets.get(spans[1]!.iri)).toEqual({ before: 'Hôm nay ', anchor: 'Ông An', after: ' dự họp.' });
    // The office's quote is on the body's page too, beside the body's own (which had no sentence).
    const agency = pages[0]![1];
    expect(agency.spansByTarget.get(office.iri)!.map((s) => s.begin)).toEqual([10]);
    expect(agency.spansByTarget.get(`${B}agency/bo`)).toEqual([spans[2]]);
    expect(agency.snippets.has(spans[2]!.iri)).toBe(false);
  });

  it('is the same when every run goes to disk', async () => {
    expect(await drained(2)).toEqual(await drained());
  });
});
