import { describe, expect, it } from 'vitest';
import type { DocumentMention } from '../../src/core/extraction.ts';
import type { Announcement } from '../../src/core/types.ts';
import { extractDocuments } from '../../src/extract/legal-documents.ts';
import * as patterns from '../../src/extract/patterns/legal.ts';

type PatternName = { [K in keyof typeof patterns]: (typeof patterns)[K] extends RegExp ? K : never }[keyof typeof patterns];

/** The first match: at position 0 for a sticky pattern, anywhere for the others. */
function firstMatch(re: RegExp, text: string): string | null {
  const copy = new RegExp(re.source, re.flags.replace('g', ''));
  copy.lastIndex = 0;
  return copy.exec(text)?.[0] ?? null;
}

/** Positive examples (input → the exact text matched) and negative ones (no match) for every exported pattern. */
const PATTERN_EXAMPLES: Record<PatternName, { match: [string, string][]; noMatch: string[] }> = {
  WORD: { match: [['Nghị định', 'Nghị'], ['144/2017', '144']], noMatch: ['/-., '] },
  DOCUMENT_NUMBER_AT: {
    match: [
      ['144/2017/NĐ-CP ngày', '144/2017/NĐ-CP'],
      ['66-NQ/TW,', '66-NQ/TW'],
      ['1521/QĐ-TTg)', '1521/QĐ-TTg'],
      ['11/2017/QH14 được', '11/2017/QH14'],
      ['01/2021/TTLT-BTP-BCA', '01/2021/TTLT-BTP-BCA'],
      ['74/CP', '74/CP'],
      ['21-LCT/HDNN8', '21-LCT/HDNN8'],
      ['45/KH-STP.', '45/KH-STP'],
    ],
    noMatch: ['10/2024', '2021-2025', '3/4 số xã', 'Covid-19', '12/03/2024'],
  },
  DOCUMENT_NUMBER_SCAN: {
    match: [['theo số 144/2017/NĐ-CP,', '144/2017/NĐ-CP']],
    noMatch: ['giai đoạn 2021-2025', 'ABC144/2017/NĐ-CP', 'tỷ lệ 3/4'],
  },
  NUMBER_SEGMENT: { match: [['/NĐ-CP', '/NĐ'], ['-TTg', '-TTg']], noMatch: ['/2017', 'NĐ'] },
  SEQUENCE_ONLY_AT: { match: [['66 yêu cầu', '66'], ['01 của Sở', '01']], noMatch: ['5 năm', '144/2017', '3 nội dung', '2.5'] },
  DAMAGED_NUMBER_AT: { match: [['2007N§-CP ngày', '2007N§-CP']], noMatch: ['N§-CP', ' 2007'] },
  NUMBER_CHARACTERS: { match: [['144/2017/NĐ-CP', '144/2017/NĐ-CP']], noMatch: ['2007N§-CP', '144/2017 NĐ'] },
  NUMBER_INTRO_AT: { match: [[' số 144', ' số '], [' Số: 12', ' Số: '], [' 66-NQ', ' ']], noMatch: [] },
  DATE_INTRO_AT: {
    match: [
      [' ngày 15/12/2017', ' '],
      [', ngày 30/5/2019', ', '],
      [' ban hành ngày 6/4/2016', ' ban hành '],
      [' được ký vào ngày 1/1/2020', ' được ký vào '],
    ],
    noMatch: [' ngày hôm nay', ' của Chính phủ'],
  },
  ISSUER_INTRO_AT: { match: [[' của Chính phủ', ' của '], [', do Bộ Tư pháp', ', do ']], noMatch: [' về việc'] },
  PLENUM_INTRO_AT: {
    match: [
      [', Hội nghị lần thứ sáu Ban Chấp hành', ', Hội nghị lần thứ sáu '],
      [' của Hội nghị Trung ương 4 khóa XII', ' của Hội nghị Trung ương 4 '],
    ],
    noMatch: [' tại Hội nghị tập huấn'],
  },
  COMMA_ISSUER_INTRO_AT: { match: [[', Bộ Chính trị', ', ']], noMatch: [', Bộ Tư pháp', ' Bộ Chính trị'] },
  ISSUER_HEAD_AT: {
    match: [
      ['Thủ tướng Chính phủ', 'Thủ tướng'],
      ['UBND tỉnh', 'UBND'],
      ['Đảng ủy Bộ', 'Đảng ủy'],
      ['Bộ trưởng Bộ Tư pháp', 'Bộ trưởng'],
    ],
    noMatch: ['bộ phận', 'Bộc lộ', 'các cơ quan'],
  },
  ISSUER_STOP_AT: { match: [['về việc', 'về'], ['quy định chi tiết', 'quy định'], ['đã ký', 'đã']], noMatch: ['Về', 'tỉnh', 'vềnh'] },
  PLACE_WORD_AT: { match: [['tỉnh Hà Tĩnh', 'tỉnh'], ['thành phố Đà Nẵng', 'thành phố']], noMatch: ['tỉnhủy', 'Tỉnh ủy'] },
  TERM_IN_BRACKETS_AT: { match: [[' (Khóa X) về', ' (Khóa X)']], noMatch: [' khóa X', ' (nhiệm kỳ 2020)'] },
  TERM_SUFFIX_AT: { match: [[' khóa XIII về', ' khóa XIII'], [' Khóa IX', ' Khóa IX']], noMatch: [' khóa học', ' (Khóa X)'] },
  TITLE_CUE_AT: { match: [['về việc', 'về'], ['phê duyệt Đề án', 'phê duyệt'], ['Quy định chi tiết', 'Quy định']], noMatch: ['đã ký', 'vềnh'] },
  TITLE_BLOCKED_AT: { match: [['này có hiệu lực', 'này'], ['đã được', 'đã']], noMatch: ['về việc', 'quy định'] },
  TITLE_STOP_AT: {
    match: [
      [', trong đó có', ', trong đó'],
      [' và các văn bản hướng dẫn', ' và các văn bản'],
      [' có hiệu lực', ' có hiệu lực'],
      [' được Quốc hội thông qua', ' được '],
      [' ban hành ngày 6/4', ' ban hành '],
      [', ngày 5/3/2024', ', ngày 5'],
      [', đội ngũ cán bộ đã tăng', ', đội ngũ cán bộ đã '],
    ],
    noMatch: [', điều kiện xét thăng hạng', ' người được trợ giúp pháp lý', ' hàng hóa đã qua sử dụng'],
  },
  POST_ISSUER_INTRO_AT: {
    match: [
      [' được Quốc hội thông qua', ' được '],
      [', do Chủ tịch nước ký', ', do '],
    ],
    noMatch: [' được trợ giúp pháp lý', ' được thông qua'],
  },
  POST_ISSUER_VERB_AT: { match: [[' thông qua ngày', ' thông qua'], [' đã ký ban hành', ' đã ký ban hành']], noMatch: [' ký kết', ' về việc'] },
  POST_DATE_AT: { match: [[' ngày 6/4/2016', ' '], [', vào ngày 2/1', ', vào ']], noMatch: [' ngày mai'] },
  PRE_ISSUANCE_VERB: {
    match: [
      ['Bộ trưởng Bộ Tư pháp đã ban hành ', ' đã ban hành '],
      ['Thủ tướng Chính phủ đã ký ', ' đã ký '],
      ['Quốc hội thông qua ', ' thông qua '],
      ['Bộ Tư pháp có ', ' có '],
    ],
    noMatch: ['đã ban hành kế hoạch ', 'Bộ trưởng ký'],
  },
  PRE_DATE: { match: [['Ngày 17/01/2022, Bộ', 'Ngày 1'], [', ngày 5/3', ' ngày 5']], noMatch: ['hàng ngày', 'ngàyx 5'] },
  DATE_ISSUER_GAP: { match: [[', ', ', '], ['', '']], noMatch: [', tại Hà Nội, '] },
  GENERIC_BEFORE: { match: [['thực hiện các ', ' các '], ['triển khai 03 ', ' 03 ']], noMatch: ['Điều 25 ', 'theo ', 'cácx '] },
  DRAFT_BEFORE: { match: [['góp ý Dự thảo ', ' Dự thảo '], ['dự án ', 'dự án ']], noMatch: ['dự thảo văn bản ', 'Dự án đầu tư '] },
  LAW_WORD_NOT_A_LAW_BEFORE: { match: [['Trường Đại học ', ' Đại học '], ['hệ thống pháp ', ' pháp ']], noMatch: ['triển khai ', 'Bộ '] },
  LAW_WORD_NOT_A_LAW_AFTER: { match: [[' sư Nguyễn', ' sư'], [' gia Việt Nam', ' gia']], noMatch: [' Giáo dục', ' Đất đai', ' sửa đổi'] },
  BACK_REFERENCE_AT: { match: [[' này có hiệu lực', ' này'], [' nói trên', ' nói trên']], noMatch: [' năm nay', ' số 12'] },
  NAME_YEAR_AT: { match: [[' năm 2017 quy định', ' năm 2017'], [' 2020,', ' 2020']], noMatch: [' năm nay', ' 144/2017'] },
  AMENDED_NAME_SUFFIX_AT: { match: [[' (sửa đổi) và', ' (sửa đổi)'], [' sửa đổi;', ' sửa đổi']], noMatch: [' sửa đổi Nghị định', ' (sửa đổi, bổ sung năm 2017)'] },
  NAME_STOP_AT: { match: [['năm 2017', 'năm'], ['được thông qua', 'được'], ['và các văn bản', 'và ']], noMatch: ['và gia đình', 'Năm Căn', 'cho người'] },
  NAME_STOP_IN_FORCE_AT: { match: [['cho người dân', 'cho'], ['về phòng', 'về']], noMatch: ['chống tham nhũng', 'Về'] },
  NAME_COMMA_CONTINUATION_AT: { match: [[', chống tham nhũng', ', ']], noMatch: [', đồng thời', ', Luật'] },
  CONSTITUTION_SET_PHRASE_AT: {
    match: [
      [' và pháp luật', ' và pháp luật'],
      [', pháp luật', ', pháp luật'],
      [' và các luật', ' và các luật'],
    ],
    noMatch: [' năm 2013', ' và luật sư', ' và Luật Đất đai'],
  },
  QUOTE_OPEN_AT: { match: [[' “Tăng cường”', ' “'], ['"Xây dựng"', '"']], noMatch: [' về trợ giúp'] },
  ABBREVIATION_DEFINITION: { match: [['Trợ giúp pháp lý (TGPL)', '(TGPL)']], noMatch: ['(ảnh)', '(Khóa X)', '(T)'] },
  ABBREVIATION_TOKEN: { match: [['của UBND tỉnh', 'UBND'], ['tại TP.HCM', 'TP.HCM'], ['TGPL.', 'TGPL']], noMatch: ['48-CT/TW', 'T'] },
  RELATION_CUE: {
    match: [
      ['sửa đổi, bổ sung một số điều của Nghị định', 'sửa đổi, bổ sung một số điều của '],
      ['quy định chi tiết và biện pháp thi hành Luật', 'quy định chi tiết và biện pháp thi hành '],
      ['Căn cứ Luật', 'Căn cứ '],
    ],
    noMatch: ['bổ sungx', 'hướng'],
  },
  ADOPTION_AFTER_AT: { match: [[' đã được thông qua', ' đã được thông qua'], [', chính thức thông qua', ', chính thức thông qua']], noMatch: [' được thảo luận', ' thông qua đó', ' đã thông qua các dự án'] },
  UPPER_CASE_WORD: { match: [['TGPL', 'TGPL'], ['GD&ĐT', 'GD&ĐT']], noMatch: ['Luật', 'TTg'] },
  CAPITALISED: { match: [['Luật', 'L'], ['Đề án', 'Đ']], noMatch: ['luật', '144'] },
  ABBREVIATION_AFTER_AT: { match: [[' (TGPL) số', ' (TGPL)']], noMatch: [' (ảnh)', ' TGPL'] },
  LIST_GAP: { match: [['; ', '; '], [', và ', ', và '], ['', '']], noMatch: [' của ', '. '] },
  LIST_SEPARATOR_AT: { match: [[', Nghị định', ', '], [' và Thông tư', ' và ']], noMatch: [' của Bộ'] },
  WORD_AT: { match: [['Nghị định', 'Nghị'], ['144/2017', '144'], ['GD&ĐT', 'GD&ĐT']], noMatch: [' Nghị', '/2017'] },
  NUMBER_DAMAGE_SIGN: { match: [['2007N§-CP', 'N'], ['2007§', '§']], noMatch: ['2007/2017'] },
};

