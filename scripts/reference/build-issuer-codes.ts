/**
 * Build data/reference/issuer-codes.csv: the issuer codes that close document
 * numbers ("…/NĐ-CP", "…/QH14", "…-TTLT-BTP-BCA"), what body each stands for,
 * and how often it occurs in the Pháp điển citation table.
 *
 *   npx tsx scripts/reference/build-issuer-codes.ts [--shared DIR] [--out DIR]
 *
 * The resolutions below are hand-curated; the script counts every code in
 * legal-documents/legal_documents_from_phapdien_citations.csv (after the row
 * repairs in phapdien.ts; a code is counted once per document number), writes
 * every resolved code that occurs in the source (all codes seen at least twice
 * are resolved; a few single occurrences are too) plus the codes marked
 * `always: true` (known from practice even if rare or absent here), and
 * prints the unresolved codes so the table can be extended.
 */
import { resolve } from 'node:path';
import type { Row } from './csv.ts';
import { compareNatural, parseOptions, writeTable } from './common.ts';
import { parseNumber } from './legal-numbers.ts';
import { loadCitations } from './phapdien.ts';

const HEADER = ['code', 'issuer', 'issuer_kind', 'notes'] as const;

type Kind =
  | 'national-assembly'
  | 'head-of-state'
  | 'government'
  | 'ministry'
  | 'ministry-level'
  | 'government-agency'
  | 'court'
  | 'procuracy'
  | 'audit'
  | 'party'
  | 'mass'
  | 'local';

interface Resolution {
  issuer: string;
  kind: Kind;
  note?: string;
  /** Write the row even when the code occurs fewer than twice in the source. */
  always?: boolean;
}

const TERMS: Record<string, string> = {
  '10': 'X, 1997–2002',
  '11': 'XI, 2002–2007',
  '12': 'XII, 2007–2011',
  '13': 'XIII, 2011–2016',
  '14': 'XIV, 2016–2021',
  '15': 'XV, 2021–2026',
  '16': 'XVI, from 2026',
};

