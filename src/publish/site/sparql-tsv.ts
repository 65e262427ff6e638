/**
 * SELECT results read as SPARQL 1.1 TSV text. oxigraph's default answer is a
 * JS object per term backed by WebAssembly memory; over a release's hundreds
 * of thousands of rows those objects cost 20–30× the query itself and slow
 * every later query until they are collected. The TSV text of the same rows
 * is one string, parsed here into plain values.
 *
 * Terms are written as in Turtle: `<iri>`, `_:label`, `"text"`, `"text"@lang`,
 * `"text"^^<datatype>`, and bare `true`/`false` and numbers for booleans,
 * integers, decimals and doubles. An unbound variable is an empty field.
 */
import { XSD } from '../../core/vocab.ts';

/** One term of a result row, in the shape of an RDF/JS term. */
export interface RowTerm {
  termType: 'NamedNode' | 'BlankNode' | 'Literal';
  value: string;
  /** '' when the literal has no language tag (and for IRIs and blank nodes). */
  language: string;
  /** Full datatype IRI of a literal; rdf:langString for tagged ones; '' for IRIs and blank nodes. */
  datatype: string;
}

export type Row = Map<string, RowTerm>;

const LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

const ESCAPED: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/** The text of a quoted literal from `text[start]` (the opening quote); returns the text and the index after the closing quote. */
function readQuoted(text: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  let run = i;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') return [out + text.slice(run, i), i + 1];
    if (ch !== '\\') {
      i++;
      continue;
    }
    out += text.slice(run, i);
    const code = text[i + 1]!;
    if (code === 'u' || code === 'U') {
      const width = code === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + width), 16));
      i += 2 + width;
    } else {
      out += ESCAPED[code] ?? code;
      i += 2;
    }
    run = i;
  }
  throw new Error(`unterminated literal in SPARQL TSV: ${text.slice(start, start + 80)}`);
}

/** One TSV field as a term; undefined when unbound. */
export function parseTsvTerm(field: string): RowTerm | undefined {
  if (field === '') return undefined;
  if (field.startsWith('<')) return { termType: 'NamedNode', value: field.slice(1, -1), language: '', datatype: '' };
  if (field.startsWith('_:')) return { termType: 'BlankNode', value: field.slice(2), language: '', datatype: '' };
  if (field.startsWith('"')) {
    const [value, after] = readQuoted(field, 0);
    const rest = field.slice(after);
    if (rest.startsWith('@')) return { termType: 'Literal', value, language: rest.slice(1), datatype: LANG_STRING };
    if (rest.startsWith('^^<')) return { termType: 'Literal', value, language: '', datatype: rest.slice(3, -1) };
    return { termType: 'Literal', value, language: '', datatype: XSD.string.value };
  }
  // Turtle's short forms.
  const datatype =
    field === 'true' || field === 'false'
      ? XSD.boolean.value
      : /^[+-]?\d+$/.test(field)
        ? XSD.integer.value
        : /^[+-]?\d*\.\d+$/.test(field)
          ? XSD.decimal.value
          : 'http://www.w3.org/2001/XMLSchema#double';
  return { termType: 'Literal', value: field, language: '', datatype };
}

/**
 * The rows of a SPARQL TSV result. Tabs and line breaks inside literals are
 * escaped in TSV, so rows are lines and fields are tab-separated.
 */
export function parseTsvResults(tsv: string): Row[] {
  const lines = tsv.split('\n');
  const names = lines[0]!.split('\t').map((v) => v.replace(/^\?/, ''));
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const fields = line.split('\t');
    const row: Row = new Map();
    for (let j = 0; j < names.length; j++) {
      const term = parseTsvTerm(fields[j] ?? '');
      if (term) row.set(names[j]!, term);
    }
    rows.push(row);
  }
  return rows;
}
