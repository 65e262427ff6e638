/**
 * One HTML page per entity: announcement, official, agency, legal document,
 * event, office named as an issuer, and place (province). Each page shows the entity's facts,
 * the entities that point at it (who attended, which documents amend it …),
 * offices held (on official and agency pages), and its sources: every
 * statement quoted with the sentence it was read from and the span marked,
 * linked to the statement on the announcement's page. The head embeds the
 * schema.org JSON-LD of the entity and links the RDF files beside the page.
 */
import { posix } from 'node:path';
import { DCTERMS, ELI, ORG, OWL, PROV, SCHEMA, SKOS } from '../../core/vocab.ts';
import { englishLabelOf, firstLiteral, iriValues, isIri, labelOf, pushTo, type Entity, type Kind, type Membership, type Span, type Value } from './graph.ts';
import { esc, factList, list, quote, renderPage, section, timeTag } from './html.ts';
import {
  byDisplayName,
  curie,
  displayName,
  englishAfter,
  KIND_LABEL,
  linkTo,
  pageOf,
  publishedOf,
  snippetOf,
  spanAnchor,
  valueHtml,
  type RenderContext,
} from './render-context.ts';
import { relativeHref } from './paths.ts';
import { announcementsAbout, entityLd, isFormer, newestFirst } from './schemaorg.ts';
import { byCodeUnits } from '../../core/text.ts';

/** An entity page quotes the sources of at most this many announcements (the newest), and counts the rest. */
export const MAX_SOURCE_ANNOUNCEMENTS = 200;

/** Likewise for each office held, on official and agency pages. */
export const MAX_SOURCES_PER_OFFICE = 10;

/** Facts in the order pages show them, with their Vietnamese labels. Predicates not listed come last, by their prefixed name. */
const FACT_LABELS: readonly (readonly [string, string])[] = [
  [SCHEMA.name.value, 'Tên'],
  [SCHEMA.alternateName.value, 'Tên khác, viết tắt'],
  [SCHEMA.jobTitle.value, 'Chức danh'],
  [SCHEMA.worksFor.value, 'Công tác tại'],
  [SCHEMA.memberOf.value, 'Từng công tác tại'],
  [SCHEMA.legislationType.value, 'Loại văn bản'],
  [SCHEMA.legislationIdentifier.value, 'Số, ký hiệu'],
  [SCHEMA.legislationDate.value, 'Ngày ban hành'],
  [SCHEMA.legislationPassedBy.value, 'Cơ quan, người ban hành'],
  [ORG.postIn.value, 'Thuộc cơ quan'],
  [SCHEMA.legislationAmends.value, 'Sửa đổi, bổ sung'],
  [SCHEMA.legislationRepeals.value, 'Bãi bỏ, thay thế'],
  [SCHEMA.legislationEnsuresImplementationOf.value, 'Quy định chi tiết, hướng dẫn thi hành'],
  [SCHEMA.isBasedOn.value, 'Căn cứ'],
  [SCHEMA.startDate.value, 'Thời gian'],
  [SCHEMA.location.value, 'Địa điểm'],
  [SCHEMA.organizer.value, 'Đơn vị tổ chức'],
  [SCHEMA.attendee.value, 'Thành phần tham dự'],
  [SCHEMA.about.value, 'Về'],
  [SCHEMA.subjectOf.value, 'Được đưa tin trong'],
  [SCHEMA.datePublished.value, 'Ngày đăng'],
  [SCHEMA.identifier.value, 'Mã'],
  [SCHEMA.url.value, 'Bản gốc'],
  [SCHEMA.inLanguage.value, 'Ngôn ngữ'],
  [SCHEMA.parentOrganization.value, 'Cơ quan cấp trên'],
  [SCHEMA.areaServed.value, 'Địa bàn'],
  [SCHEMA.foundingDate.value, 'Ngày thành lập'],
  [SCHEMA.dissolutionDate.value, 'Ngày giải thể'],
  [DCTERMS.replaces.value, 'Thay thế, tiếp nhận'],
  [SCHEMA.sameAs.value, 'Cùng thực thể (Wikidata)'],
  [DCTERMS.identifier.value, 'Mã danh mục'],
];

