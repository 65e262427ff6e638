/**
 * What a request's query text is, found by a real parse (sparqljs) before the
 * engine sees it: a query of which form, or an update; and every `SERVICE` it
 * would call, wherever it sits (in OPTIONAL, in a sub-select, inside FILTER
 * EXISTS). A keyword search could not tell `INSERT` in a string, an IRI or a
 * comment from an update, nor a `SERVICE` inside a literal from a real one.
 * oxigraph's JavaScript API has no parse-only call and would run what parses,
 * hence a second parser. sparqljs is slow on deep nesting, so the text reaching
 * here has passed the size and depth caps; and it runs in the query worker,
 * under the same deadline as the query.
 */
import { Parser, type Query, type SparqlQuery } from 'sparqljs';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/** A `SERVICE` call: its endpoint IRI, or undefined for `SERVICE ?variable`. */
export interface ServiceCall {
  iri: string | undefined;
}

export type Classification =
  | {
      kind: 'query';
      form: QueryForm;
      /** The top-level LIMIT, when there is one. */
      limit: number | undefined;
      /** Triples in a CONSTRUCT template (0 for other forms). */
      templateSize: number;
      services: ServiceCall[];
      /** The parse tree, for the plan pass (`query-plan.ts`). */
      query: Query;
    }
  | { kind: 'update'; operations: string[] }
  | { kind: 'unparsable'; message: string };

const UPDATE_NAMES: Record<string, string> = {
  insert: 'INSERT DATA',
  delete: 'DELETE DATA',
  insertdelete: 'DELETE/INSERT',
  deletewhere: 'DELETE WHERE',
};

function operationName(op: object): string {
  const o = op as { updateType?: string; type?: string };
  if (o.updateType) return UPDATE_NAMES[o.updateType] ?? o.updateType.toUpperCase();
  return (o.type ?? 'update').toUpperCase();
}

/** Every `{ type: 'service' }` node of the parse tree, found by walking all of it. */
function servicesIn(node: unknown, found: ServiceCall[] = []): ServiceCall[] {
  if (Array.isArray(node)) {
    for (const item of node) servicesIn(item, found);
  } else if (node !== null && typeof node === 'object') {
    const o = node as { type?: unknown; name?: { termType?: string; value?: string } };
    if (o.type === 'service') found.push({ iri: o.name?.termType === 'NamedNode' ? o.name.value : undefined });
    for (const value of Object.values(node)) if (value !== null && typeof value === 'object') servicesIn(value, found);
  }
  return found;
}

/**
 * Parses `text` and says what it is.
 *
 * @example classifyQuery('LOAD <http://example.org/data>') // { kind: 'update', operations: ['LOAD'] }
 */
export function classifyQuery(text: string): Classification {
  let parsed: SparqlQuery;
  try {
    parsed = new Parser({ sparqlStar: true }).parse(text);
  } catch (e) {
    return { kind: 'unparsable', message: (e as Error).message };
  }
  // Empty text, or a prologue alone, parses as neither a query nor an update (or as an update of nothing).
  const nothing = { kind: 'unparsable', message: 'no query: expected SELECT, ASK, CONSTRUCT or DESCRIBE' } as const;
  if (parsed.type === 'update') return parsed.updates.length === 0 ? nothing : { kind: 'update', operations: parsed.updates.map(operationName) };
  if (parsed.type !== 'query') return nothing;
  const limit = (parsed as { limit?: number }).limit;
  return {
    kind: 'query',
    form: parsed.queryType,
    limit,
    templateSize: parsed.queryType === 'CONSTRUCT' ? (parsed.template?.length ?? 0) : 0,
    services: servicesIn(parsed),
    query: parsed,
  };
}