describe('legal-document patterns', () => {
  it('has examples for every exported pattern', () => {
    const exported = Object.entries(patterns).filter(([, v]) => v instanceof RegExp).map(([k]) => k);
    expect(Object.keys(PATTERN_EXAMPLES).sort()).toEqual(exported.sort());
  });

  for (const [name, { match, noMatch }] of Object.entries(PATTERN_EXAMPLES)) {
    const re = patterns[name as PatternName];
    it(`${name} matches its positive examples`, () => {
      for (const [input, expected] of match) expect(firstMatch(re, input), input).toBe(expected);
    });
    it(`${name} rejects its negative examples`, () => {
      for (const input of noMatch) expect(firstMatch(re, input), input).toBeNull();
    });
  }
});

function announcement(body: string, title = 'Tin hoạt động', published = '2024-03-26'): Announcement {
  return {
    id: 'test',
    source: { path: 'test.txt', format: 'text', encoding: 'utf-8', sha256: '', byteSize: 0 },
    title,
    published: { date: published },
    body,
    contentHash: '',
  };
}

/** Extracts, and checks on the way that keys run d1, d2 … and that every span slices to a surface. */
function extract(body: string, title?: string, published?: string) {
  const a = announcement(body, title, published);
  const out = extractDocuments(a);
  out.documents.forEach((d, i) => {
    expect(d.key).toBe(`d${i + 1}`);
    for (const e of d.evidence) {
      const text = e.span.field === 'title' ? a.title : a.body;
      expect(e.span.start).toBeGreaterThanOrEqual(0);
      expect(e.span.end).toBeLessThanOrEqual(text.length);
      expect(e.span.end).toBeGreaterThan(e.span.start);
      expect(e.confidence).toBeGreaterThan(0);
    }
  });
  return { ...out, a };
}