/** Facts pages leave out: repeats of a schema.org fact in another vocabulary, and what a section shows instead. */
const HIDDEN = new Set<string>([
  SCHEMA.articleBody.value,
  SCHEMA.headline.value,
  SKOS.altLabel.value,
  OWL.sameAs.value,
  ORG.subOrganizationOf.value,
  PROV.wasDerivedFrom.value,
  PROV.wasGeneratedBy.value,
  ELI.id_local.value,
  ELI.type_document.value,
  ELI.date_document.value,
  ELI.passed_by.value,
  ELI.amends.value,
  ELI.repeals.value,
  ELI.ensures_implementation_of.value,
  ELI.based_on.value,
]);

/** An announcement's mentions and events have sections of their own. */
const HIDDEN_ON_ANNOUNCEMENTS = new Set<string>([SCHEMA.mentions.value, SCHEMA.about.value]);

/** Links read backwards, shown on the page of what they point to: by predicate and the kind of the pointing entity. */
const REVERSE_LABELS: readonly { predicates: readonly string[]; from: Kind; label: string }[] = [
  { predicates: [SCHEMA.parentOrganization.value, ORG.subOrganizationOf.value], from: 'agency', label: 'Đơn vị trực thuộc' },
  { predicates: [SCHEMA.legislationPassedBy.value, ORG.postIn.value], from: 'post', label: 'Chức danh ban hành văn bản' },
  { predicates: [SCHEMA.legislationPassedBy.value], from: 'document', label: 'Văn bản ban hành' },
  { predicates: [SCHEMA.organizer.value], from: 'event', label: 'Sự kiện tổ chức' },
  { predicates: [SCHEMA.attendee.value], from: 'event', label: 'Sự kiện tham dự' },
  { predicates: [SCHEMA.about.value], from: 'event', label: 'Sự kiện liên quan' },
  { predicates: [SCHEMA.legislationAmends.value], from: 'document', label: 'Được sửa đổi, bổ sung bởi' },
  { predicates: [SCHEMA.legislationRepeals.value], from: 'document', label: 'Bị bãi bỏ, thay thế bởi' },
  { predicates: [SCHEMA.legislationEnsuresImplementationOf.value], from: 'document', label: 'Được quy định chi tiết, hướng dẫn bởi' },
  { predicates: [SCHEMA.isBasedOn.value], from: 'document', label: 'Là căn cứ của' },
  { predicates: [DCTERMS.replaces.value], from: 'agency', label: 'Được thay thế, tiếp nhận bởi' },
  { predicates: [DCTERMS.replaces.value], from: 'document', label: 'Được thay thế bởi' },
  { predicates: [SCHEMA.areaServed.value], from: 'agency', label: 'Cơ quan, tổ chức ở địa bàn' },
  { predicates: [SCHEMA.location.value], from: 'event', label: 'Sự kiện diễn ra ở địa bàn' },
  { predicates: [DCTERMS.replaces.value], from: 'place', label: 'Được thay thế bởi' },
];

/** The RDF files written beside each page, as linked from it. */
export const RDF_FILES: readonly (readonly [string, string, string])[] = [
  ['.ttl', 'text/turtle', 'Turtle'],
  ['.nt', 'application/n-triples', 'N-Triples'],
  ['.jsonld', 'application/ld+json', 'JSON-LD (dạng mở rộng)'],
];

/** The page of one entity; `body` is the announcement's text, for announcement pages. */
export function renderEntityPage(rc: RenderContext, entity: Entity, body?: string): string {
  const path = pageOf(rc.graph, entity.iri)!;
  const base = posix.basename(path, '.html');
  const title = displayName(rc.graph, entity.iri);
  const sections = [
    heading(rc, entity, title),
    section('Thông tin', facts(rc, path, entity)),
    ...(entity.kind === 'announcement' ? announcementSections(rc, path, entity, body) : []),
    entity.kind === 'person' || entity.kind === 'agency' ? memberships(rc, path, entity) : '',
    reverseLinks(rc, path, entity),
    entity.kind === 'announcement' ? '' : sources(rc, path, entity),
    section('Dữ liệu', dataLinks(entity.iri, base)),
  ];
  return renderPage(
    {
      path,
      title,
      main: sections.filter((s) => s !== '').join('\n'),
      jsonLd: entityLd(rc.graph, entity.iri),
      alternates: RDF_FILES.map(([ext, type, label]) => ({ href: `${base}${ext}`, type, label })),
    },
    rc.site,
  );
}

