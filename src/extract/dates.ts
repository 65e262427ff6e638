/**
 * Time expressions in announcement text → `DateMention`s. Rules are a table
 * (pattern → reading); overlapping matches are resolved longest-first, clock
 * times are attached to the day they stand next to, and a day or month written
 * without a year takes its year from the publication date.
 */
import { isRealDate, isRealTime, isoDate, isoTime } from '../core/dates.ts';
import type { DateMention, Evidence, PartOfDay, TemporalValue } from '../core/extraction.ts';
import type { Span } from '../core/types.ts';
import {
  CLOCK_TIME,
  CUED_DAY_MONTH,
  DAY_RANGE_DATE,
  FROM_TO_DAYS,
  FIRST_MONTHS,
  HALF_YEAR,
  HORIZON,
  MONTH_YEAR,
  NUMERIC_DATE,
  QUARTER,
  RECURRING_AFTER,
  TIME_DAY_GAP,
  TODAY,
  VERBAL_DATE,
  YEAR,
  YEAR_FROM_TO,
  YEAR_PERIOD,
  YESTERDAY,
} from './patterns/dates.ts';
import { cuedMatches, type Cue } from './scan.ts';

/** A day written without a year is put in the previous year when it would fall this many days after publication. */
const MAX_DAYS_AHEAD = 183;
/** Years a year, period or horizon may name. Calendar days accept any year from 1000 on. */
const PLAUSIBLE_YEARS = { min: 1800, max: 2200 } as const;
/** The longest span of years read as a period ("2021-2025"); longer ones are more likely something else. */
const MAX_PERIOD_YEARS = 50;

/**
 * Cues (see `scan.ts`) for the patterns that open with a choice of words (a part
 * of the day, "ngày", "giai đoạn" …) and so are slow to scan. Kept here rather
 * than in `patterns/dates.ts`: they find no dates themselves.
 */
const CUES = {
  /** A digit, a date separator, a digit: "5/3" of "ngày 25/3/2024". */
  digitSeparator: /\d[/.-]\d/g,
  /** "ngày " before a day. */
  dayWord: /ngày \d/giu,
  /** " nay" of "hôm nay", "sáng nay". */
  today: / nay/giu,
  /** " qua" of "hôm qua", "chiều qua". */
  yesterday: / qua/giu,
  /** Two years joined by a dash: "2021-2025", "2020 – 2025". */
  yearPair: /\d{4} ?[-–—] ?\d{4}/g,
} as const;

/** What a rule makes of one match. */
type Reading =
  | { kind: 'value'; value: TemporalValue }
  | { kind: 'impossible' }
  /** Occupies the text but yields no date (a recurring day, an implausible year). */
  | { kind: 'skip' };

interface Context {
  text: string;
  published: { year: number; month: number; day: number };
}

interface DateRule {
  /** Rule name recorded in the evidence, e.g. `date.numeric`. */
  name: string;
  pattern: RegExp;
  confidence: number;
  read: (m: RegExpMatchArray, ctx: Context) => Reading;
  /** For a pattern slow to scan: a cue every match contains (see `CUES`), with the most characters before it. */
  cue?: Cue;
}

