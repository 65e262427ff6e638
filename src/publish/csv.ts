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
import { createHash } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../core/hash.ts';
import { GraphReader } from './csv/graph-reader.ts';
import { csvwMetadata, METADATA_FILE, tableFile, type WrittenTable } from './csv/metadata.ts';
import { BOM, csvRecord } from './csv/rfc4180.ts';
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

/** Records turned into text and written at a time: a large table (427,000 event links at 100k) is never one string. */
const RECORDS_PER_WRITE = 8192;

/** Writes `{ctx.dir}/csv/{name}` (the folder must exist) a few thousand records at a time, hashing as it goes. */
export async function writeTableFile(ctx: ReleaseContext, name: string, header: readonly string[], count: number, record: (i: number) => string[], title: string): Promise<ReleaseFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  const file = await open(join(ctx.dir, CSV_FOLDER, name), 'w');
  try {
    const put = async (text: string) => {
      const chunk = Buffer.from(text, 'utf8');
      hash.update(chunk);
      bytes += chunk.length;
      for (let at = 0; at < chunk.length; ) at += (await file.write(chunk, at)).bytesWritten;
    };
    await put(BOM + csvRecord(header));
    for (let i = 0; i < count; i += RECORDS_PER_WRITE) {
      let text = '';
      for (let j = i; j < Math.min(count, i + RECORDS_PER_WRITE); j++) text += csvRecord(record(j));
      await put(text);
    }
  } finally {
    await file.close();
  }
  return { path: `${CSV_FOLDER}/${name}`, bytes, sha256: hash.digest('hex'), mediaType: 'text/csv', title };
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
    const record = (i: number) => def.columns.map((c) => cellText(rows[i]!, c, separators.get(c.name) ?? ''));
    files.push(await writeTableFile(ctx, tableFile(def.name), def.columns.map((c) => c.name), rows.length, record, `${def.description} (CSV)`));
    written.push({ def, separators });
  }
  const metadata = `${JSON.stringify(csvwMetadata(ctx, written), null, 2)}\n`;
  files.push(await writeReleaseFile(ctx, METADATA_FILE, metadata, 'application/csvm+json', 'CSV on the Web metadata of the CSV tables: columns, datatypes, keys and their RDF mapping'));
  return files;
}
