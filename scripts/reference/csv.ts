/**
 * A small RFC 4180 CSV reader and writer for the reference tables.
 *
 * Reading accepts quoted fields with embedded commas, doubled quotes and line
 * breaks, LF or CRLF record ends, a UTF-8 BOM, and a missing final newline.
 * Writing quotes a field only when it must (comma, quote, CR or LF, or leading /
 * trailing space), ends every record with LF, and never writes a BOM, so the
 * same rows always give the same bytes.
 */

export type Row = Record<string, string>;

export class CsvError extends Error {}

/** Parse CSV text into records (arrays of fields). Blank trailing lines are ignored. */
export function parseRecords(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let inQuotes = false;
  let fieldStarted = false;
  let line = 1;
  while (i < src.length) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        const next = src[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvError(`line ${line}: unexpected character ${JSON.stringify(next)} after closing quote`);
        }
        continue;
      }
      if (ch === '\n') line += 1;
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (fieldStarted || field.length > 0) {
        throw new CsvError(`line ${line}: quote inside an unquoted field`);
      }
      inQuotes = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line += 1;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i += 1;
  }
  if (inQuotes) throw new CsvError(`line ${line}: unterminated quoted field`);
  if (fieldStarted || field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  // Drop blank trailing records (a lone empty field) produced by extra newlines.
  while (records.length > 0) {
    const last = records[records.length - 1]!;
    if (last.length === 1 && last[0] === '') records.pop();
    else break;
  }
  return records;
}

export interface Table {
  header: string[];
  rows: Row[];
}

/**
 * Parse CSV text with a header row into objects keyed by column name.
 * Throws if any record's field count differs from the header's.
 */
export function parseCsv(text: string, opts: { lenient?: boolean } = {}): Table {
  const records = parseRecords(text);
  const header = records[0];
  if (!header) throw new CsvError('empty CSV: no header row');
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new CsvError(`duplicate column ${JSON.stringify(name)}`);
    seen.add(name);
  }
  const rows: Row[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.length !== header.length) {
      if (!opts.lenient) {
        throw new CsvError(`record ${r + 1}: ${rec.length} fields, header has ${header.length}`);
      }
      continue;
    }
    const row: Row = {};
    header.forEach((name, k) => {
      row[name] = rec[k]!;
    });
    rows.push(row);
  }
  return { header, rows };
}

function quoteField(value: string): string {
  if (value === '') return '';
  if (/[",\r\n]/.test(value) || /^\s|\s$/.test(value)) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

/** Serialise records (header first) as CSV with LF line ends and a final LF. */
export function stringifyRecords(records: readonly (readonly string[])[]): string {
  return records.map((rec) => rec.map(quoteField).join(',')).join('\n') + '\n';
}

/** Serialise objects in the given column order. Missing values are written empty. */
export function stringifyCsv(header: readonly string[], rows: readonly Row[]): string {
  return stringifyRecords([header, ...rows.map((row) => header.map((name) => row[name] ?? ''))]);
}
