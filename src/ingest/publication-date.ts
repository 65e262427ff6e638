/**
 * Publication date lines as portals print them: "26/03/2024", "26/3/2024 08:15",
 * "Thứ Ba, 26/03/2024 - 08:15 (GMT+7)", "Cập nhật: 09-11-2013 | 00:00:00",
 * "2024-03-26T08:15:00+07:00". Day first, always; the calendar is checked.
 */
import { isRealDate, isRealTime, isoDate, isoTime, YEAR_RANGE } from '../core/dates.ts';

export type PublicationDate =
  | { ok: true; date: string; time?: string; twoDigitYear: boolean }
  | { ok: false; code: 'date_impossible' | 'date_out_of_range'; message: string; hint: string };

// The line is folded to single spaces before matching, so every pattern below uses
// single, optional spaces (` ?`) and bounded repetitions: no two quantifiers compete for the same characters.

/** Labels that may stand before a date line. */
const LABEL = String.raw`(?:(?:ngày )?(?:đăng|cập nhật|xuất bản|ban hành)(?: (?:ngày|lúc))?|ngày|date|published|posted) ?:? ?`;
/** A weekday name, with or without a following comma. */
const WEEKDAY = String.raw`(?:thứ (?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật) ?,? ?`;
const DMY = String.raw`(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})`;
const TIME = String.raw`(?: ?[|,–—-]? ?(?:lúc )?(\d{1,2})[:h](\d{2})(?::(\d{2}))? ?(?:AM|PM|SA|CH)?)?`;
const ZONE = String.raw`(?: ?\(? ?(?:GMT|UTC) ?\+ ?7(?::00)?\)?)?`;

/** A whole line that is a day-first date line: labels, weekday, date, time, zone, nothing else. */
export const DATELINE_DMY = new RegExp(String.raw`^(?:${LABEL})?(?:${WEEKDAY})?${DMY}${TIME}${ZONE}$`, 'iu');
/** An ISO 8601 date or date-time, as in JSON records and HTML meta tags. */
export const DATELINE_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Lines longer than this are never date lines (also bounds the work of the patterns). */
const MAX_DATELINE = 80;

/**
 * Reads a publication date line, or returns null when the line is not one.
 *
 * @example parsePublicationDate('26/03/2024 08:15') → { ok: true, date: '2024-03-26', time: '08:15', twoDigitYear: false }
 * @example parsePublicationDate('31/02/2024') → { ok: false, code: 'date_impossible', … }
 */
export function parsePublicationDate(line: string): PublicationDate | null {
  if (line.length > 4 * MAX_DATELINE) return null;
  const s = line.replace(/\s+/g, ' ').trim();
  if (s.length === 0 || s.length > MAX_DATELINE) return null;
  const dmy = DATELINE_DMY.exec(s);
  if (dmy) {
    const [, d, , m, y, hh, mm] = dmy;
    const twoDigitYear = y!.length === 2;
    return build(twoDigitYear ? 2000 + Number(y) : Number(y), Number(m), Number(d), hh, mm, twoDigitYear, s);
  }
  const iso = DATELINE_ISO.exec(s);
  if (iso) {
    const [, y, m, d, hh, mm, zone] = iso;
    if (hh !== undefined && zone !== undefined && !/^\+07:?00$/.test(zone)) {
      return build(Number(y), Number(m), Number(d), undefined, undefined, false, s, { hh: Number(hh), mm: Number(mm), zone });
    }
    return build(Number(y), Number(m), Number(d), hh, mm, false, s);
  }
  return null;
}

function build(
  year: number,
  month: number,
  day: number,
  hh: string | undefined,
  mm: string | undefined,
  twoDigitYear: boolean,
  text: string,
  foreign?: { hh: number; mm: number; zone: string },
): PublicationDate {
  if (!isRealDate(year, month, day)) {
    return {
      ok: false,
      code: 'date_impossible',
      message: `"${text}" is not a real calendar date (read day first: day ${day}, month ${month}, year ${year})`,
      hint: 'correct the publication date line; dates are read as dd/mm/yyyy',
    };
  }
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
    return {
      ok: false,
      code: 'date_out_of_range',
      message: `publication year ${year} in "${text}" is outside ${YEAR_RANGE.min}–${YEAR_RANGE.max}`,
      hint: 'correct the publication date line',
    };
  }
  if (foreign) return shiftToVietnam(year, month, day, foreign);
  if (hh !== undefined && mm !== undefined && isRealTime(Number(hh), Number(mm))) {
    return { ok: true, date: isoDate(year, month, day), time: isoTime(Number(hh), Number(mm)), twoDigitYear };
  }
  return { ok: true, date: isoDate(year, month, day), twoDigitYear };
}

/** A date-time given in another zone, expressed in Vietnam time (UTC+7). */
function shiftToVietnam(year: number, month: number, day: number, t: { hh: number; mm: number; zone: string }): PublicationDate {
  const offsetMinutes = t.zone === 'Z' ? 0 : zoneMinutes(t.zone);
  const utc = Date.UTC(year, month - 1, day, t.hh, t.mm) - offsetMinutes * 60_000;
  const local = new Date(utc + 7 * 60 * 60_000);
  return {
    ok: true,
    date: isoDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()),
    time: isoTime(local.getUTCHours(), local.getUTCMinutes()),
    twoDigitYear: false,
  };
}

function zoneMinutes(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}
