/**
 * A minimal CSV on the Web → RDF conversion (W3C "Generating RDF from Tabular
 * Data on the Web", minimal mode), driven only by a table group's metadata:
 * `aboutUrl`, `propertyUrl` and `valueUrl` templates, `datatype`, `lang`,
 * `separator`, `null`, `default`, `required`, `suppressOutput` and virtual
 * columns, inherited from table group to table to schema to column. It exists
 * to check that loa's CSV edition says what the dumps say (the CSV tests turn
 * the tables back into triples and look for each one in the published graph),
 * and reads any metadata of that shape.
 *
 * Left out, because loa's metadata does not use them: embedded metadata, the
 * dialect beyond a header row (cells are split by `src/core/csv.ts`, RFC 4180
 * with or without a byte order mark), `format` patterns, ordered lists, other
 * URI template operators than `{var}` and `{+var}`, and the table and row
 * descriptions of the standard mode.
 */
import { DataFactory, type Literal, type NamedNode, type Quad } from 'n3';
import { parseCsv } from '../core/csv.ts';
import { XSD } from '../core/vocab.ts';

type Json = Record<string, unknown>;
type CellValue = string | string[] | null;

/** The prefixes of the CSVW context that a `propertyUrl` or `valueUrl` may be written with. */
const PREFIXES: Record<string, string> = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  schema: 'http://schema.org/',
  dc: 'http://purl.org/dc/terms/',
  dcterms: 'http://purl.org/dc/terms/',
  org: 'http://www.w3.org/ns/org#',
  prov: 'http://www.w3.org/ns/prov#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  time: 'http://www.w3.org/2006/time#',
  foaf: 'http://xmlns.com/foaf/0.1/',
};

/** CSVW built-in datatype names and the XSD types they stand for (the ones a literal can be written in). */
const DATATYPES: Record<string, string> = {
  string: XSD.string.value,
  anyURI: XSD.anyURI.value,
  boolean: XSD.boolean.value,
  date: XSD.date.value,
  dateTime: XSD.dateTime.value,
  integer: XSD.integer.value,
  decimal: XSD.decimal.value,
  gYear: XSD.gYear.value,
  nonNegativeInteger: XSD.nonNegativeInteger.value,
};

/** Lexical checks of the datatypes that have one here; a cell that fails is an error, not a silent literal. */
const LEXICAL: Record<string, RegExp> = {
  boolean: /^(?:true|false|1|0)$/,
  date: /^-?\d{4,}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})?$/,
  dateTime: /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/,
  integer: /^[+-]?\d+$/,
  nonNegativeInteger: /^\+?\d+$/,
  gYear: /^-?\d{4,}(?:Z|[+-]\d{2}:\d{2})?$/,
  decimal: /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/,
};

/** Properties a column inherits from its schema, table and table group. */
const INHERITED = ['aboutUrl', 'propertyUrl', 'valueUrl', 'datatype', 'lang', 'null', 'default', 'separator', 'required'] as const;

