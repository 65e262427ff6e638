/**
 * The site graph read from the dumps leaves the spans and bodies out, takes
 * each office's attestations and flags from the announcements' own graphs,
 * and refuses a dump that is not sorted; the pages read spans and bodies back
 * from the N-Quads dump, in any order of asking.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataFactory, Writer, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IriMinter } from '../../src/core/iri.ts';
import { ITSRDF, LOA, NIF, ORG, RDF, SCHEMA, XSD } from '../../src/core/vocab.ts';
import { AnnouncementTexts } from '../../src/publish/site/announcement-texts.ts';
import { readSiteGraph, type SiteGraph } from '../../src/publish/site/graph.ts';

const { namedNode: n, literal: l, quad: q } = DataFactory;
const iris = new IriMinter('https://example.org/loa/');
const person = iris.person('tran-van-a');
const membership = n('https://example.org/loa/membership/m1');

/** One announcement's graph: a body, a person and their name, a membership (flagged former in a1 only), and one span. */
function announcement(id: string, begin: number): Quad[] {
  const a = iris.announcement(id);
  const g = iris.announcementGraph(id);
  const span = iris.textSpan(id, 'body', begin, begin + 10);
  return [
    q(a, RDF.type, SCHEMA.NewsArticle, g),
    q(a, SCHEMA.identifier, l(id), g),
    q(a, SCHEMA.articleBody, l(`Thân bài ${id}: ông Trần Văn A dự họp.`, 'vi'), g),
    q(person, RDF.type, SCHEMA.Person, g),
    q(person, SCHEMA.name, l(`Trần Văn A (${id})`, 'vi'), g),
    q(membership, RDF.type, ORG.Membership, g),
    q(membership, ORG.member, person, g),
    q(membership, LOA.former, l(String(id === 'a1'), XSD.boolean), g),
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

describe('the site graph read from the dumps', () => {
  it('has the entities with their statements, without spans and bodies', async () => {
    const graph = await readSiteGraph(dumps, iris);
    expect([...graph.entities.keys()]).toEqual([...ids.map((id) => iris.announcement(id).value), person.value]);
    expect(graph.entities.get(person.value)!.props.get(SCHEMA.name.value)!.map((v) => ('value' in v ? v.value : v.iri))).toEqual(ids.map((id) => `Trần Văn A (${id})`));
    expect(graph.entities.get(iris.announcement('a1').value)!.props.has(SCHEMA.articleBody.value)).toBe(false);
    expect(graph.entities.get(iris.announcement('a1').value)!.types).toEqual([SCHEMA.NewsArticle.value]);
    expect(graph.graphOf.get(iris.announcement('a2').value)).toBe(iris.announcementGraph('a2').value);
  });

  it('gives each office the announcements attesting it, and what each says of it', async () => {
    const graph = await readSiteGraph(dumps, iris);
    const m = graph.memberships.get(membership.value)!;
    expect(m.person).toBe(person.value);
    expect(m.attestations).toEqual(ids.map((id) => ({ announcement: iris.announcement(id).value, former: id === 'a1', acting: false })));
    expect(graph.membershipsOf.get(person.value)).toEqual([m]);
  });

  it('refuses an N-Triples dump that is not sorted, naming the file', async () => {
    const unsorted = mkdtempSync(join(tmpdir(), 'loa-unsorted-'));
    try {
      const lines = (qs: Quad[]) => new Writer({ format: 'N-Triples' }).quadsToString(qs);
      const quads = announcement('a1', 10).map((x) => q(x.subject, x.predicate, x.object));
      writeFileSync(join(unsorted, 'loa.nt.gz'), gzipSync(lines([...quads].reverse())));
      writeFileSync(join(unsorted, 'loa.nq.gz'), gzipSync(''));
      await expect(readSiteGraph(unsorted, iris)).rejects.toThrow(/loa\.nt\.gz is not sorted by line/);
    } finally {
      rmSync(unsorted, { recursive: true, force: true });
    }
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