const PART_OF_DAY: Record<string, PartOfDay> = { sáng: 'morning', trưa: 'noon', chiều: 'afternoon', tối: 'evening', đêm: 'night' };
const ROMAN: Record<string, 1 | 2 | 3 | 4> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** The table of date rules, most specific first (earlier rules win ties of equal length). */
const DATE_RULES: DateRule[] = [
  {
    name: 'date.from-to',
    pattern: FROM_TO_DAYS,
    // At most "Chiều từ " (9 characters) before "ngày".
    cue: { pattern: CUES.dayWord, lead: 9, afterNonWord: true },
    confidence: 0.9,
    read: (m, ctx) => {
      const month = Number(m[5] ?? m[7]);
      const year = m[6] ?? m[8];
      if (!month) return { kind: 'skip' };
      return year !== undefined ? dayReading(m[1], Number(year), month, Number(m[2]), false) : undatedDayReading(m, ctx, m[1], month, Number(m[2]));
    },
  },
  {
    name: 'date.day-range',
    pattern: DAY_RANGE_DATE,
    // At most "Chiều ngày 23 - 2" (17 characters) before "4/10".
    cue: { pattern: CUES.digitSeparator, lead: 17, afterNonWord: true },
    confidence: 0.9,
    read: (m) => dayReading(m[1], Number(m[6]), Number(m[5]), Number(m[2]), false),
  },
  {
    name: 'date.numeric',
    pattern: NUMERIC_DATE,
    // At most "Chiều ngày 2" (12 characters) before "5/3".
    cue: { pattern: CUES.digitSeparator, lead: 12, afterNonWord: true },
    confidence: 0.95,
    read: (m) => dayReading(m[1], Number(m[5]), Number(m[4]), Number(m[2]), false),
  },
  {
    name: 'date.verbal',
    pattern: VERBAL_DATE,
    // At most "Chiều " (6 characters) before "ngày".
    cue: { pattern: CUES.dayWord, lead: 6, afterNonWord: true },
    confidence: 0.95,
    read: (m, ctx) => {
      if (m[4] !== undefined) return dayReading(m[1], Number(m[4]), Number(m[3]), Number(m[2]), false);
      return undatedDayReading(m, ctx, m[1], Number(m[3]), Number(m[2]));
    },
  },
  {
    name: 'date.day-month',
    pattern: CUED_DAY_MONTH,
    // At most "Chiều ngày 2" (12 characters) before "5/3".
    cue: { pattern: CUES.digitSeparator, lead: 12, afterNonWord: true },
    confidence: 0.85,
    read: (m, ctx) => undatedDayReading(m, ctx, m[1], Number(m[4]), Number(m[2])),
  },
  {
    name: 'date.today',
    pattern: TODAY,
    // At most "Chiều hôm" (9 characters) before " nay".
    cue: { pattern: CUES.today, lead: 9, afterNonWord: true },
    confidence: 0.8,
    read: (m, ctx) => {
      if (m[2] !== undefined && m[3] !== undefined) return undatedDayReading(m, ctx, m[1], Number(m[3]), Number(m[2]));
      const { year, month, day } = ctx.published;
      return dayReading(m[1], year, month, day, false);
    },
  },
  {
    name: 'date.yesterday',
    pattern: YESTERDAY,
    // At most "Chiều hôm" (9 characters) before " qua".
    cue: { pattern: CUES.yesterday, lead: 9, afterNonWord: true },
    confidence: 0.75,
    read: (m, ctx) => {
      const { year, month, day } = fromDayNumber(dayNumber(ctx.published.year, ctx.published.month, ctx.published.day) - 1);
      return dayReading(m[1], year, month, day, false);
    },
  },
  {
    name: 'date.month',
    pattern: MONTH_YEAR,
    confidence: 0.9,
    read: (m) => {
      const month = Number(m[1]);
      const year = Number(m[2]);
      if (month < 1 || month > 12) return { kind: 'impossible' };
      return plausibleYear(year) ? { kind: 'value', value: { kind: 'month', year, month } } : { kind: 'skip' };
    },
  },
  {
    name: 'date.quarter',
    pattern: QUARTER,
    confidence: 0.9,
    read: (m, ctx) => {
      const quarter = ROMAN[m[1]!.toLowerCase()];
      const year = m[2] !== undefined ? Number(m[2]) : ctx.published.year;
      if (quarter === undefined || !plausibleYear(year)) return { kind: 'skip' };
      return { kind: 'value', value: { kind: 'quarter', year, quarter } };
    },
  },
  {
    name: 'date.first-months',
    pattern: FIRST_MONTHS,
    confidence: 0.85,
    read: (m, ctx) => {
      const months = Number(m[1]);
      const year = m[3] !== undefined ? Number(m[3]) : ctx.published.year;
      if (months < 1 || months > 11 || !plausibleYear(year)) return { kind: 'skip' };
      if (m[2]!.toLowerCase() === 'đầu') return { kind: 'value', value: { kind: 'months', year, firstMonths: months } };
      return months === 6 ? { kind: 'value', value: { kind: 'half', year, half: 2 } } : { kind: 'skip' };
    },
  },
  {
    name: 'date.half-year',
    pattern: HALF_YEAR,
    confidence: 0.85,
    read: (m, ctx) => {
      const year = m[2] !== undefined ? Number(m[2]) : ctx.published.year;
      if (!plausibleYear(year)) return { kind: 'skip' };
      return { kind: 'value', value: { kind: 'half', year, half: m[1]!.toLowerCase() === 'đầu' ? 1 : 2 } };
    },
  },
  { name: 'date.period-words', pattern: YEAR_FROM_TO, confidence: 0.85, read: (m) => periodReading(Number(m[1]), Number(m[2])) },
  {
    name: 'date.period',
    pattern: YEAR_PERIOD,
    // At most "giai đoạn " (10 characters) before "2021-2025".
    cue: { pattern: CUES.yearPair, lead: 10, afterNonWord: true },
    confidence: 0.85,
    read: (m) => periodReading(Number(m[1]), Number(m[2])),
  },
  {
    name: 'date.horizon',
    pattern: HORIZON,
    confidence: 0.85,
    read: (m) => {
      const until = Number(m[1]);
      const vision = m[2] !== undefined ? Number(m[2]) : undefined;
      if (!plausibleYear(until) || (vision !== undefined && (!plausibleYear(vision) || vision < until))) return { kind: 'skip' };
      return { kind: 'value', value: vision === undefined ? { kind: 'horizon', until } : { kind: 'horizon', until, vision } };
    },
  },
  {
    name: 'date.year',
    pattern: YEAR,
    confidence: 0.8,
    read: (m) => {
      const year = Number(m[1]);
      return plausibleYear(year) ? { kind: 'value', value: { kind: 'year', year } } : { kind: 'skip' };
    },
  },
];

