/**
 * The `sh:in` list of Vietnamese document type names in `ontology/shapes.ttl`
 * is generated from `data/reference/document-types.csv`, so the shapes accept
 * exactly the types the extractor's table knows. This module renders that block
 * and splices it into the shapes text; `scripts/shapes/sync-document-types.ts`
 * writes the file, and `test/unit/shapes.test.ts` checks that it is current.
 */

/** How the extractor names a draft of a type the table has no draft row for ("Dự thảo Bộ luật"). */
export const DRAFT_PREFIX = 'Dự thảo ';

/**
 * Every type name a legal document may carry: the table's names, and the draft
 * form of each that is not a draft already.
 *
 * @example acceptedDocumentTypes(['Luật', 'Dự thảo Luật', 'Bộ luật']) // ['Luật', 'Dự thảo Luật', 'Bộ luật', 'Dự thảo Bộ luật']
 */
export function acceptedDocumentTypes(names: Iterable<string>): string[] {
  const all = [...names];
  return [...new Set([...all, ...all.filter((n) => !n.startsWith(DRAFT_PREFIX)).map((n) => DRAFT_PREFIX + n)])];
}

/** First line of the generated block in `ontology/shapes.ttl`. */
export const DOCUMENT_TYPES_BEGIN = '# BEGIN document types: generated from data/reference/document-types.csv by scripts/shapes/sync-document-types.ts; do not edit';

/** Last line of the generated block. */
export const DOCUMENT_TYPES_END = '# END document types';

/**
 * The Turtle collection members, one `"name"@vi` per line, in code-point order
 * (duplicates dropped), between the two marker lines. The first marker is not
 * indented: it replaces the marker in place, after the file's own indentation.
 *
 * @example renderDocumentTypeBlock(['Nghị định', 'Luật']) ===
 *   `${DOCUMENT_TYPES_BEGIN}\n    "Luật"@vi\n    "Nghị định"@vi\n    ${DOCUMENT_TYPES_END}`
 */
export function renderDocumentTypeBlock(names: Iterable<string>, indent = '    '): string {
  const sorted = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const members = sorted.map((name) => `${indent}${turtleString(name)}@vi`);
  return [DOCUMENT_TYPES_BEGIN, ...members, `${indent}${DOCUMENT_TYPES_END}`].join('\n');
}

/**
 * The shapes text with its generated block replaced by `block`. Throws when the
 * markers are missing: the shapes file would then be broken, not merely stale.
 */
export function spliceDocumentTypeBlock(shapesText: string, block: string): string {
  const start = shapesText.indexOf(DOCUMENT_TYPES_BEGIN);
  const endMarker = shapesText.indexOf(DOCUMENT_TYPES_END, start);
  if (start < 0 || endMarker < 0) throw new Error(`ontology/shapes.ttl lacks the generated document-type block markers`);
  return shapesText.slice(0, start) + block + shapesText.slice(endMarker + DOCUMENT_TYPES_END.length);
}

/** A Turtle short string literal; names in the table have no line breaks, but quotes and backslashes are escaped anyway. */
function turtleString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}
