/**
 * Every regular expression the date extractor uses, named and commented. Input
 * is NFC text with single spaces (see `normaliseLine`). Patterns are global
 * (`g`) for scanning with `matchAll`, Unicode-aware (`u`) and case-insensitive
 * (`i`) where Vietnamese writes the cue either way ("Sáng"/"sáng").
 *
 * Safety: every quantifier is bounded, alternatives start with distinct
 * literals, and no group that repeats contains another repetition, so no
 * pattern can backtrack catastrophically. `test/unit/extract-dates.test.ts`
 * holds positive and negative examples for each.
 */

/** Not glued to a preceding letter or digit. */
const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{M}\d])`;
/** Not glued to a following letter or digit. */
const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{M}\d])`;
/** A part of the day written before a date: "Sáng", "Chiều", … (group: the word). */
const PART_OF_DAY = String.raw`(sáng|trưa|chiều|tối|đêm)`;
/** Optional cue before a full date: "ngày ", "Chiều ngày ", "Sáng hôm ", "Sáng " (group: part of day). */
const DAY_CUE_OPTIONAL = String.raw`(?:${NOT_AFTER_WORD}(?:${PART_OF_DAY} (?:(?:ngày|hôm) )?|(?:vào )?ngày ))?`;
/** Required cue before a day and month without a year: "ngày ", "Sáng ", "Chiều ngày " (group: part of day). */
const DAY_CUE_REQUIRED = String.raw`${NOT_AFTER_WORD}(?:${PART_OF_DAY} (?:(?:ngày|hôm) )?|ngày )`;
/** After a day and month: not the start of a year, a longer number or a document code. */
const NOT_CONTINUED = String.raw`(?![\d/]|[.-]\d|-\p{L})`;

/**
 * A full numeric date, day first, one separator repeated: "25/03/2024", "25/3/2024",
 * "25-3-2024", "25.3.2024", optionally cued ("Chiều ngày 25/03/2024").
 * Groups: part of day, day, separator, month, year.
 * Not inside a longer number or a document number ("1/25/03/2024", "25/3/2024/NĐ").
 */
export const NUMERIC_DATE = new RegExp(
  String.raw`${DAY_CUE_OPTIONAL}(?<![\p{L}\p{M}\d/.-])(\d{1,2})([/.-])(\d{1,2})\3(\d{4})${NOT_CONTINUED}`,
  'giu',
);

/**
 * Two days of one month: "23-24/10/2024", "ngày 23 - 24/10/2024".
 * Groups: part of day, first day, last day, separator, month, year.
 */
export const DAY_RANGE_DATE = new RegExp(
  String.raw`${DAY_CUE_OPTIONAL}(?<![\p{L}\p{M}\d/.-])(\d{1,2}) ?[-–] ?(\d{1,2})([/.-])(\d{1,2})\4(\d{4})${NOT_CONTINUED}`,
  'giu',
);

/**
 * A span of days written from one day to another, read at its first day:
 * "Từ ngày 12 đến ngày 13/6/2018", "từ ngày 6 đến ngày 8/10", "từ ngày 05 đến ngày 07 tháng 6 năm 2012".
 * Groups: part of day, first day, last day, separator, month, year, month (in words), year (in words).
 */
export const FROM_TO_DAYS = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:${PART_OF_DAY} )?(?:từ )?ngày (\d{1,2}) (?:đến|tới) (?:ngày )?(\d{1,2})(?:([/.-])(\d{1,2})(?:\4(\d{4}))?|(?: tháng (\d{1,2})(?:,? năm (\d{4}))?))${NOT_CONTINUED}`,
  'giu',
);

/**
 * A day and month without a year, only after a cue, so fractions and scores
 * ("3/4", "9/10 điểm") are never read as dates: "ngày 25/3", "Sáng 9-11",
 * "Chiều 2/3", "ngày 16.4". Groups: part of day, day, separator, month.
 */
export const CUED_DAY_MONTH = new RegExp(String.raw`${DAY_CUE_REQUIRED}(\d{1,2})([/.-])(\d{1,2})${NOT_CONTINUED}`, 'giu');

/**
 * A date in words: "ngày 25 tháng 3 năm 2024", "Sáng ngày 25 tháng 3", "ngày 08 tháng 11, năm 2011".
 * Groups: part of day, day, month, year (optional).
 */
export const VERBAL_DATE = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:${PART_OF_DAY} )?ngày (\d{1,2}) tháng (\d{1,2})(?:,? năm (\d{4}))?(?!\d)`,
  'giu',
);

/**
 * A clock time: "8h30", "8h", "14h00", "8 giờ 30", "8 giờ 30 phút", "14:00".
 * Groups: hours, minutes after h/giờ, minutes after a colon.
 */