const RESOLVED: Record<string, Resolution> = {
  CP: { issuer: 'Chính phủ', kind: 'government', note: 'decrees (NĐ-CP), government resolutions (NQ-CP); old style "74/CP"', always: true },
  TTg: { issuer: 'Thủ tướng Chính phủ', kind: 'government', note: 'QĐ-TTg, CT-TTg; old style "619/TTg"', always: true },
  CTN: { issuer: 'Chủ tịch nước', kind: 'head-of-state', note: 'old-style law numbers "23-L/CTN"; also orders L-CTN, decisions QĐ-CTN', always: true },
  'L-CTN': { issuer: 'Chủ tịch nước', kind: 'head-of-state', note: 'order (lệnh) of the President, e.g. promulgation of a law', always: true },
  HDNN8: { issuer: 'Hội đồng Nhà nước', kind: 'head-of-state', note: 'Council of State, 8th legislature (1987–1992); old-style "21-LCT/HĐNN8" (ASCII spelling)' },
  'HĐNN8': { issuer: 'Hội đồng Nhà nước', kind: 'head-of-state', note: 'Council of State, 8th legislature (1987–1992)', always: true },
  BTP: { issuer: 'Bộ Tư pháp', kind: 'ministry', always: true },
  BCA: { issuer: 'Bộ Công an', kind: 'ministry', always: true },
  BQP: { issuer: 'Bộ Quốc phòng', kind: 'ministry', always: true },
  BNG: { issuer: 'Bộ Ngoại giao', kind: 'ministry', always: true },
  BNV: { issuer: 'Bộ Nội vụ', kind: 'ministry', always: true },
  BTC: { issuer: 'Bộ Tài chính', kind: 'ministry', always: true },
  BCT: {
    issuer: 'Bộ Công Thương',
    kind: 'ministry',
    note: 'in state numbers (TT-BCT); not used in Party numbers, where Politburo documents also end in /TW',
    always: true,
  },
  BYT: { issuer: 'Bộ Y tế', kind: 'ministry', always: true },
  BXD: { issuer: 'Bộ Xây dựng', kind: 'ministry', always: true },
  'BGDĐT': { issuer: 'Bộ Giáo dục và Đào tạo', kind: 'ministry', always: true },
  'BGD&ĐT': { issuer: 'Bộ Giáo dục và Đào tạo', kind: 'ministry', note: 'older spelling of BGDĐT' },
  BKHCN: { issuer: 'Bộ Khoa học và Công nghệ', kind: 'ministry', always: true },
  BVHTTDL: { issuer: 'Bộ Văn hóa, Thể thao và Du lịch', kind: 'ministry', always: true },
  'BKHĐT': { issuer: 'Bộ Kế hoạch và Đầu tư', kind: 'ministry', note: 'until 2025-02-28', always: true },
  BKH: { issuer: 'Bộ Kế hoạch và Đầu tư', kind: 'ministry', note: 'short form of BKHĐT' },
  'BLĐTBXH': { issuer: 'Bộ Lao động - Thương binh và Xã hội', kind: 'ministry', note: 'until 2025-02-28', always: true },
  BNNPTNT: { issuer: 'Bộ Nông nghiệp và Phát triển nông thôn', kind: 'ministry', note: 'until 2025-02-28', always: true },
  'BNN&PTNT': { issuer: 'Bộ Nông nghiệp và Phát triển nông thôn', kind: 'ministry', note: 'variant of BNNPTNT in joint numbers' },
  BNN: { issuer: 'Bộ Nông nghiệp và Phát triển nông thôn', kind: 'ministry', note: 'short form used about 2006–2009' },
  BNNPTTN: { issuer: 'Bộ Nông nghiệp và Phát triển nông thôn', kind: 'ministry', note: 'misspelling of BNNPTNT found in the source' },
  BTNMT: { issuer: 'Bộ Tài nguyên và Môi trường', kind: 'ministry', note: 'until 2025-02-28', always: true },
  BGTVT: { issuer: 'Bộ Giao thông vận tải', kind: 'ministry', note: 'until 2025-02-28', always: true },
  BTTTT: { issuer: 'Bộ Thông tin và Truyền thông', kind: 'ministry', note: 'until 2025-02-28', always: true },
  BNNMT: { issuer: 'Bộ Nông nghiệp và Môi trường', kind: 'ministry', note: 'from 2025-03-01', always: true },
  BDTTG: { issuer: 'Bộ Dân tộc và Tôn giáo', kind: 'ministry', note: 'from 2025-03-01', always: true },
  BTM: { issuer: 'Bộ Thương mại', kind: 'ministry', note: 'until 2007' },
  BCN: { issuer: 'Bộ Công nghiệp', kind: 'ministry', note: 'until 2007' },
  BTS: { issuer: 'Bộ Thủy sản', kind: 'ministry', note: 'until 2007' },
  BVHTT: { issuer: 'Bộ Văn hóa - Thông tin', kind: 'ministry', note: 'until 2007' },
  BBCVT: { issuer: 'Bộ Bưu chính, Viễn thông', kind: 'ministry', note: '2002–2007' },
  BKHCNMT: { issuer: 'Bộ Khoa học, Công nghệ và Môi trường', kind: 'ministry', note: 'until 2002' },
  BTCCBCP: { issuer: 'Ban Tổ chức - Cán bộ Chính phủ', kind: 'ministry-level', note: 'until 2002' },
  TCCP: { issuer: 'Ban Tổ chức - Cán bộ Chính phủ', kind: 'ministry-level', note: 'older short form' },
  NHNN: { issuer: 'Ngân hàng Nhà nước Việt Nam', kind: 'ministry-level', always: true },
  NHNNVN: { issuer: 'Ngân hàng Nhà nước Việt Nam', kind: 'ministry-level', note: 'long form of NHNN' },
  TTCP: { issuer: 'Thanh tra Chính phủ', kind: 'ministry-level', always: true },
  VPCP: { issuer: 'Văn phòng Chính phủ', kind: 'ministry-level', always: true },
  UBDT: { issuer: 'Ủy ban Dân tộc', kind: 'ministry-level', note: '2002–2025' },
  UBTDTT: { issuer: 'Ủy ban Thể dục thể thao', kind: 'ministry-level', note: 'until 2007' },
  'TCĐC': { issuer: 'Tổng cục Địa chính', kind: 'government-agency', note: 'until 2002' },
  TCT: { issuer: 'Tổng cục Thuế', kind: 'government-agency', note: 'old-style "82-TC/TCT" (TC = Bộ Tài chính)' },
  KTNN: { issuer: 'Kiểm toán nhà nước', kind: 'audit', always: true },
  TANDTC: { issuer: 'Tòa án nhân dân tối cao', kind: 'court', always: true },
  TATC: { issuer: 'Tòa án nhân dân tối cao', kind: 'court', note: 'short form of TANDTC' },
  'HĐTP': { issuer: 'Hội đồng Thẩm phán Tòa án nhân dân tối cao', kind: 'court', note: 'resolutions NQ-HĐTP', always: true },
  VKSNDTC: { issuer: 'Viện kiểm sát nhân dân tối cao', kind: 'procuracy', always: true },
  VKSTC: { issuer: 'Viện kiểm sát nhân dân tối cao', kind: 'procuracy', note: 'short form of VKSNDTC' },
  'UBTƯMTTQVN': { issuer: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', kind: 'mass', note: 'in joint resolutions (NQLT)' },
  UBTUMTTQVN: { issuer: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', kind: 'mass', note: 'spelling without Ư' },
  MTTW: { issuer: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', kind: 'mass', note: 'older short form' },
  'ĐCTUBTWMTTQVN': {
    issuer: 'Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam',
    kind: 'mass',
    note: 'in joint resolutions with UBTVQH and CP',
  },
  HCCBVN: { issuer: 'Hội Cựu chiến binh Việt Nam', kind: 'mass' },
  CCBVN: { issuer: 'Hội Cựu chiến binh Việt Nam', kind: 'mass', note: 'short form' },
  TWHCCBVN: { issuer: 'Hội Cựu chiến binh Việt Nam', kind: 'mass', note: 'Trung ương Hội Cựu chiến binh Việt Nam' },
  TW: {
    issuer: 'Ban Chấp hành Trung ương Đảng',
    kind: 'party',
    note: 'Party numbers "-NQ/TW", "-CT/TW", "-KL/TW", "-QĐ/TW", "-QĐi/TW", "-HD/TW": issued by the Central Committee, the Politburo or the Secretariat; the suffix does not say which',
    always: true,
  },
  'BCĐ': { issuer: 'Ban Chỉ đạo', kind: 'government', note: 'steering committee; the full code names which one (e.g. BCĐTW)', always: true },
  UBND: { issuer: 'Ủy ban nhân dân', kind: 'local', note: 'provincial or commune People\'s Committee; the place is not in the code', always: true },
  'HĐND': { issuer: 'Hội đồng nhân dân', kind: 'local', note: 'provincial or commune People\'s Council', always: true },
};
for (const [n, term] of Object.entries(TERMS)) {
  RESOLVED[`QH${n}`] = { issuer: 'Quốc hội', kind: 'national-assembly', note: `legislature ${term}`, always: true };
  RESOLVED[`UBTVQH${n}`] = {
    issuer: 'Ủy ban Thường vụ Quốc hội',
    kind: 'national-assembly',
    note: `legislature ${term}`,
    always: true,
  };
}

function main(): void {
  const opts = parseOptions();
  const { rows } = loadCitations(opts.shared);
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.number)) continue;
    seen.add(r.number);
    const { issuerCodes } = parseNumber(r.number);
    for (const code of new Set(issuerCodes)) counts.set(code, (counts.get(code) ?? 0) + 1);
    // "L-CTN" is written as one unit: count it as such too.
    if (/\/L-CTN$/.test(r.number)) counts.set('L-CTN', (counts.get('L-CTN') ?? 0) + 1);
  }
  const out: Row[] = [];
  for (const [code, res] of Object.entries(RESOLVED)) {
    const n = counts.get(code) ?? 0;
    if (n === 0 && !res.always) continue;
    const seenNote = n > 0 ? `${n} number${n === 1 ? '' : 's'} in the Pháp điển citations` : 'not in the Pháp điển citations';
    out.push({
      code,
      issuer: res.issuer,
      issuer_kind: res.kind,
      notes: res.note ? `${res.note}; ${seenNote}` : seenNote,
    });
  }
  out.sort((a, b) => compareNatural(a.code!, b.code!));
  writeTable(resolve(opts.out, 'issuer-codes.csv'), HEADER, out);

  const unresolved = [...counts.entries()]
    .filter(([code]) => !RESOLVED[code])
    .sort((a, b) => b[1] - a[1] || compareNatural(a[0], b[0]));
  const frequent = unresolved.filter(([, n]) => n >= 2);
  process.stdout.write(
    `unresolved codes with ≥2 occurrences: ${frequent.length === 0 ? 'none' : frequent.map(([c, n]) => `${c}×${n}`).join(', ')}\n`,
  );
  process.stdout.write(`unresolved single occurrences: ${unresolved.filter(([, n]) => n < 2).map(([c]) => c).join(', ')}\n`);
}

main();
