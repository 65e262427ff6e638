import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeAs, decodeBytes, DETECTION, ENCODINGS, parseEncodingName, type DecodeResult } from '../../src/ingest/encoding/index.ts';
import { isVietnameseSyllable } from '../../src/ingest/encoding/syllable.ts';
import { decodeVni } from '../../src/ingest/encoding/vni.ts';
import { BAD_BYTE_OFFSET, buildFixtures, encodeVni, FIXTURE_DIR } from '../fixtures/encodings/make-fixtures.ts';
import { PASSAGE } from '../fixtures/encodings/passage.ts';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
}

function ok(r: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected success, got ${r.code}: ${r.message}`);
  return r;
}

function failure(r: DecodeResult): Extract<DecodeResult, { ok: false }> {
  if (r.ok) throw new Error(`expected a failure, got ${r.encoding}: ${r.text.slice(0, 80)}`);
  return r;
}

const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

describe('fixtures', () => {
  it('the committed files are what make-fixtures.ts builds', () => {
    for (const [name, bytes] of buildFixtures()) expect(fixture(name), name).toEqual(bytes);
  });
});

describe('decodeBytes: Unicode', () => {
  it.each([
    ['passage.utf-8.txt', 'utf-8'],
    ['passage.utf-8-bom.txt', 'utf-8-bom'],
    ['passage.utf-16le-bom.txt', 'utf-16le'],
    ['passage.utf-16be-bom.txt', 'utf-16be'],
    ['passage.utf-16le.txt', 'utf-16le'],
    ['passage.utf-16be.txt', 'utf-16be'],
  ])('%s → %s, exact text, BOM removed', (name, encoding) => {
    const r = ok(decodeBytes(fixture(name)));
    expect(r.encoding).toBe(encoding);
    expect(r.text).toBe(PASSAGE);
  });

  it('pure ASCII is UTF-8', () => {
    expect(ok(decodeBytes(latin1('Thong bao so 12/TB-BTP\n'))).encoding).toBe('utf-8');
  });

  it('short ASCII text in UTF-16 without BOM is recognised', () => {
    const le = new Uint8Array(Buffer.from('Ha Noi, 2024', 'utf16le'));
    expect(ok(decodeBytes(le))).toMatchObject({ encoding: 'utf-16le', text: 'Ha Noi, 2024' });
  });

  it('keeps a second BOM and other invisible characters for the caller to normalise', () => {
    const r = ok(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41])));
    expect(r).toMatchObject({ encoding: 'utf-8-bom', text: '\uFEFFA' });
  });
});

describe('decodeBytes: legacy Vietnamese encodings', () => {
  it.each([
    ['passage.windows-1258.txt', 'windows-1258'],
    ['passage.tcvn3.txt', 'tcvn3'],
    ['passage.viscii.txt', 'viscii'],
    ['passage.vni.txt', 'vni'],
  ])('%s → %s, text equal to the passage after NFC', (name, encoding) => {
    const r = ok(decodeBytes(fixture(name)));
    expect(r.encoding).toBe(encoding);
    expect(r.text.normalize('NFC')).toBe(PASSAGE);
  });

  it('windows-1258 (combining tone bytes) and VNI come back already in NFC', () => {
    expect(ok(decodeBytes(fixture('passage.windows-1258.txt'))).text).toBe(PASSAGE);
    expect(ok(decodeBytes(fixture('passage.vni.txt'))).text).toBe(PASSAGE);
  });

  it('a short but real sentence is enough', () => {
    const line = 'Thứ trưởng Bộ Tư pháp làm việc với Sở Tư pháp tỉnh Kon Tum';
    expect(ok(decodeBytes(iconv.encode(line, 'tcvn')))).toMatchObject({ encoding: 'tcvn3', text: line });
    expect(ok(decodeBytes(encodeVni(line)))).toMatchObject({ encoding: 'vni', text: line });
  });

  it('a long ASCII preamble does not hide the evidence (the sample starts near the first non-ASCII byte)', () => {
    const preamble = new TextEncoder().encode('<!-- ASCII header line -->\n'.repeat(8000));
    const r = ok(decodeBytes(new Uint8Array([...preamble, ...fixture('passage.tcvn3.txt')])));
    expect(r.encoding).toBe('tcvn3');
    expect(r.text.endsWith(PASSAGE)).toBe(true);
  });

  it('candidates that decode to the same text are not rivals', () => {
    // à á è é ù ú are the same bytes in Windows-1258, VISCII and (standing alone) VNI.
    const r = ok(decodeBytes(latin1('bà là cá mè tù cú bé và')));
    expect(r).toMatchObject({ encoding: 'windows-1258', text: 'bà là cá mè tù cú bé và' });
  });

  it('a short ambiguous input is undecidable, not a guess', () => {
    const r = failure(decodeBytes(fixture('ambiguous-3-bytes.txt')));
    expect(r.code).toBe('encoding_undecidable');
    expect(r.message).toContain('Too little text');
    expect(r.hint).toMatch(/UTF-8/);
    expect(r.hint).toContain('--encoding');
  });

  it('random high bytes (not UTF-8, not Vietnamese in any table) are undecidable, naming every candidate and score', () => {
    const r = failure(decodeBytes(fixture('random-high-bytes.txt')));
    expect(r.code).toBe('encoding_undecidable');
    for (const name of ['windows-1258', 'tcvn3', 'viscii', 'vni']) expect(r.message).toMatch(new RegExp(`${name} \\d\\.\\d\\d`));
    expect(r.message).toContain('not UTF-8');
  });

  it('a non-Vietnamese Latin-1 text is not forced into a Vietnamese encoding', () => {
    const r = failure(decodeBytes(latin1('Le ministère a publié hier un communiqué détaillé sur la réforme du système judiciaire français.')));
    expect(r.code).toBe('encoding_undecidable');
  });

  it('a byte the winning code page leaves undefined is refused, not turned into U+FFFD', () => {
    const bytes = fixture('passage.windows-1258.txt').slice();
    bytes[10] = 0x81; // undefined in Windows-1258
    const r = failure(decodeBytes(bytes));
    expect(r.code).toBe('encoding_undecidable');
    expect(r.message).toContain('0x81 at offset 10');
  });
});

describe('decodeBytes: damaged UTF-8', () => {
  it('one stray byte in valid UTF-8 Vietnamese is invalid_utf8 with its offset, never a legacy "success"', () => {
    const bytes = fixture('utf-8-one-bad-byte.txt');
    const r = failure(decodeBytes(bytes));
    expect(r.code).toBe('invalid_utf8');
    expect(r.message).toContain(`0xFF at offset ${BAD_BYTE_OFFSET}`);
    expect(r.message).toContain('line 1');
    expect(r.message).toContain('với');
    expect(r.hint).toMatch(/UTF-8/);
    // TCVN3 decodes any byte: forced, it gives mojibake, which is why no legacy table is tried.
    const forced = ok(decodeAs(bytes, 'tcvn3')).text;
    expect(forced).not.toContain('Thứ trưởng');
    // Windows-1258 leaves some UTF-8 continuation bytes undefined, and says so.
    expect(failure(decodeAs(bytes, 'windows-1258')).message).toMatch(/undefined in windows-1258/);
  });

  it('a UTF-8 BOM declares UTF-8: invalid bytes after it are invalid_utf8 even if a legacy table fits', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...fixture('passage.windows-1258.txt')]);
    const r = failure(decodeBytes(bytes));
    expect(r.code).toBe('invalid_utf8');
    expect(r.message).toContain('offset 4');
  });

  it('half UTF-8, half Windows-1258 is not a success either way', () => {
    const utf8 = fixture('passage.utf-8.txt');
    const cp1258 = fixture('passage.windows-1258.txt');
    const r = failure(decodeBytes(new Uint8Array([...utf8, 0x0a, ...cp1258])));
    expect(['invalid_utf8', 'encoding_undecidable']).toContain(r.code);
    expect(r.message).toContain(`offset ${utf8.length + 2}`); // "Sáng": á is the first non-ASCII byte of the second half
  });

  it('a truncated multi-byte character at the end is reported', () => {
    const utf8 = fixture('passage.utf-8.txt');
    const cut = new Uint8Array([...utf8, 0xe1, 0xbb]); // first two bytes of "ệ"
    const r = failure(decodeBytes(cut));
    expect(r.code).toBe('invalid_utf8');
    expect(r.message).toContain(`offset ${utf8.length}`);
  });
});

describe('decodeBytes: binary and empty files', () => {
  it.each([
    ['passage.txt.gz', 'gzip-compressed data', /decompress/i],
    ['image.png', 'a PNG image', /text/],
    ['archive.zip', 'a ZIP archive', /extract/i],
    ['document.docx', 'a Word document (.docx', /convert the document/i],
    ['document.pdf', 'a PDF document', /pdftotext/],
  ])('%s is binary_content: %s', (name, kind, hint) => {
    const r = failure(decodeBytes(fixture(name)));
    expect(r.code).toBe('binary_content');
    expect(r.message).toContain(kind);
    expect(r.hint).toMatch(hint);
  });

  it('NUL bytes outside a UTF-16 pattern are binary', () => {
    const bytes = new Uint8Array([...fixture('passage.utf-8.txt').subarray(0, 100), 0, 0, 0x41, 0, ...fixture('passage.utf-8.txt').subarray(100)]);
    const r = failure(decodeBytes(bytes));
    expect(r.code).toBe('binary_content');
    expect(r.message).toContain('NUL');
    expect(r.message).toContain('offset 100');
  });

  it('many control bytes are binary', () => {
    const bytes = new Uint8Array(400);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 5 === 0 ? 0x03 : 0x61 + (i % 26);
    expect(failure(decodeBytes(bytes)).code).toBe('binary_content');
  });

  it('UTF-32 is refused with a hint to save as UTF-8', () => {
    const r = failure(decodeBytes(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])));
    expect(r.code).toBe('encoding_undecidable');
    expect(r.message).toContain('UTF-32');
  });

  it('a UTF-16 BOM with an odd byte count is refused', () => {
    const r = failure(decodeBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42])));
    expect(r.code).toBe('encoding_undecidable');
    expect(r.message).toContain('odd number of bytes');
  });

  it.each([
    ['empty.txt', 'empty'],
    ['whitespace.txt', 'only whitespace'],
  ])('%s is empty_file', (name, text) => {
    const r = failure(decodeBytes(fixture(name)));
    expect(r.code).toBe('empty_file');
    expect(r.message).toContain(text);
  });

  it('a BOM followed by whitespace (or NBSP, ZWSP) is empty_file', () => {
    expect(failure(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a]))).code).toBe('empty_file');
    expect(failure(decodeBytes(new TextEncoder().encode('\u00A0 \u200B\n'))).code).toBe('empty_file');
    expect(failure(decodeBytes(new Uint8Array([0xff, 0xfe, 0x20, 0x00]))).code).toBe('empty_file');
  });
});

describe('decodeAs', () => {
  it.each([
    ['passage.windows-1258.txt', 'windows-1258'],
    ['passage.tcvn3.txt', 'tcvn3'],
    ['passage.viscii.txt', 'viscii'],
    ['passage.vni.txt', 'vni'],
    ['passage.utf-16be.txt', 'utf-16be'],
    ['passage.utf-16le-bom.txt', 'utf-16le'],
  ] as const)('%s as %s', (name, encoding) => {
    const r = ok(decodeAs(fixture(name), encoding));
    expect(r.encoding).toBe(encoding);
    expect(r.text.normalize('NFC')).toBe(PASSAGE);
  });

  it('utf-8 reports a BOM that is present, and stays strict', () => {
    expect(ok(decodeAs(fixture('passage.utf-8-bom.txt'), 'utf-8'))).toMatchObject({ encoding: 'utf-8-bom', text: PASSAGE });
    const r = failure(decodeAs(fixture('passage.vni.txt'), 'utf-8'));
    expect(r.code).toBe('invalid_utf8');
    expect(r.message).toMatch(/offset \d+/);
  });

  it('still refuses binary, empty and undefined bytes', () => {
    expect(failure(decodeAs(fixture('passage.txt.gz'), 'tcvn3')).code).toBe('binary_content');
    expect(failure(decodeAs(fixture('empty.txt'), 'vni')).code).toBe('empty_file');
    expect(failure(decodeAs(new Uint8Array([0x41, 0x81]), 'vni')).message).toContain('0x81 at offset 1');
    expect(failure(decodeAs(new Uint8Array([0x00, 0xd8, 0x41, 0x00]), 'utf-16le')).message).toContain('unpaired surrogate');
  });

  it('parseEncodingName accepts common spellings', () => {
    expect(parseEncodingName('UTF8')).toBe('utf-8');
    expect(parseEncodingName(' CP1258 ')).toBe('windows-1258');
    expect(parseEncodingName('TCVN')).toBe('tcvn3');
    expect(parseEncodingName('abc')).toBe('tcvn3');
    expect(parseEncodingName('VNI-Windows')).toBe('vni');
    expect(parseEncodingName('latin1')).toBeUndefined();
    for (const name of ENCODINGS) expect(parseEncodingName(name)).toBe(name);
  });
});

describe('VNI table', () => {
  it.each([
    ['Vieät Nam', 'Việt Nam'],
    ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
    ['Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
    ['Tröôøng Ñaïi hoïc Luaät', 'Trường Đại học Luật'],
    ['Quyeát ñònh, Chæ thò, Naêm, ñaëc bieät, nhaèm', 'Quyết định, Chỉ thị, Năm, đặc biệt, nhằm'],
    ['kyõ, Myõ, lyù, tyû, kyø, Tuaán, chuaån, daãn', 'kỹ, Mỹ, lý, tỷ, kỳ, Tuấn, chuẩn, dẫn'],
    ['COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['THUÛ TÖÔÙNG CHÍNH PHUÛ', 'THỦ TƯỚNG CHÍNH PHỦ'],
  ])('%s → %s', (vni, text) => {
    expect(decodeVni(latin1(vni))).toBe(text);
  });

  it('round-trips every Vietnamese letter, both cases', () => {
    const letters: string[] = ['đ', 'Đ'];
    for (const v of 'aăâeêioôơuưy')
      for (const tone of ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323']) {
        const ch = (v + tone).normalize('NFC');
        letters.push(ch, ch.toUpperCase());
      }
    const text = letters.join(' ');
    expect(letters).toHaveLength(2 + 12 * 6 * 2);
    expect(decodeVni(encodeVni(text))).toBe(text);
  });

  it('a modifier byte that cannot combine stays a visible Windows-1252 character', () => {
    expect(decodeVni(latin1('Aù bù'))).toBe('Aù bù'); // wrong case; no vowel before it
  });
});

describe('syllable checker', () => {
  it.each(['của', 'và', 'các', 'trong', 'được', 'người', 'những', 'Nguyễn', 'khuyến', 'quyền', 'quốc', 'nghiêng', 'gì', 'giữa', 'Ủy', 'thuở', 'kỳ', 'oanh', 'yêu', 'NGHỊ', 'Việt'])(
    '%s is a syllable',
    (w) => expect(isVietnameseSyllable(w)).toBe(true),
  );
  it.each(['bỔ', 'viỆt', 'viềt', 'pháp̀', 'ka', 'ngi', 'cê', 'qua̧', 'xyz', 'Việtnam', 'NĐ', 'ñaïi', 'ế́', 'thươngg'])('%s is not', (w) =>
    expect(isVietnameseSyllable(w)).toBe(false),
  );
});

describe('performance', () => {
  const MB5 = 5 * 1024 * 1024;
  /** `unit` repeated, one per line, to about 5 MB. */
  function repeatTo(unit: Uint8Array, size = MB5): Uint8Array {
    const out = new Uint8Array(size);
    let at = 0;
    while (at + unit.length + 1 <= size) {
      out.set(unit, at);
      out[at + unit.length] = 0x0a;
      at += unit.length + 1;
    }
    return out.subarray(0, at);
  }
  function time(bytes: Uint8Array): { ms: number; r: DecodeResult } {
    const t0 = performance.now();
    const r = decodeBytes(bytes);
    return { ms: performance.now() - t0, r };
  }

  it.each([
    ['passage.utf-8.txt', 'utf-8'],
    ['passage.windows-1258.txt', 'windows-1258'],
    ['passage.tcvn3.txt', 'tcvn3'],
    ['passage.viscii.txt', 'viscii'],
    ['passage.vni.txt', 'vni'],
    ['utf-8-one-bad-byte.txt', 'invalid_utf8'],
    ['random-high-bytes.txt', 'encoding_undecidable'],
  ])('5 MB of %s decodes (or fails) in well under a second', (name, expected) => {
    const bytes = repeatTo(fixture(name));
    time(bytes.subarray(0, 100_000)); // warm up
    const { ms, r } = time(bytes);
    expect(r.ok ? r.encoding : r.code).toBe(expected);
    if (r.ok) expect(r.text.length).toBeGreaterThan(2_000_000);
    expect(ms).toBeLessThan(1000);
  });

  it('5 MB of UTF-16 without BOM decodes in well under a second', () => {
    const text = `${PASSAGE}\n`.repeat(Math.floor(MB5 / 2 / (PASSAGE.length + 1)));
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    const { ms, r } = time(bytes);
    expect(ok(r)).toMatchObject({ encoding: 'utf-16le' });
    expect(ok(r).text).toBe(text);
    expect(ms).toBeLessThan(1000);
  });

  it('a 5 MB line of high bytes without spaces stays linear', () => {
    const bytes = new Uint8Array(MB5);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0xc0 + (i % 64);
    const { ms, r } = time(bytes);
    expect(r.ok).toBe(false);
    expect(ms).toBeLessThan(1000);
  });

  it('documents its thresholds', () => {
    expect(DETECTION).toMatchObject({ sampleBytes: 65536, minInformativeWords: 5, minScore: 0.6, minMargin: 0.2 });
  });
});