/** The surfaces of a document's evidence, with their rules. */
function surfaces(d: DocumentMention, a: Announcement): string[] {
  return d.evidence.map((e) => `${e.rule}: ${(e.span.field === 'title' ? a.title : a.body).slice(e.span.start, e.span.end)}`);
}

/** The fields a gold record has, for compact expectations. */
function summary(d: DocumentMention): Partial<DocumentMention> {
  const { key, evidence, relations, issuerAgencyKey, ...rest } = d;
  void key;
  void evidence;
  void relations;
  void issuerAgencyKey;
  return rest;
}

describe('extractDocuments: numbered documents', () => {
  it('reads a decree with number, date, issuer and subject, and the law it details', () => {
    const { documents, issues, a } = extract(
      'Hội thảo góp ý việc sửa đổi Nghị định số 144/2017/NĐ-CP ngày 15/12/2017 của Chính phủ quy định chi tiết một số điều của Luật Trợ giúp pháp lý; các đại biểu thống nhất.',
    );
    expect(issues).toEqual([]);
    expect(documents.map(summary)).toEqual([
      {
        type: 'Nghị định',
        number: '144/2017/NĐ-CP',
        numberParts: { sequence: '144', year: 2017, typeCode: 'NĐ', issuerCode: 'CP' },
        date: '2017-12-15',
        issuer: 'Chính phủ',
        title: 'quy định chi tiết một số điều của Luật Trợ giúp pháp lý',
        draft: false,
      },
      { type: 'Luật', title: 'Luật Trợ giúp pháp lý', draft: false },
    ]);
    expect(surfaces(documents[0]!, a)).toEqual(['doc.number-with-type: Nghị định số 144/2017/NĐ-CP']);
    expect(surfaces(documents[1]!, a)).toEqual(['doc.named-known: Luật Trợ giúp pháp lý']);
    expect(documents[0]!.relations.map((r) => [r.kind, r.targetKey, a.body.slice(r.evidence.span.start, r.evidence.span.end)])).toEqual([
      ['details', 'd2', 'quy định chi tiết một số điều của Luật Trợ giúp pháp lý'],
    ]);
  });

  it.each<[string, string, Partial<DocumentMention>]>([
    [
      'a Party resolution',
      'Quán triệt Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng và thi hành pháp luật.',
      {
        type: 'Nghị quyết',
        number: '66-NQ/TW',
        numberParts: { sequence: '66', typeCode: 'NQ', issuerCode: 'TW' },
        date: '2025-04-30',
        issuer: 'Bộ Chính trị',
        title: 'về đổi mới công tác xây dựng và thi hành pháp luật',
        draft: false,
      },
    ],
    [
      'a decision of the Prime Minister without a year in its number',
      'Theo Quyết định số 1521/QĐ-TTg ngày 6/10/2023 của Thủ tướng Chính phủ phê duyệt kế hoạch thực hiện chương trình.',
      {
        type: 'Quyết định',
        number: '1521/QĐ-TTg',
        numberParts: { sequence: '1521', typeCode: 'QĐ', issuerCode: 'TTg' },
        date: '2023-10-06',
        issuer: 'Thủ tướng Chính phủ',
        title: 'phê duyệt kế hoạch thực hiện chương trình',
        draft: false,
      },
    ],
    [
      'a circular of a minister',
      'Thông tư số 08/2017/TT-BTP ngày 15 tháng 11 năm 2017 của Bộ trưởng Bộ Tư pháp quy định chi tiết một số điều của luật; đồng thời',
      {
        type: 'Thông tư',
        number: '08/2017/TT-BTP',
        numberParts: { sequence: '08', year: 2017, typeCode: 'TT', issuerCode: 'BTP' },
        date: '2017-11-15',
        issuer: 'Bộ trưởng Bộ Tư pháp',
        title: 'quy định chi tiết một số điều của luật',
        draft: false,
      },
    ],
    [
      'a local plan',
      'Sở Tư pháp triển khai Kế hoạch số 45/KH-STP ngày 3/2/2024 của Sở Tư pháp về tuyên truyền pháp luật năm 2024.',
      {
        type: 'Kế hoạch',
        number: '45/KH-STP',
        numberParts: { sequence: '45', typeCode: 'KH', issuerCode: 'STP' },
        date: '2024-02-03',
        issuer: 'Sở Tư pháp',
        title: 'về tuyên truyền pháp luật năm 2024',
        draft: false,
      },
    ],
    [
      'a joint circular of two ministries',
      'Thông tư liên tịch số 01/2021/TTLT-BTP-BCA ngày 12/2/2021 của Bộ Tư pháp và Bộ Công an hướng dẫn phối hợp thi hành án.',
      {
        type: 'Thông tư liên tịch',
        number: '01/2021/TTLT-BTP-BCA',
        numberParts: { sequence: '01', year: 2021, typeCode: 'TTLT', issuerCode: 'BTP-BCA' },
        date: '2021-02-12',
        issuer: 'Bộ Tư pháp và Bộ Công an',
        title: 'hướng dẫn phối hợp thi hành án',
        draft: false,
      },
    ],
    [
      'a law with its name, number, issuer and adoption date',
      'Luật Hòa giải ở cơ sở số 35/2013/QH13 được Quốc hội thông qua ngày 20/6/2013, có hiệu lực từ ngày 01/01/2014.',
      {
        type: 'Luật',
        number: '35/2013/QH13',
        numberParts: { sequence: '35', year: 2013, issuerCode: 'QH13' },
        date: '2013-06-20',
        issuer: 'Quốc hội',
        title: 'Luật Hòa giải ở cơ sở',
        draft: false,
      },
    ],
    [
      'a resolution of a provincial council, abbreviations expanded',
      'Nghị quyết số 05/2023/NQ-HĐND ngày 10/7/2023 của HĐND tỉnh Hà Tĩnh quy định mức chi cho hòa giải ở cơ sở.',
      {
        type: 'Nghị quyết',
        number: '05/2023/NQ-HĐND',
        numberParts: { sequence: '05', year: 2023, typeCode: 'NQ', issuerCode: 'HĐND' },
        date: '2023-07-10',
        issuer: 'Hội đồng nhân dân tỉnh Hà Tĩnh',
        title: 'quy định mức chi cho hòa giải ở cơ sở',
        draft: false,
      },
    ],
    [
      'a decision of a provincial committee',
      'Quyết định số 12/QĐ-UBND ngày 2/1/2024 của UBND tỉnh Quảng Nam về việc kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật.',
      {
        type: 'Quyết định',
        number: '12/QĐ-UBND',
        numberParts: { sequence: '12', typeCode: 'QĐ', issuerCode: 'UBND' },
        date: '2024-01-02',
        issuer: 'Ủy ban nhân dân tỉnh Quảng Nam',
        title: 'về việc kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật',
        draft: false,
      },
    ],
    [
      'a directive whose issuer carries its term in brackets',
      'Chỉ thị số 48-CT/TW ngày 22 tháng 10 năm 2010 của Bộ Chính trị (Khóa X) về tăng cường công tác phòng, chống tội phạm.',
      {
        type: 'Chỉ thị',
        number: '48-CT/TW',
        numberParts: { sequence: '48', typeCode: 'CT', issuerCode: 'TW' },
        date: '2010-10-22',
        issuer: 'Bộ Chính trị (Khóa X)',
        title: 'về tăng cường công tác phòng, chống tội phạm',
        draft: false,
      },
    ],
    [
      'a resolution of a plenum: the issuer is the Central Committee',
      'Nghị quyết số 27-NQ/TW ngày 09/11/2022, Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII về hoàn thiện Nhà nước pháp quyền.',
      {
        type: 'Nghị quyết',
        number: '27-NQ/TW',
        numberParts: { sequence: '27', typeCode: 'NQ', issuerCode: 'TW' },
        date: '2022-11-09',
        issuer: 'Ban Chấp hành Trung ương Đảng',
        title: 'về hoàn thiện Nhà nước pháp quyền',
        draft: false,
      },
    ],
  ])('%s', (_, body, expected) => {
    const { documents, issues } = extract(body);
    expect(issues).toEqual([]);
    expect(documents.map(summary)[0]).toEqual(expected);
  });

  it('reads old-style numbers and completes them from the known documents, never the issuer', () => {
    const { documents, a } = extract('Nghị định 74/CP và Luật số 21-LCT/HDNN8 được nhắc lại trong buổi tọa đàm.');
    expect(documents.map(summary)).toEqual([
      {
        type: 'Nghị định',
        number: '74/CP',
        numberParts: { sequence: '74', issuerCode: 'CP' },
        date: '1993-10-25',
        title: 'quy định chi tiết thi hành Luật Thuế sử dụng đất nông nghiệp',
        draft: false,
      },
      {
        type: 'Luật',
        number: '21-LCT/HDNN8',
        numberParts: { sequence: '21', typeCode: 'LCT', issuerCode: 'HDNN8' },
        date: '1989-06-30',
        title: 'Luật Bảo vệ sức khoẻ nhân dân',
        draft: false,
      },
    ]);
    expect(surfaces(documents[0]!, a)).toEqual(['doc.number-with-type: Nghị định 74/CP', 'doc.known-documents: Nghị định 74/CP']);
  });

  it('infers the type of a bare number from its code and keeps the text as the only source of the title', () => {
    const { documents, a } = extract('Hồ sơ được lập theo số 45/KH-STP và văn bản số 123/BTP-TGPL ngày 5/1/2024 của Bộ Tư pháp về việc rà soát.');
    expect(documents.map(summary)).toEqual([
      { type: 'Kế hoạch', number: '45/KH-STP', numberParts: { sequence: '45', typeCode: 'KH', issuerCode: 'STP' }, draft: false },
      {
        type: 'Công văn',
        number: '123/BTP-TGPL',
        numberParts: { sequence: '123', issuerCode: 'BTP-TGPL' },
        date: '2024-01-05',
        issuer: 'Bộ Tư pháp',
        title: 'về việc rà soát',
        draft: false,
      },
    ]);
    expect(surfaces(documents[0]!, a)).toEqual(['doc.number-only: 45/KH-STP']);
  });

  it('takes the issuer and date of an issuing clause before the document, for every document of its list', () => {
    const { documents } = extract(
      'Thực hiện Chỉ thị số 15-CT/TU ngày 2/2/2024 của Ban Thường vụ Tỉnh ủy về phổ biến pháp luật, ngày 5/3/2024, Sở Tư pháp đã ban hành Kế hoạch số 10/KH-STP về tuyên truyền pháp luật năm 2024; Kế hoạch số 11/KH-STP về trợ giúp pháp lý lưu động.',
    );
    expect(documents.map((d) => [d.number, d.date, d.issuer, d.relations.map((r) => `${r.kind}->${r.targetKey}`)])).toEqual([
      ['15-CT/TU', '2024-02-02', 'Ban Thường vụ Tỉnh ủy', []],
      ['10/KH-STP', '2024-03-05', 'Sở Tư pháp', ['implements->d1']],
      ['11/KH-STP', '2024-03-05', 'Sở Tư pháp', ['implements->d1']],
    ]);
  });

  it('reads an issuing clause naming the office-holder, or with "có"', () => {
    const { documents } = extract(
      'Ngày 10/01/2025, Bộ trưởng Bộ Tư pháp Nguyễn Văn Bình đã ký Quyết định số 55/QĐ-BTP ban hành Kế hoạch công tác năm 2025. Văn phòng Chính phủ có Thông báo số 123/TB-VPCP về ý kiến kết luận.',
    );
    expect(documents.map((d) => [d.type, d.number, d.date, d.issuer])).toEqual([
      ['Quyết định', '55/QĐ-BTP', '2025-01-10', 'Bộ trưởng Bộ Tư pháp'],
      ['Thông báo', '123/TB-VPCP', undefined, 'Văn phòng Chính phủ'],
    ]);
  });

  it('reads an unnumbered decision signed by a named office', () => {
    const { documents } = extract('Thủ tướng Chính phủ đã ký Quyết định công nhận ngày 19/4 là Ngày Văn hóa các dân tộc Việt Nam.');
    expect(documents.map(summary)).toEqual([
      { type: 'Quyết định', issuer: 'Thủ tướng Chính phủ', title: 'công nhận ngày 19/4 là Ngày Văn hóa các dân tộc Việt Nam', draft: false },
    ]);
  });
});

