/**
 * The fast paths of extraction find exactly what the patterns they stand for
 * find: `tokenize` gives the tokens of `TOKEN`, and every scan made through a
 * cue (`scan.ts`) gives the matches of a plain `matchAll`. Checked on random
 * texts built from the pieces these patterns care about (numbers, separators,
 * capitals, date and relation words, joins, marks, emoji, line breaks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUED_DATE_SCANS } from '../../src/extract/dates.ts';
import { CUED_DOCUMENT_SCANS } from '../../src/extract/legal-documents.ts';
import { TOKEN } from '../../src/extract/patterns/tokens.ts';
import { cuedMatches } from '../../src/extract/scan.ts';
import { tokenize } from '../../src/extract/tokens.ts';

const PIECES = [
  ...'0123456789',
  ...'/.-–&\'’,:;()" ',
  ' ',
  '\n',
  '\t',
  '\u00a0',
  'ngày ',
  'Ngày ',
  'tháng ',
  'năm ',
  'hôm nay',
  'hôm qua',
  'sáng ',
  'Chiều từ ',
  'đến ',
  '2017',
  '2024',
  'NĐ-CP',
  'QĐ-TTg',
  'QH14',
  'TT-BTC',
  'Nghị định số ',
  'Luật ',
  'sửa đổi, bổ sung',
  'quy định chi tiết',
  'căn cứ',
  'Thi hành',
  'TP.HCM',
  'NN&PTNT',
  "H'Hen",
  'Bộ',
  'Đ',
  'đ',
  'ư',
  'Ơ',
  'a',
  'X',
  'e\u0301',
  '\u0300',
  '😀',
  '𝐀',
  '\ud800',
  'Ⅳ',
  '½',
];

const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

/** What a test compares of a match: where, what, and every group. */
const shape = (m: RegExpExecArray | RegExpMatchArray) => [m.index, ...m];

describe('the tokenizer', () => {
  it('gives the tokens TOKEN matches, with their offsets', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const expected = [...text.matchAll(TOKEN)].map((m) => [m.index, m.index + m[0].length, m[0]]);
        expect(tokenize(text).map((t) => [t.start, t.end, t.text])).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('a scan through a cue', () => {
  for (const scan of [...CUED_DATE_SCANS, ...CUED_DOCUMENT_SCANS]) {
    it(`finds what a plain scan finds: ${scan.name}`, () => {
      fc.assert(
        fc.property(texts, (text) => {
          expect(cuedMatches(text, scan.pattern, scan.cue).map(shape)).toEqual([...text.matchAll(scan.pattern)].map(shape));
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('covers every cued scan of dates and documents', () => {
    expect(CUED_DATE_SCANS.length).toBeGreaterThanOrEqual(8);
    expect(CUED_DOCUMENT_SCANS.map((s) => s.name)).toEqual(['ABBREVIATION_TOKEN', 'DOCUMENT_NUMBER_SCAN', 'RELATION_CUE']);
  });
});
