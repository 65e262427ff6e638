/**
 * RDF/XML output, the syntax DCAT harvesters (CKAN's ckanext-dcat among them)
 * read most reliably. N3.js writes no RDF/XML, so this one adapter uses rdflib;
 * no other module imports rdflib.
 */
import type { Quad, Term } from '@rdfjs/types';
import { graph, lit, serialize, sym } from 'rdflib';

const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

function objectOf(term: Term) {
  if (term.termType === 'NamedNode') return sym(term.value);
  if (term.termType !== 'Literal') throw new Error(`RDF/XML output takes IRIs and literals only, not a ${term.termType}`);
  if (term.language) return lit(term.value, term.language);
  const datatype = term.datatype.value;
  return datatype === XSD_STRING || datatype === RDF_LANG_STRING ? lit(term.value) : lit(term.value, undefined, sym(datatype));
}

/**
 * The triples as an RDF/XML document with the given prefixes. Subjects come out
 * in the order of `quads`, so ordered input gives the same bytes every time.
 * Subjects and predicates must be IRIs (the metadata has no blank nodes).
 *
 * @example toRdfXml(graph.quads(), { dcat: 'http://www.w3.org/ns/dcat#' }).startsWith('<?xml')
 */
export function toRdfXml(quads: readonly Quad[], prefixes: Record<string, string>): string {
  const store = graph();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode') throw new Error(`RDF/XML output takes IRI subjects only, not a ${q.subject.termType}`);
    store.add(sym(q.subject.value), sym(q.predicate.value), objectOf(q.object));
  }
  const xml = serialize(null, store, undefined, 'application/rdf+xml', undefined, { namespaces: prefixes });
  if (xml === undefined) throw new Error('rdflib wrote no RDF/XML');
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml.endsWith('\n') ? xml : `${xml}\n`}`;
}
