/**
 * The query facade: SPARQL 1.1 over a loaded release. Every caller (the query
 * command, later the endpoint) goes through `executeQuery`, so the engine behind
 * it can change without changing their behaviour.
 */
import { DataFactory } from 'n3';
import type * as RDF from '@rdfjs/types';
import { BlankNode as OxBlankNode, Literal as OxLiteral, NamedNode as OxNamedNode, Quad as OxQuad, type Term as OxTerm } from 'oxigraph';
import type { Release } from './load-release.ts';
import { planQuery } from './query-plan.ts';

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

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/** The few datatypes a release uses, made once each (at most this many kept). */
const datatypes = new Map<string, RDF.NamedNode>();
const DATATYPES_KEPT = 1024;

function datatype(iri: string): RDF.NamedNode | undefined {
  if (iri === XSD_STRING) return undefined;
  let node = datatypes.get(iri);
  if (!node) {
    node = DataFactory.namedNode(iri);
    if (datatypes.size < DATATYPES_KEPT) datatypes.set(iri, node);
  }
  return node;
}

/**
 * An oxigraph term as the N3.js term the SPARQL JSON results gave before (a
 * triple term as an N3.js quad). The oxigraph term is freed at once: its
 * WebAssembly memory would otherwise wait for garbage collection, and a tight
 * loop of queries piles such terms up until every query slows down.
 */
function n3Term(t: OxTerm): RDF.Term {
  if (t instanceof OxNamedNode) {
    const term = DataFactory.namedNode(t.value);
    freeTerm(t);
    return term;
  }
  if (t instanceof OxLiteral) {
    const language = t.language;
    let term: RDF.Literal;
    if (language) term = DataFactory.literal(t.value, language);
    else {
      const type = t.datatype;
      term = DataFactory.literal(t.value, datatype(type.value));
      freeTerm(type);
    }
    freeTerm(t);
    return term;
  }
  if (t instanceof OxBlankNode) {
    const term = DataFactory.blankNode(t.value);
    freeTerm(t);
    return term;
  }
  if (t instanceof OxQuad) {
    const term = DataFactory.quad(n3Term(t.subject) as RDF.Quad_Subject, n3Term(t.predicate) as RDF.Quad_Predicate, n3Term(t.object) as RDF.Quad_Object);
    freeTerm(t);
    return term;
  }
  return t as RDF.Term;
}

/** `free()` of oxigraph's WebAssembly-backed classes (generated, not in its type declarations). */
function freeTerm(t: OxNamedNode | OxLiteral | OxBlankNode | OxQuad): void {
  (t as unknown as { free(): void }).free();
}

export interface ExecuteOptions {
  /** Run the query as written, without the plan pass (for comparisons). */
  asWritten?: boolean;
}

/**
 * Runs one SPARQL query over the release, whose default graph is the union of
 * the named graphs (see `loadRelease`), so queries need no GRAPH clause.
 *
 * The query first goes through the plan pass (`query-plan.ts`: the same
 * solutions, its patterns in a better order). A SELECT with an explicit
 * projection takes oxigraph's own solutions, whose variables come in the
 * projection's order (from the plan, which names them); `SELECT *` and text
 * the plan could not read come back through the SPARQL JSON results format,
 * which lists the variables as oxigraph orders them. ASK gives a boolean,
 * CONSTRUCT and DESCRIBE quads.
 */
export async function executeQuery(release: Release, query: string, options: ExecuteOptions = {}): Promise<QueryResult> {
  const plan = planQuery(query);
  const text = options.asWritten ? query : plan.text;
  const store = release.store;
  switch (plan.form) {
    case 'SELECT':
      if (plan.variables) return solutions(store.query(text) as Map<string, OxTerm>[], plan.variables);
      return viaJson(release, text);
    case 'ASK':
      return { kind: 'boolean', value: store.query(text) as boolean };
    case 'CONSTRUCT':
    case 'DESCRIBE':
      return { kind: 'quads', quads: store.query(text) as RDF.Quad[] };
    default:
      return viaJson(release, text);
  }
}

function solutions(found: Map<string, OxTerm>[], variables: readonly string[]): QueryResult {
  const rows = new Array<Map<string, RDF.Term>>(found.length);
  for (let i = 0; i < found.length; i++) {
    const solution = found[i]!;
    const row = new Map<string, RDF.Term>();
    for (const v of variables) {
      const t = solution.get(v);
      if (t !== undefined) row.set(v, n3Term(t));
    }
    rows[i] = row;
  }
  return { kind: 'bindings', variables: [...variables], rows };
}

/** A query through the SPARQL JSON results format, which keeps oxigraph's order of the variables. */
function viaJson(release: Release, query: string): QueryResult {
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
