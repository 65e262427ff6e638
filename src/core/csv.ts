/**
 * RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside
 * quotes, CRLF or LF rows. One linear pass, no regular expressions.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as records keyed by the header row; a row with another column count is an error. */
export function parseCsvRecords(text: string, name = 'csv'): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r, i) => {
      if (r.length !== header.length) throw new Error(`${name}: row ${i + 2} has ${r.length} fields, the header has ${header.length}`);
      return Object.fromEntries(header.map((h, j) => [h, r[j]!]));
    });
}

/** Splits a `;`-separated list field, dropping empty items. */
export function listField(value: string | undefined): string[] {
  return (value ?? '').split(';').map((s) => s.trim()).filter(Boolean);
}
