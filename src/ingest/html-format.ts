/**
 * Article pages saved from government portals and news sites. The page is parsed
 * with a real HTML parser (parse5, the WHATWG algorithm, so broken markup reads
 * as a browser would read it); navigation, toolbars, share bars, related-news
 * lists and image captions are left out; the article body is the block with the
 * most paragraph text.
 */
import { parse } from 'parse5';
import { issue } from '../core/issues.ts';
import type { Issue } from '../core/types.ts';
import { normaliseLine } from '../core/text.ts';
import type { ParsedFields } from './fields.ts';
import { attr, childrenOf, type Element, isElement, isText, type Node, textOf, walkElements } from './html-dom.ts';
import { parsePublicationDate } from './publication-date.ts';

/** Elements that never hold article text. */
const NON_CONTENT_TAGS = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'button', 'select',
  'textarea', 'iframe', 'object', 'embed', 'svg', 'canvas', 'figure', 'figcaption', 'img', 'video', 'audio', 'map', 'menu',
]);

/** Class or id words of page furniture: menus, toolbars, share bars, related news, captions. */
const FURNITURE = /(?:^|[\s_-])(?:menu|nav|navbar|navigation|breadcrumbs?|toolbar|tools|share|sharing|social|related|relate|lienquan|tinlienquan|tin-lien-quan|othernews|other-news|tinkhac|tin-khac|footer|header|sidebar|comments?|print|tags?|banner|adverts?|ads|caption|img-caption|copyright|pagination|pager|rating|fontsize|font-size)(?:$|[\s_-])/i;

/** Class or id words of an article's lead paragraph, often kept apart from the body block. */
const LEAD = /(?:^|[\s_-])(?:sapo|lead|summary|description|chapeau|tomtat|tom-tat|intro|excerpt|abstract)(?:$|[\s_-])/i;

/** Toolbar and share-bar phrases that sometimes sit inside the article block itself. */
const TOOLBAR_LINE = /^(?:xem cỡ chữ|cỡ chữ|in trang|in bài|gửi email|gửi bài viết|chia sẻ|chia sẻ bài viết|bản in|quay lại|về đầu trang|đầu trang|lượt xem|tweet|like|share|google\+?|facebook|zalo|[aA][+-]?(?:\s+[aA][+-]?)*)(?:\s*[:|].*)?$/iu;

/** Elements that end a paragraph. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'pre', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'br', 'hr', 'center',
]);

function isFurniture(el: Element): boolean {
  if (NON_CONTENT_TAGS.has(el.tagName)) return true;
  const role = attr(el, 'role');
  if (role && /^(?:navigation|banner|contentinfo|complementary|search|menu|toolbar)$/.test(role)) return true;
  if (attr(el, 'hidden') !== undefined || /display\s*:\s*none/i.test(attr(el, 'style') ?? '')) return true;
  const names = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
  return FURNITURE.test(names);
}

export function parseHtmlPage(html: string, file: string): ParsedFields {
  const doc = parse(html);
  const meta = readMeta(doc);
  const root = findArticleRoot(doc);
  const paragraphs = root ? [...leadParagraphs(doc, root), ...paragraphsOf(root)] : [];
  const h1 = firstHeading(doc);
  const title = meta.title ?? h1 ?? headingLikeFirstParagraph(paragraphs) ?? cleanDocumentTitle(meta.documentTitle);
  if (!title) {
    return { ok: false, issues: [issue('missing_title', file, 'the page has no og:title, <h1> or <title>', 'save the article page itself, not a listing or an error page')] };
  }
  const dropTitle = (p: string) => p.toLocaleLowerCase('vi') !== title.toLocaleLowerCase('vi');
  let published = meta.published;
  let body = paragraphs.filter(dropTitle);
  if (!published) {
    const found = findDateInText(doc, body);
    if (found && !found.date.ok) {
      return { ok: false, issues: [issue(found.date.code, file, found.date.message, found.date.hint)] };
    }
    if (found?.date.ok) {
      published = found.date.time ? { date: found.date.date, time: found.date.time } : { date: found.date.date };
      body = body.filter((p) => p !== found.line);
    }
  } else {
    body = body.filter((p) => parsePublicationDate(p) === null);
  }
  if (!published) {
    return { ok: false, issues: [issue('missing_publication_date', file, 'no publication date in the page (meta tags, <time> or a date line)', 'save the whole article page, including its date line')] };
  }
  if ('error' in published) {
    return { ok: false, issues: [published.error] };
  }
  if (body.length === 0) {
    return { ok: false, issues: [issue('empty_body', file, 'no article text found in the page', 'save the article page itself, not a listing page')] };
  }
  const warnings: Issue[] = [];
  return {
    ok: true,
    title,
    published: published.time ? { date: published.date, time: published.time } : { date: published.date },
    body: body.join('\n'),
    ...(meta.url ? { url: meta.url } : {}),
    warnings,
  };

  function readMeta(d: Node) {
    let metaTitle: string | undefined;
    let documentTitle: string | undefined;
    let url: string | undefined;
    let publishedRaw: string | undefined;
    for (const el of walkElements(d)) {
      const tag = el.tagName;
      if (tag === 'title' && documentTitle === undefined) documentTitle = normaliseLine(textOf(el));
      if (tag === 'link' && /(?:^|\s)canonical(?:\s|$)/i.test(attr(el, 'rel') ?? '')) url ??= checkedUrl(attr(el, 'href'));
      if (tag === 'meta') {
        const key = (attr(el, 'property') ?? attr(el, 'name') ?? attr(el, 'itemprop') ?? '').toLowerCase();
        const content = attr(el, 'content');
        if (!content) continue;
        if (key === 'og:title') metaTitle ??= normaliseLine(content) || undefined;
        if (key === 'og:url') url ??= checkedUrl(content);
        if (/^(?:article:published_time|datepublished|pubdate|publishdate|date|dc\.date\.issued|dc\.date)$/.test(key)) publishedRaw ??= content;
      }
      if (tag === 'time' && publishedRaw === undefined) publishedRaw = attr(el, 'datetime');
    }
    let published: { date: string; time?: string } | { error: Issue } | undefined;
    if (publishedRaw) {
      const p = parsePublicationDate(publishedRaw);
      if (p?.ok) published = p.time ? { date: p.date, time: p.time } : { date: p.date };
      else if (p) published = { error: issue(p.code, file, p.message, p.hint) };
    }
    return { title: metaTitle, documentTitle, url, published };
  }
}

function checkedUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Old table-layout pages have no <h1>: their headline is the first line of the
 * article block, short and without a closing full stop.
 */
