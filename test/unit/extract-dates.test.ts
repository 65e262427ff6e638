import { describe, expect, it } from 'vitest';
import type { DateMention, TemporalValue } from '../../src/core/extraction.ts';
import { extractDates, findImpossibleDates, readDayAt } from '../../src/extract/dates.ts';
import * as patterns from '../../src/extract/patterns/dates.ts';

/** Runs a pattern once at the start (sticky) or anywhere (global, or tested whole) and returns the matched text. */
function firstMatch(re: RegExp, text: string): string | null {
  const copy = new RegExp(re.source, re.flags.replace('g', ''));
  return copy.exec(text)?.[0] ?? null;
}

/** Positive examples (input → the exact text matched) and negative ones (no match at all) for each exported pattern. */
const PATTERN_EXAMPLES: Record<keyof typeof patterns, { match: [string, string][]; noMatch: string[] }> = {
  NUMERIC_DATE: {
    match: [
      ['họp ngày 25/03/2024 tại Hà Nội', 'ngày 25/03/2024'],
      ['vào 5-4-2023', '5-4-2023'],
      ['Chiều ngày 7.11.2022,', 'Chiều ngày 7.11.2022'],
    ],
    noMatch: ['Nghị định 144/2017/NĐ-CP', 'số 1/25/03/2024', '25/3-2024', 'mã 12/10/2020/QĐ-UBND'],
  },
  FROM_TO_DAYS: {
    match: [
      ['Từ ngày 12 đến ngày 13/6/2018, Đoàn công tác', 'Từ ngày 12 đến ngày 13/6/2018'],
      ['từ ngày 6 đến ngày 8/10, Đoàn sẽ làm việc', 'từ ngày 6 đến ngày 8/10'],
      ['diễn ra từ ngày 05 đến ngày 07 tháng 6 năm 2012 tại', 'từ ngày 05 đến ngày 07 tháng 6 năm 2012'],
    ],
    noMatch: ['từ ngày 6 đến nay', 'ngày 6 đến 8 giờ'],
  },
  DAY_RANGE_DATE: {
    match: [['trong hai ngày 14-15/6/2023 tại tỉnh', 'ngày 14-15/6/2023']],
    noMatch: ['ngày 14/6/2023', 'giai đoạn 2021-2025'],
  },
  CUED_DAY_MONTH: {
    match: [
      ['Sáng 12/9, đoàn công tác', 'Sáng 12/9'],
      ['ngày 16.4 tới', 'ngày 16.4'],
      ['Chiều ngày 3-2,', 'Chiều ngày 3-2'],
    ],
    noMatch: ['tỷ lệ 3/4 số xã', 'đạt 9/10 điểm', 'ngày 10/2024', 'ngày 12/9/2023'],
  },
  VERBAL_DATE: {
    match: [
      ['ký ngày 20 tháng 6 năm 2017', 'ngày 20 tháng 6 năm 2017'],
      ['Tối ngày 2 tháng 9', 'Tối ngày 2 tháng 9'],
    ],
    noMatch: ['20 tháng 6 năm 2017', 'ngày thứ 3 tháng 6'],
  },
  CLOCK_TIME: {
    match: [
      ['lúc 8h30 sáng', '8h30'],
      ['từ 8 giờ 30 phút', '8 giờ 30 phút'],
      ['bắt đầu 14:00', '14:00'],
    ],
    noMatch: ['phòng 8A', 'tỷ số 2-1', 'mã H30'],
  },
  TIME_DAY_GAP: { match: [[', lúc ', ', lúc '], [' ', ' '], [', ', ', ']], noMatch: [' tại hội trường ', ', sau đó '] },
  MONTH_YEAR: {
    match: [
      ['trong tháng 3/2024', 'tháng 3/2024'],
      ['tháng 11 năm 2017', 'tháng 11 năm 2017'],
      ['tháng 7-2021', 'tháng 7-2021'],
    ],
    noMatch: ['số 10/2024', 'tháng 3 vừa qua'],
  },
  QUARTER: {
    match: [
      ['công tác Quý I/2024', 'Quý I/2024'],
      ['quý II năm 2024', 'quý II năm 2024'],
      ['trong quý IV', 'quý IV'],
    ],
    noMatch: ['quý khách', 'quý báu'],
  },
  FIRST_MONTHS: { match: [['sơ kết 6 tháng đầu năm 2024', '6 tháng đầu năm 2024'], ['9 tháng đầu năm', '9 tháng đầu năm']], noMatch: ['6 tháng tuổi'] },
  HALF_YEAR: { match: [['nửa đầu năm 2025', 'nửa đầu năm 2025']], noMatch: ['nửa tháng'] },
  YEAR: { match: [['kế hoạch năm 2030', 'năm 2030']], noMatch: ['năm nay', 'hằng năm', '2030'] },
  YEAR_PERIOD: {
    match: [
      ['giai đoạn 2021-2025', 'giai đoạn 2021-2025'],
      ['nhiệm kỳ 2020 - 2025', 'nhiệm kỳ 2020 - 2025'],
      ['trong 2021 – 2025', '2021 – 2025'],
    ],
    noMatch: ['số 2021/2025', 'mã 12021-20250'],
  },
  YEAR_FROM_TO: { match: [['từ năm 2021 đến năm 2025', 'từ năm 2021 đến năm 2025']], noMatch: ['từ năm 2021'] },
  HORIZON: {
    match: [
      ['đến năm 2030, tầm nhìn đến năm 2045', 'đến năm 2030, tầm nhìn đến năm 2045'],
      ['định hướng đến năm 2030.', 'đến năm 2030'],
    ],
    noMatch: ['tầm nhìn 2045', 'đến nay'],
  },
  TODAY: {
    match: [
      ['ngày hôm nay (30/3)', 'ngày hôm nay (30/3)'],
      ['Sáng nay, Bộ', 'Sáng nay'],
      ['hôm nay', 'hôm nay'],
    ],
    noMatch: ['ngày nay', 'hiện nay'],
  },
  YESTERDAY: { match: [['Chiều qua, đoàn', 'Chiều qua'], ['hôm qua', 'hôm qua']], noMatch: ['đi qua', 'qua đó'] },
  RECURRING_AFTER: { match: [[' hàng năm', ' hàng năm'], [', hằng năm', ', hằng năm']], noMatch: [' năm nay', 'hàng năm'] },
};

