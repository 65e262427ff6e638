/**
 * SPARQL results as the engine hands them over: the SPARQL 1.1 JSON results
 * format (oxigraph writes it, and it keeps the order of the projected
 * variables). The endpoint cuts rows in this form and writes every results
 * format from it: JSON as is, XML by `xml-results.ts`, CSV and TSV through the
 * shared writers of `result-formats.ts`, which take RDF/JS terms.
 */
import { DataFactory } from 'n3';
import type * as RDF from '@rdfjs/types';
import type { QueryResult } from '../engine.ts';

export type JsonTerm =
  | { type: 'uri' | 'bnode'; value: string }
  | { type: 'literal' | 'typed-literal'; value: string; 'xml:lang'?: string; datatype?: string }
  | { type: 'triple'; value: { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm } };

export interface JsonResults {
  head: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings: Record<string, JsonTerm>[] };
}

/** Thrown for a value a format cannot hold (a triple term in CSV or TSV). */
export class UnwritableResultError extends Error {}

function rdfTerm(t: JsonTerm): RDF.Term {
  switch (t.type) {
    case 'uri':
      return DataFactory.namedNode(t.value);
    case 'bnode':
      return DataFactory.blankNode(t.value);
    case 'triple':
      throw new UnwritableResultError('a triple term (SPARQL 1.2) cannot be written in CSV or TSV: ask for application/sparql-results+json or +xml');
    default:
      return DataFactory.literal(t.value, t['xml:lang'] ?? (t.datatype ? DataFactory.namedNode(t.datatype) : undefined));
  }
}

/** The results as the query facade's `QueryResult`, for the shared CSV and TSV writers. */
export function toQueryResult(results: JsonResults): QueryResult {
  if (typeof results.boolean === 'boolean') return { kind: 'boolean', value: results.boolean };
  const rows = (results.results?.bindings ?? []).map((b) => new Map(Object.entries(b).map(([k, v]) => [k, rdfTerm(v)])));
  return { kind: 'bindings', variables: results.head.vars ?? [], rows };
}
