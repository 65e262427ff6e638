/**
 * The query facade: SPARQL 1.1 over a loaded release. Every caller (the query
 * command, later the endpoint) goes through `executeQuery`, so the engine behind
 * it can change without changing their behaviour.
 */
import { QueryEngine } from '@comunica/query-sparql';
import type * as RDF from '@rdfjs/types';
import type { Store } from 'n3';

export type QueryResult =
  | { kind: 'bindings'; variables: string[]; rows: Map<string, RDF.Term>[] }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'quads'; quads: RDF.Quad[] };

let engine: QueryEngine | undefined;

/** Comunica reports a variable either as an RDF/JS Variable or wrapped as `{ variable, canBeUndef }`. */
function variableName(v: RDF.Variable | { variable: RDF.Variable }): string {
  return 'variable' in v ? v.variable.value : v.value;
}

/**
 * Runs one SPARQL query over `store`, whose default graph holds the union of the
 * named graphs (see `loadRelease`), so queries need no GRAPH clause.
 */
export async function executeQuery(store: Store, query: string): Promise<QueryResult> {
  engine ??= new QueryEngine();
  const context = { sources: [store] };
  const result = await engine.query(query, context);
  switch (result.resultType) {
    case 'bindings': {
      const metadata = await result.metadata();
      const variables = metadata.variables.map(variableName);
      const stream = await result.execute();
      const rows: Map<string, RDF.Term>[] = [];
      for await (const b of stream) {
        const row = new Map<string, RDF.Term>();
        for (const [k, v] of b) row.set(k.value, v);
        rows.push(row);
      }
      return { kind: 'bindings', variables, rows };
    }
    case 'boolean':
      return { kind: 'boolean', value: await result.execute() };
    case 'quads': {
      const stream = await result.execute();
      const quads: RDF.Quad[] = [];
      for await (const q of stream) quads.push(q);
      return { kind: 'quads', quads };
    }
    default:
      throw new Error('this query form is not supported: only SELECT, ASK, CONSTRUCT and DESCRIBE are answered');
  }
}
