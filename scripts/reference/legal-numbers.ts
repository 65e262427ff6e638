/**
 * Document numbers ("số hiệu") as written in Vietnamese legal texts, and the
 * small, documented repairs applied to the Pháp điển citation data.
 *
 * Shapes seen: modern "144/2017/NĐ-CP", "11/2017/QH14", joint
 * "01/2016/TTLT-BTP-BCA", older "74/CP", "21-LCT/HĐNN8", "23-L/CTN",
 * "02/2002/TTLT/BTC-MTTW". Old-style numbers are kept as written.
 */
import { clean } from './common.ts';

/** Type codes that can open the last part of a number (before the issuer codes). */
export const TYPE_CODES = new Set([
  'NĐ',
  'QĐ',
  'TT',
  'TTLT',
  'TTLB',
  'NQ',
  'NQLT',
  'CT',
  'L',
  'LCT',
  'PL',
  'SL',
  'QĐLT',
  'KL',
  'QĐi',
  'HD',
  'TB',
  'KH',
  'CV',
  'CĐ',
  'BC',
  'TTr',
  'ĐA',
  'QC',
  'VBHN',
]);

export interface NumberFix {
  from: string;
  to: string;
  rule: string;
}

/**
 * Clean a number without changing what it says: NFC, trimmed, stray quotes
 * dropped, "_" → "-", look-alike Ð → Đ, an ASCII "QD"/"ND" type code → "QĐ"/"NĐ",
 * and a lower-case or mixed-case issuer part upper-cased (keeping "TTg").
 */
export function canonicalNumber(raw: string, fixes?: NumberFix[]): string {
  const cleaned = clean(raw);
  const rules: string[] = [];
  let n = cleaned.replace(/["“”]/g, '').replace(/^'+/, '').replace(/\s+/g, '');
  if (n !== cleaned) rules.push('stray characters');
  if (n.includes('_')) {
    n = n.replace(/_/g, '-');
    rules.push('underscore');
  }
  if (raw.normalize('NFC').includes('\u00D0')) rules.push('look-alike Ð');
  const slash = n.lastIndexOf('/');
  if (slash >= 0) {
    const head = n.slice(0, slash + 1);
    let tail = n.slice(slash + 1);
    if (/[a-zđ]/.test(tail.replace(/TTg/g, ''))) {
      tail = tail.toUpperCase().replace(/(^|-)TTG(?=$|-)/g, '$1TTg');
      rules.push('case');
    }
    const ttg = tail.replace(/(^|-)TTG(?=$|-)/g, '$1TTg');
    if (ttg !== tail) {
      tail = ttg;
      rules.push('TTg');
    }
    const ascii = tail.replace(/^(QD|ND)(?=-)/, (m) => (m === 'QD' ? 'QĐ' : 'NĐ'));
    if (ascii !== tail) {
      tail = ascii;
      rules.push('ASCII D');
    }
    n = head + tail;
  }
  if (fixes && rules.length > 0) fixes.push({ from: raw.normalize('NFC').trim(), to: n, rule: rules.join('+') });
  return n;
}

/** A number cut short where the citation parser split it from the title. */
export function isIncomplete(n: string): boolean {
  return /[-/]$/.test(n) || /^\d+$/.test(n) || /^\d+\/\d{4}$/.test(n) || TYPE_CODES.has(n);
}

/**
 * Re-join a number that the source split between the number and title columns
 * ("159/2006/NĐ-" + "CP Về việc …", "71/2015" + "/TT-BTC Quy định …",
 * "TT" + "07/2023/TT-BNNPTNT Bãi bỏ …"). Returns null when the title does not
 * start with a plausible continuation.
 */
export function rejoinSplitNumber(number: string, title: string): { number: string; title: string } | null {
  if (!isIncomplete(number)) return null;
  const t = title.trimStart();
  const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(t);
  if (!m) return null;
  let first = m[1]!;
  let rest = m[2] ?? '';
  if (first === '-' || first === '/') {
    const m2 = /^(\S+)(?:\s+([\s\S]*))?$/.exec(rest);
    if (!m2) return null;
    first = first + m2[1]!;
    rest = m2[2] ?? '';
  }
  const code = /^[-/]?[A-ZĐ0-9][A-Za-zĐđ0-9&()\-/]*$/;
  if (TYPE_CODES.has(number)) {
    // The number column holds only the type; the whole number opens the title.
    if (/^\d+\/\d{4}\/[A-ZĐ]/.test(first) && code.test(first)) return { number: first, title: rest.trim() };
    return null;
  }
  if (/[-/]$/.test(number)) {
    if (!/^[A-ZĐ]/.test(first) || !code.test(first)) return null;
    return { number: number + first, title: rest.trim() };
  }
  // Digits only, or "71/2015": the continuation starts with "/" or "-".
  if (!/^[-/]/.test(first) || !code.test(first)) return null;
  return { number: number + first, title: rest.trim() };
}

export interface ParsedNumber {
  typeCode: string;
  issuerCodes: string[];
}

/**
 * Split the issuer codes off a number: "01/2016/TTLT-BTP-BCA" → TTLT, [BTP, BCA];
 * "11/2017/QH14" → "", [QH14]; "74/CP" → "", [CP]; "02/2002/TTLT/BTC-MTTW" →
 * TTLT, [BTC, MTTW]; "01/2016/NQ.HĐTP" → NQ, [HĐTP]. Parenthesised sub-unit
 * marks ("BCA(C13)") are dropped.
 */
export function parseNumber(number: string): ParsedNumber {
  const segs = number.split('/');
  if (segs.length < 2) return { typeCode: '', issuerCodes: [] };
  const last = segs[segs.length - 1]!;
  let tokens = last.split(/[-.]/).filter((t) => t.length > 0);
  let typeCode = '';
  if (tokens.length > 0 && TYPE_CODES.has(tokens[0]!)) {
    typeCode = tokens[0]!;
    tokens = tokens.slice(1);
  } else if (segs.length >= 3 && TYPE_CODES.has(segs[segs.length - 2]!)) {
    typeCode = segs[segs.length - 2]!;
  } else {
    // Old style "21-LCT/HĐNN8": the type is in the first segment.
    const firstTokens = segs[0]!.split('-');
    if (firstTokens.length > 1 && TYPE_CODES.has(firstTokens[1]!)) typeCode = firstTokens[1]!;
  }
  const issuerCodes = tokens
    .map((t) => t.replace(/\(.*\)$/, ''))
    .filter((t) => t.length > 0 && !/^\d+$/.test(t));
  return { typeCode, issuerCodes };
}

/** The four-digit year inside a modern number ("144/2017/NĐ-CP" → "2017"), or "". */
export function numberYear(number: string): string {
  const m = /^[^/]+\/(\d{4})\//.exec(number);
  return m ? m[1]! : '';
}
