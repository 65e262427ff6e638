/**
 * Property-based tests of ingest and extraction (fast-check): for random and
 * mutated announcements, nothing throws, every span lies inside its text and
 * quotes it, every day is a real calendar day, and the same input gives the same output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/core/extraction.ts';
import { isRealDate } from '../../src/core/dates.ts';
import type { Announcement } from '../../src/core/types.ts';
import { extractAnnouncement } from '../../src/extract/index.ts';
import { parseTextLayout } from '../../src/ingest/text-format.ts';
import { parseHtmlPage } from '../../src/ingest/html-format.ts';

/** Pieces of the genre, so random text often forms real-looking sentences. */
const PIECES = [
  'Thứ trưởng Bộ Tư pháp ', 'Nguyễn Văn An', ', ', ' - ', 'Cục trưởng Cục Trợ giúp pháp lý ', 'ông ', 'bà ', 'đồng chí ',
  'Nghị định số 144/2017/NĐ-CP ', 'ngày 15/12/2017 ', 'của Chính phủ ', 'Luật TGPL ', 'Sáng ngày 25/3, ', 'Chiều 4/9 ',
  'UBND tỉnh Hà Tĩnh ', 'Sở Tư pháp ', 'tổ chức Hội nghị ', 'chủ trì ', 'tại Hà Nội', '. ', '\n', 'các Phó Chủ tịch ',
  '31/02/2024 ', '(TGPL) ', 'Trợ giúp pháp lý ', 'Quyết định ', 'Dự thảo Luật ', '(sửa đổi) ', 'Quý I/2024 ', 'năm 2030 ',
  'từ ngày 6 đến ngày 8/10 ', 'Vụ Pháp chế ', 'Bộ Tài chính', 'Cục ', 'Sở ', 'số 1 ', '“', '”', '&', '/', '-', ':',
];

const genreText = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 60 }).map((parts) => parts.join(''));

function announcement(title: string, body: string, date = '2024-03-26'): Announcement {
  return { id: 'p', source: { path: 'p.txt', format: 'text', encoding: 'utf-8', sha256: '', byteSize: 0 }, title, published: { date }, body, contentHash: '' };
}

function checkExtraction(a: Announcement, x: Extraction): void {
  const textOf = (field: 'title' | 'body') => (field === 'title' ? a.title : a.body);
  const groups = [x.agencies, x.officials, x.documents, x.events];
  for (const group of groups) {
    for (const item of group) {
      for (const e of item.evidence) {
        expect(e.span.start).toBeGreaterThanOrEqual(0);
        expect(e.span.end).toBeGreaterThanOrEqual(e.span.start);
        expect(e.span.end).toBeLessThanOrEqual(textOf(e.span.field).length);
        expect(e.confidence).toBeGreaterThanOrEqual(0);
        expect(e.confidence).toBeLessThanOrEqual(1);
      }
    }
  }
  for (const d of x.dates) {
    expect(d.evidence.span.end).toBeLessThanOrEqual(textOf(d.evidence.span.field).length);
    if (d.value.kind === 'day') {
      const [y, m, day] = d.value.date.split('-').map(Number) as [number, number, number];
      expect(isRealDate(y, m, day), d.value.date).toBe(true);
    }
  }
  for (const doc of x.documents) {
    if (doc.date) {
      const [y, m, day] = doc.date.split('-').map(Number) as [number, number, number];
      expect(isRealDate(y, m, day), doc.date).toBe(true);
    }
  }
  for (const e of x.events) {
    if (e.date) {
      const [y, m, day] = e.date.split('-').map(Number) as [number, number, number];
      expect(isRealDate(y, m, day), e.date).toBe(true);
    }
  }
}

describe('extraction on random text of the genre', () => {
  it('never throws, keeps every span inside its text, publishes only real days, and is deterministic', () => {
    fc.assert(
      fc.property(genreText, genreText, (title, body) => {
        const a = announcement(title.normalize('NFC'), body.normalize('NFC'));
        const x = extractAnnouncement(a);
        checkExtraction(a, x);
        expect(extractAnnouncement(a)).toEqual(x);
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('never throws on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (body) => {
        const a = announcement('Tin', body.normalize('NFC'));
        checkExtraction(a, extractAnnouncement(a));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('ingest on random and mutated input', () => {
  it('reads the text layout or rejects it with an issue, never throwing', () => {
    fc.assert(
      fc.property(genreText, fc.constantFrom('26/03/2024', '31/02/2024', '3/4/24', 'x', '', '2024-03-26T08:15:00+07:00'), genreText, (title, date, body) => {
        const result = parseTextLayout(`${title}\n\n${date}\n${body}`, 'p.txt');
        if (result.ok) {
          const [y, m, d] = result.published.date.split('-').map(Number) as [number, number, number];
          expect(isRealDate(y, m, d)).toBe(true);
          expect(result.body.normalize('NFC')).toBe(result.body);
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const i of result.issues) expect(i.hint.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('reads HTML of any shape or rejects it with an issue, never throwing', () => {
    const tag = fc.constantFrom('<p>', '</p>', '<div class="share">', '</div>', '<h1>', '</h1>', '<br>', '<script>', '</script>', '<time datetime="2024-03-26">', '<meta property="article:published_time" content="2024-02-31">', '<!--', '-->', '<');
    const html = fc.array(fc.oneof(tag, genreText), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(html, (page) => {
        const result = parseHtmlPage(page, 'p.html');
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
        else expect(result.title.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