function heading(rc: RenderContext, entity: Entity, title: string): string {
  const en = englishLabelOf(rc.graph, entity.iri);
  const subtitle = entity.kind === 'document' ? firstLiteral(entity.props, SCHEMA.name.value) : undefined;
  return [
    `<p class="kind">${esc(KIND_LABEL[entity.kind])}</p>`,
    `<h1>${esc(title)}</h1>`,
    subtitle !== undefined && subtitle !== title ? `<p>${esc(subtitle)}</p>` : '',
    en === undefined || en === title ? '' : `<p class="en" lang="en">${esc(en)}</p>`,
  ]
    .filter((s) => s !== '')
    .join('\n');
}

function facts(rc: RenderContext, from: string, entity: Entity): string {
  const known = new Map(FACT_LABELS);
  const shown = [...entity.props.keys()].filter(
    (p) => !HIDDEN.has(p) && !(entity.kind === 'announcement' && HIDDEN_ON_ANNOUNCEMENTS.has(p)),
  );
  const order = (p: string) => {
    const i = FACT_LABELS.findIndex(([q]) => q === p);
    return i < 0 ? FACT_LABELS.length : i;
  };
  shown.sort((a, b) => order(a) - order(b) || byCodeUnits(curie(a), curie(b)));
  return factList(
    shown.map((p) => [known.get(p) ?? curie(p), vietnameseFirst(entity.props.get(p)!).map((v) => factValue(rc, from, entity, p, v))] as const),
  );
}

/** Values with Vietnamese (or untagged) text before other languages, otherwise in their sorted order. */
function vietnameseFirst(values: readonly Value[]): Value[] {
  const rank = (v: Value) => (isIri(v) || v.lang === 'vi' || v.lang === '' ? 0 : 1);
  return [...values].sort((a, b) => rank(a) - rank(b));
}

/** A fact's value; a document type gets its English label, an attendee the titles the report gives. */
function factValue(rc: RenderContext, from: string, entity: Entity, predicate: string, v: Value): string {
  if (entity.kind === 'document' && predicate === SCHEMA.legislationType.value) {
    const type = iriValues(entity.props, ELI.type_document.value)[0];
    return `${valueHtml(rc, from, v)}${type === undefined ? '' : englishAfter(rc.graph, type)}`;
  }
  if (entity.kind === 'event' && predicate === SCHEMA.attendee.value && isIri(v)) {
    const reports = iriValues(entity.props, SCHEMA.subjectOf.value);
    const offices = (rc.graph.membershipsOf.get(v.iri) ?? []).filter(
      (m) => m.person === v.iri && m.attestations.some((a) => reports.includes(a.announcement)),
    );
    const titles = offices.map((m) => officeText(rc, m)).filter((t) => t !== '');
    return `${valueHtml(rc, from, v)}${titles.length === 0 ? '' : ` <span class="muted">(${esc(titles.join('; '))})</span>`}`;
  }
  return valueHtml(rc, from, v);
}

/** "Thứ trưởng Bộ Tư pháp": a title and its body, as text. */
function officeText(rc: RenderContext, m: Membership): string {
  const title = m.role === undefined ? '' : (labelOf(rc.graph, m.role) ?? '');
  const body = m.organization === undefined ? '' : displayName(rc.graph, m.organization);
  return `${title} ${body}`.trim();
}