interface Candidate {
  start: number;
  end: number;
  rank: number;
  rule: DateRule;
  reading: Reading;
  /** The reading in a leap-year context, for telling impossible dates from merely yearless ones. */
  leapReading?: Reading;
}

/**
 * Finds the time expressions of one field of an announcement. Days without a
 * year take the publication year (the previous one when that would put them more
 * than six months after publication); "hôm nay" is the publication date; clock
 * times next to a day are folded into it. Impossible calendar dates are left out
 * (see {@link findImpossibleDates}), and so are days recurring every year.
 *
 * @example
 * extractDates('Chiều ngày 25/3, lúc 14h00, Bộ Tư pháp họp.', 'body', '2024-03-26')
 * // → [{ value: { kind: 'day', date: '2024-03-25', time: '14:00', partOfDay: 'afternoon', yearInferred: true },
 * //      evidence: { span: { field: 'body', start: 0, end: 26 }, rule: 'date.day-month', confidence: 0.85 } }]
 */
export function extractDates(text: string, field: 'title' | 'body', publishedDate: string): DateMention[] {
  return scanDates(text, field, publishedDate).dates;
}

/**
 * Spans of dates that the calendar does not have ("31/02/2024", "29/02/2023",
 * "00/00/0000", "ngày 30 tháng 2 năm 2024"), for `date_impossible` issues.
 * Needs no publication date: a day written without a year is impossible only
 * when no year has it ("ngày 31/4", "ngày 12/13").
 *
 * @example findImpossibleDates('Ký ngày 31/02/2024.', 'body') // → [{ field: 'body', start: 3, end: 18 }]
 */
export function findImpossibleDates(text: string, field: 'title' | 'body'): Span[] {
  return scanDates(text, field, LEAP_CONTEXT_DATE).impossible;
}

/** 2000 is a leap year: in its context a 29 February without a year is possible. */
const LEAP_CONTEXT_DATE = '2000-06-30';

