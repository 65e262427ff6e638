/**
 * Integrity of the committed reference tables in data/reference/. Reads the
 * CSV files only; the build scripts in scripts/reference/ are not involved.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

const HEADERS: Record<string, string[]> = {
  'provinces.csv': [
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
  ],
  'agencies.csv': [
    'id',
    'name',
    'english_name',
    'abbreviations',
    'aliases',
    'parent_id',
    'kind',
    'level',
    'valid_from',
    'valid_to',
    'replaced_by',
    'wikidata',
    'source',
  ],
  'titles.csv': ['title', 'english', 'rank', 'category', 'agency_pattern', 'aliases'],
  'document-types.csv': ['name', 'code', 'eli_type', 'english', 'category', 'aliases'],
  'issuer-codes.csv': ['code', 'issuer', 'issuer_kind', 'notes'],
  'known-documents.csv': ['number', 'type', 'title', 'date', 'issuer', 'effective_date'],
  'document-relations.csv': ['source_number', 'relation', 'target_number', 'effective_date'],
  'abbreviations.csv': ['abbreviation', 'expansion', 'context'],
};

/**
 * Document types that may appear in known-documents.csv without a row in
 * document-types.csv, each with the reason. Empty: every type in the Pháp
 * điển data is a listed type.
 */
const UNKNOWN_TYPE_ALLOWED: Record<string, string> = {};

type Row = Record<string, string>;

/** Strict RFC 4180 parse: throws on a quote inside an unquoted field or an unterminated quote. */
function parseRecords(text: string, file: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n') throw new Error(`${file}: text after a closing quote`);
      }
    } else if (ch === '"') {
      if (started) throw new Error(`${file}: quote inside an unquoted field`);
      quoted = true;
      started = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      started = false;
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      started = false;
    } else {
      field += ch;
      started = true;
    }
  }
  if (quoted) throw new Error(`${file}: unterminated quoted field`);
  if (started || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const raw = new Map<string, string>();
const tables = new Map<string, Row[]>();
for (const file of Object.keys(HEADERS)) {
  const text = readFileSync(DIR + file, 'utf8');
  raw.set(file, text);
  const [header, ...records] = parseRecords(text, file);
  tables.set(
    file,
    records.map((rec) => Object.fromEntries((header ?? []).map((h, i) => [h, rec[i] ?? '']))),
  );
}
const rows = (file: string): Row[] => tables.get(file)!;
const list = (v: string | undefined): string[] => (v ? v.split(';').filter((x) => x.length > 0) : []);

const QID = /^Q\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** An open "oa", "oe" or "uy" syllable with the tone on the second vowel ("Hoà", "Uỷ"): the old placement. */
const OLD_TONE = /(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|(?<![qQ])[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}\p{M}])/u;

function validOn(row: Row, date: string): boolean {
  const from = row.valid_from ?? '';
  const to = row.valid_to ?? '';
  if (from && from > date) return false;
  if (to) return to >= date;
  // Replaced at a date that is not recorded: no longer valid.
  return list(row.replaced_by).length === 0;
}

describe('reference CSV files', () => {
  for (const [file, header] of Object.entries(HEADERS)) {
    it(`${file}: UTF-8 NFC, LF, no BOM, expected header, consistent column count`, () => {
      const text = raw.get(file)!;
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      expect(text.includes('\r')).toBe(false);
      expect(text.endsWith('\n')).toBe(true);
      expect(text.endsWith('\n\n')).toBe(false);
      expect(text === text.normalize('NFC')).toBe(true);
      const records = parseRecords(text, file);
      expect(records[0]).toEqual(header);
      expect(records.length).toBeGreaterThan(1);
      const bad = records.filter((r) => r.length !== header.length);
      expect(bad).toEqual([]);
      for (const rec of records) {
        for (const f of rec) expect(f, `${file}: field "${f}"`).toBe(f.trim());
      }
    });
  }
});

