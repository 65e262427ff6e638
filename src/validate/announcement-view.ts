/**
 * The data graph one announcement is validated as: its own triples over shared
 * ones (the reference graph, membership periods, the class hierarchy the
 * shapes rely on), as a
 * read-only view (no store is copied).
 *
 * Focus nodes are chosen from the announcement's own triples only: a look-up of
 * `rdf:type` statements with no subject (how a SHACL engine resolves
 * `sh:targetClass`) sees the announcement's store alone, while every look-up
 * about a given node (its names, its class for `sh:class`, its parents) sees
 * them all. So an agency described in the reference graph is checked once, with the
 * reference graph itself, and not again with every announcement that mentions it.
 */
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import type { Store } from 'n3';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

type Pattern = [Term | null | undefined, Term | null | undefined, Term | null | undefined];

function readOnly(): never {
  throw new Error('a validation data graph is read-only');
}

/** A dataset over an array of distinct quads: what {@link AnnouncementView.match} returns. */
class QuadList implements DatasetCore {
  constructor(private readonly quads: Quad[]) {}

  get size(): number {
    return this.quads.length;
  }

  add(): this {
    return readOnly();
  }

  delete(): this {
    return readOnly();
  }

  has(quad: Quad): boolean {
    return this.quads.some((q) => q.equals(quad));
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): DatasetCore {
    if (graph && graph.termType !== 'DefaultGraph') return new QuadList([]);
    return new QuadList(this.quads.filter((q) => matches(q, [subject, predicate, object])));
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.quads[Symbol.iterator]();
  }
}

function matches(q: Quad, [s, p, o]: Pattern): boolean {
  return (!s || q.subject.equals(s)) && (!p || q.predicate.equals(p)) && (!o || q.object.equals(o));
}

/**
 * `own` ∪ each of `shared` as one default graph, except that subject-free
 * `rdf:type` look-ups see `own` only (see the module comment). A triple in
 * several stores is seen once.
 *
 * @example
 * const view = new AnnouncementView(announcementTriples, [referenceTriples]);
 * view.match(agency, SCHEMA.name);           // names from both graphs
 * view.match(null, RDF.type, SCHEMA.Person); // only the announcement's officials
 */
export class AnnouncementView implements DatasetCore {
  constructor(
    private readonly own: Store,
    private readonly shared: readonly Store[],
  ) {}

  /** An upper bound: a triple in several stores counts more than once. */
  get size(): number {
    return this.shared.reduce((n, s) => n + s.size, this.own.size);
  }

  add(): this {
    return readOnly();
  }

  delete(): this {
    return readOnly();
  }

  has(quad: Quad): boolean {
    return this.own.has(quad) || this.shared.some((s) => s.has(quad));
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): DatasetCore {
    if (graph && graph.termType !== 'DefaultGraph') return new QuadList([]);
    const [s, p, o] = [subject ?? null, predicate ?? null, object ?? null];
    const found = this.own.getQuads(s, p, o, null) as Quad[];
    const selectsTargets = s === null && p?.value === RDF_TYPE;
    if (selectsTargets) return new QuadList(found);
    for (let i = 0; i < this.shared.length; i++) {
      for (const q of this.shared[i]!.getQuads(s, p, o, null) as Quad[]) {
        if (!this.own.has(q) && !this.seenEarlier(q, i)) found.push(q);
      }
    }
    return new QuadList(found);
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.match()[Symbol.iterator]();
  }

  /** Whether a shared store before the i-th already holds the triple. */
  private seenEarlier(q: Quad, i: number): boolean {
    for (let j = 0; j < i; j++) if (this.shared[j]!.has(q)) return true;
    return false;
  }
}
