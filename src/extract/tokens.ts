/**
 * Tokens with their offsets, the unit every extractor in this folder works on.
 */
import { matchKey } from '../core/text.ts';
import { ALL_CAPS, CAPITALISED, DASH } from './patterns/tokens.ts';

export interface Token {
  text: string;
  /** Lower-case, tone placement unified: the key for gazetteer lookups. */
  key: string;
  start: number;
  end: number;
  word: boolean;
  capitalised: boolean;
  allCaps: boolean;
  dash: boolean;
  /** What every token of this text shares. */
  shared: Word;
  /** The `KeySet`s holding this token's key (their bits), while `setsAt` is still the sets' epoch. */
  sets: number;
  setsAt: number;
}

/** What a token's text alone says about it: one object for every token of that text. */
export interface Word extends Omit<Token, 'start' | 'end' | 'shared' | 'sets' | 'setsAt'> {
  /** The text in lower case (`toLowerCase`), for tables keyed that way. */
  lower: string;
  /** The text is all letters and marks. */
  letters: boolean;
  /** Of the `KeySet`s asked about this key (`asked`), those that hold it (`held`), valid while `epoch` is `setsEpoch`. */
  asked: number;
  held: number;
  epoch: number;
}

/** Keys of words and phrases seen before (see `keyOf`); emptied when this large. */
const keyCache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

function wordOf(t: string): Word {
  const word = /[\p{L}\p{N}]/u.test(t[0]!);
  return {
    text: t,
    key: word ? keyOf(t) : DASH.test(t) ? '-' : t,
    word,
    capitalised: word && CAPITALISED.test(t),
    allCaps: word && ALL_CAPS.test(t) && /\p{L}/u.test(t),
    dash: DASH.test(t),
    lower: t.toLowerCase(),
    letters: /^[\p{L}\p{M}]+$/u.test(t),
    asked: 0,
    held: 0,
    epoch: setsEpoch,
  };
}

/**
 * Values kept for pieces of text, looked up by their place in a text, so that a
 * piece met before is neither copied out nor hashed as a new string again: the
 * same few thousand words make up most announcements. Bounded: emptied when
 * half full.
 */
export class SliceTable<V extends { text: string }> {
  /** Slot k holds a hash at 2k and its entry at 2k + 1 (side by side, read together). */
  private readonly slots: (number | V | undefined)[];
  private size = 0;

  constructor(
    private readonly make: (text: string) => V,
    private readonly bits = 16,
  ) {
    this.slots = new Array<number | V | undefined>(2 << bits).fill(undefined);
  }

  /** The value for `text.slice(start, end)`. */
  get(text: string, start: number, end: number): V {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hash &= 0x3fffffff;
    const mask = (1 << this.bits) - 1;
    const first = (hash ^ (hash >>> this.bits)) & mask;
    for (let slot = first; ; slot = (slot + 1) & mask) {
      const entry = this.slots[2 * slot + 1] as V | undefined;
      if (entry === undefined) {
        if (this.size >= 1 << (this.bits - 1)) {
          this.slots.fill(undefined);
          this.size = 0;
          slot = first;
        }
        const made = this.make(text.slice(start, end));
        this.slots[2 * slot] = hash;
        this.slots[2 * slot + 1] = made;
        this.size++;
        return made;
      }
      if (this.slots[2 * slot] === hash && sameText(entry.text, text, start, end)) return entry;
    }
  }
}

