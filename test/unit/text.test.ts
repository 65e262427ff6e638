import { describe, expect, it } from 'vitest';
import { matchKey, normaliseLine, ownCopy, searchKey, slugify, splitLines } from '../../src/core/text.ts';

describe('normaliseLine', () => {
  it('composes NFD input to NFC', () => {
    const nfd = 'Thu\u0309 tu\u031Bo\u031B\u0301ng'.normalize('NFD');
    expect(normaliseLine(nfd)).toBe('Thủ tướng');
    expect(normaliseLine(nfd)).toBe(normaliseLine(nfd).normalize('NFC'));
  });

  it('removes zero-width and bidi characters and folds every kind of space', () => {
    expect(normaliseLine('\uFEFFBộ\u200B Tư\u00A0pháp\u202E \u2003 ')).toBe('Bộ Tư pháp');
  });

  it('turns the look-alike eth into the Vietnamese D-stroke', () => {
    expect(normaliseLine('\u00D0ồng Nai')).toBe('Đồng Nai');
  });

  it('replaces stray control characters with spaces', () => {
    expect(normaliseLine('Bộ\u0007Tư\u0000pháp')).toBe('Bộ Tư pháp');
  });
});

describe('matchKey', () => {
  it.each([
    ['Hoà Bình', 'Hòa Bình'],
    ['Uỷ ban nhân dân', 'Ủy ban nhân dân'],
    ['Thuỷ lợi', 'Thủy lợi'],
    ['KHÁNH HOÀ', 'khánh hòa'],
  ])('unifies tone placement: %s = %s', (a, b) => {
    expect(matchKey(a)).toBe(matchKey(b));
  });

  it('keeps different tones apart', () => {
    expect(matchKey('Hòa')).not.toBe(matchKey('Họa'));
    expect(matchKey('Bộ')).not.toBe(matchKey('Bổ'));
  });
});

describe('searchKey and slugify', () => {
  it('drops diacritics and maps đ to d', () => {
    expect(searchKey('Trần Tiến Dũng')).toBe('tran tien dung');
    expect(searchKey('ĐỒNG ĐẠI')).toBe('dong dai');
  });

  it('makes ASCII slugs', () => {
    expect(slugify('Cục Trợ giúp pháp lý')).toBe('cuc-tro-giup-phap-ly');
    expect(slugify('  Nghị định 144/2017/NĐ-CP ')).toBe('nghi-dinh-144-2017-nd-cp');
    expect(slugify('<script>"x"</script>')).toBe('script-x-script');
  });

  it('cuts long slugs at a hyphen', () => {
    const slug = slugify('Quy định chi tiết một số điều và biện pháp thi hành Luật Trợ giúp pháp lý năm 2017', 40);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith('-')).toBe(false);
    expect('quy-dinh-chi-tiet-mot-so-dieu-va-bien-phap-thi-hanh'.startsWith(slug)).toBe(true);
  });
});

describe('splitLines', () => {
  it('splits on LF, CRLF and CR alike', () => {
    expect(splitLines('a\r\nb\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('ownCopy', () => {
  it('gives back the same text, lone surrogates and Vietnamese included', () => {
    for (const s of ['', 'a', '<https://w3id.org/loa/người/trần-tiến-dũng>', '"Luật Trợ giúp pháp lý"@vi', '\ud800x\udfff', '🙂'.repeat(40)]) {
      const copy = ownCopy(s);
      expect(copy).toBe(s);
      expect(copy.length).toBe(s.length);
    }
  });
});