describe('extractDocuments: damaged numbers and dates', () => {
  it('restores a type code that lost its diacritic and says so', () => {
    const { documents, issues, a } = extract('Theo Nghị định 144/2017/ND-CP, diện người được trợ giúp pháp lý được mở rộng.');
    expect(documents[0]!.number).toBe('144/2017/NĐ-CP');
    expect(documents[0]!.numberParts).toEqual({ sequence: '144', year: 2017, typeCode: 'NĐ', issuerCode: 'CP' });
    expect(issues.map((i) => [i.code, i.severity, i.file, a.body.slice(i.span!.start, i.span!.end)])).toEqual([
      ['document_number_irregular', 'warning', 'test.txt', '144/2017/ND-CP'],
    ]);
    expect(issues[0]!.message).toContain('ND read as NĐ');
  });

  it('reports an unreadable number and makes no document of it', () => {
    const { documents, issues, a } = extract('Nghị định số 2007N§-CP đã được thay thế.');
    expect(documents).toEqual([]);
    expect(issues.map((i) => [i.code, a.body.slice(i.span!.start, i.span!.end)])).toEqual([['document_number_unreadable', '2007N§-CP']]);
  });

  it('keeps a document whose date is impossible, without the date, and reports it', () => {
    const { documents, issues, a } = extract('Quyết định số 15/QĐ-BTP ngày 31/02/2020 của Bộ trưởng Bộ Tư pháp về việc thành lập Tổ công tác.');
    expect(summary(documents[0]!)).toEqual({
      type: 'Quyết định',
      number: '15/QĐ-BTP',
      numberParts: { sequence: '15', typeCode: 'QĐ', issuerCode: 'BTP' },
      issuer: 'Bộ trưởng Bộ Tư pháp',
      title: 'về việc thành lập Tổ công tác',
      draft: false,
    });
    expect(issues.map((i) => [i.code, a.body.slice(i.span!.start, i.span!.end)])).toEqual([['document_date_impossible', 'ngày 31/02/2020']]);
  });

  it('keeps apart two documents given one number with different subjects, and says so', () => {
    const { documents, issues } = extract(
      'Đảng ủy ban hành Kế hoạch số 5-KH/ĐU về tổ chức đại hội chi bộ; Kế hoạch số 5-KH/ĐU về kiểm tra, giám sát năm 2024.',
    );
    expect(documents.map((d) => [d.number, d.title])).toEqual([
      ['5-KH/ĐU', 'về tổ chức đại hội chi bộ'],
      ['5-KH/ĐU', 'về kiểm tra, giám sát năm 2024'],
    ]);
    expect(issues.map((i) => i.code)).toEqual(['document_number_conflict']);
  });
});

