/**
 * Static entity pages and schema.org embeds of a release.
 *
 * `writeSite(ctx)` writes `site/` under the release folder:
 * - `site/{path}.html` for every entity `{base}{path}` (announcements, officials,
 *   agencies, legal documents, events, offices named as issuers, places), in Vietnamese
 *   with English labels where the graph has them, embedding the entity's
 *   schema.org JSON-LD (`<script type="application/ld+json">`);
 * - beside each page, `{path}.ttl`, `{path}.nt` and `{path}.jsonld`: the
 *   entity's RDF description (its triples and the labels of what it links to);
 *   the `.jsonld` is that RDF in expanded JSON-LD, not the schema.org form
 *   (which is the one embedded in the page);
 * - index pages (`index.html`, `agencies.html`, `officials.html`,
 *   `documents.html`, `events.html`, `announcements.html`) and `style.css`.
 * Every link is relative, so the folder can be served from anywhere.
 *
 * `writeEmbeds(ctx)` writes `embeds/` (see embeds.ts).
 *
 * Both read the site graph from the dumps (once, when both run on the same
 * dumps), write files sorted and byte-identical from run to run, and
 * return a short list for the catalogue: `site/index.html` ("Entity pages")
 * and `embeds/SHA256SUMS`, not one record per file.
 */
import { join } from 'node:path';
import { SCHEMA } from '../../core/vocab.ts';
import type { ReleaseContext, ReleaseFile } from '../release-context.ts';
import { FileBatch, previousFiles } from './files.ts';
import { DUMP_FILES } from '../dumps.ts';
import { AnnouncementTexts } from './announcement-texts.ts';
import { byCodeUnits } from '../../core/text.ts';
import { entitiesOfKind, firstLiteral, pushTo, siteGraphOf, type Entity, type Literal, type Span } from './graph.ts';
import { QuoteFile } from './quote-file.ts';
import { renderIndexes } from './indexes.ts';
import { renderEntityPage } from './pages.ts';
import { INDEX_PAGES, STYLESHEET } from './paths.ts';
import { descriptionOf, toExpandedJsonLd, toNTriples, toTurtle } from './rdf-files.ts';
import { pageOf, type RenderContext } from './render-context.ts';
import { sentenceAround, type Snippet } from './snippets.ts';
import { STYLE_CSS } from './style.ts';
import { PageTrace, PageTraces } from './traces.ts';

export { writeEmbeds } from './embeds.ts';

export const SITE_DIR = 'site';

/** Announcements whose bodies are read at once: bodies are the bulk of a release and are not kept. */
const BODY_BATCH = 256;

/** The temporary folder (under the release being written) of the quotes filed by page; gone once the pages are written. */
const QUOTES_TMP = '.quotes';

/**
 * Writes `site/` under the release folder and returns the record of its home page.
 *
 * @example
 *   const [home] = await writeSite(ctx);
 *   // home.path === 'site/index.html', home.title === 'Entity pages'
 */
export async function writeSite(ctx: ReleaseContext): Promise<ReleaseFile[]> {
  let t = performance.now();
  const lap = (part: string) => {
    const now = performance.now();
    ctx.times?.add(`entity pages: ${part}`, now - t);
    t = now;
  };
  const graph = await siteGraphOf(ctx);
  lap('site graph');
  const rc: RenderContext = {
    graph,
    spansByTarget: new Map<string, Span[]>(),
    spansByAnnouncement: new Map<string, Span[]>(),
    snippets: new Map<string, Snippet>(),
    site: { title: ctx.publication.title.vi, version: ctx.version, issued: ctx.issued },
  };
  const previous = await previousFiles(ctx);
  const batch = await FileBatch.fresh(join(ctx.dir, SITE_DIR), ctx.checksums && { into: ctx.checksums, prefix: `${SITE_DIR}/`, ...(previous ? { previous } : {}) });
  const tally = { rendered: 0, reused: 0 };
  const traces = ctx.pageTraces && (await PageTraces.open(ctx.pageTraces, SITE_DIR, ctx.version, previous && ctx.previousVersion, `${graph.base}\n${rc.site.title}`));
  try {
    await writeEntityPages(batch, rc, ctx, { traces, tally }, lap);
    await traces?.close();
  } catch (e) {
    await traces?.abandon();
    throw e;
  }
  ctx.counts?.set('entity pages rendered', tally.rendered);
  ctx.counts?.set('entity pages linked unchanged', tally.reused);
  rc.spansByTarget = new Map();
  rc.snippets = new Map();

  await batch.write(STYLESHEET, STYLE_CSS);
  let home: { path: string; bytes: number; sha256: string } | undefined;
  const indexes = renderIndexes(rc, { description: ctx.publication.description, coverage: ctx.coverage });
  for (const [path, html] of indexes) {
    const written = await batch.write(path, html, path === INDEX_PAGES.home);
    if (path === INDEX_PAGES.home) home = written;
  }
  await batch.flush();
  lap('indexes');
  return [{ path: `${SITE_DIR}/${home!.path}`, bytes: home!.bytes, sha256: home!.sha256, mediaType: 'text/html', title: 'Entity pages' }];
}