/**
 * Both readings of a field in one pass of the patterns: the time expressions
 * (as {@link extractDates}) and the impossible dates (as {@link findImpossibleDates}).
 * Which matches are kept depends only on their positions, so one resolution of
 * overlaps serves both.
 */
export function scanDates(text: string, field: 'title' | 'body', publishedDate: string): { dates: DateMention[]; impossible: Span[] } {
  const ctx = context(text, publishedDate);
  const leap = context(text, LEAP_CONTEXT_DATE);
  const chosen = resolveOverlaps(candidatesOf(ctx, DATE_RULES, leap));
  const mentions: { start: number; end: number; value: TemporalValue; evidence: Omit<Evidence, 'span'> }[] = [];
  const impossible: Span[] = [];
  for (const c of chosen) {
    if (c.leapReading?.kind === 'impossible') impossible.push({ field, start: c.start, end: c.end });
    if (c.reading.kind !== 'value') continue;
    mentions.push({ start: c.start, end: c.end, value: c.reading.value, evidence: { rule: c.rule.name, confidence: c.rule.confidence } });
  }
  attachClockTimes(text, mentions);
  return { dates: mentions.map((m) => ({ value: m.value, evidence: { span: { field, start: m.start, end: m.end }, ...m.evidence } })), impossible };
}

/** A calendar day read at one position, for other extractors ("ngày 15/12/2017" after a document number). */
export type DayAt = { ok: true; date: string; end: number; yearInferred: boolean } | { ok: false; end: number };

/**
 * Reads the day written exactly at `index` ("ngày 15/12/2017", "ngày 20 tháng 6
 * năm 2017", "ngày 30/5"), or null when no day starts there. A day without a
 * year takes `yearHint` when given (the year of a document number), else the
 * publication year. `{ ok: false }` marks an impossible date.
 *
 * @example readDayAt('số 1/QĐ ngày 15/12/2017 của', 8, '2024-01-01') // → { ok: true, date: '2017-12-15', end: 23, yearInferred: false }
 */
export function readDayAt(text: string, index: number, publishedDate: string, yearHint?: number): DayAt | null {
  const window = text.slice(index, index + 64);
  const ctx = context(window, publishedDate);
  let best: Candidate | undefined;
  for (const c of candidatesOf(ctx, DAY_RULES)) {
    if (c.start === 0 && (!best || c.end > best.end)) best = c;
  }
  if (!best) return null;
  const end = index + best.end;
  if (best.reading.kind === 'impossible') return { ok: false, end };
  if (best.reading.kind !== 'value' || best.reading.value.kind !== 'day') return null;
  const value = best.reading.value;
  if (value.yearInferred && yearHint !== undefined) {
    const [, month, day] = value.date.split('-').map(Number) as [number, number, number];
    return isRealDate(yearHint, month, day) ? { ok: true, date: isoDate(yearHint, month, day), end, yearInferred: true } : { ok: false, end };
  }
  return { ok: true, date: value.date, end, yearInferred: value.yearInferred };
}

const DAY_RULE_NAMES = new Set(['date.numeric', 'date.verbal', 'date.day-month']);
const DAY_RULES = DATE_RULES.filter((r) => DAY_RULE_NAMES.has(r.name));

function context(text: string, publishedDate: string): Context {
  return { text, published: publishedParts(publishedDate) };
}

/** The last publication date read into its parts: an announcement asks for it again and again. */
let lastPublished: { date: string; parts: Context['published'] } | undefined;

function publishedParts(date: string): Context['published'] {
  if (lastPublished?.date !== date) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    lastPublished = { date, parts: { year, month, day } };
  }
  return lastPublished.parts;
}

/** Every match of every rule, read in `ctx` (and, when given, also in `leap`: the reading for impossible dates). */
/** Every date rule scanned through a cue, for the test that each finds exactly what a plain scan finds. */
export const CUED_DATE_SCANS: { name: string; pattern: RegExp; cue: Cue }[] = DATE_RULES.flatMap((r) => (r.cue ? [{ name: r.name, pattern: r.pattern, cue: r.cue }] : []));

