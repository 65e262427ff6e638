/**
 * The sentence a statement was read from: the text of a span (NIF offsets into
 * an announcement's headline or body) with the sentence around it, so a page
 * can quote it with the span marked. Sentences end at a line feed, or at `.`,
 * `!`, `?`, `…` or `;` followed by a space, except after an abbreviation
 * ("TS.", "ThS.", "TP.", an initial), where splitting would cut a name off
 * its title.
 */

/** A quoted sentence: `anchor` is the exact span text, `before`/`after` the rest of its sentence. */
export interface Snippet {
  before: string;
  anchor: string;
  after: string;
}

/** Longest context kept on each side of a span, in UTF-16 code units; longer sentences are cut at a space with "…". */
const MAX_SIDE = 240;

const SENTENCE_END = new Set(['.', '!', '?', '…', ';']);

/**
 * A word that is an abbreviation before a full stop: one to four ASCII letters
 * beginning and ending with a capital ("TS", "ThS", "PGS", "TP", an initial).
 * Vietnamese syllables that end sentences ("Nội", "Nam") end in small letters.
 */
const ABBREVIATION = /^[A-Z](?:[A-Za-z]{0,2}[A-Z])?$/;

/** Whether a sentence ends right after `text[i]`. */
function endsSentence(text: string, i: number): boolean {
  const ch = text[i]!;
  if (ch === '\n') return true;
  if (!SENTENCE_END.has(ch)) return false;
  const next = text[i + 1];
  if (next !== undefined && next !== ' ' && next !== '\n') return false;
  if (ch !== '.') return true;
  // The word before the full stop: an abbreviation ("TS.", "ThS.", "TP.", an initial) does not end a sentence.
  let start = i;
  while (start > 0 && /\p{L}/u.test(text[start - 1]!)) start--;
  return !ABBREVIATION.test(text.slice(start, i));
}

/**
 * The sentence around `[begin, end)` of `text`. When the offsets do not hold
 * `anchor` (a text that changed since), only the anchor is returned.
 *
 * @example sentenceAround('Mở đầu. Thứ trưởng Trần Tiến Dũng dự họp. Hết.', 19, 33, 'Trần Tiến Dũng')
 *   // { before: 'Thứ trưởng ', anchor: 'Trần Tiến Dũng', after: ' dự họp.' }
 */
export function sentenceAround(text: string, begin: number, end: number, anchor: string): Snippet {
  if (begin < 0 || end > text.length || begin > end || text.slice(begin, end) !== anchor) return { before: '', anchor, after: '' };
  let from = begin;
  while (from > 0 && !endsSentence(text, from - 1)) from--;
  let to = end;
  // A span that ends its sentence (an event read from a whole sentence) takes nothing after it.
  if (!(end > begin && endsSentence(text, end - 1))) {
    while (to < text.length && !endsSentence(text, to)) to++;
    if (to < text.length && text[to] !== '\n') to++;
  }
  const before = text.slice(from, begin).trimStart();
  const after = text.slice(end, to).trimEnd();
  return { before: detach(cutStart(before)), anchor: detach(anchor), after: detach(cutEnd(after)) };
}

function cutStart(s: string): string {
  if (s.length <= MAX_SIDE) return s;
  const tail = s.slice(s.length - MAX_SIDE);
  const space = tail.indexOf(' ');
  return `…${space >= 0 ? tail.slice(space) : tail}`;
}

function cutEnd(s: string): string {
  if (s.length <= MAX_SIDE) return s;
  const head = s.slice(0, MAX_SIDE);
  const space = head.lastIndexOf(' ');
  return `${space > 0 ? head.slice(0, space) : head}…`;
}

/**
 * A copy of a string that does not share memory with the text it was cut from:
 * V8 keeps a whole body alive for as long as any slice of it lives, and the
 * site keeps snippets of every announcement until the pages are written.
 */
function detach(s: string): string {
  return s.length < 16 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
