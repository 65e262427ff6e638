/**
 * Query results written as SPARQL 1.1 JSON, CSV and TSV (per the W3C result
 * formats), a text table for terminals, and Turtle or N-Triples for graphs.
 */
import { DataFactory, Writer } from 'n3';
import type * as RDF from '@rdfjs/types';
import { NS } from '../core/vocab.ts';
import type { QueryResult } from './engine.ts';

export const RESULT_FORMATS = ['table', 'json', 'csv', 'tsv', 'turtle', 'ntriples'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

function termJson(t: RDF.Term): Record<string, string> {
  switch (t.termType) {
    case 'NamedNode':
      return { type: 'uri', value: t.value };
    case 'BlankNode':
      return { type: 'bnode', value: t.value };
    case 'Literal': {
      const out: Record<string, string> = { type: 'literal', value: t.value };
      if (t.language) out['xml:lang'] = t.language;
      else if (t.datatype && t.datatype.value !== `${NS.xsd}string`) out.datatype = t.datatype.value;
      return out;
    }
    default:
      return { type: 'literal', value: t.value };
  }
}

/** An N3.js term with the same meaning as any RDF/JS term. */
function copyTerm(t: RDF.Term): RDF.Term {
  switch (t.termType) {
    case 'NamedNode':
      return DataFactory.namedNode(t.value);
    case 'BlankNode':
      return DataFactory.blankNode(t.value);
    case 'Literal':
      return DataFactory.literal(t.value, t.language || DataFactory.namedNode(t.datatype.value));
    default:
      return t;
  }
}

/** CSV field per RFC 4180: quoted when it holds a comma, quote or line break. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A term in the TSV results format (SPARQL syntax for terms). */
function tsvTerm(t: RDF.Term): string {
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.termType === 'Literal') {
    const body = `"${t.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
    if (t.language) return `${body}@${t.language}`;
    if (t.datatype && t.datatype.value !== `${NS.xsd}string`) return `${body}^^<${t.datatype.value}>`;
    return body;
  }
  return t.value;
}

export function formatResult(result: QueryResult, format: ResultFormat): string {
  if (result.kind === 'quads') {
    const writer = new Writer({ format: format === 'ntriples' ? 'N-Triples' : 'Turtle', prefixes: format === 'ntriples' ? {} : { ...NS } });
    let out = '';
    // oxigraph's terms keep their parts behind getters, which a spread would lose: rebuild each triple.
    writer.addQuads(result.quads.map((q) => DataFactory.quad(copyTerm(q.subject) as RDF.Quad_Subject, copyTerm(q.predicate) as RDF.Quad_Predicate, copyTerm(q.object) as RDF.Quad_Object)));
    writer.end((_e, s: string) => (out = s));
    return out;
  }
  if (result.kind === 'boolean') {
    switch (format) {
      case 'json':
        return `${JSON.stringify({ head: {}, boolean: result.value })}\n`;
      case 'csv':
      case 'tsv':
        return `${result.value}\n`;
      default:
        return `${result.value ? 'yes' : 'no'}\n`;
    }
  }
  const { variables, rows } = result;
  switch (format) {
    case 'json':
      return `${JSON.stringify({
        head: { vars: variables },
        results: { bindings: rows.map((r) => Object.fromEntries([...r].map(([k, v]) => [k, termJson(v)]))) },
      })}\n`;
    case 'csv':
      return [variables.join(','), ...rows.map((r) => variables.map((v) => csvField(r.get(v)?.value ?? '')).join(','))].join('\r\n') + '\r\n';
    case 'tsv':
      return [variables.map((v) => `?${v}`).join('\t'), ...rows.map((r) => variables.map((v) => (r.has(v) ? tsvTerm(r.get(v)!) : '')).join('\t'))].join('\n') + '\n';
    default:
      return textTable(variables, rows);
  }
}

/** Columns padded to their widest value (at most 60 characters shown per cell). */
function textTable(variables: string[], rows: Map<string, RDF.Term>[]): string {
  const cell = (t: RDF.Term | undefined) => {
    const s = t === undefined ? '' : t.termType === 'NamedNode' ? `<${t.value}>` : t.value.replace(/\s+/g, ' ');
    return s.length > 60 ? `${s.slice(0, 59)}…` : s;
  };
  const table = [variables, ...rows.map((r) => variables.map((v) => cell(r.get(v))))];
  const widths = variables.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i]!)).join(' │ ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return `${[line(variables), rule, ...table.slice(1).map(line)].join('\n')}\n(${rows.length} row${rows.length === 1 ? '' : 's'})\n`;
}