/** Characters RFC 6570 leaves as they are: unreserved in `{var}`, unreserved and reserved in `{+var}`. */
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const RESERVED = /[:/?#[\]@!$&'()*+,;=]/;

function percentEncode(text: string, allowReserved: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (UNRESERVED.test(ch) || (allowReserved && RESERVED.test(ch))) out += ch;
    else if (allowReserved && ch === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) out += ch;
    else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const byte of Buffer.from(String.fromCodePoint(cp), 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** Expands an RFC 6570 template of `{var}` and `{+var}` expressions; a list value joins with commas, null gives nothing. */
export function expandTemplate(template: string, vars: Readonly<Record<string, CellValue>>): string {
  return template.replace(/\{([+]?)([A-Za-z0-9_.%]+)\}/g, (_, op: string, name: string) => {
    const value = vars[decodeURIComponent(name)];
    if (value === null || value === undefined) return '';
    const parts = Array.isArray(value) ? value : [value];
    return parts.map((p) => percentEncode(p, op === '+')).join(',');
  });
}

function expandUrl(template: string, vars: Readonly<Record<string, CellValue>>, base: string, prefixed: boolean): string {
  const expanded = expandTemplate(template, vars);
  const curie = /^([A-Za-z][A-Za-z0-9_-]*):(.*)$/.exec(expanded);
  if (prefixed && curie && PREFIXES[curie[1]!] !== undefined && !curie[2]!.startsWith('//')) return PREFIXES[curie[1]!]! + curie[2]!;
  return resolve(expanded, base);
}

/** Resolves a relative URL against the table's; an absolute IRI is kept exactly (no normalisation). */
function resolve(url: string, base: string): string {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) ? url : new URL(url, base).href;
}

function datatypeOf(spec: unknown): { name: string; iri: string } {
  const name = typeof spec === 'object' && spec !== null ? String((spec as Json).base ?? 'string') : String(spec ?? 'string');
  const iri = DATATYPES[name] ?? (/^[a-z][a-z0-9+.-]*:/i.test(name) ? name : undefined);
  if (iri === undefined) throw new Error(`csvw: datatype "${name}" is not supported`);
  return { name, iri };
}

/** The effective value of an inherited property for a column. */
function inherited(key: (typeof INHERITED)[number], ...levels: Json[]): unknown {
  for (const level of levels) if (level[key] !== undefined) return level[key];
  return undefined;
}

interface Column {
  json: Json;
  name: string;
  props: Partial<Record<(typeof INHERITED)[number], unknown>>;
}

/**
 * Converts every table of `metadata` to triples. `readTable(url)` returns the
 * text of a table, by its `url` as the metadata writes it; `metadataUrl` is the
 * URL relative table URLs resolve against.
 */
export function csvwToRdf(metadata: Json, readTable: (url: string) => string, metadataUrl: string): Quad[] {
  const quads: Quad[] = [];
  const tables = (metadata.tables as Json[] | undefined) ?? [metadata];
  for (const table of tables) quads.push(...tableToRdf(metadata, table, readTable, metadataUrl));
  return quads;
}

function tableToRdf(group: Json, table: Json, readTable: (url: string) => string, metadataUrl: string): Quad[] {
  const url = String(table.url);
  const tableUrl = resolve(url, metadataUrl);
  const schema = (table.tableSchema as Json | undefined) ?? (group.tableSchema as Json | undefined) ?? {};
  const columns: Column[] = ((schema.columns as Json[] | undefined) ?? []).map((json, i) => ({
    json,
    name: String(json.name ?? `_col.${i + 1}`),
    props: Object.fromEntries(INHERITED.map((k) => [k, inherited(k, json, schema, table, group)])),
  }));
  const real = columns.filter((c) => c.json.virtual !== true);
  const dialect = (table.dialect as Json | undefined) ?? (group.dialect as Json | undefined) ?? {};
  const headerRows = dialect.header === false ? 0 : Number(dialect.headerRowCount ?? 1);
  const records = parseCsv(readTable(url)).slice(headerRows);
  const quads: Quad[] = [];
  records.forEach((record, r) => {
    if (record.length !== real.length) throw new Error(`csvw: ${url} record ${r + headerRows + 1} has ${record.length} cells, the schema ${real.length} columns`);
    const vars: Record<string, CellValue> = { _row: String(r + 1) };
    real.forEach((c, i) => (vars[c.name] = cellValue(record[i]!, c, url, r + headerRows + 1)));
    const rowNode = DataFactory.blankNode();
    for (const c of columns) {
      if (c.json.suppressOutput === true) continue;
      const virtual = c.json.virtual === true;
      // A virtual column states a fact of every row; it needs a valueUrl to have an object.
      if (virtual && c.props.valueUrl === undefined) continue;
      const value = virtual ? null : vars[c.name]!;
      if (!virtual && (value === null || (Array.isArray(value) && value.length === 0))) continue;
      const about = c.props.aboutUrl === undefined ? rowNode : DataFactory.namedNode(expandUrl(String(c.props.aboutUrl), vars, tableUrl, false));
      const predicate = DataFactory.namedNode(
        c.props.propertyUrl === undefined ? `${tableUrl}#${percentEncode(c.name, false)}` : expandUrl(String(c.props.propertyUrl), vars, tableUrl, true),
      );
      for (const object of objectsOf(c, value, vars, tableUrl)) quads.push(DataFactory.quad(about, predicate, object));
    }
  });
  return quads;
}

/** A cell's value: null, a string, or a list of strings for a column with a separator. */
function cellValue(raw: string, c: Column, url: string, record: number): CellValue {
  const nulls = c.props.null === undefined ? [''] : ([] as unknown[]).concat(c.props.null).map(String);
  const text = raw === '' && c.props.default !== undefined ? String(c.props.default) : raw;
  const value: CellValue = nulls.includes(text) ? null : c.props.separator == null ? text : text.split(String(c.props.separator)).map((s) => s.trim());
  if (value === null && c.props.required === true) throw new Error(`csvw: ${url} record ${record}: the required column ${c.name} is empty`);
  return value;
}

function objectsOf(c: Column, value: CellValue, vars: Record<string, CellValue>, tableUrl: string): (NamedNode | Literal)[] {
  if (c.props.valueUrl !== undefined) return [DataFactory.namedNode(expandUrl(String(c.props.valueUrl), vars, tableUrl, true))];
  const { name, iri } = datatypeOf(c.props.datatype);
  const lang = c.props.lang === undefined ? undefined : String(c.props.lang);
  return ([] as string[]).concat(value ?? []).map((v) => {
    const lexical = name === 'string' ? v : v.trim();
    const check = LEXICAL[name];
    if (check && !check.test(lexical)) throw new Error(`csvw: "${v}" in column ${c.name} is not a valid ${name}`);
    if (name === 'string' && lang !== undefined && lang !== 'und') return DataFactory.literal(lexical, lang);
    const canonical = name === 'boolean' ? String(lexical === 'true' || lexical === '1') : lexical;
    return DataFactory.literal(canonical, DataFactory.namedNode(iri));
  });
}
