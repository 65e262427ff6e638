/**
 * The token patterns every extractor scans with. Input is NFC text; each pattern
 * matches in one pass without backtracking into earlier tokens.
 */

/**
 * One token: a word (letters, marks and digits, with inner `&`, `'`, `.` or `-` joins
 * such as "NN&PTNT", "H'Hen", "TP.HCM", "Nhia-pao-hơ"), or a single other
 * non-space character, or a line feed (so no phrase runs across paragraphs).
 * @example "Cục TGPL–Bộ" → "Cục", "TGPL", "–", "Bộ"
 */
export const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[&'’.\-][\p{L}\p{M}\p{N}]+){0,6}|[^\s\p{L}\p{M}\p{N}]|\n/gu;

/** A word whose first letter is upper case ("Trần", "TGPL", "Nhia-pao-hơ"). */
export const CAPITALISED = /^\p{Lu}/u;

/** A word written all in capitals, at least two letters ("UBND", "NN&PTNT"). */
export const ALL_CAPS = /^[\p{Lu}\p{N}&.\-]{2,}$/u;

/** Dashes used between names and titles: hyphen, en dash, em dash, minus. */
export const DASH = /^[-–—−]$/;