function candidatesOf(ctx: Context, rules: DateRule[] = DATE_RULES, leap?: Context): Candidate[] {
  const out: Candidate[] = [];
  rules.forEach((rule, rank) => {
    for (const m of rule.cue ? cuedMatches(ctx.text, rule.pattern, rule.cue) : ctx.text.matchAll(rule.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      const candidate: Candidate = { start, end, rank, rule, reading: rule.read(m, ctx) };
      if (leap) candidate.leapReading = rule.read(m, leap);
      out.push(candidate);
    }
  });
  return out;
}

/** Keeps the longest of overlapping matches (the earlier rule on a tie), in text order. */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.rank - b.rank);
  const kept: Candidate[] = [];
  let reach = -1;
  for (const c of candidates) {
    if (c.start < reach) continue;
    kept.push(c);
    reach = c.end;
  }
  return kept;
}

function dayReading(part: string | undefined, year: number, month: number, day: number, yearInferred: boolean): Reading {
  if (year < 1000 || !isRealDate(year, month, day)) return { kind: 'impossible' };
  const value: TemporalValue = { kind: 'day', date: isoDate(year, month, day), yearInferred };
  const partOfDay = part === undefined ? undefined : PART_OF_DAY[part.toLowerCase()];
  if (partOfDay) value.partOfDay = partOfDay;
  return { kind: 'value', value };
}

/** A day and month without a year: recurring ones are skipped, the year comes from the publication date. */
function undatedDayReading(m: RegExpMatchArray, ctx: Context, part: string | undefined, month: number, day: number): Reading {
  RECURRING_AFTER.lastIndex = m.index! + m[0].length;
  if (RECURRING_AFTER.test(ctx.text)) return { kind: 'skip' };
  if (month < 1 || month > 12 || day < 1 || day > 31) return { kind: 'impossible' };
  const { published } = ctx;
  let year = published.year;
  if (isRealDate(year, month, day) && dayNumber(year, month, day) - dayNumber(published.year, published.month, published.day) > MAX_DAYS_AHEAD) {
    year -= 1;
  }
  return dayReading(part, year, month, day, true);
}

function periodReading(from: number, to: number): Reading {
  if (!plausibleYear(from) || !plausibleYear(to) || to <= from || to - from > MAX_PERIOD_YEARS) return { kind: 'skip' };
  return { kind: 'value', value: { kind: 'period', from, to } };
}

function plausibleYear(year: number): boolean {
  return year >= PLAUSIBLE_YEARS.min && year <= PLAUSIBLE_YEARS.max;
}

/** Days since 1970-01-01 for a real calendar date (arithmetic only; nothing is parsed). */
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Folds each clock time into the day mention it stands next to ("8h30 ngày 25/3",
 * "ngày 25/3, lúc 14:00"), widening that mention's span. A time with no day
 * beside it is dropped: a `DateMention` is a date, not a bare time.
 */
function attachClockTimes(text: string, mentions: { start: number; end: number; value: TemporalValue }[]): void {
  const days = mentions.filter((m) => m.value.kind === 'day');
  if (days.length === 0) return;
  for (const t of text.matchAll(CLOCK_TIME)) {
    const hours = Number(t[1]);
    const minutes = Number(t[2] ?? t[3] ?? 0);
    if (!isRealTime(hours, minutes)) continue;
    const start = t.index;
    const end = start + t[0].length;
    if (mentions.some((m) => start < m.end && end > m.start)) continue;
    const after = days.find((d) => d.start >= end && d.start - end <= 12 && TIME_DAY_GAP.test(text.slice(end, d.start)));
    const before = after ? undefined : days.find((d) => d.end <= start && start - d.end <= 12 && TIME_DAY_GAP.test(text.slice(d.end, start)));
    const day = after ?? before;
    if (!day || day.value.kind !== 'day' || day.value.time !== undefined) continue;
    day.value.time = isoTime(hours, minutes);
    day.start = Math.min(day.start, start);
    day.end = Math.max(day.end, end);
  }
}
