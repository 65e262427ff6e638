/**
 * Build data/reference/known-documents.csv and data/reference/document-relations.csv
 * from the Pháp điển tables in the shared reference folder.
 *
 *   npx tsx scripts/reference/build-known-documents.ts [--shared DIR] [--out DIR]
 *
 * Run build-issuer-codes.ts first, and keep agencies.csv up to date: issuer
 * names are unified against agencies.csv (names and aliases) and empty issuers
 * are filled from issuer-codes.csv.
 *
 * known-documents.csv  number,type,title,date,issuer,effective_date
 *   - rows repaired as described in phapdien.ts;
 *   - issuer spellings unified: each issuer of a joint document is looked up
 *     (case, tone placement, dashes and commas ignored) among the agencies'
 *     names and aliases and replaced by the agency's canonical name; unknown
 *     names are kept as written (NFC, modern tone placement); joint issuers are
 *     re-joined as "A, B và C";
 *   - an empty issuer is filled from the number's issuer codes when every code
 *     resolves to one body (e.g. "…/TT-BTP" → Bộ Tư pháp);
 *   - exact duplicates dropped; sorted by number (natural order).
 *
 * document-relations.csv  source_number,relation,target_number,effective_date
 *   from legal_document_amendments_from_phapdien.csv ("target được sửa đổi bởi
 *   source"): each Vietnamese verb in relation_vi becomes one row —
 *   sửa đổi → amends, bổ sung → supplements, bãi bỏ → repeals, thay thế → replaces;
 *   "ngưng hiệu lực" (suspension) has no term in this vocabulary and is dropped
 *   (reported on stdout). Rows whose source or target number is cut short in
 *   the source ("34", "liên", "35/2021/TT-") are dropped and reported.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Row } from './csv.ts';
import {
  canonicalName,
  clean,
  compareCodePoints,
  compareNatural,
  parseOptions,
  readTable,
  REFERENCE_DIR,
  splitList,
  writeTable,
} from './common.ts';
import { canonicalNumber, isIncomplete, numberYear, parseNumber } from './legal-numbers.ts';
import { amendmentsPath, loadCitations } from './phapdien.ts';

const DOC_HEADER = ['number', 'type', 'title', 'date', 'issuer', 'effective_date'] as const;
const REL_HEADER = ['source_number', 'relation', 'target_number', 'effective_date'] as const;

/** Words that open the name of a body: where a list of joint issuers may be split. */
const HEAD =
  '(?:Bộ|Ban|Ủy ban|Uỷ ban|Tòa án|Toà án|Viện|Ngân hàng|Thanh tra|Văn phòng|Hội|Trung ương|Tổng cục|Tổng Liên đoàn|Chính phủ|Thủ tướng|Quốc hội|Đoàn|Kiểm toán|Liên đoàn|Mặt trận|Chủ tịch)';
const SPLIT = new RegExp(`(?:,\\s+|\\s+và\\s+)(?=${HEAD}\\s)`, 'u');

/**
 * Spellings that are not an agency's alias but clearly mean one agency, seen
 * in the source. Keys are compared with issuerKey().
 */
const EXTRA_SPELLINGS: Record<string, string> = {
  'Bộ Nông nghiệp phát triển và nông thôn': 'Bộ Nông nghiệp và Phát triển nông thôn',
  'Bộ Văn hoá Thông tin Thể thao và Du lịch': 'Bộ Văn hóa, Thể thao và Du lịch',
  'Ủy ban mặt trận tổ quốc Việt Nam': 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam',
};

/** Generic codes that name a kind of body, not one body. */
const GENERIC_CODES = new Set(['UBND', 'HĐND', 'BCĐ', 'TW']);

/** Lookup key: modern tone, lower-case, dashes / commas / dots / spaces collapsed. */
function issuerKey(s: string): string {
  return canonicalName(s)
    .toLocaleLowerCase('vi')
    .replace(/[\s,.\-–—&]+/g, ' ')
    .trim();
}

/** An input table: from --out when it is there (a fresh build), else the committed one. */
function inputTable(out: string, file: string): Row[] {
  const fresh = resolve(out, file);
  return readTable(existsSync(fresh) ? fresh : resolve(REFERENCE_DIR, file)).rows;
}

