/**
 * The entity browser's name search: "tran tien dung" finds "Trần Tiến Dũng".
 * Built once from the release's N-Triples dump (streamed): every entity under
 * the base with a name (`schema:name`, `skos:prefLabel`, or an announcement's
 * `schema:headline`) and its classes. Names are matched on their search keys
 * (lower case, diacritics and tone marks removed, đ → d): each word of the
 * query must start a word of the name. Diacritics in the query are optional
 * and ignored when typed ("trần" also finds "Trân").
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

export class EntitySearch {
  private readonly entries: Entry[] = [];

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

  /** Up to `limit` entities whose names contain every word of the query at a word start; shortest names first. */
  find(query: string, limit = 50): SearchHit[] {
    const words = searchKey(query)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '');
    if (words.length === 0) return [];
    const hits: { hit: SearchHit; rank: number }[] = [];
    for (const e of this.entries) {
      const at = e.keys.findIndex((k) => words.every((w) => k.includes(` ${w}`)));
      if (at < 0) continue;
      const name = e.names[at]!;
      hits.push({ hit: { iri: e.iri, name, types: [...e.types].sort() }, rank: name.length });
    }
    hits.sort((a, b) => a.rank - b.rank || (a.hit.name < b.hit.name ? -1 : a.hit.name > b.hit.name ? 1 : 0));
    return hits.slice(0, limit).map((h) => h.hit);
  }
}
