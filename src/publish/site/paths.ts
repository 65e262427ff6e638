/**
 * Where each entity's files go inside `site/`, and relative links between them.
 * An IRI `{base}{path}` becomes `site/{path}.html` (with `.ttl`, `.nt` and
 * `.jsonld` beside it), so the folder mirrors the IRIs and works from any
 * static host or straight from disk. IRI paths are ASCII slugs by construction
 * (src/core/iri.ts); they are checked again here, and anything that could leave
 * the folder or clash with an index page is put under `x/{hash}` instead.
 */
import { posix } from 'node:path';
import { sha256Hex } from '../../core/hash.ts';

/** One path segment as loa mints them: ASCII letters, digits, `.`, `_`, `-`, not starting with a dot. */
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/**
 * The index pages at the top of the site (events and announcements also have
 * a page per year beside them, `events-2024.html`); entity paths always have
 * two segments or more, so never clash with them.
 */
export const INDEX_PAGES = {
  home: 'index.html',
  agencies: 'agencies.html',
  officials: 'officials.html',
  documents: 'documents.html',
  events: 'events.html',
  announcements: 'announcements.html',
} as const;

export const STYLESHEET = 'style.css';

/**
 * The page path (relative to `site/`, without extension) of an IRI under the
 * base, or undefined for IRIs elsewhere (Wikidata, source URLs).
 *
 * @example sitePathOf('https://w3id.org/loa/', 'https://w3id.org/loa/agency/bo-tu-phap') === 'agency/bo-tu-phap'
 */
export function sitePathOf(base: string, iri: string): string | undefined {
  if (!iri.startsWith(base)) return undefined;
  const path = iri.slice(base.length);
  const segments = path.split('/');
  if (segments.length >= 2 && segments.every((s) => SAFE_SEGMENT.test(s))) return path;
  return `x/${sha256Hex(iri).slice(0, 24)}`;
}

/**
 * A relative link from one file of the site to another (both relative to `site/`).
 *
 * @example relativeHref('person/tran-tien-dung.html', 'agency/bo-tu-phap.html') === '../agency/bo-tu-phap.html'
 */
export function relativeHref(fromFile: string, toFile: string): string {
  const rel = posix.relative(posix.dirname(fromFile), toFile);
  return rel === '' ? posix.basename(toFile) : rel;
}