function buildIssuerMap(out: string): Map<string, string> {
  const agencies = inputTable(out, 'agencies.csv');
  const map = new Map<string, string>();
  const conflicts = new Set<string>();
  const add = (spelling: string, canonical: string) => {
    const k = issuerKey(spelling);
    const prev = map.get(k);
    if (prev !== undefined && prev !== canonical) conflicts.add(k);
    else map.set(k, canonical);
  };
  for (const a of agencies) {
    add(a.name!, a.name!);
    for (const alias of splitList(a.aliases)) add(alias, a.name!);
  }
  for (const [spelling, canonical] of Object.entries(EXTRA_SPELLINGS)) add(spelling, canonical);
  for (const k of conflicts) map.delete(k);
  // Generic aliases that would map a bare word to one body are not issuer names.
  for (const k of ['trung ương', 'đảng', 'văn phòng bộ', 'thanh tra bộ', 'hội đồng thẩm phán']) map.delete(k);
  return map;
}

function joinIssuers(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}`;
}

function main(): void {
  const opts = parseOptions();
  const { rows, log } = loadCitations(opts.shared);
  const issuerMap = buildIssuerMap(opts.out);
  const codeIssuer = new Map<string, string>();
  for (const r of inputTable(opts.out, 'issuer-codes.csv')) {
    if (!GENERIC_CODES.has(r.code!)) codeIssuer.set(r.code!, r.issuer!);
  }

  let unified = 0;
  const unknownNames = new Map<string, number>();
  let filled = 0;
  const docs: Row[] = [];
  for (const r of rows) {
    let issuer = r.issuer;
    if (issuer) {
      const parts = issuer.split(SPLIT).map((p) => p.trim().replace(/\.$/, ''));
      const mapped = parts.map((p) => {
        const hit = issuerMap.get(issuerKey(p));
        if (hit) return hit;
        unknownNames.set(canonicalName(p), (unknownNames.get(canonicalName(p)) ?? 0) + 1);
        return canonicalName(p);
      });
      const next = joinIssuers([...new Set(mapped)]);
      if (next !== issuer) unified += 1;
      issuer = next;
    } else {
      const { issuerCodes } = parseNumber(r.number);
      const names = issuerCodes.map((c) => codeIssuer.get(c));
      if (names.length > 0 && names.every((n): n is string => n !== undefined)) {
        issuer = joinIssuers([...new Set(names)]);
        filled += 1;
      }
    }
    docs.push({
      number: r.number,
      type: r.type,
      title: r.title,
      date: r.date,
      issuer,
      effective_date: r.effective_date,
    });
  }

  // Issuers that contradict an unambiguous single issuer code in the number.
  // For modern numbers (with a year) whose code names the Government, the Prime
  // Minister, the National Assembly or its Standing Committee, the code wins:
  // a decree "…/NĐ-CP" is issued by Chính phủ whatever the citation says. An
  // issuer that is a truncation of the code's issuer ("Bộ Nông nghiệp") is
  // completed. Other disagreements are kept as written and reported.
  const corrected: string[] = [];
  const conflicts: string[] = [];
  for (const d of docs) {
    const { issuerCodes } = parseNumber(d.number!);
    if (issuerCodes.length !== 1) continue;
    const code = issuerCodes[0]!;
    const expected = codeIssuer.get(code);
    if (!expected || !d.issuer || d.issuer === expected) continue;
    const authoritative = /^(CP|TTg|QH\d+|UBTVQH\d+)$/.test(code) && numberYear(d.number!) !== '';
    if (authoritative || expected.startsWith(`${d.issuer} `)) {
      corrected.push(`${d.number}: "${d.issuer}" → "${expected}"`);
      d.issuer = expected;
    } else {
      conflicts.push(`${d.number}: "${d.issuer}" (code ${code} = ${expected})`);
    }
  }

  const seen = new Set<string>();
  const unique: Row[] = [];
  for (const d of docs) {
    const key = DOC_HEADER.map((h) => d[h]).join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(d);
  }
  unique.sort((a, b) => compareNatural(a.number!, b.number!) || compareCodePoints(DOC_HEADER.map((h) => a[h]).join('\u0000'), DOC_HEADER.map((h) => b[h]).join('\u0000')));
  const byNumber = new Map<string, number>();
  for (const d of unique) byNumber.set(d.number!, (byNumber.get(d.number!) ?? 0) + 1);
  const repeated = [...byNumber.entries()].filter(([, n]) => n > 1);

  writeTable(resolve(opts.out, 'known-documents.csv'), DOC_HEADER, unique);
  const say = (s: string) => process.stdout.write(`${s}\n`);
  say(`  source rows ${rows.length}; exact duplicates dropped ${rows.length - unique.length}; numbers on more than one row ${repeated.length}${repeated.length ? ` (${repeated.map(([n]) => n).join(', ')})` : ''}`);
  say(`  numbers re-joined from the title ${log.rejoined.length}: ${log.rejoined.map((x) => `${x.from} → ${x.to}`).join('; ')}`);
  say(`  number spellings fixed ${log.numberFixes.length}: ${log.numberFixes.map((x) => `${x.from} → ${x.to} (${x.rule})`).join('; ')}`);
  say(`  issuer cut to the text after "ngày … của" ${log.issuerCut}; issue date taken from it ${log.dateFromIssuer}`);
  say(`  issuer spellings changed ${unified}; empty issuers filled from the number ${filled}; still empty ${unique.filter((d) => !d.issuer).length}`);
  say(`  issuer names not in agencies.csv: ${[...unknownNames.entries()].map(([n, c]) => `${n}×${c}`).join('; ') || 'none'}`);
  say(`  issuer corrected from the number's issuer code ${corrected.length}${corrected.length ? `:\n    ${corrected.join('\n    ')}` : ''}`);
  say(`  issuer differs from the number's single issuer code, kept as written ${conflicts.length}${conflicts.length ? `:\n    ${conflicts.join('\n    ')}` : ''}`);

  // ---- relations -------------------------------------------------------------
  // Numbers that were repaired in the citation table are repaired the same way here.
  const sourceCount = new Map<string, number>();
  for (const r of rows) sourceCount.set(r.source_number, (sourceCount.get(r.source_number) ?? 0) + 1);
  const renumber = new Map<string, string>();
  for (const r of rows) if (r.source_number !== r.number && sourceCount.get(r.source_number) === 1) renumber.set(r.source_number, r.number);
  const relFixes: string[] = [];
  const fixNumber = (raw: string): string => {
    const c = clean(raw);
    const fixed = renumber.get(c) ?? canonicalNumber(c);
    if (fixed !== c) relFixes.push(`${c} → ${fixed}`);
    return fixed;
  };

  const VERBS: [RegExp, string][] = [
    [/^(?:được |bị )?sửa đổi$/, 'amends'],
    [/^(?:được |bị )?bổ sung$/, 'supplements'],
    [/^(?:được |bị )?bãi bỏ$/, 'repeals'],
    [/^(?:được |bị )?thay thế$/, 'replaces'],
  ];
  const dropped = new Map<string, number>();
  // Numbers cut short in the source ("34", "liên", "35/2021/TT-") cannot be linked.
  const usable = (n: string): boolean => /\d/.test(n) && !isIncomplete(n);
  const unusable: string[] = [];
  const rels: Row[] = [];
  const relSeen = new Set<string>();
  const amend = readTable(amendmentsPath(opts.shared)).rows;
  for (const a of amend) {
    const target = fixNumber(a.doc_number ?? '');
    const source = fixNumber(a.by_doc_number ?? '');
    const effective = clean(a.by_effective_date ?? '');
    if (!usable(target) || !usable(source)) {
      unusable.push(`${clean(a.by_doc_number ?? '')} → ${clean(a.doc_number ?? '')}`);
      continue;
    }
    if (effective && !/^\d{4}-\d{2}-\d{2}$/.test(effective)) throw new Error(`bad date ${effective}`);
    for (const verb of clean(a.relation_vi ?? '').split(',').map((v) => v.trim()).filter(Boolean)) {
      const hit = VERBS.find(([re]) => re.test(verb));
      if (!hit) {
        dropped.set(verb, (dropped.get(verb) ?? 0) + 1);
        continue;
      }
      const row: Row = { source_number: source, relation: hit[1], target_number: target, effective_date: effective };
      const key = REL_HEADER.map((h) => row[h]).join('\u0000');
      if (relSeen.has(key)) continue;
      relSeen.add(key);
      rels.push(row);
    }
  }
  rels.sort(
    (a, b) =>
      compareNatural(a.source_number!, b.source_number!) ||
      compareCodePoints(a.relation!, b.relation!) ||
      compareNatural(a.target_number!, b.target_number!) ||
      compareCodePoints(a.effective_date!, b.effective_date!),
  );
  writeTable(resolve(opts.out, 'document-relations.csv'), REL_HEADER, rels);
  say(`  relation numbers repaired ${relFixes.length}: ${[...new Set(relFixes)].join('; ')}`);
  say(`  source rows dropped because a number is cut short ${unusable.length}: ${[...new Set(unusable)].join('; ')}`);
  say(`  source rows ${amend.length}; verbs not mapped (dropped): ${[...dropped.entries()].map(([v, n]) => `"${v}"×${n}`).join(', ') || 'none'}`);
  const known = new Set(unique.map((d) => d.number));
  say(`  relation numbers not in known-documents: sources ${rels.filter((r) => !known.has(r.source_number)).length}, targets ${rels.filter((r) => !known.has(r.target_number)).length}`);
}

main();