function sameText(s: string, text: string, start: number, end: number): boolean {
  if (s.length !== end - start) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

const words = new SliceTable(wordOf);
/** Tokens of one BMP character (punctuation, most of them), by character code: no lookup needed. */
const singles = new Array<Word | undefined>(0x10000).fill(undefined);

/**
 * `matchKey` of a word or phrase, remembered: words, agency names and titles
 * come back again and again, within an announcement and across them.
 */
export function keyOf(s: string): string {
  let key = keyCache.get(s);
  if (key === undefined) {
    if (keyCache.size >= CACHE_LIMIT) keyCache.clear();
    keyCache.set(s, (key = matchKey(s)));
  }
  return key;
}

/** Character classes of the tokeniser: letters, marks and digits make words; white space separates tokens. */
const WORD_CHARACTER = 1;
const SPACE = 2;
const OTHER = 3;
/** Added to the class of a character written as a surrogate pair (two code units). */
const PAIR = 4;
const IS_WORD_CHARACTER = /^[\p{L}\p{M}\p{N}]$/u;
const IS_SPACE = /^\s$/u;
/**
 * A small number (under 255) per character, computed once per code point and
 * kept: the tokenizer and the scanners ask about the same few hundred
 * characters millions of times.
 */
export class CodePointTable {
  /** The value plus one for each BMP code point, 0 while not yet computed. */
  private readonly bmp = new Uint8Array(0x10000);
  private readonly astral = new Map<number, number>();

  constructor(private readonly compute: (character: string) => number) {}

  get(code: number): number {
    if (code <= 0xffff) {
      let v = this.bmp[code]!;
      if (v === 0) this.bmp[code] = v = this.compute(String.fromCharCode(code)) + 1;
      return v - 1;
    }
    let v = this.astral.get(code);
    if (v === undefined) this.astral.set(code, (v = this.compute(String.fromCodePoint(code))));
    return v;
  }
}

/** Whether a code point is a surrogate: met alone (`codePointAt` gives a pair as one code point). */
export function isLoneSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** Letters and marks (`[\p{L}\p{M}]`): 1, anything else 0. */
export const LETTER_OR_MARK = new CodePointTable((ch) => (/^[\p{L}\p{M}]$/u.test(ch) ? 1 : 0));

const classes = new CodePointTable((ch) => (IS_WORD_CHARACTER.test(ch) ? WORD_CHARACTER : IS_SPACE.test(ch) ? SPACE : OTHER));

/** The class of the character at `i`, plus `PAIR` when it takes two code units (a lone surrogate is one character of its own). */
function classAt(text: string, i: number): number {
  const code = text.codePointAt(i)!;
  if (code > 0xffff) return classes.get(code) + PAIR;
  return isLoneSurrogate(code) ? OTHER : classes.get(code);
}

/** After a run of word characters from `i`: where it ends. */
function wordRunEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const k = classAt(text, j);
    if ((k & 3) !== WORD_CHARACTER) break;
    j += k & PAIR ? 2 : 1;
  }
  return j;
}

/** The joins allowed inside a word ("NN&PTNT", "H'Hen", "TP.HCM", "Nhia-pao-hơ"), as `TOKEN` has them. */
function isJoin(c: number): boolean {
  return c === 0x26 || c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x2d;
}
const MAX_JOINS = 6;

