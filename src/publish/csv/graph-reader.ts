/**
 * Reading the published graph for the CSV tables: the instances of a class,
 * and the objects of a predicate by subject, each asked of the store once and
 * kept for the rest of the run. Everything comes back sorted by code point,
 * so the tables built from it are the same bytes on every run.
 *
 * The store's default graph is the union of the named graphs (see
 * `ReleaseContext`), so one statement made by several announcements is seen
 * once; only `rankedNames` looks into the named graphs, to count how many
 * announcements use each name.
 */
import type { Literal, NamedNode, Store, Term } from 'oxigraph';
import type { NamedNode as N3NamedNode } from 'n3';
import { byCodeUnits } from '../../core/text.ts';

type Iri = N3NamedNode | NamedNode;

/** Which literals a column takes: those in one language, or those of one datatype. */
export type LiteralKind = { lang: string } | { datatype: Iri };

/** A subject's values of one name predicate in one language: the name to show first, and the rest. */
export interface RankedNames {
  primary?: string;
  others: string[];
}

function isLiteral(t: Term): t is Literal {
  return t.termType === 'Literal';
}

function matches(t: Literal, kind: LiteralKind): boolean {
  return 'lang' in kind ? t.language === kind.lang : t.language === '' && t.datatype.value === kind.datatype.value;
}

export class GraphReader {
  private readonly objectsCache = new Map<string, Map<string, Term[]>>();
  private readonly rankCache = new Map<string, Map<string, number>>();
  private readonly typeCache = new Map<string, Set<string>>();

  /** `referenceGraph`: names stated there (the gazetteers) are shown before names read from text. */
  constructor(
    private readonly store: Store,
    private readonly referenceGraph: Iri,
  ) {}

  private select(query: string): Map<string, Term>[] {
    return this.store.query(query) as Map<string, Term>[];
  }

  /** The IRIs typed with any of `classes`, sorted. */
  instances(...classes: Iri[]): string[] {
    const rows = this.select(`SELECT DISTINCT ?s WHERE { VALUES ?c { ${classes.map((c) => `<${c.value}>`).join(' ')} } ?s a ?c FILTER(isIRI(?s)) }`);
    return rows.map((r) => r.get('s')!.value).sort(byCodeUnits);
  }

  /** Every object of `predicate`, by subject IRI, each once, sorted by value. */
  objects(predicate: Iri): Map<string, Term[]> {
    let found = this.objectsCache.get(predicate.value);
    if (!found) {
      found = new Map();
      for (const row of this.select(`SELECT DISTINCT ?s ?o WHERE { ?s <${predicate.value}> ?o FILTER(isIRI(?s)) }`)) {
        const s = row.get('s')!.value;
        const list = found.get(s) ?? [];
        list.push(row.get('o')!);
        found.set(s, list);
      }
      for (const list of found.values()) list.sort((a, b) => byCodeUnits(a.value, b.value));
      this.objectsCache.set(predicate.value, found);
    }
    return found;
  }

  /** The IRIs `subject` points to with `predicate`, sorted. */
  iris(subject: string | undefined, predicate: Iri): string[] {
    if (subject === undefined) return [];
    return (this.objects(predicate).get(subject) ?? []).filter((t) => t.termType === 'NamedNode').map((t) => t.value);
  }

  /** The first of `iris` (the graph holds at most one where this is used). */
  iri(subject: string | undefined, predicate: Iri): string | undefined {
    return this.iris(subject, predicate)[0];
  }

  /** The literal values of `predicate` on `subject` of the given language or datatype, sorted. */
  texts(subject: string | undefined, predicate: Iri, kind: LiteralKind): string[] {
    if (subject === undefined) return [];
    const values = (this.objects(predicate).get(subject) ?? []).filter(isLiteral).filter((t) => matches(t, kind));
    return [...new Set(values.map((t) => t.value))];
  }

  /** The first of `texts` (the graph holds at most one where this is used). */
  text(subject: string | undefined, predicate: Iri, kind: LiteralKind): string | undefined {
    return this.texts(subject, predicate, kind)[0];
  }

  /** Whether `subject` is typed with `cls`. */
  isA(subject: string, cls: Iri): boolean {
    let members = this.typeCache.get(cls.value);
    if (!members) {
      members = new Set(this.instances(cls));
      this.typeCache.set(cls.value, members);
    }
    return members.has(subject);
  }

  /**
   * The names of `subject` in one language, best first: a name the reference
   * data gives, then the name the most announcements use, then the shorter,
   * then by code point. An agency written "Trung ương Đảng" in one
   * announcement and known to the gazetteer as "Ban Chấp hành Trung ương Đảng"
   * shows the latter, with the former among the others.
   */
  rankedNames(subject: string | undefined, predicate: Iri, lang: string): RankedNames {
    const names = this.texts(subject, predicate, { lang });
    if (names.length <= 1) return { primary: names[0], others: [] };
    const rank = this.nameRanks(predicate);
    const score = (name: string) => rank.get(`${subject}\u0000${lang}\u0000${name}`) ?? 0;
    const [primary, ...others] = [...names].sort((a, b) => score(b) - score(a) || a.length - b.length || byCodeUnits(a, b));
    return { primary, others: others.sort(byCodeUnits) };
  }

  /** How many graphs state each name (keyed subject, language, value); a name in the reference graph outranks any count. */
  private nameRanks(predicate: Iri): Map<string, number> {
    let ranks = this.rankCache.get(predicate.value);
    if (!ranks) {
      ranks = new Map();
      const rows = this.select(
        `SELECT ?s ?o (COUNT(DISTINCT ?g) AS ?n) (MAX(IF(?g = <${this.referenceGraph.value}>, 1, 0)) AS ?ref)
         WHERE { GRAPH ?g { ?s <${predicate.value}> ?o } FILTER(isLiteral(?o)) } GROUP BY ?s ?o`,
      );
      for (const row of rows) {
        const o = row.get('o') as Literal;
        const score = Number(row.get('ref')!.value) === 1 ? Number.MAX_SAFE_INTEGER : Number(row.get('n')!.value);
        ranks.set(`${row.get('s')!.value}\u0000${o.language}\u0000${o.value}`, score);
      }
      this.rankCache.set(predicate.value, ranks);
    }
    return ranks;
  }
}
