/**
 * Helpers shared by the reference-data build scripts: text clean-up, the
 * modern tone-mark placement used in canonical names, slugs, deterministic
 * ordering, and the command-line options every script takes.
 *
 * These scripts are run by hand to regenerate data/reference/*.csv from the
 * shared source material; nothing at run time or in tests depends on them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, stringifyCsv, type Row, type Table } from './csv.ts';

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REFERENCE_DIR = resolve(REPO_ROOT, 'data', 'reference');

export interface Options {
  /** The shared reference folder (the one with README.md, admin-units/, legal-documents/ …). */
  shared: string;
  /** Where the CSVs are written (data/reference unless --out is given). */
  out: string;
}

/**
 * Parse `--shared DIR` (default `../shared/reference` relative to the repo
 * root) and `--out DIR` (default `data/reference`).
 */
export function parseOptions(argv: readonly string[] = process.argv.slice(2)): Options {
  let shared = resolve(REPO_ROOT, '..', 'shared', 'reference');
  let out = REFERENCE_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const take = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--shared') shared = resolve(take());
    else if (arg.startsWith('--shared=')) shared = resolve(arg.slice('--shared='.length));
    else if (arg === '--out') out = resolve(take());
    else if (arg.startsWith('--out=')) out = resolve(arg.slice('--out='.length));
    else throw new Error(`unknown argument ${arg}`);
  }
  return { shared, out };
}

/** Look-alike and invisible characters that creep into Vietnamese source files. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const SPACES = /[\t\u00A0\u2000-\u200A\u202F\u205F\u3000 ]+/g;

/**
 * NFC, invisible characters removed, Icelandic eth (Ð/ð, a common mistype of
 * Đ/đ) replaced, runs of spaces collapsed, trimmed. Does not touch tone placement.
 */
export function clean(s: string): string {
  return s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\u00D0/g, '\u0110')
    .replace(/\u00F0/g, '\u0111')
    .replace(SPACES, ' ')
    .trim();
}

const A_TONED = 'àáảãạÀÁẢÃẠ';
const E_TONED = 'èéẻẽẹÈÉẺẼẸ';
const Y_TONED = 'ỳýỷỹỵỲÝỶỸỴ';

/**
 * Move the tone mark of an open "oa", "oe" or "uy" syllable to the first vowel,
 * the placement used in canonical names ("Hoà" → "Hòa", "Uỷ" → "Ủy",
 * "Thuỷ" → "Thủy", "khoẻ" → "khỏe"). "qu" + y ("Quý") is left alone because
 * there the u belongs to the consonant. Other text is returned unchanged.
 */
export function modernTone(s: string): string {
  const re = new RegExp(
    `([oO])([${A_TONED}${E_TONED}])(?![\\p{L}\\p{M}])|(?<![qQ])([uU])([${Y_TONED}])(?![\\p{L}\\p{M}])`,
    'gu',
  );
  const nfc = s.normalize('NFC');
  return nfc.replace(re, (_m, o?: string, oTail?: string, u?: string, uTail?: string) => {
    const first = (o ?? u)!;
    const tail = (oTail ?? uTail)!;
    const nfd = tail.normalize('NFD');
    const base = nfd[0]!;
    const tone = nfd.slice(1);
    return (first + tone).normalize('NFC') + base;
  });
}

/** clean() then modernTone(): the form used for canonical names. */
export function canonicalName(s: string): string {
  return modernTone(clean(s));
}

/** ASCII kebab-case slug: diacritics removed, đ → d, lower-case, other runs → "-". */
export function slugify(s: string): string {
  return clean(s)
    .replace(/[đĐ]/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Code-point order (not locale order): the same on every machine. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Natural order for document numbers and codes: runs of digits compare by
 * value, everything else by code point; ties fall back to the whole string.
 */
export function compareNatural(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  const n = Math.min(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      if (x.length !== y.length) return x.length - y.length;
    } else if (x !== y) {
      return compareCodePoints(x, y);
    }
  }
  if (ta.length !== tb.length) return ta.length - tb.length;
  return compareCodePoints(a, b);
}

/** Join list items with ";", trimmed and de-duplicated, in first-seen order. */
export function joinList(values: Iterable<string>): string {
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out.join(';');
}

export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function readTable(path: string, opts: { lenient?: boolean } = {}): Table {
  return parseCsv(readFileSync(path, 'utf8'), opts);
}

/** Write a CSV (NFC-checked) and report the row count on stdout. */
export function writeTable(path: string, header: readonly string[], rows: readonly Row[]): void {
  for (const row of rows) {
    for (const name of header) {
      const v = row[name] ?? '';
      if (v !== v.normalize('NFC')) throw new Error(`${path}: non-NFC value in column ${name}: ${v}`);
    }
  }
  writeFileSync(path, stringifyCsv(header, rows), 'utf8');
  process.stdout.write(`wrote ${rows.length} rows to ${relative(REPO_ROOT, path)}\n`);
}
