/**
 * The HTML of the site: escaping, the page frame every page shares, and small
 * pieces (dates, quotes, definition lists). Every text that comes from the data
 * goes through `esc`; JSON-LD goes through `scriptSafeJson`. Pages carry no
 * JavaScript, and a Content-Security-Policy that would refuse any.
 */
import { INDEX_PAGES, relativeHref, STYLESHEET } from './paths.ts';
import { scriptSafeJson } from './schemaorg.ts';
import type { Snippet } from './snippets.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text escaped for HTML content and quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** What every page says about the release it belongs to. */
export interface SiteInfo {
  /** Dataset title (Vietnamese). */
  title: string;
  version: string;
  issued: string;
}

/** A link to another file, already relative. */
export interface Alternate {
  href: string;
  type: string;
  label: string;
}

export interface PageSpec {
  /** The page's path inside `site/` ('person/tran-tien-dung.html'). */
  path: string;
  /** Plain text; escaped here. */
  title: string;
  /** The page's main content, HTML. */
  main: string;
  /** schema.org JSON-LD embedded in the head. */
  jsonLd?: unknown;
  /** The RDF files of the page's entity. */
  alternates?: Alternate[];
  /**
   * Whether the footer names the release (version and date): the index pages do. An entity page does
   * not, so it keeps its bytes from one release to the next while what it shows is unchanged (the next
   * release links it from this one instead of writing it, and mirrors fetch only what changed).
   */
  release?: boolean;
}

/** The site's sections, as linked from every page's header. */
const NAV: readonly (readonly [string, string])[] = [
  [INDEX_PAGES.agencies, 'Cơ quan'],
  [INDEX_PAGES.officials, 'Quan chức'],
  [INDEX_PAGES.documents, 'Văn bản'],
  [INDEX_PAGES.events, 'Sự kiện'],
  [INDEX_PAGES.announcements, 'Bản tin'],
];

/**
 * A whole page. No script runs (the CSP says so); the favicon is an empty data
 * URL so browsers request nothing the static host lacks.
 */
export function renderPage(spec: PageSpec, site: SiteInfo): string {
  const href = (to: string) => esc(relativeHref(spec.path, to));
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src data:">`,
    `<title>${esc(spec.title)} · ${esc(site.title)}</title>`,
    '<link rel="icon" href="data:,">',
    `<link rel="stylesheet" href="${href(STYLESHEET)}">`,
    ...(spec.alternates ?? []).map((a) => `<link rel="alternate" type="${esc(a.type)}" href="${esc(a.href)}">`),
    ...(spec.jsonLd === undefined ? [] : [`<script type="application/ld+json">\n${scriptSafeJson(spec.jsonLd)}\n</script>`]),
  ];
  const nav = NAV.map(([to, label]) => `<a href="${href(to)}">${esc(label)}</a>`).join('\n');
  return `<!DOCTYPE html>
<html lang="vi">
<head>
${head.join('\n')}
</head>
<body>
<header><nav><a class="home" href="${href(INDEX_PAGES.home)}">loa</a>
${nav}</nav></header>
<main>
${spec.main}
</main>
<footer><p>${spec.release ? `${esc(site.title)} · phiên bản <code>${esc(site.version)}</code> · ${esc(formatDate(site.issued))}` : `<a href="${href(INDEX_PAGES.home)}">${esc(site.title)}</a>`}</p></footer>
</body>
</html>
`;
}

/** A date or date-time as Vietnamese readers write it: dd/mm/yyyy, with HH:MM when there is a time. */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!m) return value;
  const date = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] === undefined ? date : `${m[4]}:${m[5]} ${date}`;
}

/** A `<time>` element for a date or date-time value. */
export function timeTag(value: string): string {
  return `<time datetime="${esc(value)}">${esc(formatDate(value))}</time>`;
}

/** A quoted sentence with the span marked. */
export function quote(snippet: Snippet): string {
  return `<q>${esc(snippet.before)}<mark>${esc(snippet.anchor)}</mark>${esc(snippet.after)}</q>`;
}

/** A section with a heading; nothing when the body is empty. */
export function section(title: string, body: string, id?: string): string {
  if (body === '') return '';
  return `<section${id ? ` id="${esc(id)}"` : ''}>\n<h2>${esc(title)}</h2>\n${body}\n</section>`;
}

/** A definition list of rows whose values are HTML; rows without values are left out. */
export function factList(rows: readonly (readonly [string, readonly string[]])[]): string {
  const items = rows
    .filter(([, values]) => values.length > 0)
    .map(([label, values]) => `<dt>${esc(label)}</dt>\n${values.map((v) => `<dd>${v}</dd>`).join('\n')}`);
  return items.length === 0 ? '' : `<dl class="facts">\n${items.join('\n')}\n</dl>`;
}

/** A list of HTML items; nothing when empty. */
export function list(items: readonly string[], className?: string): string {
  if (items.length === 0) return '';
  return `<ul${className ? ` class="${esc(className)}"` : ''}>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>`;
}
