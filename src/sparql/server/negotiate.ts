/**
 * Content negotiation for the endpoint: which result format an `Accept` header
 * asks for, with q-values (RFC 9110 §12.5.1). Two families are offered, because
 * the query form decides which applies: SELECT and ASK answer with SPARQL
 * results, CONSTRUCT and DESCRIBE with an RDF graph. Both are negotiated up
 * front (a plain header read) and the worker picks the one its query needs, so
 * a 406 is known before anything runs.
 */

/** The formats the endpoint writes: key, the media type it answers with, and the types that ask for it. */
export const RESULTS_FORMATS = [
  { key: 'json', mediaType: 'application/sparql-results+json', accepts: ['application/sparql-results+json', 'application/json'] },
  { key: 'xml', mediaType: 'application/sparql-results+xml', accepts: ['application/sparql-results+xml'] },
  { key: 'csv', mediaType: 'text/csv; charset=utf-8', accepts: ['text/csv'] },
  { key: 'tsv', mediaType: 'text/tab-separated-values; charset=utf-8', accepts: ['text/tab-separated-values'] },
] as const;

export const GRAPH_FORMATS = [
  { key: 'turtle', mediaType: 'text/turtle; charset=utf-8', accepts: ['text/turtle', 'application/x-turtle'] },
  { key: 'ntriples', mediaType: 'application/n-triples', accepts: ['application/n-triples'] },
  { key: 'jsonld', mediaType: 'application/ld+json', accepts: ['application/ld+json', 'application/json'] },
] as const;

export type ResultsFormat = (typeof RESULTS_FORMATS)[number]['key'];
export type GraphFormat = (typeof GRAPH_FORMATS)[number]['key'];

/** The media type each format is served with. */
export const MEDIA_TYPES: Record<ResultsFormat | GraphFormat, string> = Object.fromEntries(
  [...RESULTS_FORMATS, ...GRAPH_FORMATS].map((f) => [f.key, f.mediaType]),
) as Record<ResultsFormat | GraphFormat, string>;

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** The media ranges of an Accept header; a range that does not parse is left out, an unreadable q counts as 0. */
export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [range, ...params] = part.split(';').map((s) => s.trim());
    const match = /^([!#$%&'*+.^_`|~0-9a-z-]+)\/([!#$%&'*+.^_`|~0-9a-z-]+)$/i.exec(range ?? '');
    if (!match) continue;
    let q = 1;
    for (const p of params) {
      const [name, value] = p.split('=').map((s) => s.trim());
      if (name?.toLowerCase() === 'q') q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0;
    }
    ranges.push({ type: match[1]!.toLowerCase(), subtype: match[2]!.toLowerCase(), q });
  }
  return ranges;
}

/**
 * How the ranges match `mediaType`: the q-value of the most specific range
 * matching it (exact 2, then `type/*` 1, then the full wildcard 0); specificity
 * -1 and q 0 when none does.
 */
function matchOf(mediaType: string, ranges: MediaRange[]): { specificity: number; q: number } {
  const [type, subtype] = mediaType.split('/') as [string, string];
  let best = { specificity: -1, q: 0 };
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (specificity < 0) continue;
    if (specificity > best.specificity || (specificity === best.specificity && r.q > best.q)) best = { specificity, q: r.q };
  }
  return best;
}

/**
 * The q-value of a format known by several media types: that of its most
 * specifically matched type: `application/sparql-results+json;q=0` beside the
 * full wildcard refuses SPARQL JSON, though `application/json` matches the wildcard.
 */
function qualityOf(accepts: readonly string[], ranges: MediaRange[]): number {
  let best = { specificity: -1, q: 0 };
  for (const m of accepts.map((t) => matchOf(t, ranges))) {
    if (m.specificity > best.specificity || (m.specificity === best.specificity && m.q > best.q)) best = m;
  }
  return best.q;
}

/**
 * The format of `formats` the header prefers: the highest q-value above 0, ties
 * going to the earlier format (the first is the default, also when there is no
 * header); undefined when the header accepts none of them (answer 406).
 *
 * @example negotiate('text/csv;q=0.5, application/sparql-results+xml', RESULTS_FORMATS) // 'xml'
 */
export function negotiate<K extends string>(header: string | undefined, formats: readonly { key: K; accepts: readonly string[] }[]): K | undefined {
  if (header === undefined || header.trim() === '') return formats[0]?.key;
  const ranges = parseAccept(header);
  let chosen: { key: K; q: number } | undefined;
  for (const f of formats) {
    const q = qualityOf(f.accepts, ranges);
    if (q > 0 && (chosen === undefined || q > chosen.q)) chosen = { key: f.key, q };
  }
  return chosen?.key;
}