/**
 * The tokens `TOKEN` matches, read with a table of character classes instead
 * of the regular expression (the same tokens, for a fraction of the cost): a
 * run of word characters with up to six inner joins, any other character that
 * is not white space, and each line feed.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const k = classAt(text, i);
    const width = k & PAIR ? 2 : 1;
    let end: number;
    if ((k & 3) === WORD_CHARACTER) {
      end = wordRunEnd(text, i + width);
      for (let joins = 0; joins < MAX_JOINS && end + 1 < text.length && isJoin(text.charCodeAt(end)); joins++) {
        if ((classAt(text, end + 1) & 3) !== WORD_CHARACTER) break;
        end = wordRunEnd(text, end + 1);
      }
    } else if ((k & 3) === OTHER || text.charCodeAt(i) === 0x0a) end = i + width;
    else {
      i += width;
      continue;
    }
    const w = end === i + 1 ? (singles[text.charCodeAt(i)] ??= wordOf(text[i]!)) : words.get(text, i, end);
    if (w.epoch !== setsEpoch || w.asked !== allBits) settle(w);
    out.push({ text: w.text, key: w.key, start: i, end, word: w.word, capitalised: w.capitalised, allCaps: w.allCaps, dash: w.dash, shared: w, sets: w.held, setsAt: setsEpoch });
    i = end;
  }
  return out;
}

/** Index of the first token starting at or after character `position` (binary search; tokens.length when none). */
export function tokenAt(tokens: Token[], position: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.start < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index after the last token ending at or before character `position`, from token `from` on (binary search). */
export function tokenEnd(tokens: Token[], position: number, from = 0): number {
  let lo = from;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const wordKeys = new Map<string, string>();

/** True when the token is the given word, compared by key (case and tone placement folded). */
export function isWord(tok: Token | undefined, word: string): boolean {
  if (!tok) return false;
  let key = wordKeys.get(word);
  if (key === undefined) wordKeys.set(word, (key = matchKey(word)));
  return tok.key === key;
}

/** Bits handed out to `KeySet`s, one each while they last; a set without one is asked directly. */
let bitsTaken = 0;
const MAX_BITS = 30;
/** The sets holding a bit, and all their bits. */
const keySets: KeySet[] = [];
let allBits = 0;
/** Bumped whenever a `KeySet` is made or changed: what words and tokens remember about the sets is then forgotten. */
let setsEpoch = 0;

/** Works out which sets hold the word, for all of them at once, so its tokens can carry the answer. */
function settle(w: Word): void {
  if (w.epoch !== setsEpoch) {
    w.epoch = setsEpoch;
    w.asked = 0;
    w.held = 0;
  }
  for (const set of keySets) set.ask(w);
}

/**
 * A set of word keys that token after token is tested against. What the set
 * says about a key is remembered on the shared entry of the token's text, so
 * most tests are a bit test rather than a lookup.
 */
export class KeySet {
  private readonly keys: Set<string>;
  private readonly bit = bitsTaken < MAX_BITS ? 1 << bitsTaken++ : 0;

  /** `by`: what of a token is looked up, its key (the default) or its text in lower case. */
  constructor(
    keys: Iterable<string> = [],
    private readonly by: 'key' | 'lower' = 'key',
  ) {
    this.keys = new Set(keys);
    if (this.bit !== 0) {
      keySets.push(this);
      allBits |= this.bit;
      setsEpoch++;
    }
  }

  add(key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    setsEpoch++;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** True when the token's key (or lower case) is in the set. */
  holds(tok: Token): boolean {
    const w = tok.shared;
    if (this.bit === 0) return this.keys.has(this.by === 'key' ? w.key : w.lower);
    if (tok.setsAt === setsEpoch) return (tok.sets & this.bit) !== 0;
    if (w.epoch !== setsEpoch) {
      w.epoch = setsEpoch;
      w.asked = 0;
      w.held = 0;
    }
    this.ask(w);
    return (w.held & this.bit) !== 0;
  }

  /** Records on the word whether the set holds it, unless known already. */
  ask(w: Word): void {
    if ((w.asked & this.bit) === 0) {
      w.asked |= this.bit;
      if (this.keys.has(this.by === 'key' ? w.key : w.lower)) w.held |= this.bit;
    }
  }
}

/** A prefix tree over token keys: finds the longest known phrase starting at a token. */
export class PhraseTrie<V> {
  private readonly root: TrieNode<V> = { next: new Map() };
  /** Keys of the first words of the phrases. */
  private readonly firsts = new KeySet();

  /** Adds a phrase (its words are tokenised and keyed the same way as the text). */
  add(phrase: string, value: V): void {
    const keys = tokenize(phrase).map((t) => t.key);
    if (keys.length === 0) return;
    this.firsts.add(keys[0]!);
    let node = this.root;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) node.next.set(k, (child = { next: new Map() }));
      node = child;
    }
    node.value ??= value;
  }

  /** The longest phrase starting at `tokens[i]`: its value and the index after its last token. */
  longest(tokens: Token[], i: number, accept?: (v: V, end: number) => boolean): { value: V; end: number } | undefined {
    const first = tokens[i];
    if (first !== undefined && !this.firsts.holds(first)) return undefined;
    let node: TrieNode<V> | undefined = this.root;
    let best: { value: V; end: number } | undefined;
    for (let j = i; j < tokens.length && node; j++) {
      node = node.next.get(tokens[j]!.key);
      if (node?.value !== undefined && (accept === undefined || accept(node.value, j + 1))) best = { value: node.value, end: j + 1 };
    }
    return best;
  }
}

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  value?: V;
}
