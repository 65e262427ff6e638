/**
 * Writing CSV as RFC 4180 has it, in the one dialect every loa table uses:
 * UTF-8 with a byte order mark, comma-separated, CRLF after every record (the
 * last included), a header row, and a field quoted exactly when it holds a
 * quote, a comma, a carriage return or a line feed (quotes inside doubled).
 *
 * The byte order mark is there for spreadsheets: without it Excel reads a
 * UTF-8 file in the machine's legacy code page and mangles every diacritic.
 * CSV on the Web readers decode UTF-8 as the Encoding Standard does, which
 * drops the mark, so it costs them nothing. `CSV_DIALECT` says all of this in
 * the terms of the CSVW metadata.
 *
 * Values are written exactly as the graph has them. In particular a cell that
 * starts with `=`, `+`, `-` or `@` is NOT prefixed with an apostrophe, the usual
 * guard against spreadsheet formula injection: the CSVW mapping must give back
 * the published value, and a prefix would end up in every triple it produces
 * and in every program (pandas, R, a portal's preview) that reads the files,
 * none of which can tell a guard from a real apostrophe. Quoting is no guard either (a spreadsheet evaluates a quoted
 * `=` just the same). The risk is stated in the metadata instead
 * (`SPREADSHEET_NOTE`): import the files with columns as text rather than
 * opening them by double-clicking.
 */

/** The byte order mark every file starts with. */
export const BOM = '\uFEFF';

/** The record separator. */
export const CRLF = '\r\n';

/** The dialect above, as a CSVW dialect description (https://www.w3.org/TR/tabular-metadata/#dialect-descriptions). */
export const CSV_DIALECT = {
  encoding: 'utf-8',
  lineTerminators: [CRLF],
  delimiter: ',',
  quoteChar: '"',
  doubleQuote: true,
  header: true,
  headerRowCount: 1,
  skipRows: 0,
  skipBlankRows: false,
  skipInitialSpace: false,
  // CSVW trims cells by default; loa's values are exact, spaces included.
  trim: false,
} as const;

/** What a reader should know before opening the files in a spreadsheet (English and Vietnamese). */
export const SPREADSHEET_NOTE = {
  en:
    'UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting. Cells hold the published values unchanged: ' +
    'a cell may begin with =, +, - or @, which a spreadsheet can take for a formula. Import the files with every ' +
    'column as text rather than opening them directly.',
  vi:
    'Mã UTF-8 có BOM, xuống dòng CRLF, dấu ngoặc kép theo RFC 4180. Các ô giữ nguyên giá trị đã công bố: ' +
    'ô có thể bắt đầu bằng =, +, - hoặc @ và bảng tính có thể hiểu nhầm là công thức. Hãy nhập tệp với mọi cột ở ' +
    'dạng văn bản thay vì mở trực tiếp.',
} as const;

/** A field as it is written: quoted (inner quotes doubled) when it holds `"`, `,`, CR or LF; otherwise as is. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record with its CRLF. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + CRLF;
}
