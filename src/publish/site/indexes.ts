/**
 * The index pages at the top of `site/`: the home page (links to the others,
 * with counts), agencies as a tree (by `schema:parentOrganization` and
 * `org:subOrganizationOf`), officials A–Z by given name (the Vietnamese
 * convention: the last word of the name), legal documents by type and year,
 * events and announcements by year (a page each) and month, newest first.
 */
import { ORG, SCHEMA } from '../../core/vocab.ts';
import { datePart, entitiesOfKind, firstLiteral, iriValues, pushTo, type Entity } from './graph.ts';
import { esc, list, renderPage, section, timeTag } from './html.ts';
import { INDEX_PAGES, relativeHref } from './paths.ts';
import { displayName, englishAfter, KIND_LABEL, linkTo, type RenderContext } from './render-context.ts';
import { isFormer } from './schemaorg.ts';
import { byCodeUnits } from '../../core/text.ts';

/** The home page's description of the dataset and of the release. */
export interface HomeInfo {
  description: { vi: string; en: string };
  coverage: { from: string; to: string };
}

export function renderIndexes(rc: RenderContext, home: HomeInfo): Map<string, string> {
  const pages = new Map<string, string>();
  pages.set(INDEX_PAGES.agencies, agenciesPage(rc));
  pages.set(INDEX_PAGES.officials, officialsPage(rc));
  pages.set(INDEX_PAGES.documents, documentsPage(rc));
  for (const [path, html] of byDatePages(rc, 'event', INDEX_PAGES.events, 'Sự kiện theo thời gian', SCHEMA.startDate.value)) pages.set(path, html);
  for (const [path, html] of byDatePages(rc, 'announcement', INDEX_PAGES.announcements, 'Bản tin theo ngày đăng', SCHEMA.datePublished.value)) pages.set(path, html);
  pages.set(INDEX_PAGES.home, homePage(rc, home));
  return pages;
}

function page(rc: RenderContext, path: string, title: string, main: string): string {
  return renderPage({ path, title, main: `<h1>${esc(title)}</h1>\n${main}`, release: true }, rc.site);
}

function homePage(rc: RenderContext, home: HomeInfo): string {
  const count = (kind: Entity['kind']) => entitiesOfKind(rc.graph, kind).length;
  const entries: [string, string, number][] = [
    [INDEX_PAGES.agencies, 'Cơ quan, tổ chức (theo cấp)', count('agency')],
    [INDEX_PAGES.officials, 'Quan chức (A–Z theo tên)', count('person')],
    [INDEX_PAGES.documents, 'Văn bản (theo loại và năm)', count('document')],
    [INDEX_PAGES.events, 'Sự kiện (theo thời gian)', count('event')],
    [INDEX_PAGES.announcements, 'Bản tin (theo ngày đăng)', count('announcement')],
  ];
  const links = entries.map(([to, label, n]) => `<a href="${esc(relativeHref(INDEX_PAGES.home, to))}">${esc(label)}</a> <span class="muted">${n}</span>`);
  const main = [
    `<p>${esc(home.description.vi)}</p>`,
    `<p class="en" lang="en">${esc(home.description.en)}</p>`,
    list(links),
    `<p class="muted">Bản tin từ ${timeTag(home.coverage.from)} đến ${timeTag(home.coverage.to)}.</p>`,
  ].join('\n');
  return page(rc, INDEX_PAGES.home, rc.site.title, main);
}

