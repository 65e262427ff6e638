/**
 * How a CSV table is declared: its columns, each with the RDF statement it
 * stands for in CSV on the Web terms (`propertyUrl`, `valueUrl`, `aboutUrl`,
 * datatype, language), and the function that reads its rows from the graph.
 * One declaration gives both the file and its part of `csv-metadata.json`, so
 * the two cannot drift apart.
 */
import type { GraphReader } from './graph-reader.ts';

export interface Titles {
  en: string;
  vi: string;
}

/** The CSVW built-in datatypes the tables use (each names the XSD type of the same name). */
export type CsvwDatatype = 'string' | 'date' | 'dateTime' | 'boolean' | 'integer' | 'anyURI';

export interface ColumnDef {
  /** The header cell and the CSVW column name: ASCII snake_case. */
  name: string;
  titles: Titles;
  datatype: CsvwDatatype;
  /** Language of the text (a `@vi` or `@en` literal in the graph). */
  lang?: 'vi' | 'en';
  /** Several values in one cell, joined by a separator chosen when the file is written. */
  list?: boolean;
  /** Every row has a value (the key columns). */
  required?: boolean;
  /** The predicate, as an IRI or a URI template; a column without one is for people only (`suppressOutput`). */
  propertyUrl?: string;
  /** For an IRI-valued statement, the template of the object (usually this column's own value). */
  valueUrl?: string;
  /** When the statement is about another node than the row's entity (the name of a row's agency, say). */
  aboutUrl?: string;
}

export interface ForeignKey {
  column: string;
  /** The table (its `name`) whose key the column holds. */
  table: string;
}

/** A cell: one value, the values of a list column, or nothing (an empty cell). */
export type Cell = string | readonly string[] | undefined;
export type Row = Readonly<Record<string, Cell>>;

export interface TableDef {
  /** File name without `.csv`. */
  name: string;
  titles: Titles;
  /** One line saying what a row is (English), for the release file list. */
  description: string;
  /** Columns whose values identify a row; rows are sorted by them. */
  primaryKey: string[];
  /** Template of the IRI each row is about, e.g. `{+person}`. */
  aboutUrl: string;
  /** Classes every row's entity has, written as virtual `rdf:type` columns. */
  types: string[];
  columns: ColumnDef[];
  foreignKeys: ForeignKey[];
  rows(graph: GraphReader): Row[];
}

/** The URI template that gives a column's value as it stands (RFC 6570 reserved expansion). */
export function valueOf(column: string): string {
  return `{+${column}}`;
}
