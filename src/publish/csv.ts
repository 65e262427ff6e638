/**
 * The CSV edition of a release, for spreadsheets and open-data portals:
 * `csv/officials.csv`, `memberships.csv`, `agencies.csv`, `legal-documents.csv`,
 * `document-relations.csv`, `events.csv`, `event-links.csv`, `announcements.csv`,
 * one row per entity (or per link), read from the release's dumps, and
 * `csv/csv-metadata.json`, the CSV on the Web description that maps every
 * column back to the RDF terms of the dumps.
 *
 * Each file is RFC 4180 in UTF-8 with a byte order mark and CRLF line ends
 * (see `csv/rfc4180.ts`, which also says why values that look like formulas
 * are left as they are). Rows are sorted by their key IRIs and list cells by
 * code point, so the same graph always gives the same bytes. Text is written as
 * the graph holds it: NFC, diacritics kept.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../core/hash.ts';
import { GraphReader } from './csv/graph-reader.ts';
import { csvwMetadata, METADATA_FILE, tableFile, type WrittenTable } from './csv/metadata.ts';
import { csvText } from './csv/rfc4180.ts';
import type { Row, TableDef } from './csv/table-def.ts';
import { cellText, CSV_READS, csvTables, sortRows } from './csv/tables.ts';
import type { ReleaseContext, ReleaseFile } from './release-context.ts';

/** The folder of the CSV edition inside a release. */
export const CSV_FOLDER = 'csv';

/**
 * Separators a list column may use, in order of preference: the first that no
 * value of the column contains is the column's (the metadata names it), so a
 * value is never split in two.
 */
const LIST_SEPARATORS = ['|', ';', '¦'];

function chooseSeparator(table: string, column: string, values: readonly string[]): string {
  const separator = LIST_SEPARATORS.find((sep) => values.every((v) => !v.includes(sep)));
  if (separator === undefined) throw new Error(`csv: every list separator (${LIST_SEPARATORS.join(' ')}) occurs in a value of ${table}.${column}`);
  return separator;
}

/** The separator of each list column of `def`, given its rows. */
function separatorsOf(def: TableDef, rows: readonly Row[]): Map<string, string> {
  const chosen = new Map<string, string>();
  for (const column of def.columns.filter((c) => c.list)) {
    const values = rows.flatMap((r) => {
      const cell = r[column.name];
      return cell === undefined ? [] : typeof cell === 'string' ? [cell] : [...cell];
    });
    chosen.set(column.name, chooseSeparator(def.name, column.name, values));
  }
  return chosen;
}

async function writeReleaseFile(ctx: ReleaseContext, name: string, text: string, mediaType: string, title: string): Promise<ReleaseFile> {
  const bytes = Buffer.from(text, 'utf8');
  const path = `${CSV_FOLDER}/${name}`;
  await writeFile(join(ctx.dir, CSV_FOLDER, name), bytes);
  return { path, bytes: bytes.length, sha256: sha256Hex(bytes), mediaType, title };
}

/**
 * Writes the CSV tables and their CSVW metadata into `{ctx.dir}/csv/` and
 * returns them, the metadata last.
 *
 * @example
 * const files = await writeCsv(ctx);
 * // files[0] → { path: 'csv/officials.csv', mediaType: 'text/csv', bytes: …, sha256: …, title: 'Officials named …' }
 */
export async function writeCsv(ctx: ReleaseContext): Promise<ReleaseFile[]> {
  const graph = await GraphReader.fromDumps(ctx.dumps, ctx.iris.referenceGraph(), CSV_READS);
  await mkdir(join(ctx.dir, CSV_FOLDER), { recursive: true });
  const files: ReleaseFile[] = [];
  const written: WrittenTable[] = [];
  for (const def of csvTables(ctx.iris)) {
    const rows = sortRows(def.rows(graph), def.primaryKey);
    const separators = separatorsOf(def, rows);
    const text = csvText(
      def.columns.map((c) => c.name),
      rows.map((row) => def.columns.map((c) => cellText(row, c, separators.get(c.name) ?? ''))),
    );
    files.push(await writeReleaseFile(ctx, tableFile(def.name), text, 'text/csv', `${def.description} (CSV)`));
    written.push({ def, separators });
  }
  const metadata = `${JSON.stringify(csvwMetadata(ctx, written), null, 2)}\n`;
  files.push(await writeReleaseFile(ctx, METADATA_FILE, metadata, 'application/csvm+json', 'CSV on the Web metadata of the CSV tables: columns, datatypes, keys and their RDF mapping'));
  return files;
}