function memberships(rc: RenderContext, from: string, entity: Entity): string {
  const ofPerson = entity.kind === 'person';
  const held = (rc.graph.membershipsOf.get(entity.iri) ?? []).filter((m) => (ofPerson ? m.person : m.organization) === entity.iri);
  const sortKey = (m: Membership) => (ofPerson ? `${m.end ?? ''}` : displayName(rc.graph, m.person));
  held.sort((a, b) => (ofPerson ? byCodeUnits(sortKey(b), sortKey(a)) : byCodeUnits(sortKey(a), sortKey(b))) || byCodeUnits(a.iri, b.iri));
  const items = held.map((m) => {
    const title = m.role === undefined ? 'Chức vụ' : (labelOf(rc.graph, m.role) ?? 'Chức vụ');
    const parts = [
      ofPerson ? '' : linkTo(rc, from, m.person),
      `<strong>${esc(title)}</strong>${m.role === undefined ? '' : englishAfter(rc.graph, m.role)}`,
      ofPerson && m.organization !== undefined ? `${linkTo(rc, from, m.organization)}${englishAfter(rc.graph, m.organization)}` : '',
      isFormer(rc.graph, m) ? '<span class="muted">(nguyên)</span>' : '',
      m.start === undefined ? '' : `<span class="muted">ghi nhận ${timeTag(m.start)}${m.end !== undefined && m.end !== m.start ? ` – ${timeTag(m.end)}` : ''}</span>`,
    ].filter((p) => p !== '');
    // The newest announcements attesting the office, each with its quotes (or just its link).
    const quotes = new Map<string, Span[]>();
    for (const span of rc.spansByTarget.get(m.iri) ?? []) pushTo(quotes, span.announcement, span);
    const attesting = [...new Set([...m.attestations.map((a) => a.announcement), ...quotes.keys()])].sort(newestFirst(rc.graph));
    const shown = attesting.slice(0, MAX_SOURCES_PER_OFFICE);
    const evidence = shown.flatMap((a) => quotes.get(a)?.map((span) => quoteItem(rc, from, span)) ?? [announcementItem(rc, from, a)]);
    const more = attesting.length - shown.length;
    if (more > 0) evidence.push(`<span class="muted">… và ${more} bản tin khác</span>`);
    return `${parts.join(' · ')}\n${list(evidence, 'sources')}`;
  });
  return section(ofPerson ? 'Chức vụ' : 'Quan chức', list(items, 'offices'));
}

function reverseLinks(rc: RenderContext, from: string, entity: Entity): string {
  const reverse = rc.graph.reverse.get(entity.iri);
  if (!reverse) return '';
  const rows = REVERSE_LABELS.map(({ predicates, from: kind, label }) => {
    const sources = new Set<string>();
    for (const p of predicates) for (const s of reverse.get(p) ?? []) if (rc.graph.entities.get(s)?.kind === kind) sources.add(s);
    const sorted = [...sources].sort(kind === 'event' ? byEventDate(rc) : byDisplayName(rc.graph));
    return [label, sorted.map((s) => `${linkTo(rc, from, s)}${eventDate(rc, s)}${englishAfter(rc.graph, s)}`)] as const;
  });
  return section('Liên kết', factList(rows));
}

function byEventDate(rc: RenderContext): (a: string, b: string) => number {
  const date = (e: string) => firstLiteral(rc.graph.entities.get(e)?.props, SCHEMA.startDate.value) ?? '';
  return (a, b) => byCodeUnits(date(b), date(a)) || byCodeUnits(a, b);
}

function eventDate(rc: RenderContext, iri: string): string {
  const date = firstLiteral(rc.graph.entities.get(iri)?.props, SCHEMA.startDate.value);
  return date === undefined ? '' : ` <span class="muted">${timeTag(date)}</span>`;
}

/** The sources of an entity: the statements read as it, by announcement (newest first), and announcements naming it without one. */
function sources(rc: RenderContext, from: string, entity: Entity): string {
  const spans = rc.spansByTarget.get(entity.iri) ?? [];
  const byAnnouncement = new Map<string, Span[]>();
  for (const s of spans) pushTo(byAnnouncement, s.announcement, s);
  const announcements = [...new Set([...byAnnouncement.keys(), ...announcementsAbout(rc.graph, entity.iri)])].sort(newestFirst(rc.graph));
  const shown = announcements.slice(0, MAX_SOURCE_ANNOUNCEMENTS);
  const items = shown.map((a) => {
    const quotes = (byAnnouncement.get(a) ?? []).map((s) => quoteItem(rc, from, s, false));
    return `${announcementItem(rc, from, a)}\n${list(quotes, 'quotes')}`;
  });
  const more = announcements.length - shown.length;
  const rest = more > 0 ? `\n<p class="muted">… và ${more} bản tin khác (xem tệp dữ liệu).</p>` : '';
  return section('Nguồn', `${list(items, 'sources')}${rest}`);
}

