/**
 * A lexical scan of SPARQL query text: just enough to see brackets, keywords
 * and numbers outside strings, IRIs, variables and comments. The endpoint uses
 * it twice. Before anything parses the text, to refuse deep nesting (a parser
 * recursing a few hundred levels deep is slow in sparqljs and traps the
 * oxigraph WebAssembly instance). After sparqljs has accepted the query, to
 * edit it in place for the row cap (a LIMIT of maxRows + 1 at the top level, a
 * marker triple in a CONSTRUCT template) without regenerating the whole text,
 * so the engine runs the query as written, plus that one edit.
 *
 * The scan follows the SPARQL 1.1 grammar's terminals: an IRI has no spaces,
 * quotes or braces inside (so `?a < ?b` is an operator, `<a>` an IRI; for the
 * depth alone, parentheses inside an IRI count too, in case a parser reads
 * that `<` as an operator); a string
 * may be long ("""…""") and holds backslash escapes; a comment runs from `#` to
 * the end of the line; a backslash outside strings escapes the next character
 * (local names such as `ex:a\#b`). Only the top level (depth 0) is ever edited:
 * there the grammar allows nothing but the prologue, the query form, dataset
 * clauses and solution modifiers, so a `LIMIT` or `VALUES` word found there is
 * the query's own.
 */

export interface Token {
  kind: 'word' | 'open' | 'close' | 'other';
  text: string;
  start: number;
  end: number;
  /** Nesting depth outside the token: 0 for the top level, also for the brackets that open and close it. */
  depth: number;
}

const IRI_REF = /<[^<>"{}|^`\\\u0000-\u0020]*>/y;
const VARIABLE = /[?$][^\s(){}[\]<>"'#,;=!&|*+/^?$\\]*/y;
/** Keywords, prefixed names, numbers, language tags: a run of characters that are none of the above, with backslash escapes. */
const WORD = /(?:[^\s(){}[\]<>"'#,;=!&|*+/^?$\\]|\\[^])+/y;
const WHITESPACE = /\s+/y;
const COMMENT = /#[^\r\n]*/y;

function matchAt(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** End of the string literal opening at `at` (after its closing quote; the end of the text when it never closes). */
function stringEnd(text: string, at: number): number {
  const quote = text[at]!;
  const long = text.startsWith(quote.repeat(3), at);
  let i = at + (long ? 3 : 1);
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (long ? text.startsWith(quote.repeat(3), i) : c === quote) return i + (long ? 3 : 1);
    else if (!long && (c === '\n' || c === '\r')) return i;
    else i++;
  }
  return text.length;
}

/** The deepest nesting of `(` and `[` in `text` from `start` to `end`, unmatched closings ignored. */
function bracketDepth(text: string, start: number, end: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '(' || c === '[') deepest = Math.max(deepest, ++depth);
    else if ((c === ')' || c === ']') && depth > 0) depth--;
  }
  return deepest;
}

/**
 * The tokens of `text` that matter to the endpoint, in order: words, brackets
 * and single punctuation characters; strings, IRIs, variables and comments are
 * skipped. Stops early (returning what it has, with `deeper: true`) once the
 * nesting passes `maxDepth`.
 */
export function scanQuery(text: string, maxDepth = Infinity): { tokens: Token[]; maxDepth: number; deeper: boolean } {
  const tokens: Token[] = [];
  let depth = 0;
  let deepest = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    let end: number;
    if ((end = matchAt(WHITESPACE, text, i)) > 0) {
      i = end;
    } else if (c === '#') {
      i = matchAt(COMMENT, text, i);
    } else if (c === '"' || c === "'") {
      i = stringEnd(text, i);
    } else if (c === '<' && (end = matchAt(IRI_REF, text, i)) > 0) {
      // Brackets inside what reads as an IRI still count towards the depth (not the structure): a parser that
      // reads `<` by context takes `?a<((?b))>?c` for a comparison of nested expressions.
      deepest = Math.max(deepest, depth + bracketDepth(text, i + 1, end - 1));
      if (deepest > maxDepth) return { tokens, maxDepth: deepest, deeper: true };
      i = end;
    } else if ((c === '?' || c === '$') && (end = matchAt(VARIABLE, text, i)) > i + 1) {
      i = end;
    } else if (c === '(' || c === '[' || c === '{') {
      tokens.push({ kind: 'open', text: c, start: i, end: i + 1, depth });
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > maxDepth) return { tokens, maxDepth: deepest, deeper: true };
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
      tokens.push({ kind: 'close', text: c, start: i, end: i + 1, depth });
      i++;
    } else if ((end = matchAt(WORD, text, i)) > 0) {
      tokens.push({ kind: 'word', text: text.slice(i, end), start: i, end, depth });
      i = end;
    } else {
      tokens.push({ kind: 'other', text: c, start: i, end: i + 1, depth });
      i++;
    }
  }
  return { tokens, maxDepth: deepest, deeper: false };
}

