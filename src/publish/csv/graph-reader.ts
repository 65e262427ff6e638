/**
 * Reading the published graph for the CSV tables, from the release's dumps
 * rather than a query store: one pass over the N-Triples dump (the union, each
 * triple once) keeps the statements of the predicates and classes the tables
 * declare (`GraphReads`), and one pass over the N-Quads dump counts, for the
 * subjects that have several names, how many announcements use each name.
 *
 * Asking oxigraph for the same rows cost some 25 µs a row in JavaScript
 * objects, and its count of names per named graph (a `GRAPH ?g … GROUP BY`)
 * took minutes at 100,000 announcements; the passes here are a split and a
 * map lookup per line, so the tables' time grows with the dumps' size.
 *
 * Everything comes back sorted by code point, so the tables built from it are
 * the same bytes on every run. Span subjects (`…#char=b,e`) are left out, as
 * they are of the writers' store.
 */
import type { NamedNode } from 'n3';
import { join } from 'node:path';
import { forEachGzipLine } from '../../core/gzip-lines.ts';
import { isSpanSubject } from '../../core/iri.ts';
import { nqGraphAt, ntHead, parseNtTerm } from '../../core/nt-term.ts';
import { byCodeUnits, Interner, ownCopy } from '../../core/text.ts';
import { RDF } from '../../core/vocab.ts';
import { DUMP_FILES } from '../dumps.ts';

/** Which literals a column takes: those in one language, or those of one datatype. */
export type LiteralKind = { lang: string } | { datatype: NamedNode };

/** A subject's values of one name predicate in one language: the name to show first, and the rest. */
export interface RankedNames {
  primary?: string;
  others: string[];
}

/** What the tables read: the predicates asked by subject, the classes asked for instances, and the predicates whose names are ranked. */
export interface GraphReads {
  predicates: readonly NamedNode[];
  classes: readonly NamedNode[];
  /** Name predicates (among `predicates`) whose values are ranked by how many announcements use them. */
  ranked: readonly NamedNode[];
}

/** A literal as kept: its text, its language ('' when untagged) and its datatype IRI. */
interface KeptLiteral {
  value: string;
  language: string;
  datatype: string;
}

/**
 * An object as kept: an IRI as the (interned) string itself, a literal as a small object. Blank nodes
 * are not kept, as no table shows them. At 100,000 announcements the tables keep some 2.3 million
 * objects, most of them a subject's only value; a term object for each IRI and a list for each single
 * value took the tables' peak heap on the 10k release to 92 MB, against 69 MB kept this way.
 */
type Kept = string | KeptLiteral;

/** A subject's objects of one predicate: the object itself when there is one (most subjects), else a list. */
type KeptValues = Kept | Kept[];

function asList(values: KeptValues | undefined): readonly Kept[] {
  return values === undefined ? [] : Array.isArray(values) ? values : [values];
}

function valueOf(k: Kept): string {
  return typeof k === 'string' ? k : k.value;
}

function matches(k: Kept, kind: LiteralKind): boolean {
  if (typeof k === 'string') return false;
  return 'lang' in kind ? k.language === kind.lang : k.language === '' && k.datatype === kind.datatype.value;
}

/** The rank of a name the reference data gives: above any count of announcements. */
const REFERENCE = Number.MAX_SAFE_INTEGER;

export class GraphReader {
  /** Predicate IRI → subject IRI → objects, sorted by value. */
  private readonly objectsOf = new Map<string, Map<string, KeptValues>>();
  /** Class IRI → its instances. */
  private readonly membersOf = new Map<string, Set<string>>();
  /** Predicate IRI → `subject \0 language \0 name` → how many graphs state it (REFERENCE for the reference graph). */
  private readonly ranks = new Map<string, Map<string, number>>();

  private constructor(reads: GraphReads) {
    for (const p of reads.predicates) this.objectsOf.set(p.value, new Map());
    for (const c of reads.classes) this.membersOf.set(c.value, new Set());
    for (const p of reads.ranked) {
      if (!this.objectsOf.has(p.value)) throw new Error(`csv: ranked predicate ${p.value} is not among the predicates read`);
      this.ranks.set(p.value, new Map());
    }
  }

  /**
   * Reads what `reads` names from the dumps in `dumps` (`loa.nt.gz`, then `loa.nq.gz`).
   * `referenceGraph`: names stated there (the gazetteers) are shown before names read from text.
   */
  static async fromDumps(dumps: string, referenceGraph: NamedNode, reads: GraphReads): Promise<GraphReader> {
    const reader = new GraphReader(reads);
    await reader.readUnion(join(dumps, DUMP_FILES.ntriples));
    await reader.countNames(join(dumps, DUMP_FILES.nquads), `<${referenceGraph.value}>`);
    return reader;
  }

  private async readUnion(path: string): Promise<void> {
    const wanted = new Map<string, Map<string, KeptValues>>();
    for (const [p, bySubject] of this.objectsOf) wanted.set(`<${p}>`, bySubject);
    const classes = new Map<string, Set<string>>();
    for (const [c, members] of this.membersOf) classes.set(`<${c}>`, members);
    const type = `<${RDF.type.value}>`;
    // What is kept is copied: a piece of a line would keep the line's whole chunk of the file alive.
    const own = new Interner();
    await forEachGzipLine(path, (line) => {
      if (!line.startsWith('<')) return;
      const [subject, predicate, objectAt] = ntHead(line);
      if (predicate === type) {
        const members = classes.get(line.slice(objectAt, line.length - 2));
        if (members && !isSpanSubject(subject)) members.add(own.intern(subject.slice(1, -1)));
        return;
      }
      const bySubject = wanted.get(predicate);
      if (bySubject === undefined || isSpanSubject(subject)) return;
      const parsed = parseNtTerm(line.slice(objectAt, line.length - 2));
      if (parsed.termType === 'BlankNode') return;
      const object: Kept =
        parsed.termType === 'Literal' ? { value: ownCopy(parsed.value), language: own.intern(parsed.language), datatype: own.intern(parsed.datatype) } : own.intern(parsed.value);
      const s = own.intern(subject.slice(1, -1));
      const found = bySubject.get(s);
      if (found === undefined) bySubject.set(s, object);
      else if (Array.isArray(found)) found.push(object);
      else bySubject.set(s, [found, object]);
    });
    for (const bySubject of this.objectsOf.values()) {
      for (const values of bySubject.values()) if (Array.isArray(values)) values.sort((a, b) => byCodeUnits(valueOf(a), valueOf(b)));
    }
  }