/** Agencies under their parents; an agency with two parents appears under both, a cycle is cut where it closes. */
function agenciesPage(rc: RenderContext): string {
  const graph = rc.graph;
  const agencies = entitiesOfKind(graph, 'agency');
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const a of agencies) {
    const parents = new Set([...iriValues(a.props, SCHEMA.parentOrganization.value), ...iriValues(a.props, ORG.subOrganizationOf.value)]);
    for (const p of parents) {
      if (p === a.iri || graph.entities.get(p)?.kind !== 'agency') continue;
      pushTo(children, p, a.iri);
      hasParent.add(a.iri);
    }
  }
  const nameKey = new Map(agencies.map((a) => [a.iri, viSortKey(displayName(graph, a.iri))]));
  const byName = (x: string, y: string) => byCodeUnits(nameKey.get(x)!, nameKey.get(y)!) || byCodeUnits(x, y);
  const path = INDEX_PAGES.agencies;
  const render = (iri: string, above: Set<string>): string => {
    const kids = above.has(iri) ? [] : (children.get(iri) ?? []).slice().sort(byName);
    const inner = new Set(above).add(iri);
    const sub = kids.length === 0 ? '' : `\n<ul>\n${kids.map((k) => `<li>${render(k, inner)}</li>`).join('\n')}\n</ul>`;
    return `${linkTo(rc, path, iri)}${englishAfter(graph, iri)}${sub}`;
  };
  const roots = agencies.map((a) => a.iri).filter((a) => !hasParent.has(a));
  // Every agency on a cycle has a parent, so no root reaches it: list those as roots too.
  const reached = new Set<string>();
  const walk = (iri: string) => {
    if (reached.has(iri)) return;
    reached.add(iri);
    for (const k of children.get(iri) ?? []) walk(k);
  };
  roots.forEach(walk);
  const orphans = agencies.map((a) => a.iri).filter((a) => !reached.has(a));
  const tops = [...roots, ...orphans].sort(byName);
  return page(rc, path, 'Cơ quan, tổ chức', `<div class="tree">\n${list(tops.map((r) => render(r, new Set())))}\n</div>`);
}

/**
 * A key that sorts Vietnamese names by their letters: diacritics set aside,
 * đ after d (as in the Vietnamese alphabet), case ignored; ties are broken by
 * the exact text, so the order never depends on the platform's collation.
 */
export function viSortKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/đ/g, 'd\u{7f}')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** The letter a name is listed under: the first letter of the given name, without diacritics except Đ. */
function initialOf(name: string): string {
  const given = givenName(name);
  const first = given.charAt(0).toUpperCase();
  if (first === 'Đ') return 'Đ';
  const base = first.normalize('NFD').replace(/\p{M}/gu, '');
  return /^[A-Z]$/.test(base) ? base : '#';
}

function givenName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

function officialsPage(rc: RenderContext): string {
  const graph = rc.graph;
  const path = INDEX_PAGES.officials;
  const people = entitiesOfKind(graph, 'person').map((p) => ({ iri: p.iri, name: displayName(graph, p.iri) }));
  const key = (name: string) => `${viSortKey(givenName(name))} ${viSortKey(name)}`;
  people.sort((a, b) => byCodeUnits(key(a.name), key(b.name)) || byCodeUnits(a.name, b.name) || byCodeUnits(a.iri, b.iri));
  const groups = new Map<string, string[]>();
  for (const p of people) {
    const letter = initialOf(p.name);
    const offices = (graph.membershipsOf.get(p.iri) ?? [])
      .filter((m) => m.person === p.iri && !isFormer(graph, m))
      .map((m) => [m.role && displayName(graph, m.role), m.organization && displayName(graph, m.organization)].filter(Boolean).join(' '))
      .filter((t) => t !== '');
    const item = `${linkTo(rc, path, p.iri)}${offices.length === 0 ? '' : ` <span class="muted">${esc([...new Set(offices)].join('; '))}</span>`}`;
    pushTo(groups, letter, item);
  }
  const letters = [...groups.keys()].sort((a, b) => byCodeUnits(viSortKey(a), viSortKey(b)));
  const nav = `<p class="letters">${letters.map((l) => `<a href="#${letterId(l)}">${esc(l)}</a>`).join(' ')}</p>`;
  const sections = letters.map((l) => section(l, list(groups.get(l)!), letterId(l)));
  return page(rc, path, 'Quan chức từ A đến Z', [nav, ...sections].join('\n'));
}

/** An ASCII anchor for a letter (Đ would otherwise need escaping in some tools). */
function letterId(letter: string): string {
  return letter === 'Đ' ? 'chu-dd' : letter === '#' ? 'chu-khac' : `chu-${letter.toLowerCase()}`;
}

