/**
 * Text normalisation shared by every stage. Stored text is NFC with its own
 * tone-mark placement; matching keys unify placement; search keys and slugs
 * drop diacritics. Nothing here is specific to one input format.
 */

/** Zero-width characters, the BOM and bidirectional controls: invisible, never meaningful in announcements. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069\u00AD]/g;
/** Every space-like character other than the line feed: tabs, NBSP, the typographic spaces. */
const SPACE_LIKE = /[\t\v\f\r \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
/** C0 and C1 control characters that survive decoding (other than tab, line feed, carriage return). */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

/**
 * Normalise one line or paragraph of text: NFC, invisible characters removed,
 * runs of spaces collapsed, trimmed. The look-alike `Ð` (U+00D0, Icelandic eth)
 * becomes `Đ` (U+0110): in Vietnamese text it is always a mistyped D-stroke.
 *
 * @example normaliseLine('  Thu\u0309 tu\u031Bo\u031B\u0301ng\u00A0Bo\u0323\u0302 ') === 'Thủ tướng Bộ'
 */
export function normaliseLine(s: string): string {
  return s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(/\u00D0/g, '\u0110')
    .replace(/\u00F0/g, '\u0111')
    .replace(SPACE_LIKE, ' ')
    .trim();
}

/** Split text into lines on LF, CRLF, CR, and the Unicode line and paragraph separators. */
export function splitLines(s: string): string[] {
  return s.split(/\r\n|[\n\r\u2028\u2029\u0085]/);
}

/** The five Vietnamese tone marks as combining characters (NFD). */
const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** A run of letters and combining marks: one Vietnamese syllable or foreign word. */
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * A key for matching names written with old or new tone placement ("Hoà"/"Hòa",
 * "Uỷ"/"Ủy", "Thuỷ"/"Thủy"): lower-case, each word's tone mark moved to its end.
 * Used for lookups only; never stored as a name.
 *
 * @example matchKey('Uỷ ban') === matchKey('Ủy ban')
 */
export function matchKey(s: string): string {
  return normaliseLine(s)
    .toLocaleLowerCase('vi')
    .replace(WORD, (word) => {
      const nfd = word.normalize('NFD');
      let tone = '';
      for (const ch of nfd) if (TONE_MARKS.includes(ch)) tone = ch;
      return (nfd.replace(TONE_MARK, '') + tone).normalize('NFC');
    });
}

/**
 * A key without any diacritics (đ → d), lower-case, for search and slugs.
 *
 * @example searchKey('Trần Tiến Dũng') === 'tran tien dung'
 */
export function searchKey(s: string): string {
  return normaliseLine(s)
    .toLocaleLowerCase('vi')
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC');
}

/**
 * An ASCII slug for IRIs: diacritics removed, đ → d, lower-case, runs of other
 * characters become one hyphen, at most `max` characters cut at a hyphen.
 *
 * @example slugify('Cục Trợ giúp pháp lý') === 'cuc-tro-giup-phap-ly'
 */
export function slugify(s: string, max = 80): string {
  const slug = searchKey(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastHyphen = cut.lastIndexOf('-');
  return lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut;
}

/**
 * Orders strings by their UTF-16 code units, as `<` does: the order of every
 * sorted output (dumps, CSV, pages), the same on every machine and locale.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A copy of `s` that does not keep alive a larger string it was cut from. V8
 * makes a string sliced from another one point into it, so keeping a short
 * piece of a 1 MB chunk keeps the whole chunk; a long-lived set or map whose
 * keys are pieces of streamed text wants copies. UTF-16 round-trips any string.
 *
 * @example set.add(ownCopy(line.slice(0, 40)))
 */
export function ownCopy(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

/**
 * One copy (`ownCopy`) of each distinct string: for the IRIs, predicates and
 * language tags read from a dump, which repeat thousands of times and would
 * otherwise each keep their chunk of the file alive.
 *
 * @example const iri = interner.intern(line.slice(1, end));
 */
export class Interner {
  private readonly seen = new Map<string, string>();

  intern(s: string): string {
    let own = this.seen.get(s);
    if (own === undefined) {
      own = ownCopy(s);
      this.seen.set(own, own);
    }
    return own;
  }
}