  /** Counts, in the named graphs, the names of the subjects that have more than one in a language. */
  private async countNames(path: string, referenceGraph: string): Promise<void> {
    const counting = new Map<string, { counts: Map<string, number>; subjects: Set<string> }>();
    for (const [p, counts] of this.ranks) {
      const subjects = new Set<string>();
      for (const [s, values] of this.objectsOf.get(p)!) {
        if (!Array.isArray(values)) continue;
        const langs = values.filter((v) => typeof v !== 'string').map((v) => (v as KeptLiteral).language);
        if (new Set(langs).size < langs.length) subjects.add(`<${s}>`);
      }
      if (subjects.size > 0) counting.set(`<${p}>`, { counts, subjects });
    }
    if (counting.size === 0) return;
    await forEachGzipLine(path, (line) => {
      if (!line.startsWith('<')) return;
      const [subject, predicate, objectAt] = ntHead(line);
      const of = counting.get(predicate);
      if (of === undefined || !of.subjects.has(subject)) return;
      const graphAt = nqGraphAt(line);
      const object = parseNtTerm(line.slice(objectAt, graphAt));
      if (object.termType !== 'Literal') return;
      const key = `${subject.slice(1, -1)}\u0000${object.language}\u0000${object.value}`;
      const fromReference = line.slice(graphAt + 1, line.length - 2) === referenceGraph;
      const count = of.counts.get(key);
      // A new key is copied: made of pieces of the line, it would keep the line's chunk of the file alive.
      if (count === undefined) of.counts.set(ownCopy(key), fromReference ? REFERENCE : 1);
      else of.counts.set(key, fromReference ? REFERENCE : Math.min(REFERENCE, count + 1));
    });
  }

  /** The instances of any of `classes`, sorted. */
  instances(...classes: NamedNode[]): string[] {
    const found = new Set<string>();
    for (const c of classes) for (const s of this.members(c)) found.add(s);
    return [...found].sort(byCodeUnits);
  }

  private members(cls: NamedNode): Set<string> {
    const members = this.membersOf.get(cls.value);
    if (!members) throw new Error(`csv: class ${cls.value} was not declared among the classes the tables read`);
    return members;
  }

  /** The subjects that have `predicate`, sorted. */
  subjectsOf(predicate: NamedNode): string[] {
    return [...this.objects(predicate).keys()].sort(byCodeUnits);
  }

  /** Every object of `predicate`, by subject IRI, sorted by value (a single one as itself). */
  private objects(predicate: NamedNode): Map<string, KeptValues> {
    const found = this.objectsOf.get(predicate.value);
    if (!found) throw new Error(`csv: predicate ${predicate.value} was not declared among the predicates the tables read`);
    return found;
  }

  /** The IRIs `subject` points to with `predicate`, sorted. */
  iris(subject: string | undefined, predicate: NamedNode): string[] {
    const objects = this.objects(predicate);
    if (subject === undefined) return [];
    return asList(objects.get(subject)).filter((k): k is string => typeof k === 'string');
  }

  /** The first of `iris` (the graph holds at most one where this is used). */
  iri(subject: string | undefined, predicate: NamedNode): string | undefined {
    return this.iris(subject, predicate)[0];
  }

  /** The literal values of `predicate` on `subject` of the given language or datatype, sorted. */
  texts(subject: string | undefined, predicate: NamedNode, kind: LiteralKind): string[] {
    const objects = this.objects(predicate);
    if (subject === undefined) return [];
    const values = asList(objects.get(subject)).filter((k) => matches(k, kind));
    return [...new Set(values.map(valueOf))];
  }

  /** The first of `texts` (the graph holds at most one where this is used). */
  text(subject: string | undefined, predicate: NamedNode, kind: LiteralKind): string | undefined {
    return this.texts(subject, predicate, kind)[0];
  }

  /** Whether `subject` is an instance of `cls`. */
  isA(subject: string, cls: NamedNode): boolean {
    return this.members(cls).has(subject);
  }

  /**
   * The names of `subject` in one language, best first: a name the reference
   * data gives, then the name the most announcements use, then the shorter,
   * then by code point. An agency written "Trung ương Đảng" in one
   * announcement and known to the gazetteer as "Ban Chấp hành Trung ương Đảng"
   * shows the latter, with the former among the others.
   */
  rankedNames(subject: string | undefined, predicate: NamedNode, lang: string): RankedNames {
    const rank = this.ranks.get(predicate.value);
    if (!rank) throw new Error(`csv: predicate ${predicate.value} was not declared among the ranked name predicates`);
    const names = this.texts(subject, predicate, { lang });
    if (names.length <= 1) return { primary: names[0], others: [] };
    const score = (name: string) => rank.get(`${subject}\u0000${lang}\u0000${name}`) ?? 0;
    const [primary, ...others] = [...names].sort((a, b) => score(b) - score(a) || a.length - b.length || byCodeUnits(a, b));
    return { primary, others: others.sort(byCodeUnits) };
  }
}