describe('extractDocuments: laws, the Constitution and drafts', () => {
  it('keeps a law name without its year, and two years of one name apart', () => {
    const { documents, a } = extract('Luật Đất đai năm 2013 đã bộc lộ hạn chế, Luật Đất đai năm 2024 khắc phục; Luật Đất đai là đạo luật lớn.');
    expect(documents.map(summary)).toEqual([
      { type: 'Luật', title: 'Luật Đất đai', nameYear: 2013, draft: false },
      { type: 'Luật', title: 'Luật Đất đai', nameYear: 2024, draft: false },
    ]);
    // A later mention without a year means the first law of that name.
    expect(surfaces(documents[0]!, a)).toEqual(['doc.named: Luật Đất đai năm 2013', 'doc.named: Luật Đất đai']);
    expect(surfaces(documents[1]!, a)).toEqual(['doc.named: Luật Đất đai năm 2024']);
  });

  it('expands a short name the text defines, and relates the new law to the one it replaces', () => {
    const { documents, a } = extract(
      'Luật Trợ giúp pháp lý (TGPL) số 11/2017/QH14 thay thế Luật TGPL năm 2006. Luật TGPL mở rộng diện người được trợ giúp.',
    );
    expect(documents.map((d) => [d.title, d.number, d.date])).toEqual([
      ['Luật Trợ giúp pháp lý', '11/2017/QH14', '2017-06-20'],
      ['Luật Trợ giúp pháp lý', undefined, undefined],
    ]);
    expect(surfaces(documents[0]!, a)).toEqual([
      'doc.number-with-type: Luật Trợ giúp pháp lý (TGPL) số 11/2017/QH14',
      'doc.named-known: Luật TGPL',
      'doc.known-documents: Luật Trợ giúp pháp lý (TGPL) số 11/2017/QH14',
    ]);
    expect(surfaces(documents[1]!, a)).toEqual(['doc.named-known: Luật TGPL năm 2006']);
    expect(documents[0]!.relations.map((r) => [r.kind, r.targetKey, a.body.slice(r.evidence.span.start, r.evidence.span.end)])).toEqual([
      ['replaces', 'd2', 'thay thế Luật TGPL năm 2006'],
    ]);
  });

  it('resolves an acronym of a law named in full elsewhere in the text', () => {
    const { documents } = extract('Tập huấn Luật Hòa giải ở cơ sở cho hòa giải viên; Luật HGCS quy định rõ quyền của hòa giải viên.');
    expect(documents.map((d) => [d.title, d.evidence.length])).toEqual([['Luật Hòa giải ở cơ sở', 2]]);
  });

  it('recognises a law named in lower case only when the name is known', () => {
    const { documents } = extract('Hội nghị quán triệt luật tiếp cận thông tin; luật mới này có nhiều điểm tiến bộ.');
    expect(documents.map(summary)).toEqual([{ type: 'Luật', title: 'Luật Tiếp cận thông tin', draft: false }]);
  });

  it('reads drafts: "Dự thảo Luật", "dự án Luật", "(sửa đổi)"', () => {
    const { documents, a } = extract(
      'Cục đề xuất nội dung cho Dự thảo Luật Phòng, chống ma túy sửa đổi và dự án Luật Công chứng (sửa đổi); Luật Thủ đô (sửa đổi) cũng được thảo luận.',
    );
    expect(documents.map(summary)).toEqual([
      { type: 'Dự thảo Luật', title: 'Luật Phòng, chống ma túy sửa đổi', draft: true },
      { type: 'Dự thảo Luật', title: 'Luật Công chứng (sửa đổi)', draft: true },
      { type: 'Dự thảo Luật', title: 'Luật Thủ đô (sửa đổi)', draft: true },
    ]);
    expect(documents.flatMap((d) => surfaces(d, a))).toEqual([
      'doc.named-known: Dự thảo Luật Phòng, chống ma túy sửa đổi',
      'doc.named: dự án Luật Công chứng (sửa đổi)',
      'doc.named: Luật Thủ đô (sửa đổi)',
    ]);
  });

  it('makes a bill adopted in the same article a law', () => {
    const { documents } = extract('Quốc hội thảo luận dự án Luật Thanh niên (sửa đổi). Chiều cùng ngày, Luật Thanh niên (sửa đổi) đã được Quốc hội thông qua.');
    expect(documents.map(summary)).toEqual([{ type: 'Luật', title: 'Luật Thanh niên (sửa đổi)', issuer: 'Quốc hội', draft: false }]);
  });

  it('reads a draft decree and a draft resolution', () => {
    const { documents } = extract(
      'Hội thảo góp ý dự thảo Nghị định quy định chi tiết Luật Hộ tịch. Dự thảo Nghị quyết của Quốc hội về thí điểm cơ chế đặc thù được gửi lấy ý kiến.',
    );
    expect(documents.map(summary)).toEqual([
      { type: 'Dự thảo Nghị định', title: 'quy định chi tiết Luật Hộ tịch', draft: true },
      { type: 'Luật', title: 'Luật Hộ tịch', draft: false },
      { type: 'Dự thảo Nghị quyết', issuer: 'Quốc hội', title: 'về thí điểm cơ chế đặc thù được gửi lấy ý kiến', draft: true },
    ]);
    expect(documents[0]!.relations.map((r) => `${r.kind}->${r.targetKey}`)).toEqual(['details->d2']);
  });

  it('reads each year of the Constitution as its own document, and skips the set phrase', () => {
    const { documents, a } = extract('So với Hiến pháp năm 1992, Hiến pháp năm 2013 có nhiều điểm mới; mọi người sống theo Hiến pháp và pháp luật.');
    expect(documents.map(summary)).toEqual([
      { type: 'Hiến pháp', title: 'Hiến pháp', nameYear: 1992, draft: false },
      { type: 'Hiến pháp', title: 'Hiến pháp', nameYear: 2013, draft: false },
    ]);
    expect(documents.flatMap((d) => surfaces(d, a))).toEqual(['doc.constitution: Hiến pháp năm 1992', 'doc.constitution: Hiến pháp năm 2013']);
  });

  it('reads codes and ordinances', () => {
    const { documents } = extract('Bộ luật Hình sự năm 2015 và Pháp lệnh Luật sư năm 2001 được giới thiệu.');
    expect(documents.map(summary)).toEqual([
      { type: 'Bộ luật', title: 'Bộ luật Hình sự', nameYear: 2015, draft: false },
      { type: 'Pháp lệnh', title: 'Pháp lệnh Luật sư', nameYear: 2001, draft: false },
    ]);
  });
});