function documentsPage(rc: RenderContext): string {
  const graph = rc.graph;
  const path = INDEX_PAGES.documents;
  const types = new Map<string, Map<string, Entity[]>>();
  for (const d of entitiesOfKind(graph, 'document')) {
    const type = firstLiteral(d.props, SCHEMA.legislationType.value) ?? 'Khác';
    const year = datePart(firstLiteral(d.props, SCHEMA.legislationDate.value))?.slice(0, 4) ?? '';
    const byYear = types.get(type) ?? new Map<string, Entity[]>();
    types.set(type, byYear);
    pushTo(byYear, year, d);
  }
  const typeNames = [...types.keys()].sort((a, b) => byCodeUnits(viSortKey(a), viSortKey(b)) || byCodeUnits(a, b));
  const sections = typeNames.map((type) => {
    const byYear = types.get(type)!;
    // Newest year first; documents whose date is unknown last.
    const years = [...byYear.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : byCodeUnits(b, a)));
    const body = years.map((year) => {
      const docs = byYear.get(year)!.map((d) => ({ iri: d.iri, title: displayName(graph, d.iri), name: firstLiteral(d.props, SCHEMA.name.value) }));
      docs.sort((a, b) => byCodeUnits(viSortKey(a.title), viSortKey(b.title)) || byCodeUnits(a.iri, b.iri));
      const items = docs.map(({ iri, title, name }) => `${linkTo(rc, path, iri, title)}${name === undefined || name === title ? '' : ` <span class="muted">${esc(name)}</span>`}`);
      return `<h3>${esc(year === '' ? 'Không rõ năm' : year)}</h3>\n${list(items)}`;
    });
    return section(type, body.join('\n'));
  });
  return page(rc, path, 'Văn bản theo loại và năm', sections.join('\n'));
}

/**
 * Entities of one kind by date, newest first: an overview page of years, and a
 * page per year (`{prefix}-{year}.html`, grouped by month; `{prefix}-undated.html`
 * for those without a date), so no page grows with the whole release.
 */
function byDatePages(rc: RenderContext, kind: 'event' | 'announcement', path: string, title: string, datePredicate: string): Map<string, string> {
  const graph = rc.graph;
  const prefix = path.slice(0, -'.html'.length);
  const dated = entitiesOfKind(graph, kind).map((e) => ({ iri: e.iri, date: firstLiteral(e.props, datePredicate) ?? '' }));
  dated.sort((a, b) => byCodeUnits(b.date, a.date) || byCodeUnits(a.iri, b.iri));
  const years = new Map<string, { iri: string; date: string }[]>();
  for (const d of dated) pushTo(years, /^\d{4}/.test(d.date) ? d.date.slice(0, 4) : '', d);
  const yearPage = (year: string) => `${prefix}-${year === '' ? 'undated' : year}.html`;
  const yearLabel = (year: string) => (year === '' ? 'Không rõ ngày' : `Năm ${year}`);
  // Newest year first, the undated last.
  const order = [...years.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : byCodeUnits(b, a)));
  const pages = new Map<string, string>();
  for (const year of order) {
    const months = new Map<string, string[]>();
    const file = yearPage(year);
    for (const { iri, date } of years.get(year)!) {
      const organizers = kind === 'event' ? iriValues(graph.entities.get(iri)!.props, SCHEMA.organizer.value).map((o) => displayName(graph, o)) : [];
      const item = `${date === '' ? '' : `${timeTag(date)} · `}${linkTo(rc, file, iri)}${organizers.length === 0 ? '' : ` <span class="muted">${esc(organizers.join('; '))}</span>`}`;
      pushTo(months, date.slice(5, 7), item);
    }
    const sections = [...months.entries()].map(([month, items]) => section(month === '' ? yearLabel(year) : `Tháng ${Number(month)}/${year}`, list(items)));
    const back = `<p><a href="${esc(relativeHref(file, path))}">${esc(title)}</a></p>`;
    pages.set(file, page(rc, file, `${title}: ${yearLabel(year)}`, `${back}\n${sections.join('\n')}`));
  }
  const overview = order.map((year) => `<a href="${esc(relativeHref(path, yearPage(year)))}">${esc(yearLabel(year))}</a> <span class="muted">${years.get(year)!.length}</span>`);
  pages.set(path, page(rc, path, title, `<p class="muted">${esc(KIND_LABEL[kind])}: ${dated.length}</p>\n${list(overview)}`));
  return pages;
}
