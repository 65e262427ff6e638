/**
 * Load the Pháp điển citation table (legal-documents/legal_documents_from_phapdien_citations.csv)
 * and apply the row-level repairs shared by build-issuer-codes.ts and
 * build-known-documents.ts. Every repair is counted so the README can report it.
 *
 * Repairs, in order:
 *  1. text clean-up: NFC, invisible characters, look-alike Ð → Đ, spaces collapsed, trimmed;
 *  2. numbers split across the number and title columns are re-joined
 *     ("159/2006/NĐ-" + "CP Về việc …" → "159/2006/NĐ-CP", title "Về việc …");
 *  3. number spelling (canonicalNumber: case, "_", stray quote, ASCII QD);
 *  4. an issuer column that swallowed part of the title ("Chính phủ quy định … ngày
 *     16/08/2011 của Bộ Tài chính") is cut to the text after the last "ngày dd/mm/yyyy của";
 *     when that date's year equals the year in the number and it is not after the
 *     effective date, it replaces the issue date (which in those rows is the date of
 *     the document being guided, not of this one).
 */
import { resolve } from 'node:path';
import { clean, readTable } from './common.ts';
import { canonicalNumber, numberYear, rejoinSplitNumber, type NumberFix } from './legal-numbers.ts';

export interface CitationRow {
  number: string;
  type: string;
  title: string;
  date: string;
  issuer: string;
  effective_date: string;
  /** The number as it appears in the source (after NFC and trimming only). */
  source_number: string;
}

export interface RepairLog {
  rejoined: { from: string; to: string }[];
  numberFixes: NumberFix[];
  issuerCut: number;
  dateFromIssuer: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function citationsPath(shared: string): string {
  return resolve(shared, 'legal-documents', 'legal_documents_from_phapdien_citations.csv');
}

export function amendmentsPath(shared: string): string {
  return resolve(shared, 'legal-documents', 'legal_document_amendments_from_phapdien.csv');
}

export function loadCitations(shared: string): { rows: CitationRow[]; log: RepairLog } {
  const table = readTable(citationsPath(shared));
  const log: RepairLog = { rejoined: [], numberFixes: [], issuerCut: 0, dateFromIssuer: 0 };
  const rows: CitationRow[] = [];
  for (const r of table.rows) {
    const sourceNumber = clean(r.doc_number ?? '');
    let number = sourceNumber;
    let title = clean(r.title ?? '');
    const joined = rejoinSplitNumber(number, title);
    if (joined) {
      log.rejoined.push({ from: number, to: joined.number });
      number = joined.number;
      title = joined.title;
    }
    number = canonicalNumber(number, log.numberFixes);
    let issuer = clean(r.issuer ?? '');
    let date = clean(r.issue_date ?? '');
    const effective = clean(r.effective_date ?? '');
    const cut = /^(.*) ngày (\d{1,2})\/(\d{1,2})\/(\d{4}) của (.+)$/.exec(issuer);
    if (cut) {
      issuer = cut[5]!.trim();
      log.issuerCut += 1;
      const embedded = `${cut[4]}-${cut[3]!.padStart(2, '0')}-${cut[2]!.padStart(2, '0')}`;
      const year = numberYear(number);
      if (year && year === cut[4] && embedded !== date && (!effective || embedded <= effective)) {
        date = embedded;
        log.dateFromIssuer += 1;
      }
    }
    for (const [name, v] of [
      ['issue_date', date],
      ['effective_date', effective],
    ] as const) {
      if (v && !ISO_DATE.test(v)) throw new Error(`${sourceNumber}: bad ${name} ${v}`);
    }
    rows.push({
      number,
      type: clean(r.doc_type ?? ''),
      title,
      date,
      issuer,
      effective_date: effective,
      source_number: sourceNumber,
    });
  }
  return { rows, log };
}