export const CLOCK_TIME = new RegExp(String.raw`(?<![\p{L}\p{M}\d:/.])(\d{1,2})(?: ?(?:h|giờ) ?(\d{2})?(?: ?phút)?|:(\d{2}))${NOT_BEFORE_WORD}`, 'giu');

/**
 * What may stand between a clock time and the day it belongs to, in either
 * order: "8h30 ngày 25/3", "8h30, ngày 25/3", "ngày 25/3, lúc 14:00", "ngày 25/3 (8h30".
 * Matched against the whole gap.
 */
export const TIME_DAY_GAP = /^[ ,(]{0,3}(?:(?:vào )?lúc|từ)?[ ]?$/iu;

/**
 * A month of a year: "tháng 3/2024", "tháng 3 năm 2024", "tháng 7-2021", "tháng 11 / 2017".
 * A bare "10/2024" is not read: it could be a document number. Groups: month, year.
 */
export const MONTH_YEAR = new RegExp(String.raw`${NOT_AFTER_WORD}tháng (\d{1,2})(?: ?[/-] ?| năm )(\d{4})(?![\d/])`, 'giu');

/**
 * A quarter: "Quý I/2024", "quý II năm 2024", "quý 3-2023", "quý IV" (year from the
 * publication date). Groups: quarter (roman or arabic), year (optional).
 */
export const QUARTER = new RegExp(String.raw`${NOT_AFTER_WORD}quý (IV|I{1,3}|[1-4])(?:(?: ?[/-] ?| năm )(\d{4}))?${NOT_BEFORE_WORD}`, 'giu');

/**
 * The first or last months of a year: "6 tháng đầu năm 2024", "9 tháng đầu năm",
 * "6 tháng cuối năm 2023". Groups: number of months, đầu/cuối, year (optional).
 */
export const FIRST_MONTHS = new RegExp(String.raw`${NOT_AFTER_WORD}(\d{1,2}) tháng (đầu|cuối) năm(?: (\d{4}))?(?!\d)`, 'giu');

/** A half year: "nửa đầu năm 2024", "nửa cuối năm". Groups: đầu/cuối, year (optional). */
export const HALF_YEAR = new RegExp(String.raw`${NOT_AFTER_WORD}nửa (đầu|cuối) năm(?: (\d{4}))?(?!\d)`, 'giu');

/** A year: "năm 2030", "Năm 2015". Group: year. */
export const YEAR = new RegExp(String.raw`${NOT_AFTER_WORD}năm (\d{4})(?![\d/])`, 'giu');

/**
 * A span of years: "giai đoạn 2021-2025", "nhiệm kỳ 2020 - 2025", "2021 – 2025",
 * "năm 2015- 2020". Groups: first year, last year.
 */
export const YEAR_PERIOD = new RegExp(
  String.raw`(?<![\p{L}\p{M}\d/.-])(?:(?:giai đoạn|nhiệm kỳ|thời kỳ|niên khóa|niên khoá|năm học|năm) )?(\d{4}) ?[-–—] ?(\d{4})(?![\d/]|-\d)`,
  'giu',
);

/** A span of years in words: "từ năm 2021 đến năm 2025", "từ năm 2021 đến 2025". Groups: first year, last year. */
export const YEAR_FROM_TO = new RegExp(String.raw`${NOT_AFTER_WORD}từ năm (\d{4}) (?:đến|tới) (?:năm )?(\d{4})(?!\d)`, 'giu');

/**
 * A horizon: "đến năm 2030", "đến năm 2030, tầm nhìn đến năm 2045", "tới năm 2030 và tầm nhìn năm 2050".
 * Groups: until, vision (optional).
 */
export const HORIZON = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:đến|tới) năm (\d{4})(?:,? (?:và )?tầm nhìn (?:(?:đến|tới) )?năm (\d{4}))?(?!\d)`,
  'giu',
);

/**
 * Today in words: "hôm nay", "ngày hôm nay (30/3)", "sáng nay", "chiều hôm nay".
 * Groups: part of day, day and month in brackets (optional).
 */
export const TODAY = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:${PART_OF_DAY} (?:hôm )?nay|(?:ngày )?hôm nay)(?: \((\d{1,2})[/.-](\d{1,2})\))?${NOT_BEFORE_WORD}`,
  'giu',
);

/** Yesterday in words: "hôm qua", "chiều qua", "tối hôm qua". Group: part of day. */
export const YESTERDAY = new RegExp(String.raw`${NOT_AFTER_WORD}(?:${PART_OF_DAY} (?:hôm )?qua|hôm qua)${NOT_BEFORE_WORD}`, 'giu');

/**
 * Right after a day and month: the day recurs every year or month ("ngày 10/10
 * hàng năm"), so it is not the date of one event. Sticky at the end of the date.
 */
export const RECURRING_AFTER = /,? (?:hàng|hằng) (?:năm|tháng)(?![\p{L}\p{M}])/iuy;