describe('extractDocuments: merging and references back', () => {
  it('merges a short mention by sequence number into the full one', () => {
    const { documents, a } = extract('Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác pháp luật. Nghị quyết 66 đặt ra yêu cầu mới.');
    expect(documents).toHaveLength(1);
    expect(surfaces(documents[0]!, a)).toEqual(['doc.number-with-type: Nghị quyết số 66-NQ/TW', 'doc.sequence-with-type: Nghị quyết 66']);
    expect(documents[0]!.title).toBe('về đổi mới công tác pháp luật');
  });

  it('keeps a bare sequence number as the number when nothing fuller is written', () => {
    const { documents } = extract('Kế hoạch số 01 của Trung tâm về trợ giúp pháp lý lưu động đã hoàn thành.');
    expect(documents.map(summary)).toEqual([
      { type: 'Kế hoạch', number: '01', numberParts: { sequence: '01' }, issuer: 'Trung tâm', title: 'về trợ giúp pháp lý lưu động', draft: false },
    ]);
  });

  it('attaches "Thông tư này" to the circular before it and relates what it replaces', () => {
    const { documents, a } = extract('Thông tư số 03/2021/TT-BTP có hiệu lực từ ngày 10/7/2021. Thông tư này thay thế Thông tư số 05/2015/TT-BTP.');
    expect(documents.map((d) => d.number)).toEqual(['03/2021/TT-BTP', '05/2015/TT-BTP']);
    expect(surfaces(documents[0]!, a).slice(0, 2)).toEqual(['doc.number-with-type: Thông tư số 03/2021/TT-BTP', 'doc.back-reference: Thông tư này']);
    expect(documents[0]!.relations.map((r) => [r.kind, r.targetKey])).toEqual([['replaces', 'd2']]);
  });

  it('merges mentions of one subject, in the headline and in the body, with the number', () => {
    const { documents, a } = extract(
      'Thông tư liên tịch số 10/2018/TTLT-BTP-BCA-BQP-BTC-TANDTC-VKSNDTC ngày 29/6/2018 quy định về phối hợp thực hiện trợ giúp pháp lý trong hoạt động tố tụng.',
      'Sơ kết Thông tư liên tịch về phối hợp thực hiện trợ giúp pháp lý trong hoạt động tố tụng',
    );
    expect(documents).toHaveLength(1);
    expect(documents[0]!.number).toBe('10/2018/TTLT-BTP-BCA-BQP-BTC-TANDTC-VKSNDTC');
    expect(documents[0]!.evidence.map((e) => e.span.field)).toEqual(['title', 'body']);
    expect(surfaces(documents[0]!, a)[0]).toBe('doc.titled: Thông tư liên tịch về phối hợp thực hiện trợ giúp pháp lý trong hoạt động tố tụng');
  });

  it('keys documents in order of first appearance, headline first', () => {
    const { documents } = extract('Nghị định số 12/2024/NĐ-CP và Luật Hộ tịch.', 'Triển khai Thông tư số 04/2020/TT-BTP');
    expect(documents.map((d) => [d.key, d.number ?? d.title])).toEqual([
      ['d1', '04/2020/TT-BTP'],
      ['d2', '12/2024/NĐ-CP'],
      ['d3', 'Luật Hộ tịch'],
    ]);
  });
});

