/**
 * Build data/reference/provinces.csv: the 63 province-level units in force until
 * 2025-06-30 and the 34 in force from 2025-07-01, one row per (gso_code, set).
 *
 *   npx tsx scripts/reference/build-provinces.ts [--shared DIR] [--out DIR]
 *
 * Inputs (under --shared):
 *   admin-units/derived/pre2025_provinces_63.csv
 *   admin-units/derived/post2025_provinces_34_2025-07-01.csv
 *   admin-units/derived/post2025_provinces_34_2026-head.csv   (extra English spellings only)
 *   admin-units/derived/province_old_to_new_2025.csv          (successor codes)
 *   admin-units/wikidata/provinces-qid.csv                    (QIDs)
 *   admin-units/wikidata/provinces-history-qid.csv            (QID cross-check)
 *
 * Names are NFC with the modern tone placement ("Hòa"); the source spelling is
 * kept as an alias when it differs. A few hand-curated aliases (abbreviations
 * and common variant spellings) are listed below.
 */
import { resolve } from 'node:path';
import type { Row } from './csv.ts';
import {
  canonicalName,
  clean,
  compareCodePoints,
  joinList,
  parseOptions,
  readTable,
  writeTable,
} from './common.ts';

const HEADER = [
  'gso_code',
  'name',
  'full_name',
  'kind',
  'english_name',
  'slug',
  'wikidata',
  'valid_from',
  'valid_to',
  'successor_codes',
  'aliases',
] as const;

const PRE_VALID_TO = '2025-06-30';
const POST_VALID_FROM = '2025-07-01';

/**
 * Cà Mau: provinces-qid.csv gives Q25262, which is the item for Cà Mau *city*
 * (the provincial capital); provinces-history-qid.csv and the upstream
 * reconciliation notes give Q33354 for the province. We use Q33354 for both sets.
 */
const QID_OVERRIDES: Record<string, string> = { '96': 'Q33354' };

/** Hand-curated aliases by GSO code, applied to every row with that code unless marked. */
const ALIASES: Record<string, { both?: string[]; pre?: string[]; post?: string[] }> = {
  '01': { both: ['Thủ đô Hà Nội', 'TP. Hà Nội', 'TP Hà Nội', 'Hanoi'] },
  '06': { pre: ['Bắc Cạn'] },
  '31': { both: ['TP. Hải Phòng', 'TP Hải Phòng', 'Haiphong'] },
  '38': { both: ['Thanh Hoá'] },
  '46': {
    pre: ['Thừa Thiên Huế', 'Thừa Thiên - Huế', 'Thừa Thiên-Huế', 'Tỉnh Thừa Thiên Huế', 'TP. Huế', 'TP Huế'],
    post: ['TP. Huế', 'TP Huế'],
  },
  '48': { both: ['TP. Đà Nẵng', 'TP Đà Nẵng', 'Danang'] },
  '56': { both: ['Khánh Hoà'] },
  '62': { pre: ['Kontum'] },
  '66': { both: ['Đắc Lắc', 'Đăk Lăk', 'Đắk Lăk', 'Daklak'] },
  '67': { pre: ['Đắc Nông', 'Đăk Nông'] },
  '75': { post: ['Thành phố Đồng Nai', 'TP. Đồng Nai'] },
  '77': { pre: ['Bà Rịa – Vũng Tàu', 'Bà Rịa-Vũng Tàu', 'BR-VT', 'BRVT'] },
  '79': {
    both: [
      'TP.HCM',
      'TP. HCM',
      'TP HCM',
      'TPHCM',
      'TP.Hồ Chí Minh',
      'TP. Hồ Chí Minh',
      'TP Hồ Chí Minh',
      'Thành phố HCM',
      'Ho Chi Minh City',
      'HCMC',
    ],
  },
  '92': { both: ['TP. Cần Thơ', 'TP Cần Thơ'] },
};

function kindOf(typeVi: string): string {
  const t = clean(typeVi).toLowerCase();
  if (t.startsWith('thành phố')) return 'thành phố';
  if (t === 'tỉnh') return 'tỉnh';
  throw new Error(`unknown province type ${typeVi}`);
}

function slugOf(codeName: string): string {
  const s = clean(codeName).replace(/_/g, '-');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s)) throw new Error(`bad code_name ${codeName}`);
  return s;
}