function headingLikeFirstParagraph(paragraphs: string[]): string | undefined {
  const first = paragraphs[0];
  if (!first || first.length > 250 || first.length < 15 || /[.:;]$/.test(first)) return undefined;
  if (parsePublicationDate(first)) return undefined;
  return first;
}

/** "Tiêu đề bài - Cổng thông tin Bộ Tư pháp" → the longest part, the article title. */
function cleanDocumentTitle(t: string | undefined): string | undefined {
  if (!t) return undefined;
  const parts = t.split(/\s+[|–—-]\s+/).map((p) => p.trim()).filter(Boolean);
  return parts.sort((a, b) => b.length - a.length)[0];
}

function firstHeading(doc: Node): string | undefined {
  for (const el of walkElements(doc, isFurniture)) {
    if (el.tagName === 'h1') {
      const t = normaliseLine(textOf(el));
      if (t) return t;
    }
  }
  return undefined;
}

/**
 * The element holding the article: each paragraph's text counts fully for its
 * parent and half for its grandparent; the best-scoring element wins.
 */
function findArticleRoot(doc: Node): Element | undefined {
  const scores = new Map<Element, number>();
  for (const el of walkElements(doc, isFurniture)) {
    if (el.tagName === 'body') scores.set(el, scores.get(el) ?? 0);
    const len = ownParagraphText(el);
    if (len < 25) continue;
    const parent = el.tagName === 'p' || el.tagName === 'td' ? el.parentNode : el;
    if (parent && isElement(parent as Node)) {
      const p = parent as Element;
      scores.set(p, (scores.get(p) ?? 0) + len);
      const gp = p.parentNode;
      if (gp && isElement(gp as Node)) scores.set(gp as Element, (scores.get(gp as Element) ?? 0) + len / 2);
    }
  }
  let best: Element | undefined;
  let bestScore = -1;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

/** The lead ("sapo") of the article when the page keeps it outside the body block. */
function leadParagraphs(doc: Node, root: Element): string[] {
  for (const el of walkElements(doc, isFurniture)) {
    const names = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
    if (!LEAD.test(names) || contains(root, el) || contains(el, root)) continue;
    return paragraphsOf(el);
  }
  return [];
}

function contains(outer: Node, inner: Node): boolean {
  for (let n: Node | null = inner; n; n = (n as Element).parentNode as Node | null) if (n === outer) return true;
  return false;
}

/** Text length of a paragraph-like element: a <p>, or text directly inside a block split by <br>. */
function ownParagraphText(el: Element): number {
  if (el.tagName === 'p') return normaliseLine(textOf(el, isFurniture)).length;
  let direct = 0;
  for (const kid of childrenOf(el)) {
    if (isText(kid)) direct += kid.value.trim().length;
    else if (isElement(kid) && /^(?:b|strong|i|em|span|a|font|u)$/.test(kid.tagName)) direct += textOf(kid).trim().length;
  }
  return direct;
}

/** The article's paragraphs in order: block elements and <br> end a paragraph; furniture is skipped. */
function paragraphsOf(root: Element): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    const line = normaliseLine(current);
    if (line && !TOOLBAR_LINE.test(line)) out.push(line);
    current = '';
  };
  const visit = (node: Node) => {
    if (isText(node)) {
      current += node.value;
      return;
    }
    if (!isElement(node)) return;
    if (isFurniture(node)) return;
    const block = BLOCK_TAGS.has(node.tagName);
    if (block) flush();
    for (const kid of childrenOf(node)) visit(kid);
    if (block) flush();
  };
  visit(root);
  flush();
  return out;
}

/** A date line among the page's non-furniture text before or at the top of the article. */
function findDateInText(doc: Node, body: string[]): { line: string; date: NonNullable<ReturnType<typeof parsePublicationDate>> } | undefined {
  for (const el of walkElements(doc, (e) => NON_CONTENT_TAGS.has(e.tagName))) {
    const names = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
    if (!/date|time|ngay|publish|post-?info|meta/i.test(names)) continue;
    const line = normaliseLine(textOf(el));
    const date = parsePublicationDate(line) ?? parsePublicationDate(line.replace(/^[^\d]{0,40}?(?=\d)/u, ''));
    if (date) return { line, date };
  }
  for (const line of body.slice(0, 3)) {
    const date = parsePublicationDate(line);
    if (date) return { line, date };
  }
  return undefined;
}

/** Paragraphs of an HTML fragment (the `html` field of a JSON record): every block, furniture left out. */
export function htmlFragmentParagraphs(html: string): string[] {
  const doc = parse(`<body>${html}</body>`);
  const body = [...walkElements(doc)].find((el) => el.tagName === 'body');
  return body ? paragraphsOf(body) : [];
}
