/**
 * The entity browser's name search: "tran tien dung" finds "Trần Tiến Dũng".
 * Built once from the release's N-Triples dump (streamed): every entity under
 * the base with a name (`schema:name`, `skos:prefLabel`, or an announcement's
 * `schema:headline`) and its classes. Names are matched on their search keys
 * (lower case, diacritics and tone marks removed, đ → d): each word of the
 * query must start a word of the name. Diacritics in the query are optional
 * and ignored when typed ("trần" also finds "Trân").
 *
 * The words of every name are indexed (a sorted word list, each word with the
 * entries that use it), so a query looks only at the entries that have a word
 * starting with each of its words, not at every entry: a release of 100k
 * announcements has some 400,000 named entities and headlines.
 */
import { forEachGzipLine } from '../core/gzip-lines.ts';
import { searchKey } from '../core/text.ts';
import { RDF, SCHEMA, SKOS } from '../core/vocab.ts';

const NAME_PREDICATES = new Set([`<${SCHEMA.name.value}>`, `<${SKOS.prefLabel.value}>`, `<${SCHEMA.headline.value}>`]);
const TYPE = `<${RDF.type.value}>`;

export interface SearchHit {
  iri: string;
  name: string;
  types: string[];
}

interface Entry {
  iri: string;
  names: string[];
  keys: string[];
  types: string[];
}

/** Reads the literal's text and language tag from the object part of an N-Triples line. */
function literalOf(object: string): { text: string; lang?: string } | undefined {
  if (!object.startsWith('"')) return undefined;
  const close = object.lastIndexOf('"');
  if (close <= 0) return undefined;
  const text = JSON.parse(object.slice(0, close + 1).replace(/\\U([0-9A-Fa-f]{8})/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))) as string;
  const rest = object.slice(close + 1);
  return rest.startsWith('@') ? { text, lang: rest.slice(1) } : { text };
}

/** The words of a query as the index holds them: search keys split on anything but letters and digits. */
function queryWords(query: string): string[] {
  return searchKey(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** The first index of a sorted list at which `word` would go. */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class EntitySearch {
  private readonly entries: Entry[] = [];
  /** Every distinct word of the names' keys, sorted, and for each the entries using it (ascending). */
  private words: string[] = [];
  private postings: number[][] = [];

  private constructor() {}

  /** Builds the index from a gzipped N-Triples dump, keeping entities under `base`. */
  static async fromDump(ntGz: string, base: string): Promise<EntitySearch> {
    const index = new EntitySearch();
    const bySubject = new Map<string, Entry>();
    // A missing or corrupt dump fails the pipeline (and so this call), never hangs it.
    await forEachGzipLine(ntGz, (line) => {
      if (line.startsWith(`<${base}`)) take(line);
    });
    for (const e of bySubject.values()) if (e.names.length > 0) index.entries.push(e);
    index.entries.sort((a, b) => (a.iri < b.iri ? -1 : 1));
    index.indexWords();
    return index;

    /** Keeps the name or type a line states about an entity. */
    function take(line: string): void {
      const first = line.indexOf(' ');
      const second = line.indexOf(' ', first + 1);
      const predicate = line.slice(first + 1, second);
      if (predicate !== TYPE && !NAME_PREDICATES.has(predicate)) return;
      const iri = line.slice(1, first - 1);
      // Text spans and contexts are not entities a person browses.
      if (iri.includes('#char=') || /\/(headline|body)$/.test(iri)) return;
      let entry = bySubject.get(iri);
      if (!entry) bySubject.set(iri, (entry = { iri, names: [], keys: [], types: [] }));
      const object = line.slice(second + 1, line.length - 2);
      if (predicate === TYPE) {
        entry.types.push(object.slice(1, -1));
        return;
      }
      let literal: ReturnType<typeof literalOf>;
      try {
        literal = literalOf(object);
      } catch {
        literal = undefined;
      }
      if (!literal || (literal.lang && literal.lang !== 'vi' && literal.lang !== 'en')) return;
      entry.names.push(literal.text);
      entry.keys.push(` ${searchKey(literal.text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  private indexWords(): void {
    const byWord = new Map<string, number[]>();
    for (const [i, e] of this.entries.entries()) {
      for (const key of e.keys) {
        for (const word of key.split(' ')) {
          if (word === '') continue;
          const list = byWord.get(word);
          if (!list) byWord.set(word, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        }
      }
    }
    this.words = [...byWord.keys()].sort();
    this.postings = this.words.map((w) => byWord.get(w)!);
  }

  /** The entries with a word starting with `prefix`. */
  private entriesWithPrefix(prefix: string): Set<number> {
    const found = new Set<number>();
    for (let j = lowerBound(this.words, prefix); j < this.words.length && this.words[j]!.startsWith(prefix); j++) for (const i of this.postings[j]!) found.add(i);
    return found;
  }

  /** Up to `limit` entities whose names contain every word of the query at a word start; shortest names first. */
  find(query: string, limit = 50): SearchHit[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    // Candidates: entries with a word starting with each query word (one name holding them all is checked below).
    const sets = words.map((w) => this.entriesWithPrefix(w)).sort((a, b) => a.size - b.size);
    const candidates = [...sets[0]!].filter((i) => sets.every((set) => set.has(i))).sort((a, b) => a - b);
    return this.rank(words, candidates.map((i) => this.entries[i]!), limit);
  }

  /** The same answer as `find`, by looking at every entry: the reference the index is tested against. */
  scan(query: string, limit = 50): SearchHit[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    return this.rank(words, this.entries, limit);
  }

  private rank(words: readonly string[], entries: readonly Entry[], limit: number): SearchHit[] {
    const hits: { hit: SearchHit; rank: number }[] = [];
    for (const e of entries) {
      const at = e.keys.findIndex((k) => words.every((w) => k.includes(` ${w}`)));
      if (at < 0) continue;
      const name = e.names[at]!;
      hits.push({ hit: { iri: e.iri, name, types: [...e.types].sort() }, rank: name.length });
    }
    hits.sort((a, b) => a.rank - b.rank || (a.hit.name < b.hit.name ? -1 : a.hit.name > b.hit.name ? 1 : 0));
    return hits.slice(0, limit).map((h) => h.hit);
  }
}
