/**
 * Query results reduced to what the harness compares: a row count and a
 * digest that is the same for the same rows in any order, whichever engine
 * produced the RDF/JS terms.
 */
import { createHash } from 'node:crypto';
import type * as RDF from '@rdfjs/types';

/** One row of a SELECT result, as both engines give it. */
export type Row = Map<string, RDF.Term>;

function termKey(t: RDF.Term): string {
  return t.termType === 'Literal' ? `Literal:${t.value}@${t.language}^${t.datatype.value}` : `${t.termType}:${t.value}`;
}

/**
 * SHA-256 of the sorted canonical lines of the rows.
 *
 * @example digestRows([]) === digestRows([]) // same rows in any order give the same digest
 */
export function digestRows(rows: readonly Row[]): string {
  const lines = rows.map((row) =>
    [...row.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, t]) => `${k}=${termKey(t)}`)
      .join(' '),
  );
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}
