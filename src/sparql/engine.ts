/**
 * The query facade: SPARQL 1.1 over a loaded release. Every caller (the query
 * command, later the endpoint) goes through `executeQuery`, so the engine behind
 * it can change without changing their behaviour.
 */
import { DataFactory } from 'n3';
import type * as RDF from '@rdfjs/types';
import type { Release } from './load-release.ts';

export type QueryResult =
  | { kind: 'bindings'; variables: string[]; rows: Map<string, RDF.Term>[] }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'quads'; quads: RDF.Quad[] };

interface JsonTerm {
  type: 'uri' | 'literal' | 'bnode' | 'typed-literal';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

interface JsonResults {
  head: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings: Record<string, JsonTerm>[] };
}

function termOf(t: JsonTerm): RDF.Term {
  switch (t.type) {
    case 'uri':
      return DataFactory.namedNode(t.value);
    case 'bnode':
      return DataFactory.blankNode(t.value);
    default:
      return DataFactory.literal(t.value, t['xml:lang'] ?? (t.datatype ? DataFactory.namedNode(t.datatype) : undefined));
  }
}

/**
 * Runs one SPARQL query over the release, whose default graph is the union of
 * the named graphs (see `loadRelease`), so queries need no GRAPH clause.
 * SELECT and ASK come back through the SPARQL JSON results format (which keeps
 * the order of the projected variables); CONSTRUCT and DESCRIBE as quads.
 */
export async function executeQuery(release: Release, query: string): Promise<QueryResult> {
  let json: string;
  try {
    json = release.store.query(query, { results_format: 'application/sparql-results+json' }) as string;
  } catch (e) {
    // A graph-producing query cannot be written as SPARQL JSON results: run it for its quads.
    if (!/Not supported RDF format/i.test((e as Error).message)) throw e;
    return { kind: 'quads', quads: release.store.query(query) as RDF.Quad[] };
  }
  const parsed = JSON.parse(json) as JsonResults;
  if (typeof parsed.boolean === 'boolean') return { kind: 'boolean', value: parsed.boolean };
  const variables = parsed.head.vars ?? [];
  const rows = (parsed.results?.bindings ?? []).map((b) => new Map(Object.entries(b).map(([k, v]) => [k, termOf(v)])));
  return { kind: 'bindings', variables, rows };
}