/** The page and RDF files of every entity: announcements with their spans and bodies, then the others with their quotes. */
async function writeEntityPages(batch: FileBatch, rc: RenderContext, ctx: ReleaseContext, reuse: Reuse, lap: (part: string) => void): Promise<void> {
  const graph = rc.graph;
  // Announcements first, a batch at a time: their spans and bodies give every statement its sentence, and the
  // announcement pages (which show the body) are written while it is at hand. Each quote is also filed on disk
  // under the pages of what it was read as, which are written afterwards, in IRI order, as the file is drained.
  const announcements = entitiesOfKind(graph, 'announcement');
  const texts = new AnnouncementTexts(join(ctx.dumps, DUMP_FILES.nquads), graph, graph.graphOf);
  const quotes = new QuoteFile(join(ctx.dir, QUOTES_TMP), graph);
  for (let i = 0; i < announcements.length; i += BODY_BATCH) {
    const slice = announcements.slice(i, i + BODY_BATCH).map((a) => a.iri);
    const { bodies, spans } = await texts.read(slice);
    rc.spansByAnnouncement = new Map();
    rc.spansByTarget = new Map();
    rc.snippets = new Map();
    for (const span of spans) {
      pushTo(rc.spansByAnnouncement, span.announcement, span);
      for (const t of span.targets) pushTo(rc.spansByTarget, t, span);
      const announcement = graph.entities.get(span.announcement)!;
      const text = span.field === 'headline' ? firstLiteral(announcement.props, SCHEMA.headline.value) : bodies.get(span.announcement)?.value;
      const snippet = text === undefined ? undefined : sentenceAround(text, span.begin, span.end, span.anchor);
      if (snippet) rc.snippets.set(span.iri, snippet);
      await quotes.add(span, snippet);
    }
    for (const a of slice) await writeEntity(batch, rc, graph.entities.get(a)!, reuse, 'a', bodies.get(a));
  }
  await texts.close();
  lap('announcements, their spans and quotes');
  rc.spansByAnnouncement = new Map();
  const noQuotes: RenderContext = { ...rc, spansByTarget: new Map(), snippets: new Map() };
  const others = [...graph.entities.values()].filter((e) => e.kind !== 'announcement').sort((a, b) => byCodeUnits(a.iri, b.iri));
  let next = 0;
  await quotes.drain(async (page, shown) => {
    while (next < others.length && byCodeUnits(others[next]!.iri, page) < 0) await writeEntity(batch, noQuotes, others[next++]!, reuse, 'o');
    if (others[next]?.iri === page) await writeEntity(batch, { ...rc, ...shown }, others[next++]!, reuse, 'o');
  });
  while (next < others.length) await writeEntity(batch, noQuotes, others[next++]!, reuse, 'o');
  lap('other entities');
}

/** The traces of the pages (none without the cache), and how many pages were rendered and linked. */
interface Reuse {
  traces: PageTraces | undefined;
  tally: { rendered: number; reused: number };
}

/**
 * An entity's page and its three RDF files: linked from the previous release when nothing the page read
 * there has changed (see traces.ts), else rendered. `phase` orders the page's trace ('a' announcements, 'o' others).
 */
async function writeEntity(batch: FileBatch, rc: RenderContext, entity: Entity, { traces, tally }: Reuse, phase: string, body?: Literal): Promise<void> {
  const page = pageOf(rc.graph, entity.iri);
  if (page === undefined) return;
  const stem = page.slice(0, -'.html'.length);
  const paths = [page, `${stem}.ttl`, `${stem}.nt`, `${stem}.jsonld`];
  if (traces === undefined) {
    tally.rendered++;
    await writeEntityFiles(batch, rc, entity, paths, body);
    return;
  }
  const order = `${phase}${entity.iri}`;
  const extra = body === undefined ? '' : JSON.stringify(body);
  const prior = await traces.previous(order);
  if (prior !== undefined && batch.canReuse(paths) && traces.unchanged(prior, rc, extra) && batch.reuseAll(paths) !== undefined) {
    await traces.keep(prior);
    tally.reused++;
    return;
  }
  tally.rendered++;
  const trace = new PageTrace(rc);
  await writeEntityFiles(batch, trace.rc, trace.rc.graph.entities.get(entity.iri)!, paths, body);
  await traces.record(order, trace, rc, extra);
}

async function writeEntityFiles(batch: FileBatch, rc: RenderContext, entity: Entity, [page, ttl, nt, jsonld]: string[], body?: Literal): Promise<void> {
  const triples = descriptionOf(rc.graph, entity, body);
  await batch.write(page!, renderEntityPage(rc, entity, body?.value));
  await batch.write(ttl!, toTurtle(triples));
  await batch.write(nt!, toNTriples(triples));
  await batch.write(jsonld!, toExpandedJsonLd(triples));
}
