/**
 * Page traces: rendering a page through a traced context records every key
 * the real renderer reads (so a change of anything the page shows, even of a
 * node it only links to, is seen), flags reads of a whole map, and the stored
 * traces tell the next release which pages it may link unchanged.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA } from '../../src/core/vocab.ts';
import type { Entity, Kind, SiteGraph, Span, Value } from '../../src/publish/site/graph.ts';
import { renderEntityPage } from '../../src/publish/site/pages.ts';
import type { RenderContext } from '../../src/publish/site/render-context.ts';
import { PageTrace, PageTraces, type TraceSettings } from '../../src/publish/site/traces.ts';

const BASE = 'https://example.org/loa/';
const EVENT = `${BASE}event/a1/1`;
const PERSON = `${BASE}person/tran-van-a`;
const AGENCY = `${BASE}agency/bo-tu-phap`;
const OTHER = `${BASE}agency/bo-tai-chinh`;

function entity(iri: string, kind: Kind, type: string, props: [string, Value[]][]): Entity {
  return { iri, kind, types: [type], props: new Map(props) };
}

/** An event attended by a person and organised by an agency; another agency unrelated to it. */
function graph(personName = 'Trần Văn A', otherName = 'Bộ Tài chính'): SiteGraph {
  const name = (value: string): [string, Value[]] => [SCHEMA.name.value, [{ value, lang: 'vi', datatype: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' }]];
  const entities = [
    entity(EVENT, 'event', SCHEMA.Event.value, [name('Họp bàn'), [SCHEMA.attendee.value, [{ iri: PERSON }]], [SCHEMA.organizer.value, [{ iri: AGENCY }]]]),
    entity(PERSON, 'person', SCHEMA.Person.value, [name(personName)]),
    entity(AGENCY, 'agency', SCHEMA.GovernmentOrganization.value, [name('Bộ Tư pháp')]),
    entity(OTHER, 'agency', SCHEMA.GovernmentOrganization.value, [name(otherName)]),
  ];
  return {
    base: BASE,
    entities: new Map(entities.map((e) => [e.iri, e])),
    labels: new Map(),
    memberships: new Map(),
    membershipsOf: new Map(),
    reverse: new Map([
      [PERSON, new Map([[SCHEMA.attendee.value, [EVENT]]])],
      [AGENCY, new Map([[SCHEMA.organizer.value, [EVENT]]])],
    ]),
    contexts: new Map(),
    textsOf: new Map(),
    graphOf: new Map(),
  };
}

function context(g: SiteGraph, spans: Span[] = []): RenderContext {
  return {
    graph: g,
    spansByTarget: new Map(spans.length ? [[PERSON, spans]] : []),
    spansByAnnouncement: new Map(),
    snippets: new Map(spans.map((s) => [s.iri, { before: 'Hôm nay, ', anchor: s.anchor, after: ' dự họp.' }])),
    site: { title: 'loa', version: 'v1', issued: '2025-01-01' },
  };
}

/** Renders a page through a trace, as the site writer does. */
function traced(rc: RenderContext, iri: string): PageTrace {
  const trace = new PageTrace(rc);
  renderEntityPage(trace.rc, trace.rc.graph.entities.get(iri)!);
  return trace;
}

describe('a page trace', () => {
  it('records the entities a page shows, those it links to included', () => {
    const trace = traced(context(graph()), EVENT);
    expect(trace.untraceable).toBe(false);
    expect([...trace.seen.get('e')!]).toEqual(expect.arrayContaining([EVENT, PERSON, AGENCY]));
    expect(trace.seen.get('e')!.has(OTHER)).toBe(false);
  });

  it('marks a page that reads a whole map, or the release version, as untraceable', () => {
    const sized = new PageTrace(context(graph()));
    expect(sized.rc.graph.entities.size).toBe(4);
    expect(sized.untraceable).toBe(true);
    const listed = new PageTrace(context(graph()));
    expect([...listed.rc.graph.entities.keys()]).toHaveLength(4);
    expect(listed.untraceable).toBe(true);
    const versioned = new PageTrace(context(graph()));
    expect(versioned.rc.site.title).toBe('loa');
    expect(versioned.untraceable).toBe(false);
    expect(versioned.rc.site.version).toBe('v1');
    expect(versioned.untraceable).toBe(true);
  });

  it('lets a page read the sentence of a span only when a span list gave it the span', () => {
    const span: Span = { iri: `${BASE}span/1`, announcement: `${BASE}announcement/a1`, field: 'body', begin: 9, end: 19, anchor: 'Trần Văn A', targets: [PERSON] };
    const given = new PageTrace(context(graph(), [span]));
    given.rc.spansByTarget.get(PERSON);
    expect(given.rc.snippets.get(span.iri)?.anchor).toBe('Trần Văn A');
    expect(given.untraceable).toBe(false);
    const unasked = new PageTrace(context(graph(), [span]));
    unasked.rc.snippets.get(span.iri);
    expect(unasked.untraceable).toBe(true);
  });

  it('refuses changes to the graph through the view', () => {
    const trace = new PageTrace(context(graph()));
    expect(() => trace.rc.graph.entities.set(OTHER, graph().entities.get(OTHER)!)).toThrow(/may not change/);
  });
});

describe('stored page traces', () => {
  let dir: string;
  let settings: TraceSettings;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loa-traces-'));
    settings = { dir, fingerprint: 'code-1' };
    writeFileSync(join(dir, 'v0.site.gz'), 'an older release');
    writeFileSync(join(dir, 'v1.site.gz.tmp-1'), 'a run of the same release that was stopped');
    const traces = await PageTraces.open(settings, 'site', 'v1', undefined, 'salt');
    const rc = context(graph());
    for (const iri of [AGENCY, EVENT, PERSON]) await traces.record(`o${iri}`, traced(rc, iri), rc, '');
    await traces.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are kept for the release and the one before it only', () => {
    expect(readdirSync(dir).sort()).toEqual(['v1.site.gz']);
  });

  it('find a page unchanged when nothing it read changed, even if other entities did', async () => {
    const traces = await PageTraces.open(settings, 'site', 'v2', 'v1', 'salt');
    const rc = context(graph('Trần Văn A', 'Bộ Tài chính (đổi tên)'));
    const prior = await traces.previous(`o${EVENT}`);
    expect(prior).toBeDefined();
    expect(traces.unchanged(prior!, rc, '')).toBe(true);
    await traces.keep(prior!);
    await traces.close();
    expect(traces.reused).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['v1.site.gz', 'v2.site.gz']);
  });

  it('find a page changed when a node it only links to was renamed, or what it was given differs', async () => {
    const traces = await PageTraces.open(settings, 'site', 'v3', 'v1', 'salt');
    // Asked for in writing order: the agency's page, then the event's.
    const agency = await traces.previous(`o${AGENCY}`);
    const event = await traces.previous(`o${EVENT}`);
    const renamed = context(graph('Trần Văn B'));
    expect(traces.unchanged(event!, renamed, '')).toBe(false);
    expect(traces.unchanged(agency!, renamed, '')).toBe(true);
    expect(traces.unchanged(agency!, context(graph()), 'a body')).toBe(false);
    await traces.abandon();
    expect(existsSync(join(dir, `v3.site.gz.tmp-${process.pid}`))).toBe(false);
  });

  it('are read up to where a damaged file breaks off, and no further', async () => {
    const whole = readFileSync(join(dir, 'v1.site.gz'));
    writeFileSync(join(dir, 'v9.site.gz'), whole.subarray(0, whole.length - 12));
    writeFileSync(join(dir, 'v8.site.gz'), 'not gzip at all');
    for (const damaged of ['v9', 'v8']) {
      const traces = await PageTraces.open(settings, 'site', 'v10', damaged, 'salt');
      for (const iri of [AGENCY, EVENT, PERSON]) await traces.previous(`o${iri}`);
      await traces.abandon();
    }
    const cut = await PageTraces.open(settings, 'site', 'v10', 'v9', 'salt');
    // The file's end is gone: its first pages are found; none is made up.
    expect(await cut.previous(`o${AGENCY}`)).toBeDefined();
    await cut.abandon();
  });

  it('are not read when made with other render code or settings, nor for a page asked for out of order', async () => {
    for (const [fingerprint, salt] of [['code-2', 'salt'], ['code-1', 'other salt']] as const) {
      const traces = await PageTraces.open({ dir, fingerprint }, 'site', 'v4', 'v1', salt);
      expect(await traces.previous(`o${AGENCY}`)).toBeUndefined();
      await traces.abandon();
    }
    const traces = await PageTraces.open(settings, 'site', 'v4', 'v1', 'salt');
    expect(await traces.previous(`o${PERSON}`)).toBeDefined();
    expect(await traces.previous(`o${AGENCY}`)).toBeUndefined();
    await traces.abandon();
  });
});