describe('provinces.csv', () => {
  const all = rows('provinces.csv');
  const pre = all.filter((r) => r.valid_to !== '' && r.valid_to! < '2025-07-01');
  const post = all.filter((r) => r.valid_from === '2025-07-01');

  it('has exactly 63 units before 2025-07-01 and 34 from 2025-07-01', () => {
    expect(pre).toHaveLength(63);
    expect(post).toHaveLength(34);
    expect(pre.every((r) => r.valid_to === '2025-06-30')).toBe(true);
    expect(all.filter((r) => validOn(r, '2025-06-30'))).toHaveLength(63);
    expect(all.filter((r) => validOn(r, '2025-07-01'))).toHaveLength(34);
    expect(all).toHaveLength(97);
  });

  it('has unique GSO codes per set and unique (gso_code, valid_from) keys', () => {
    for (const set of [pre, post]) expect(new Set(set.map((r) => r.gso_code)).size).toBe(set.length);
    expect(new Set(all.map((r) => `${r.gso_code}|${r.valid_from}`)).size).toBe(all.length);
    for (const r of all) expect(r.gso_code).toMatch(/^\d{2}$/);
  });

  it('gives every pre-2025 unit successors that exist in the 34 set', () => {
    const postCodes = new Set(post.map((r) => r.gso_code));
    for (const r of pre) {
      const succ = list(r.successor_codes);
      expect(succ.length, r.name).toBeGreaterThan(0);
      for (const s of succ) expect(postCodes.has(s), `${r.name} → ${s}`).toBe(true);
    }
    for (const r of post) expect(r.successor_codes).toBe('');
    // Every unit of the 34 set has at least one predecessor.
    const reached = new Set(pre.flatMap((r) => list(r.successor_codes)));
    expect(reached.size).toBe(34);
  });

  it('has consistent names, kinds, slugs and QIDs', () => {
    for (const r of all) {
      expect(['tỉnh', 'thành phố']).toContain(r.kind);
      expect(r.full_name).toBe(`${r.kind === 'tỉnh' ? 'Tỉnh' : 'Thành phố'} ${r.name}`);
      expect(r.slug).toMatch(SLUG);
      expect(r.english_name).toMatch(/^[A-Za-z][A-Za-z .'-]*$/);
      expect(r.wikidata).toMatch(QID);
      expect(OLD_TONE.test(r.name!), r.name).toBe(false);
      expect(OLD_TONE.test(r.full_name!), r.full_name).toBe(false);
      expect(list(r.aliases)).not.toContain(r.name);
    }
    for (const set of [pre, post]) expect(new Set(set.map((r) => r.slug)).size).toBe(set.length);
  });

  it('uses the province QID for Cà Mau, not the city', () => {
    const caMau = all.filter((r) => r.gso_code === '96');
    expect(caMau.map((r) => r.wikidata)).toEqual(['Q33354', 'Q33354']);
  });

  it('keeps the old tone placement as an alias', () => {
    const hoaBinh = pre.find((r) => r.gso_code === '17')!;
    expect(hoaBinh.name).toBe('Hòa Bình');
    expect(list(hoaBinh.aliases)).toContain('Hoà Bình');
    const hcm = post.find((r) => r.gso_code === '79')!;
    expect(list(hcm.aliases)).toEqual(expect.arrayContaining(['TP.HCM', 'TP. Hồ Chí Minh']));
  });
});

describe('agencies.csv', () => {
  const all = rows('agencies.csv');
  const ids = new Set(all.map((r) => r.id));

  it('has unique ascii ids', () => {
    expect(ids.size).toBe(all.length);
    for (const r of all) expect(r.id).toMatch(SLUG);
  });

  it('points parent_id and replaced_by at existing rows, without cycles', () => {
    for (const r of all) {
      if (r.parent_id) expect(ids.has(r.parent_id), `${r.id} parent ${r.parent_id}`).toBe(true);
      expect(r.parent_id).not.toBe(r.id);
      for (const s of list(r.replaced_by)) {
        expect(ids.has(s), `${r.id} replaced_by ${s}`).toBe(true);
        expect(s).not.toBe(r.id);
      }
    }
    const parent = new Map(all.map((r) => [r.id!, r.parent_id!]));
    for (const r of all) {
      const seen = new Set<string>();
      let cur: string | undefined = r.id;
      while (cur) {
        expect(seen.has(cur), `parent cycle at ${cur}`).toBe(false);
        seen.add(cur);
        cur = parent.get(cur) || undefined;
      }
    }
  });

  it('uses the controlled vocabularies, ISO dates and QIDs', () => {
    for (const r of all) {
      expect(['state', 'party', 'mass', 'court', 'procuracy', 'international']).toContain(r.kind);
      expect(r.level).toBe(r.kind === 'international' ? 'international' : 'central');
      for (const d of [r.valid_from, r.valid_to]) if (d) expect(d).toMatch(ISO_DATE);
      if (r.valid_from && r.valid_to) expect(r.valid_from <= r.valid_to, r.id).toBe(true);
      if (r.wikidata) expect(r.wikidata).toMatch(QID);
      expect(r.name!.length).toBeGreaterThan(0);
      expect(r.source!.length).toBeGreaterThan(0);
      expect(OLD_TONE.test(r.name!), r.name).toBe(false);
    }
  });

  it('has unique names', () => {
    expect(new Set(all.map((r) => r.name)).size).toBe(all.length);
  });

  it('has every successor in force on the day after its predecessor ends', () => {
    const byId = new Map(all.map((r) => [r.id!, r]));
    const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    for (const r of all) {
      if (!r.valid_to) continue;
      for (const s of list(r.replaced_by)) {
        expect(validOn(byId.get(s)!, nextDay(r.valid_to)), `${r.id} → ${s}`).toBe(true);
      }
    }
  });

  it('has the ministries and ministry-level agencies before and after the 2025 restructuring', () => {
    const underGovernment = (date: string) =>
      all.filter((r) => r.parent_id === 'chinh-phu' && r.kind === 'state' && validOn(r, date));
    const ministries = (date: string) => underGovernment(date).filter((r) => r.name!.startsWith('Bộ '));
    expect(ministries('2025-02-28')).toHaveLength(18);
    expect(ministries('2025-03-01')).toHaveLength(14);
    const ministryLevel = ['van-phong-chinh-phu', 'thanh-tra-chinh-phu', 'ngan-hang-nha-nuoc-viet-nam'];
    for (const id of ministryLevel) expect(ids.has(id)).toBe(true);
    expect(validOn(all.find((r) => r.id === 'uy-ban-dan-toc')!, '2025-03-01')).toBe(false);
    for (const id of ['bo-nong-nghiep-va-moi-truong', 'bo-dan-toc-va-ton-giao']) {
      expect(all.find((r) => r.id === id)!.valid_from).toBe('2025-03-01');
    }
    const merged: Record<string, string> = {
      'bo-ke-hoach-va-dau-tu': 'bo-tai-chinh',
      'bo-lao-dong-thuong-binh-va-xa-hoi': 'bo-noi-vu',
      'bo-giao-thong-van-tai': 'bo-xay-dung',
      'bo-thong-tin-va-truyen-thong': 'bo-khoa-hoc-va-cong-nghe',
      'bo-nong-nghiep-va-phat-trien-nong-thon': 'bo-nong-nghiep-va-moi-truong',
      'bo-tai-nguyen-va-moi-truong': 'bo-nong-nghiep-va-moi-truong',
    };
    for (const [from, to] of Object.entries(merged)) {
      const row = all.find((r) => r.id === from)!;
      expect(row.valid_to).toBe('2025-02-28');
      expect(list(row.replaced_by)[0]).toBe(to);
    }
  });

  it('includes the central bodies named in the brief', () => {
    for (const id of [
      'quoc-hoi',
      'uy-ban-thuong-vu-quoc-hoi',
      'hoi-dong-dan-toc',
      'van-phong-quoc-hoi',
      'chu-tich-nuoc',
      'van-phong-chu-tich-nuoc',
      'chinh-phu',
      'thu-tuong-chinh-phu',
      'van-phong-chinh-phu',
      'toa-an-nhan-dan-toi-cao',
      'vien-kiem-sat-nhan-dan-toi-cao',
      'kiem-toan-nha-nuoc',
      'ban-chap-hanh-trung-uong-dang',
      'bo-chinh-tri',
      'ban-bi-thu',
      'ban-to-chuc-trung-uong',
      'ban-noi-chinh-trung-uong',
      'ban-tuyen-giao-trung-uong',
      'ban-tuyen-giao-va-dan-van-trung-uong',
      'van-phong-trung-uong-dang',
      'uy-ban-kiem-tra-trung-uong',
      'uy-ban-trung-uong-mat-tran-to-quoc-viet-nam',
      'tong-lien-doan-lao-dong-viet-nam',
      'hoi-nong-dan-viet-nam',
      'hoi-lien-hiep-phu-nu-viet-nam',
      'doan-thanh-nien-cong-san-ho-chi-minh',
      'hoi-cuu-chien-binh-viet-nam',
      'hoi-luat-gia-viet-nam',
      'lien-doan-luat-su-viet-nam',
      'bo-tu-phap',
      'cuc-tro-giup-phap-ly',
      'tong-cuc-thi-hanh-an-dan-su',
      'cuc-quan-ly-thi-hanh-an-dan-su',
      'hoc-vien-tu-phap',
      'vien-chien-luoc-va-khoa-hoc-phap-ly',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('is sorted by id', () => {
    const order = all.map((r) => r.id!);
    expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('titles.csv', () => {
  const all = rows('titles.csv');
  const categories = ['government', 'party', 'legislature', 'judiciary', 'procuracy', 'local', 'military', 'police', 'profession', 'mass'];

  it('has at least 120 unique titles', () => {
    expect(all.length).toBeGreaterThanOrEqual(120);
    expect(new Set(all.map((r) => r.title)).size).toBe(all.length);
  });

  it('has no alias that is another title', () => {
    const titles = new Set(all.map((r) => r.title));
    for (const r of all) for (const a of list(r.aliases)) expect(titles.has(a), `${r.title}: alias ${a}`).toBe(false);
  });

  it('has integer ranks, known categories and agency patterns, English names', () => {
    for (const r of all) {
      expect(r.rank).toMatch(/^[1-9]\d*$/);
      expect(categories).toContain(r.category);
      expect(r.agency_pattern).toMatch(SLUG);
      expect(r.english!.length).toBeGreaterThan(0);
      expect(OLD_TONE.test(r.title!), r.title).toBe(false);
    }
  });

  it('orders seniority sensibly', () => {
    const rank = (t: string) => Number(all.find((r) => r.title === t)!.rank);
    expect(rank('Tổng Bí thư')).toBe(1);
    expect(rank('Thủ tướng Chính phủ')).toBeLessThan(rank('Phó Thủ tướng Thường trực'));
    expect(rank('Phó Thủ tướng Thường trực')).toBeLessThan(rank('Phó Thủ tướng'));
    expect(rank('Phó Thủ tướng')).toBeLessThan(rank('Bộ trưởng'));
    expect(rank('Bộ trưởng')).toBeLessThan(rank('Thứ trưởng'));
    expect(rank('Thứ trưởng')).toBeLessThan(rank('Cục trưởng'));
    expect(rank('Cục trưởng')).toBe(rank('Vụ trưởng'));
    expect(rank('Cục trưởng')).toBeLessThan(rank('Phó Cục trưởng'));
    expect(rank('Phó Cục trưởng')).toBeLessThan(rank('Trưởng phòng'));
    expect(rank('Trưởng phòng')).toBeLessThan(rank('Phó Trưởng phòng'));
    const military = ['Đại tướng', 'Thượng tướng', 'Trung tướng', 'Thiếu tướng', 'Đại tá', 'Thượng tá', 'Trung tá', 'Thiếu tá', 'Đại úy'];
    const ranks = military.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  it('includes the titles named in the brief', () => {
    const titles = new Set(all.map((r) => r.title));
    for (const t of [
      'Thủ tướng Chính phủ',
      'Phó Thủ tướng',
      'Phó Thủ tướng Thường trực',
      'Bộ trưởng',
      'Thứ trưởng',
      'Thứ trưởng Thường trực',
      'Tổng cục trưởng',
      'Phó Tổng cục trưởng',
      'Cục trưởng',
      'Phó Cục trưởng',
      'Vụ trưởng',
      'Phó Vụ trưởng',
      'Chánh Văn phòng',
      'Phó Chánh Văn phòng',
      'Chánh Thanh tra',
      'Phó Chánh Thanh tra',
      'Giám đốc',
      'Phó Giám đốc',
      'Trưởng phòng',
      'Phó Trưởng phòng',
      'Viện trưởng',
      'Phó Viện trưởng',
      'Chánh án',
      'Phó Chánh án',
      'Thẩm phán',
      'Kiểm sát viên',
      'Kiểm toán trưởng',
      'Chủ tịch nước',
      'Chủ tịch Quốc hội',
      'Chủ tịch Ủy ban nhân dân',
      'Chủ tịch Hội đồng nhân dân',
      'Phó Chủ tịch',
      'Phó Chủ tịch Thường trực',
      'Ủy viên',
      'Ủy viên Thường trực',
      'Trưởng ban',
      'Phó Trưởng ban',
      'Bí thư',
      'Phó Bí thư',
      'Tổng Bí thư',
      'Thường trực Ban Bí thư',
      'Tổng Thư ký',
      'Trợ giúp viên pháp lý',
      'Luật sư',
      'Chấp hành viên',
      'Công chứng viên',
      'Hiệu trưởng',
      'Giám đốc Trung tâm',
      'Đại biểu Quốc hội',
      'Trưởng đoàn đại biểu Quốc hội',
      'Đại tướng',
      'Đại úy',
    ]) {
      expect(titles.has(t), t).toBe(true);
    }
  });
});

describe('document-types.csv', () => {
  const all = rows('document-types.csv');
  it('has unique names and eli types from the vocabularies', () => {
    expect(new Set(all.map((r) => r.name)).size).toBe(all.length);
    expect(new Set(all.map((r) => r.eli_type)).size).toBe(all.length);
    for (const r of all) {
      expect(r.eli_type).toMatch(SLUG);
      expect(['normative', 'administrative', 'party', 'draft']).toContain(r.category);
      expect(r.english!.length).toBeGreaterThan(0);
    }
  });
});

describe('issuer-codes.csv', () => {
  const all = rows('issuer-codes.csv');
  it('has unique codes with an issuer and a kind', () => {
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
    const kinds = [
      'national-assembly',
      'head-of-state',
      'government',
      'ministry',
      'ministry-level',
      'government-agency',
      'court',
      'procuracy',
      'audit',
      'party',
      'mass',
      'local',
    ];
    for (const r of all) {
      expect(r.code!.length).toBeGreaterThan(0);
      expect(r.issuer!.length).toBeGreaterThan(0);
      expect(kinds).toContain(r.issuer_kind);
    }
  });
  it('resolves the common codes', () => {
    const issuer = (c: string) => all.find((r) => r.code === c)?.issuer;
    expect(issuer('CP')).toBe('Chính phủ');
    expect(issuer('TTg')).toBe('Thủ tướng Chính phủ');
    expect(issuer('QH15')).toBe('Quốc hội');
    expect(issuer('UBTVQH15')).toBe('Ủy ban Thường vụ Quốc hội');
    expect(issuer('BTP')).toBe('Bộ Tư pháp');
    expect(issuer('TW')).toBe('Ban Chấp hành Trung ương Đảng');
  });
  it('names issuers that are agencies', () => {
    const names = new Set(rows('agencies.csv').map((r) => r.name));
    const generic = new Set(['Ban Chỉ đạo', 'Ủy ban nhân dân', 'Hội đồng nhân dân', 'Hội đồng Nhà nước']);
    for (const r of all) if (!generic.has(r.issuer!)) expect(names.has(r.issuer!), `${r.code}: ${r.issuer}`).toBe(true);
  });
});

describe('known-documents.csv', () => {
  const all = rows('known-documents.csv');
  const types = new Set(rows('document-types.csv').map((r) => r.name));

  it('gives every row a number and a known type', () => {
    expect(all.length).toBeGreaterThan(3000);
    for (const r of all) {
      expect(r.number!.length, JSON.stringify(r)).toBeGreaterThan(0);
      const known = types.has(r.type!) || r.type! in UNKNOWN_TYPE_ALLOWED;
      expect(known, `${r.number}: type ${r.type}`).toBe(true);
    }
  });

  it('has no duplicate rows or numbers and ISO dates', () => {
    expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(all.length);
    expect(new Set(all.map((r) => r.number)).size).toBe(all.length);
    for (const r of all) {
      for (const d of [r.date, r.effective_date]) if (d) expect(d).toMatch(ISO_DATE);
    }
  });

  it('has no number cut short', () => {
    for (const r of all) {
      expect(/[-/]$/.test(r.number!), r.number).toBe(false);
      expect(/^\d+$/.test(r.number!), r.number).toBe(false);
    }
  });
});

describe('document-relations.csv', () => {
  const all = rows('document-relations.csv');
  it('uses the relation vocabulary and has no duplicates', () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(all.length);
    for (const r of all) {
      expect(['amends', 'repeals', 'replaces', 'supplements']).toContain(r.relation);
      expect(r.source_number).toMatch(/\d/);
      expect(r.target_number).toMatch(/\d/);
      if (r.effective_date) expect(r.effective_date).toMatch(ISO_DATE);
    }
  });
});

describe('abbreviations.csv', () => {
  const all = rows('abbreviations.csv');
  it('has at least 60 abbreviations, unique per context', () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((r) => `${r.abbreviation}|${r.context}`)).size).toBe(all.length);
    for (const r of all) {
      expect(r.abbreviation!.length).toBeGreaterThan(0);
      expect(r.expansion!.length).toBeGreaterThan(0);
      expect(r.context).toMatch(SLUG);
    }
  });
  it('expands the common ones', () => {
    const exp = (a: string) => all.filter((r) => r.abbreviation === a).map((r) => r.expansion);
    expect(exp('UBND')).toContain('Ủy ban nhân dân');
    expect(exp('TGPL')).toContain('trợ giúp pháp lý');
    expect(exp('TP.HCM')).toContain('Thành phố Hồ Chí Minh');
  });
});
