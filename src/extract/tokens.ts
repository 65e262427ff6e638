/**
 * Tokens with their offsets, the unit every extractor in this folder works on.
 */
import { matchKey } from '../core/text.ts';
import { ALL_CAPS, CAPITALISED, DASH, TOKEN } from './patterns/tokens.ts';

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
}

/** Keys of words seen before: the same few thousand words make up most announcements. */
const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 100_000;

function wordKey(word: string): string {
  let key = keyCache.get(word);
  if (key === undefined) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(word, (key = matchKey(word)));
  }
  return key;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    const word = /[\p{L}\p{N}]/u.test(t[0]!);
    out.push({
      text: t,
      key: word ? wordKey(t) : DASH.test(t) ? '-' : t,
      start: m.index,
      end: m.index + t.length,
      word,
      capitalised: word && CAPITALISED.test(t),
      allCaps: word && ALL_CAPS.test(t) && /\p{L}/u.test(t),
      dash: DASH.test(t),
    });
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

/** A prefix tree over token keys: finds the longest known phrase starting at a token. */
export class PhraseTrie<V> {
  private readonly root: TrieNode<V> = { next: new Map() };

  /** Adds a phrase (its words are tokenised and keyed the same way as the text). */
  add(phrase: string, value: V): void {
    const keys = tokenize(phrase).map((t) => t.key);
    if (keys.length === 0) return;
    let node = this.root;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) node.next.set(k, (child = { next: new Map() }));
      node = child;
    }
    node.value ??= value;
  }

  /** The longest phrase starting at `tokens[i]`: its value and the index after its last token. */
  longest(tokens: Token[], i: number, accept: (v: V, end: number) => boolean = () => true): { value: V; end: number } | undefined {
    let node: TrieNode<V> | undefined = this.root;
    let best: { value: V; end: number } | undefined;
    for (let j = i; j < tokens.length && node; j++) {
      node = node.next.get(tokens[j]!.key);
      if (node?.value !== undefined && accept(node.value, j + 1)) best = { value: node.value, end: j + 1 };
    }
    return best;
  }
}

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  value?: V;
}