describe('date patterns', () => {
  it('has examples for every exported pattern', () => {
    const exported = Object.entries(patterns).filter(([, v]) => v instanceof RegExp).map(([k]) => k);
    expect(Object.keys(PATTERN_EXAMPLES).sort()).toEqual(exported.sort());
  });

  for (const [name, { match, noMatch }] of Object.entries(PATTERN_EXAMPLES)) {
    const re = patterns[name as keyof typeof patterns];
    it(`${name} matches its positive examples`, () => {
      for (const [input, expected] of match) expect(firstMatch(re, input), input).toBe(expected);
    });
    it(`${name} rejects its negative examples`, () => {
      for (const input of noMatch) expect(firstMatch(re, input), input).toBeNull();
    });
  }
});

/** The mentions of a text as [surface, value, rule], checking that every span slices to its surface. */
function read(text: string, published = '2024-03-26'): [string, TemporalValue, string][] {
  return extractDates(text, 'body', published).map((d: DateMention) => {
    expect(d.evidence.span.field).toBe('body');
    expect(d.evidence.confidence).toBeGreaterThan(0);
    return [text.slice(d.evidence.span.start, d.evidence.span.end), d.value, d.evidence.rule];
  });
}

describe('extractDates: days', () => {
  it.each([
    ['Hội nghị diễn ra ngày 25/03/2024 tại trụ sở Bộ.', 'ngày 25/03/2024'],
    ['Đoàn kiểm tra làm việc 25/3/2024 với Sở Tư pháp.', '25/3/2024'],
    ['Lễ ký kết tổ chức 25-3-2024.', '25-3-2024'],
    ['Cuộc họp dự kiến 25.3.2024.', '25.3.2024'],
  ])('reads a full numeric date: %s', (text, surface) => {
    expect(read(text)).toEqual([[surface, { kind: 'day', date: '2024-03-25', yearInferred: false }, 'date.numeric']]);
  });

  it('takes the publication year for a day without one', () => {
    expect(read('Ngày 25/3, Cục Trợ giúp pháp lý tổ chức hội nghị.')).toEqual([
      ['Ngày 25/3', { kind: 'day', date: '2024-03-25', yearInferred: true }, 'date.day-month'],
    ]);
    expect(read('Tập huấn diễn ra ngày 16.4 tại Nghệ An.')).toEqual([
      ['ngày 16.4', { kind: 'day', date: '2024-04-16', yearInferred: true }, 'date.day-month'],
    ]);
  });

  it('puts a day more than six months after publication in the previous year', () => {
    expect(read('Ngày 28/12, Sở Tư pháp tổng kết công tác năm.', '2024-01-05')).toEqual([
      ['Ngày 28/12', { kind: 'day', date: '2023-12-28', yearInferred: true }, 'date.day-month'],
    ]);
    expect(read('Ngày 28/6, Sở Tư pháp sơ kết.', '2024-01-05')[0]![1]).toEqual({ kind: 'day', date: '2024-06-28', yearInferred: true });
  });

  it('reads dates written in words, with and without the year', () => {
    expect(read('Luật được thông qua ngày 20 tháng 6 năm 2017.')).toEqual([
      ['ngày 20 tháng 6 năm 2017', { kind: 'day', date: '2017-06-20', yearInferred: false }, 'date.verbal'],
    ]);
    expect(read('Ngày 25 tháng 3, đoàn công tác đến tỉnh.')).toEqual([
      ['Ngày 25 tháng 3', { kind: 'day', date: '2024-03-25', yearInferred: true }, 'date.verbal'],
    ]);
  });

  it.each([
    ['Sáng ngày 12/3/2024, Bộ Tư pháp họp.', 'Sáng ngày 12/3/2024', 'morning', false],
    ['Trưa 12/3, đoàn trở về.', 'Trưa 12/3', 'noon', true],
    ['Chiều ngày 12/3, hội thảo bế mạc.', 'Chiều ngày 12/3', 'afternoon', true],
    ['Tối ngày 12 tháng 3 năm 2024, đêm nhạc diễn ra.', 'Tối ngày 12 tháng 3 năm 2024', 'evening', false],
  ])('reads the part of the day: %s', (text, surface, partOfDay, yearInferred) => {
    const [m] = read(text);
    expect(m![0]).toBe(surface);
    expect(m![1]).toEqual({ kind: 'day', date: '2024-03-12', yearInferred, partOfDay });
  });

  it.each([
    ['Vào lúc 8h30 ngày 12/3/2024, lễ khai mạc bắt đầu.', '8h30 ngày 12/3/2024', '08:30'],
    ['Lễ ký kết diễn ra 8 giờ 30, ngày 12/3/2024 tại Hà Nội.', '8 giờ 30, ngày 12/3/2024', '08:30'],
    ['Ngày 12/3/2024, lúc 14:00, phiên họp thứ hai bắt đầu.', 'Ngày 12/3/2024, lúc 14:00', '14:00'],
  ])('folds a clock time into its day: %s', (text, surface, time) => {
    const [m] = read(text);
    expect(m![0]).toBe(surface);
    expect(m![1]).toEqual({ kind: 'day', date: '2024-03-12', yearInferred: false, time });
  });

  it('drops a clock time with no day beside it, and an impossible one', () => {
    expect(read('Buổi làm việc kéo dài 3 giờ 30 phút.')).toEqual([]);
    expect(read('Lúc 25h00 ngày 12/3/2024.')[0]![1]).toEqual({ kind: 'day', date: '2024-03-12', yearInferred: false });
  });

  it('reads "hôm nay" and "hôm qua" against the publication date', () => {
    expect(read('Hôm nay, Bộ Tư pháp công bố quyết định.')).toEqual([['Hôm nay', { kind: 'day', date: '2024-03-26', yearInferred: false }, 'date.today']]);
    expect(read('bên lề kỳ họp ngày hôm nay (26/3).')).toEqual([
      ['ngày hôm nay (26/3)', { kind: 'day', date: '2024-03-26', yearInferred: true }, 'date.today'],
    ]);
    expect(read('Chiều qua, đoàn công tác đã về.', '2024-03-01')).toEqual([
      ['Chiều qua', { kind: 'day', date: '2024-02-29', yearInferred: false, partOfDay: 'afternoon' }, 'date.yesterday'],
    ]);
  });

  it('reads the first day of a range of days', () => {
    expect(read('Lớp tập huấn diễn ra trong 2 ngày 14-15/6/2023.')).toEqual([
      ['ngày 14-15/6/2023', { kind: 'day', date: '2023-06-14', yearInferred: false }, 'date.day-range'],
    ]);
  });
});