/** The deepest nesting of `(`, `[` and `{` outside strings, IRIs and comments; stops counting past `limit`. */
export function nestingDepth(text: string, limit = Infinity): number {
  return scanQuery(text, limit).maxDepth;
}

function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token !== undefined && token.kind === 'word' && token.depth === 0 && token.text.toUpperCase() === keyword;
}

/**
 * The query with its top-level LIMIT set to `limit`: the number after an
 * existing top-level LIMIT is replaced; otherwise a LIMIT clause goes before a
 * trailing VALUES block, or at the end (after a line break, so that a final
 * comment cannot swallow it). Only for a query sparqljs has parsed: the text is
 * then known to be well formed.
 *
 * @example withTopLevelLimit('SELECT * { ?s ?p ?o } # all', 10001) // 'SELECT * { ?s ?p ?o } # all\nLIMIT 10001\n'
 */
export function withTopLevelLimit(text: string, limit: number): string {
  const { tokens } = scanQuery(text);
  const at = tokens.findIndex((t) => isKeyword(t, 'LIMIT'));
  if (at >= 0) {
    const number = tokens[at + 1];
    if (number?.kind === 'word' && /^\d+$/.test(number.text)) return text.slice(0, number.start) + String(limit) + text.slice(number.end);
  }
  const values = tokens.find((t) => isKeyword(t, 'VALUES'));
  if (values) return `${text.slice(0, values.start)}LIMIT ${limit}\n${text.slice(values.start)}`;
  return `${text}\nLIMIT ${limit}\n`;
}

/**
 * A CONSTRUCT query whose template also writes `markerTriple` (for example
 * `[] <urn:…> ""`) once per solution: a fresh blank node each time, so the
 * engine's output holds exactly one marker per solution, which tells how many
 * solutions there were even when templates yield duplicates or nothing. The
 * short form `CONSTRUCT WHERE { triples }` is first written out in full
 * (`CONSTRUCT { triples } WHERE { triples }`, the same query by definition).
 * Returns undefined when the text does not have the expected shape.
 */
export function withConstructMarker(text: string, markerTriple: string): string | undefined {
  const { tokens } = scanQuery(text);
  const keyword = tokens.findIndex((t) => isKeyword(t, 'CONSTRUCT'));
  if (keyword < 0) return undefined;
  const next = tokens[keyword + 1];
  if (next?.kind === 'open' && next.text === '{' && next.depth === 0) {
    return `${text.slice(0, next.end)} ${markerTriple} . ${text.slice(next.end)}`;
  }
  const open = tokens.findIndex((t, i) => i > keyword && t.kind === 'open' && t.text === '{' && t.depth === 0);
  const close = tokens.findIndex((t, i) => i > open && t.kind === 'close' && t.text === '}' && t.depth === 0);
  if (open < 0 || close < 0) return undefined;
  const triples = text.slice(tokens[open]!.end, tokens[close]!.start);
  const at = tokens[keyword]!.end;
  return `${text.slice(0, at)} { ${markerTriple} . ${triples}\n}${text.slice(at)}`;
}
