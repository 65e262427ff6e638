/**
 * One term of an N-Triples or N-Quads line, as the dumps write it: `<iri>`,
 * `_:label`, `"text"`, `"text"@lang` or `"text"^^<datatype>`, with the string
 * escapes of N-Triples (`\t \b \n \r \f \" \' \\`, `\uXXXX`, `\UXXXXXXXX`).
 * For readers that split the lines themselves (the CSV tables, the site
 * graph) instead of handing every line to a parser.
 */
import { XSD } from './vocab.ts';

/** A term in the shape of an RDF/JS term, with plain strings. */
export interface NtTerm {
  termType: 'NamedNode' | 'BlankNode' | 'Literal';
  value: string;
  /** '' when the literal has no language tag (and for IRIs and blank nodes). */
  language: string;
  /** Full datatype IRI of a literal; rdf:langString for tagged ones; '' for IRIs and blank nodes. */
  datatype: string;
}

const LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

const ESCAPED: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/** The text of the quoted string starting at `text[start]` (the opening quote), and the index after its closing quote. */
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
  throw new Error(`unterminated literal in an N-Triples term: ${text.slice(start, start + 80)}`);
}

/**
 * The term written as `text` (one whole term, nothing around it).
 *
 * @example parseNtTerm('"Bộ Tư pháp"@vi') // { termType: 'Literal', value: 'Bộ Tư pháp', language: 'vi', datatype: rdf:langString }
 */
export function parseNtTerm(text: string): NtTerm {
  if (text.startsWith('<')) return { termType: 'NamedNode', value: text.slice(1, -1), language: '', datatype: '' };
  if (text.startsWith('_:')) return { termType: 'BlankNode', value: text.slice(2), language: '', datatype: '' };
  if (!text.startsWith('"')) throw new Error(`not an N-Triples term: ${text.slice(0, 80)}`);
  const [value, after] = readQuoted(text, 0);
  const rest = text.slice(after);
  if (rest.startsWith('@')) return { termType: 'Literal', value, language: rest.slice(1), datatype: LANG_STRING };
  if (rest.startsWith('^^<')) return { termType: 'Literal', value, language: '', datatype: rest.slice(3, -1) };
  return { termType: 'Literal', value, language: '', datatype: XSD.string.value };
}

/**
 * The subject and predicate of an N-Triples or N-Quads line, as written (`<…>`: neither holds a
 * space), and where its object starts.
 *
 * @example ntHead('<s> <p> "o" .') // ['<s>', '<p>', 8]
 */
export function ntHead(line: string): [subject: string, predicate: string, objectAt: number] {
  const afterSubject = line.indexOf(' ');
  const afterPredicate = line.indexOf(' ', afterSubject + 1);
  return [line.slice(0, afterSubject), line.slice(afterSubject + 1, afterPredicate), afterPredicate + 1];
}

/**
 * Where the graph term of an N-Quads line `… <graph> .` starts (the space before it): the graph is
 * the last term and an IRI, which holds no space, whatever spaces the object's literal holds.
 */
export function nqGraphAt(line: string): number {
  return line.lastIndexOf(' <', line.length - 3);
}