describe('extractDates: months, quarters, years, periods', () => {
  it.each<[string, string, TemporalValue, string]>([
    ['Báo cáo công tác Quý I/2024 của Cục.', 'Quý I/2024', { kind: 'quarter', year: 2024, quarter: 1 }, 'date.quarter'],
    ['nhiệm vụ quý II năm 2024', 'quý II năm 2024', { kind: 'quarter', year: 2024, quarter: 2 }, 'date.quarter'],
    ['Sơ kết 6 tháng đầu năm 2024 tại Sở.', '6 tháng đầu năm 2024', { kind: 'months', year: 2024, firstMonths: 6 }, 'date.first-months'],
    ['phương hướng 6 tháng cuối năm 2023', '6 tháng cuối năm 2023', { kind: 'half', year: 2023, half: 2 }, 'date.first-months'],
    ['trong nửa đầu năm 2025', 'nửa đầu năm 2025', { kind: 'half', year: 2025, half: 1 }, 'date.half-year'],
    ['Trong tháng 3/2024, Sở đã tiếp nhận', 'tháng 3/2024', { kind: 'month', year: 2024, month: 3 }, 'date.month'],
    ['Từ tháng 3 năm 2024, trung tâm', 'tháng 3 năm 2024', { kind: 'month', year: 2024, month: 3 }, 'date.month'],
    ['Mục tiêu đến hết năm 2030 là', 'năm 2030', { kind: 'year', year: 2030 }, 'date.year'],
    ['Chương trình giai đoạn 2021-2025 đã', 'giai đoạn 2021-2025', { kind: 'period', from: 2021, to: 2025 }, 'date.period'],
    ['Kế hoạch 2021 – 2025 được', '2021 – 2025', { kind: 'period', from: 2021, to: 2025 }, 'date.period'],
    ['từ năm 2021 đến năm 2025', 'từ năm 2021 đến năm 2025', { kind: 'period', from: 2021, to: 2025 }, 'date.period-words'],
    [
      'Đề án phát triển đến năm 2030, tầm nhìn đến năm 2045 được',
      'đến năm 2030, tầm nhìn đến năm 2045',
      { kind: 'horizon', until: 2030, vision: 2045 },
      'date.horizon',
    ],
  ])('%s', (text, surface, value, rule) => {
    expect(read(text)).toEqual([[surface, value, rule]]);
  });

  it('gives a quarter without a year the publication year', () => {
    expect(read('Kết quả công tác quý I rất khả quan.')).toEqual([['quý I', { kind: 'quarter', year: 2024, quarter: 1 }, 'date.quarter']]);
  });
});

