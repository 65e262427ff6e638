/**
 * How Vietnamese does a decoded text look? Used to choose between the legacy
 * 8-bit encodings, which all decode any byte sequence without error.
 *
 * Only words that contain a non-ASCII letter are informative: pure-ASCII words
 * decode the same in every candidate. The score is
 *
 *     valid informative words / (informative words + odd characters)
 *
 * where a valid word is a plausible Vietnamese syllable (./syllable.ts) and odd
 * characters are those a Vietnamese text does not contain: letters outside the
 * Vietnamese alphabet (Þ ß ñ Ð …), combining marks left over after NFC,
 * symbols (¤ ¢ ¸ µ ¶ …), box drawing, C0/C1 controls, U+FFFD. A right decoding
 * of Vietnamese prose scores about 0.9–1 (acronyms such as "NĐ" and loanwords
 * cost a little); wrong ones score far lower.
 */

import { isVietnameseSyllable, VIETNAMESE_LETTERS } from './syllable.ts';

/** Character classes. */
const NEUTRAL = 0;
const ASCII_LETTER = 1;
const VIET_LETTER = 2;
/** A letter or mark that Vietnamese does not use: part of a word, and odd. */
const ODD_LETTER = 3;
/** A symbol or control that Vietnamese text does not contain: a separator, and odd. */
const ODD_SYMBOL = 4;

/** Non-ASCII characters that are ordinary in Vietnamese documents and neutral for scoring. */
const ORDINARY_PUNCTUATION = new Set(
  Array.from('\u00A0\u2013\u2014\u2018\u2019\u201C\u201D\u2026\u2022\u00B0\u00A7\u00AB\u00BB\u20AB\u00D7', (c) => c.charCodeAt(0)),
);

const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;

/** Class per UTF-16 code unit, computed on first sight (-1 = not yet known). */
const classCache = new Int8Array(65536).fill(-1);

function classify(code: number): number {
  const cached = classCache[code]!;
  if (cached >= 0) return cached;
  let cls: number;
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) cls = ASCII_LETTER;
  else if (code < 0x20) cls = code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d ? NEUTRAL : ODD_SYMBOL;
  else if (code < 0x7f) cls = NEUTRAL;
  else if (code <= 0x9f) cls = ODD_SYMBOL; // DEL and C1 controls
  else if (ORDINARY_PUNCTUATION.has(code)) cls = NEUTRAL;
  else {
    const ch = String.fromCharCode(code);
    if (VIETNAMESE_LETTERS.has(ch)) cls = VIET_LETTER;
    else if (code >= 0xd800 && code <= 0xdfff) cls = ODD_SYMBOL;
    else if (LETTER_OR_MARK.test(ch)) cls = ODD_LETTER;
    else cls = ODD_SYMBOL;
  }
  classCache[code] = cls;
  return cls;
}

/** The plausibility of one decoded text. */
export interface Plausibility {
  /** Valid informative words / (informative words + odd characters); 0 when there is nothing to judge. */
  score: number;
  /** Words with at least one non-ASCII letter. */
  informative: number;
  /** Informative words that are plausible Vietnamese syllables. */
  valid: number;
  /** Characters Vietnamese text does not contain. */
  odd: number;
}

/** Words longer than this cannot be syllables; they are not even looked up. */
const MAX_WORD = 10;

/**
 * Score `text` (already NFC). Linear in its length; callers pass a bounded sample.
 */
export function plausibility(text: string): Plausibility {
  let informative = 0;
  let valid = 0;
  let odd = 0;
  let start = -1;
  let nonAscii = false;
  let hasOdd = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const cls = i < n ? classify(text.charCodeAt(i)) : NEUTRAL;
    if (cls === ASCII_LETTER || cls === VIET_LETTER || cls === ODD_LETTER) {
      if (start < 0) {
        start = i;
        nonAscii = false;
        hasOdd = false;
      }
      if (cls !== ASCII_LETTER) nonAscii = true;
      if (cls === ODD_LETTER) {
        hasOdd = true;
        odd++;
      }
      continue;
    }
    if (start >= 0) {
      if (nonAscii) {
        informative++;
        if (!hasOdd && i - start <= MAX_WORD && isVietnameseSyllable(text.slice(start, i))) valid++;
      }
      start = -1;
    }
    if (cls === ODD_SYMBOL) odd++;
  }
  const denominator = informative + odd;
  return { score: denominator === 0 ? 0 : valid / denominator, informative, valid, odd };
}