describe('extractDocuments: relations', () => {
  it('reads amends and guides from the subjects of the documents', () => {
    const { documents } = extract(
      'Nghị định số 12/2024/NĐ-CP ngày 5/2/2024 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 144/2017/NĐ-CP. Thông tư số 02/2024/TT-BTP hướng dẫn thi hành Nghị định số 12/2024/NĐ-CP.',
    );
    expect(documents.map((d) => [d.number, d.relations.map((r) => `${r.kind}->${r.targetKey}`)])).toEqual([
      ['12/2024/NĐ-CP', ['amends->d2']],
      ['144/2017/NĐ-CP', []],
      ['02/2024/TT-BTP', ['guides->d1']],
    ]);
  });

  it('reads repeals from the subject and based-on from the clause before the document issued', () => {
    const { documents } = extract(
      'Nghị định số 55/2011/NĐ-CP bãi bỏ Quyết định số 12/2000/QĐ-TTg. Căn cứ Luật Tổ chức chính quyền địa phương, Ủy ban nhân dân tỉnh đã ban hành Quyết định số 1020/QĐ-UBND về việc công bố thủ tục hành chính.',
    );
    expect(documents.map((d) => [d.number ?? d.title, d.relations.map((r) => `${r.kind}->${r.targetKey}`)])).toEqual([
      ['55/2011/NĐ-CP', ['repeals->d2']],
      ['12/2000/QĐ-TTg', []],
      ['Luật Tổ chức chính quyền địa phương', []],
      ['1020/QĐ-UBND', ['basedOn->d3']],
    ]);
  });

  it('does not read talk of amending as a relation outside a title', () => {
    const { documents } = extract('Ban soạn thảo Hiến pháp năm 2013 đã tổng kết quá trình sửa đổi Hiến pháp năm 1992.');
    expect(documents.map((d) => d.relations)).toEqual([[], []]);
  });
});

