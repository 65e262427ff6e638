/**
 * Scanning with a cue. A pattern that opens with a look-behind or a choice of
 * words is slow to scan: it must be tried at almost every position. A cue is a
 * quick pattern (opening with a digit, a capital or a fixed word) that every match of the
 * slow one contains, at most `lead` characters after the match's start; the
 * slow pattern is then tried only at the few positions before each cue.
 */
import { isLoneSurrogate, LETTER_OR_MARK } from './tokens.ts';

export interface Cue {
  /** Global; matches wherever a match of the slow pattern has its cue. */
  pattern: RegExp;
  /** The most characters from the start of a match to the start of its cue. */
  lead: number;
  /** Every match opens with a look-behind refusing a letter, a mark or a digit, so positions right after one are not tried. */
  afterNonWord?: boolean;
}

const stickyCopies = new Map<RegExp, RegExp>();

/**
 * The matches of the global `pattern` in `text`, the same as `text.matchAll(pattern)`
 * for a pattern that never matches the empty string: a match starts at most
 * `lead` characters before the first cue at or after its start, so no position
 * further back can start one.
 *
 * @example cuedMatches('họp ngày 25/3', NUMERIC_DATE, { pattern: /\d[/.-]\d/g, lead: 12 })
 */
export function cuedMatches(text: string, pattern: RegExp, cue: Cue): RegExpExecArray[] {
  let sticky = stickyCopies.get(pattern);
  if (!sticky) stickyCopies.set(pattern, (sticky = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`)));
  const out: RegExpExecArray[] = [];
  let from = 0;
  while (from < text.length) {
    cue.pattern.lastIndex = from;
    const c = cue.pattern.exec(text);
    if (!c) break;
    let found: RegExpExecArray | null = null;
    for (let p = Math.max(from, c.index - cue.lead); p <= c.index && !found; p++) {
      if (cue.afterNonWord && p > 0 && isWordCharacter(text.charCodeAt(p - 1))) continue;
      sticky.lastIndex = p;
      found = sticky.exec(text);
    }
    if (found) {
      out.push(found);
      from = found.index + found[0].length;
    } else from = c.index + (isPairAt(text, c.index) ? 2 : 1);
  }
  return out;
}

/** A surrogate pair starts at `i`: a cue there is one character of two code units (a `u` pattern never starts inside it). */
function isPairAt(text: string, i: number): boolean {
  return text.codePointAt(i)! > 0xffff;
}

/** A digit, letter or mark (half of a surrogate pair is left to the pattern to judge). */
function isWordCharacter(code: number): boolean {
  if (code >= 0x30 && code <= 0x39) return true;
  return !isLoneSurrogate(code) && LETTER_OR_MARK.get(code) === 1;
}
