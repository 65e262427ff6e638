/**
 * What every page renderer shares: the graph, the spans with their quoted
 * sentences, where each entity's page is, and how a node or value is shown
 * and linked from a given page. Names are Vietnamese; English labels (`@en`)
 * are shown beside them where the graph has them.
 */
import { byCodeUnits } from '../../core/text.ts';
import { NS, SCHEMA, XSD } from '../../core/vocab.ts';
import {
  englishLabelOf,
  firstLiteral,
  isIri,
  labelOf,
  type Kind,
  type SiteGraph,
  type Span,
  type Value,
} from './graph.ts';
import { esc, timeTag, type SiteInfo } from './html.ts';
import { relativeHref, sitePathOf } from './paths.ts';
import type { Snippet } from './snippets.ts';

export interface RenderContext {
  graph: SiteGraph;
  /** Spans by what they were read as (entity or membership), and by announcement; each list in reading order. */
  spansByTarget: Map<string, Span[]>;
  spansByAnnouncement: Map<string, Span[]>;
  /** The quoted sentence of each span, by span IRI. */
  snippets: Map<string, Snippet>;
  site: SiteInfo;
}

/** What each kind of page is called, in the page's kicker and the indexes. */
export const KIND_LABEL: Record<Kind, string> = {
  announcement: 'Bản tin',
  person: 'Quan chức',
  agency: 'Cơ quan, tổ chức',
  document: 'Văn bản',
  event: 'Sự kiện',
  post: 'Chức danh ban hành văn bản',
  place: 'Địa bàn',
};

/** The page of an entity inside `site/` ('agency/bo-tu-phap.html'), or undefined for nodes without a page. */
export function pageOf(graph: SiteGraph, iri: string): string | undefined {
  if (!graph.entities.has(iri)) return undefined;
  const path = sitePathOf(graph.base, iri);
  return path === undefined ? undefined : `${path}.html`;
}

/** How a document is named on pages: its type and number ("Nghị định 144/2017/NĐ-CP"), or its type and name. */
export function documentTitle(graph: SiteGraph, iri: string): string {
  const props = graph.entities.get(iri)?.props;
  const type = firstLiteral(props, SCHEMA.legislationType.value) ?? '';
  const number = firstLiteral(props, SCHEMA.legislationIdentifier.value);
  const name = firstLiteral(props, SCHEMA.name.value);
  if (number !== undefined) return `${type} ${number}`.trim();
  if (name === undefined) return type || shortPath(graph, iri);
  return joinOverlapping(type, name);
}

/**
 * A type and a name joined without repeating the words they share:
 * "Luật" + "Luật Trợ giúp pháp lý" → "Luật Trợ giúp pháp lý";
 * "Dự thảo Luật" + "Luật Phòng, chống mua bán người" → "Dự thảo Luật Phòng, chống mua bán người".
 */
export function joinOverlapping(type: string, name: string): string {
  const typeWords = type.split(' ').filter((w) => w !== '');
  const nameLower = name.toLowerCase();
  for (let i = 0; i < typeWords.length; i++) {
    const tail = typeWords.slice(i).join(' ').toLowerCase();
    if (nameLower === tail || nameLower.startsWith(`${tail} `)) return [...typeWords.slice(0, i), name].join(' ');
  }
  return `${type} ${name}`.trim();
}

/** A node's display name in Vietnamese; documents by type and number; the IRI path when the graph has no name. */
export function displayName(graph: SiteGraph, iri: string): string {
  if (graph.entities.get(iri)?.kind === 'document') return documentTitle(graph, iri);
  return labelOf(graph, iri) ?? shortPath(graph, iri);
}

function shortPath(graph: SiteGraph, iri: string): string {
  return iri.startsWith(graph.base) ? iri.slice(graph.base.length) : iri;
}

/** The English label after a Vietnamese one, when the graph has one that differs. */
export function englishAfter(graph: SiteGraph, iri: string): string {
  const en = englishLabelOf(graph, iri);
  return en === undefined || en === displayName(graph, iri) ? '' : ` <span class="en" lang="en">(${esc(en)})</span>`;
}

/** A link to a node's page from the page at `from`; plain text when the node has no page. */
export function linkTo(rc: RenderContext, from: string, iri: string, text?: string): string {
  const label = esc(text ?? displayName(rc.graph, iri));
  const page = pageOf(rc.graph, iri);
  return page === undefined ? label : `<a href="${esc(relativeHref(from, page))}">${label}</a>`;
}

/** An absolute http(s) link out of the site (Wikidata, the original article); anything else as text. */
export function externalLink(url: string): string {
  if (!/^https?:\/\//i.test(url)) return `<code>${esc(url)}</code>`;
  return `<a href="${esc(url)}" rel="external noopener">${esc(url)}</a>`;
}

const DATE_TYPES = new Set([XSD.date.value, XSD.dateTime.value]);

/** A value of a fact as HTML: linked entities, external IRIs, labelled concepts, dates, language-tagged text. */
export function valueHtml(rc: RenderContext, from: string, v: Value): string {
  if (isIri(v)) {
    if (pageOf(rc.graph, v.iri) !== undefined) return `${linkTo(rc, from, v.iri)}${englishAfter(rc.graph, v.iri)}`;
    if (!v.iri.startsWith(rc.graph.base)) return externalLink(v.iri);
    const label = labelOf(rc.graph, v.iri);
    return label === undefined ? `<code>${esc(shortPath(rc.graph, v.iri))}</code>` : `${esc(label)}${englishAfter(rc.graph, v.iri)}`;
  }
  if (DATE_TYPES.has(v.datatype)) return timeTag(v.value);
  if (v.lang !== '' && v.lang !== 'vi') return `<span lang="${esc(v.lang)}" class="en">${esc(v.value)}</span>`;
  return esc(v.value);
}

/** An IRI written with the prefix of its vocabulary (`schema:name`) for predicates the pages have no label for. */
export function curie(iri: string): string {
  for (const [prefix, ns] of Object.entries(NS)) if (iri.startsWith(ns)) return `${prefix}:${iri.slice(ns.length)}`;
  return iri;
}

/** The publication date of an announcement. */
export function publishedOf(graph: SiteGraph, announcement: string): string | undefined {
  return firstLiteral(graph.entities.get(announcement)?.props, SCHEMA.datePublished.value);
}

/** The anchor of a span on its announcement's page: `span-b-120-135` (b for body, h for headline). */
export function spanAnchor(span: Span): string {
  return `span-${span.field === 'headline' ? 'h' : 'b'}-${span.begin}-${span.end}`;
}

/** The quote of a span; just its text when the sentence could not be cut. */
export function snippetOf(rc: RenderContext, span: Span): Snippet {
  return rc.snippets.get(span.iri) ?? { before: '', anchor: span.anchor, after: '' };
}

/** Sorts IRIs by how they are shown, then by IRI. */
export function byDisplayName(graph: SiteGraph): (a: string, b: string) => number {
  return (a, b) => byCodeUnits(displayName(graph, a), displayName(graph, b)) || byCodeUnits(a, b);
}