describe('extractDocuments: what is not a document', () => {
  it.each([
    ['generic plurals', 'Tiếp tục thực hiện các văn bản hướng dẫn, các Nghị quyết của Đảng và văn bản quy phạm pháp luật.'],
    ['professions and schools', 'Luật sư Nguyễn Văn An, giảng viên Trường Đại học Luật Hà Nội, và Đoàn Luật sư tỉnh tham dự.'],
    ['verbs that look like types', 'Chủ tịch tỉnh quyết định ban hành kế hoạch; Kết luận buổi làm việc, Thứ trưởng chỉ thị các đơn vị.'],
    ['the set phrase of the Constitution', 'Mọi công dân sống và làm việc theo Hiến pháp và pháp luật, đề cao giá trị Hiến pháp, pháp luật.'],
    ['a sentence about a law', 'Luật cụ thể hóa quyền tiếp cận thông tin của công dân.'],
    ['counts and durations', 'Bộ triển khai 03 Chương trình mục tiêu quốc gia và Kế hoạch 5 năm.'],
    ['projects', 'Dự án Đầu tư công được triển khai đồng bộ.'],
  ])('%s', (_, body) => {
    expect(extract(body).documents).toEqual([]);
  });

  it('reads a plan or project only as a specific one, and not inside another document’s subject', () => {
    const { documents } = extract(
      'Bộ triển khai Đề án “Nâng cao chất lượng trợ giúp pháp lý” trên toàn quốc. Quyết định số 2083/QĐ-TTg phê duyệt Đề án “Xây dựng Học viện Tư pháp”.',
    );
    expect(documents.map((d) => [d.type, d.number ?? d.title])).toEqual([
      ['Đề án', 'Nâng cao chất lượng trợ giúp pháp lý'],
      ['Quyết định', '2083/QĐ-TTg'],
    ]);
  });

  it('reads a congress resolution named after the congress', () => {
    const { documents } = extract('Nghị quyết Đại hội XIII của Đảng, các Nghị quyết của Tỉnh ủy đã được quán triệt.');
    expect(documents.map(summary)).toEqual([
      { type: 'Nghị quyết', title: 'Đại hội XIII của Đảng', issuer: 'Đại hội XIII của Đảng', draft: false },
    ]);
  });
});

describe('extractDocuments on adversarial input', () => {
  it.each([
    ['slashes', '1/'.repeat(500_000)],
    ['type words and "số"', 'Nghị định số '.repeat(80_000)],
    ['full citations', 'Nghị định số 144/2017/NĐ-CP ngày 15/12/2017 của Chính phủ quy định '.repeat(15_000)],
    ['digits', '1234567890'.repeat(100_000)],
    ['digits and slashes', '12/12/12/'.repeat(110_000)],
    ['day cues', 'ngày '.repeat(200_000)],
    ['law words', 'Luật '.repeat(200_000)],
    ['codes', '1/NĐ-'.repeat(200_000)],
    ['brackets', '(TGPL) '.repeat(150_000)],
    ['issuing clauses', 'Bộ Tư pháp đã ban hành '.repeat(45_000)],
    ['quotes', '“'.repeat(1_000_000)],
  ])('finishes on a megabyte of %s', (_, body) => {
    const out = extractDocuments(announcement(body));
    expect(Array.isArray(out.documents)).toBe(true);
    expect(Array.isArray(out.issues)).toBe(true);
  });
});
