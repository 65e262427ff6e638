/**
 * The writers' store leaves the spans and bodies out and keeps per graph only
 * memberships; the pages read spans and bodies back from the
 * N-Quads dump, in any order of asking.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataFactory, Writer, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IriMinter } from '../../src/core/iri.ts';
import { ITSRDF, LOA, NIF, ORG, RDF, SCHEMA, XSD } from '../../src/core/vocab.ts';
import { loadReleaseStore } from '../../src/publish/release-store.ts';
import { AnnouncementTexts } from '../../src/publish/site/announcement-texts.ts';
import type { SiteGraph } from '../../src/publish/site/graph.ts';

const { namedNode: n, literal: l, quad: q } = DataFactory;
const iris = new IriMinter('https://example.org/loa/');
const person = iris.person('tran-van-a');
const membership = n('https://example.org/loa/membership/m1');

/** One announcement's graph: a body, a name, a membership flagged former, and one span. */
function announcement(id: string, begin: number): Quad[] {
  const a = iris.announcement(id);
  const g = iris.announcementGraph(id);
  const span = iris.textSpan(id, 'body', begin, begin + 10);
  return [
    q(a, RDF.type, SCHEMA.NewsArticle, g),
    q(a, SCHEMA.articleBody, l(`Thân bài ${id}: ông Trần Văn A dự họp.`, 'vi'), g),
    q(person, SCHEMA.name, l(`Trần Văn A (${id})`, 'vi'), g),
    q(membership, RDF.type, ORG.Membership, g),
    q(membership, LOA.former, l('true', XSD.boolean), g),
    q(span, RDF.type, NIF.Phrase, g),
    q(span, NIF.referenceContext, iris.text(id, 'body'), g),
    q(span, NIF.beginIndex, l(String(begin), XSD.nonNegativeInteger), g),
    q(span, NIF.endIndex, l(String(begin + 10), XSD.nonNegativeInteger), g),
    q(span, NIF.anchorOf, l('Trần Văn A'), g),
    q(span, LOA.confidence, l('0.90', XSD.decimal), g),
    q(span, ITSRDF.taIdentRef, person, g),
  ];
}

let dumps: string;
const ids = ['a1', 'a2', 'a3'];

beforeAll(() => {
  dumps = mkdtempSync(join(tmpdir(), 'loa-release-store-'));
  const quads = ids.flatMap((id, i) => announcement(id, 10 + i));
  const lines = (format: string, qs: Quad[]) => new Writer({ format }).quadsToString(qs);
  writeFileSync(join(dumps, 'loa.nq.gz'), gzipSync(lines('N-Quads', quads)));
  const triples = [...new Set(quads.map((x) => lines('N-Triples', [q(x.subject, x.predicate, x.object)])))].sort().join('');
  writeFileSync(join(dumps, 'loa.nt.gz'), gzipSync(triples));
});

afterAll(() => rmSync(dumps, { recursive: true, force: true }));

describe('the writers\' store', () => {
  it('holds the union without spans and bodies, and per graph only memberships', async () => {
    const store = await loadReleaseStore(dumps);
    const count = (query: string) => Number((store.query(query) as Map<string, { value: string }>[])[0]!.get('n')!.value);
    expect(count(`SELECT (COUNT(*) AS ?n) WHERE { ?s <${SCHEMA.articleBody.value}> ?o }`)).toBe(0);
    expect(count(`SELECT (COUNT(*) AS ?n) WHERE { ?s <${NIF.anchorOf.value}> ?o }`)).toBe(0);
    expect(count(`SELECT (COUNT(*) AS ?n) WHERE { ?s a <${SCHEMA.NewsArticle.value}> }`)).toBe(3);
    expect(count(`SELECT (COUNT(*) AS ?n) WHERE { <${person.value}> <${SCHEMA.name.value}> ?o }`)).toBe(3);
    expect(count(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <${person.value}> <${SCHEMA.name.value}> ?o } }`)).toBe(0);
    expect(count(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?m a <${ORG.Membership.value}> ; <${LOA.former.value}> ?f } }`)).toBe(3);
    expect(count(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <${SCHEMA.NewsArticle.value}> } }`)).toBe(0);
  });
});

describe('the texts read from the N-Quads dump', () => {
  const site = () => {
    const contexts = new Map(ids.map((id) => [iris.text(id, 'body').value, { announcement: iris.announcement(id).value, field: 'body' as const }]));
    const graphOf = new Map(ids.map((id) => [iris.announcement(id).value, iris.announcementGraph(id).value]));
    return { graph: { contexts } as unknown as SiteGraph, graphOf };
  };

  it('gives each announcement its body and spans, as published (lexical forms kept)', async () => {
    const { graph, graphOf } = site();
    const texts = new AnnouncementTexts(join(dumps, 'loa.nq.gz'), graph, graphOf);
    const { bodies, spans } = await texts.read(ids.map((id) => iris.announcement(id).value));
    await texts.close();
    expect([...bodies.values()].map((b) => b.value)).toEqual(ids.map((id) => `Thân bài ${id}: ông Trần Văn A dự họp.`));
    expect(spans.map((s) => [s.announcement, s.begin, s.end, s.anchor, s.targets, s.confidence])).toEqual(
      ids.map((id, i) => [iris.announcement(id).value, 10 + i, 20 + i, 'Trần Văn A', [person.value], '0.90']),
    );
  });

  it('answers the same when asked in another order', async () => {
    const { graph, graphOf } = site();
    const inOrder = new AnnouncementTexts(join(dumps, 'loa.nq.gz'), graph, graphOf);
    const reversed = new AnnouncementTexts(join(dumps, 'loa.nq.gz'), graph, graphOf);
    const all = ids.map((id) => iris.announcement(id).value);
    const expected = await inOrder.read(all);
    const last = await reversed.read([all[2]!]);
    const rest = await reversed.read([all[1]!, all[0]!]);
    expect([...last.spans, ...rest.spans].sort((a, b) => a.begin - b.begin)).toEqual(expected.spans);
    expect(new Map([...last.bodies, ...rest.bodies])).toEqual(expected.bodies);
  });

  it('fails with the file\'s error when the dump cannot be read', async () => {
    const { graph, graphOf } = site();
    const texts = new AnnouncementTexts(join(dumps, 'missing.nq.gz'), graph, graphOf);
    await expect(texts.read([iris.announcement('a1').value])).rejects.toThrow(/ENOENT/);
  });
});