function main(): void {
  const opts = parseOptions();
  const au = (p: string) => resolve(opts.shared, 'admin-units', p);
  const pre = readTable(au('derived/pre2025_provinces_63.csv')).rows;
  const post = readTable(au('derived/post2025_provinces_34_2025-07-01.csv')).rows;
  const post2026 = readTable(au('derived/post2025_provinces_34_2026-head.csv')).rows;
  const oldToNew = readTable(au('derived/province_old_to_new_2025.csv')).rows;
  const qids = readTable(au('wikidata/provinces-qid.csv')).rows;
  const history = readTable(au('wikidata/provinces-history-qid.csv')).rows;

  if (pre.length !== 63) throw new Error(`expected 63 pre-2025 provinces, got ${pre.length}`);
  if (post.length !== 34) throw new Error(`expected 34 post-2025 provinces, got ${post.length}`);

  const qidFor = (era: 'pre2025' | 'post2025', code: string): string => {
    if (QID_OVERRIDES[code]) return QID_OVERRIDES[code];
    const hit = qids.find((r) => r.era === era && r.gso_code === code);
    const q = clean(hit?.wikidata_qid ?? '');
    if (q && !/^Q\d+$/.test(q)) throw new Error(`bad QID ${q} for ${era} ${code}`);
    return q;
  };
  // Cross-check the two QID files for the 63 set; report disagreements.
  for (const h of history) {
    const q = qids.find((r) => r.era === 'pre2025' && r.gso_code === h.terminal_code);
    if (q && q.wikidata_qid !== h.wikidata_qid) {
      const chosen = qidFor('pre2025', h.terminal_code!);
      process.stdout.write(
        `QID conflict for ${h.terminal_code} ${clean(h.name_vi!)}: provinces-qid ${q.wikidata_qid}, history ${h.wikidata_qid}; using ${chosen}\n`,
      );
    }
  }

  const successors = new Map<string, string[]>();
  for (const r of oldToNew) {
    const list = successors.get(r.old_gso_code!) ?? [];
    list.push(r.new_gso_code!);
    successors.set(r.old_gso_code!, list);
  }
  const postCodes = new Set(post.map((r) => r.gso_code!));

  const rows: Row[] = [];
  const aliasesFor = (code: string, set: 'pre' | 'post', sourceNames: string[], canonical: string): string => {
    const a = ALIASES[code];
    const list = [...sourceNames.map(clean), ...(a?.both ?? []), ...((set === 'pre' ? a?.pre : a?.post) ?? [])];
    return joinList(list.filter((x) => x !== canonical));
  };

  for (const r of pre) {
    const code = r.gso_code!;
    const name = canonicalName(r.name!);
    const succ = successors.get(code) ?? [];
    if (succ.length === 0) throw new Error(`no successor for pre-2025 province ${code}`);
    for (const s of succ) if (!postCodes.has(s)) throw new Error(`successor ${s} of ${code} not in the 34 set`);
    rows.push({
      gso_code: code,
      name,
      full_name: canonicalName(r.full_name!),
      kind: kindOf(r.type_vi!),
      english_name: clean(r.name_en!),
      slug: slugOf(r.code_name!),
      wikidata: qidFor('pre2025', code),
      valid_from: '',
      valid_to: PRE_VALID_TO,
      successor_codes: joinList(succ),
      aliases: aliasesFor(code, 'pre', [r.name!], name),
    });
  }
  for (const r of post) {
    const code = r.gso_code!;
    const name = canonicalName(r.name!);
    const later = post2026.find((x) => x.gso_code === code);
    const extra = later ? [later.name!, later.name_en!].filter((x) => clean(x) !== clean(r.name_en!)) : [];
    rows.push({
      gso_code: code,
      name,
      full_name: canonicalName(r.full_name!),
      kind: kindOf(r.type_vi!),
      english_name: clean(r.name_en!),
      slug: slugOf(r.code_name!),
      wikidata: qidFor('post2025', code),
      valid_from: POST_VALID_FROM,
      valid_to: '',
      successor_codes: '',
      aliases: aliasesFor(code, 'post', [r.name!, ...extra], name),
    });
  }

  rows.sort(
    (a, b) =>
      compareCodePoints(a.valid_from!, b.valid_from!) || compareCodePoints(a.gso_code!, b.gso_code!),
  );
  writeTable(resolve(opts.out, 'provinces.csv'), HEADER, rows);
}

main();