/** A link to an announcement, with its date. */
function announcementItem(rc: RenderContext, from: string, announcement: string): string {
  const date = publishedOf(rc.graph, announcement);
  return `${linkTo(rc, from, announcement)}${date === undefined ? '' : ` · ${timeTag(date)}`}`;
}

/** A quoted statement, linked to its place on the announcement's page; with the announcement's name unless grouped under it. */
function quoteItem(rc: RenderContext, from: string, span: Span, named = true): string {
  const page = pageOf(rc.graph, span.announcement);
  const href = page === undefined ? undefined : `${relativeHref(from, page)}#${spanAnchor(span)}`;
  const where = named ? ` — ${announcementItem(rc, from, span.announcement)}` : '';
  const link = href === undefined ? '' : ` <a href="${esc(href)}">[xem trong bản tin]</a>`;
  return `${quote(snippetOf(rc, span))}${link}${where}${ruleNote(span)}`;
}

function ruleNote(span: Span): string {
  const parts = [span.rule, span.confidence === undefined ? undefined : `độ tin cậy ${span.confidence}`].filter((p) => p !== undefined);
  return parts.length === 0 ? '' : ` <small>(${esc(parts.join(', '))})</small>`;
}

/** An announcement's own sections: its events, what it names, its statements with their spans, and its text. */
function announcementSections(rc: RenderContext, from: string, entity: Entity, body?: string): string[] {
  const graph = rc.graph;
  const events = iriValues(entity.props, SCHEMA.about.value).filter((e) => graph.entities.get(e)?.kind === 'event');
  const mentioned = iriValues(entity.props, SCHEMA.mentions.value);
  const groups = (['person', 'agency', 'document'] as const).map((kind) => {
    const items = mentioned
      .filter((m) => graph.entities.get(m)?.kind === kind)
      .sort(byDisplayName(graph))
      .map((m) => `${linkTo(rc, from, m)}${englishAfter(graph, m)}`);
    return items.length === 0 ? '' : `<h3>${esc(KIND_LABEL[kind])}</h3>\n${list(items)}`;
  });
  const statements = (rc.spansByAnnouncement.get(entity.iri) ?? []).map(
    (s) => `<li id="${esc(spanAnchor(s))}">${quote(snippetOf(rc, s))}${ruleNote(s)}\n${list(s.targets.map((t) => targetText(rc, from, t)))}</li>`,
  );
  const paragraphs = (body ?? '').split('\n').filter((p) => p.trim() !== '').map((p) => `<p>${esc(p)}</p>`);
  return [
    section('Sự kiện được đưa tin', list(events.sort(byEventDate(rc)).map((e) => `${linkTo(rc, from, e)}${eventDate(rc, e)}`))),
    section('Được nhắc đến', groups.filter((g) => g !== '').join('\n')),
    section('Dữ kiện và câu nguồn', statements.length === 0 ? '' : `<ul class="statements">\n${statements.join('\n')}\n</ul>`),
    section('Nội dung', paragraphs.length === 0 ? '' : `<div class="body">\n${paragraphs.join('\n')}\n</div>`),
  ];
}

/** What a statement was read as: an entity (kind and link), or an office (title, body and holder). */
function targetText(rc: RenderContext, from: string, target: string): string {
  const entity = rc.graph.entities.get(target);
  if (entity) return `${esc(KIND_LABEL[entity.kind])}: ${linkTo(rc, from, target)}`;
  const m = rc.graph.memberships.get(target);
  if (!m) return `<code>${esc(target)}</code>`;
  const title = m.role === undefined ? '' : esc(labelOf(rc.graph, m.role) ?? '');
  const body = m.organization === undefined ? '' : ` ${linkTo(rc, from, m.organization)}`;
  return `Chức vụ: ${title}${body} (${linkTo(rc, from, m.person)})`;
}

function dataLinks(iri: string, base: string): string {
  const links = RDF_FILES.map(([ext, , label]) => `<a href="${esc(base + ext)}">${esc(label)}</a>`);
  return `<p>IRI: <code>${esc(iri)}</code></p>\n${list(links)}`;
}
