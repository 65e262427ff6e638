/**
 * `csv-metadata.json`: the tables as one CSV on the Web table group (W3C
 * "Metadata Vocabulary for Tabular Data"). It gives each table's columns with
 * their titles in Vietnamese and English, datatypes, languages and list
 * separators, and maps every column that states a fact to the RDF terms the
 * dumps use, so a CSVW processor turns the tables back into statements of the
 * published graph. Keys and foreign keys say how the tables join. The file name
 * is the one CSVW processors look for beside the tables.
 */
import { RDF } from '../../core/vocab.ts';
import type { ReleaseContext } from '../release-context.ts';
import { CSV_DIALECT, SPREADSHEET_NOTE } from './rfc4180.ts';
import type { ColumnDef, TableDef, Titles } from './table-def.ts';

export const METADATA_FILE = 'csv-metadata.json';

/** A table as written, with the separator chosen for each of its list columns. */
export interface WrittenTable {
  def: TableDef;
  separators: ReadonlyMap<string, string>;
}

export function tableFile(name: string): string {
  return `${name}.csv`;
}

function languageValues(titles: Titles): { '@value': string; '@language': string }[] {
  return [
    { '@value': titles.en, '@language': 'en' },
    { '@value': titles.vi, '@language': 'vi' },
  ];
}

function columnJson(column: ColumnDef, separator: string | undefined): Record<string, unknown> {
  return {
    name: column.name,
    // The header row holds the name; it is also the language-neutral title, so the header matches the metadata.
    titles: { und: column.name, en: column.titles.en, vi: column.titles.vi },
    datatype: column.datatype,
    ...(column.lang && { lang: column.lang }),
    ...(separator !== undefined && { separator }),
    ...(column.required && { required: true }),
    ...(column.aboutUrl && { aboutUrl: column.aboutUrl }),
    ...(column.propertyUrl ? { propertyUrl: column.propertyUrl } : { suppressOutput: true }),
    ...(column.valueUrl && { valueUrl: column.valueUrl }),
  };
}

function tableJson(table: WrittenTable, keyOf: (name: string) => string[]): Record<string, unknown> {
  const { def } = table;
  const single = (cols: string[]) => (cols.length === 1 ? cols[0] : cols);
  const types = def.types.map((cls, i) => ({
    name: def.types.length === 1 ? 'rdf_type' : `rdf_type_${i + 1}`,
    virtual: true,
    propertyUrl: RDF.type.value,
    valueUrl: cls,
  }));
  return {
    url: tableFile(def.name),
    'dc:title': languageValues(def.titles),
    'dc:description': { '@value': def.description, '@language': 'en' },
    tableSchema: {
      aboutUrl: def.aboutUrl,
      columns: [...def.columns.map((c) => columnJson(c, table.separators.get(c.name))), ...types],
      primaryKey: single(def.primaryKey),
      ...(def.foreignKeys.length > 0 && {
        foreignKeys: def.foreignKeys.map((fk) => ({
          columnReference: fk.column,
          reference: { resource: tableFile(fk.table), columnReference: single(keyOf(fk.table)) },
        })),
      }),
    },
  };
}

/** The table group describing `tables`, as the JSON object written to `csv-metadata.json`. */
export function csvwMetadata(ctx: Pick<ReleaseContext, 'publication' | 'issued' | 'version' | 'iris'>, tables: readonly WrittenTable[]): Record<string, unknown> {
  const keyOf = (name: string) => {
    const found = tables.find((t) => t.def.name === name);
    if (!found) throw new Error(`csv: a foreign key refers to the table "${name}", which is not written`);
    return found.def.primaryKey;
  };
  return {
    '@context': 'http://www.w3.org/ns/csvw',
    '@type': 'TableGroup',
    'dc:title': languageValues(ctx.publication.title),
    'dc:description': languageValues(ctx.publication.description),
    'dc:license': { '@id': ctx.publication.licence },
    'dc:publisher': { '@id': ctx.publication.publisher },
    'dc:issued': { '@value': ctx.issued, '@type': 'xsd:date' },
    'dc:isPartOf': { '@id': ctx.iris.dataset().value },
    'schema:version': ctx.version,
    'rdfs:comment': languageValues(SPREADSHEET_NOTE),
    dialect: CSV_DIALECT,
    tables: tables.map((t) => tableJson(t, keyOf)),
  };
}