describe('extractDates: what is not a date', () => {
  it.each([
    ['document numbers', 'Thực hiện Nghị định số 144/2017/NĐ-CP và Kế hoạch 10/2024.'],
    ['fractions and scores', 'Đạt tỷ lệ 3/4 số xã, đội bóng thắng 2-1 với điểm 9/10.'],
    ['a month-year without "tháng"', 'Văn bản 10/2024 đã được gửi.'],
    ['a day recurring every year', 'Lấy ngày 10/10 hàng năm là Ngày truyền thống Luật sư Việt Nam.'],
    ['a recurring day in words', 'Ngày 9 tháng 11 hằng năm là Ngày Pháp luật.'],
  ])('%s', (_, text) => {
    expect(read(text)).toEqual([]);
  });

  it('leaves impossible calendar dates out and reports their spans', () => {
    const text = 'Các ngày 31/02/2024, 29/02/2023 và 00/00/0000 không có thật; ngày 30 tháng 2 năm 2024 cũng vậy; 29/02/2024 thì có.';
    expect(read(text)).toEqual([['29/02/2024', { kind: 'day', date: '2024-02-29', yearInferred: false }, 'date.numeric']]);
    const spans = findImpossibleDates(text, 'body');
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['ngày 31/02/2024', '29/02/2023', '00/00/0000', 'ngày 30 tháng 2 năm 2024']);
    expect(spans.every((s) => s.field === 'body')).toBe(true);
  });

  it('reports a day without a year only when no year has it', () => {
    const text = 'Hạn chót ngày 31/4, không phải ngày 29/2.';
    expect(findImpossibleDates(text, 'title').map((s) => text.slice(s.start, s.end))).toEqual(['ngày 31/4']);
  });
});

describe('readDayAt', () => {
  const text = 'Quyết định số 1/QĐ-UBND ngày 15/12/2017 và Chỉ thị số 2-CT/TU ngày 30/5 và văn bản ngày 31/02/2019.';

  it('reads the day written at a position', () => {
    const at = text.indexOf('ngày 15/12/2017');
    expect(readDayAt(text, at, '2024-01-01')).toEqual({ ok: true, date: '2017-12-15', end: at + 'ngày 15/12/2017'.length, yearInferred: false });
  });

  it('takes the year hint for a day without a year', () => {
    const at = text.indexOf('ngày 30/5');
    expect(readDayAt(text, at, '2024-01-01', 2019)).toEqual({ ok: true, date: '2019-05-30', end: at + 9, yearInferred: true });
  });

  it('marks an impossible date and returns null where no day starts', () => {
    const at = text.indexOf('ngày 31/02/2019');
    expect(readDayAt(text, at, '2024-01-01')).toEqual({ ok: false, end: at + 'ngày 31/02/2019'.length });
    expect(readDayAt(text, 0, '2024-01-01')).toBeNull();
  });
});

describe('extractDates on adversarial input', () => {
  it.each([
    ['slashes', '1/'.repeat(500_000)],
    ['digits', '1234567890'.repeat(100_000)],
    ['day cues', 'ngày '.repeat(200_000)],
    ['day cues and digits', 'ngày 1/'.repeat(150_000)],
    ['periods', 'năm 2020-'.repeat(110_000)],
    ['clock times', '8h30 '.repeat(200_000)],
  ])('finishes on a megabyte of %s', (_, text) => {
    expect(Array.isArray(extractDates(text, 'body', '2024-03-26'))).toBe(true);
    expect(Array.isArray(findImpossibleDates(text, 'body'))).toBe(true);
  });
});
