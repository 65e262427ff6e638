/**
 * A small graph for metadata files (catalogue, VoID): statements are added
 * subject by subject, repeats are dropped, and the graph is written in a fixed
 * order (subjects as first added, each subject's `rdf:type` first, then its
 * statements sorted by predicate and object), so the same description always
 * gives the same bytes.
 */
import { DataFactory, Writer, type Literal, type NamedNode, type Quad } from 'n3';
import { RDF, XSD } from '../core/vocab.ts';
import { byCodeUnits } from '../core/text.ts';

const { literal, quad } = DataFactory;
const lineWriter = new Writer({ format: 'N-Triples' });

/** An object of a statement: an IRI, or a literal. */
export type MetaObject = NamedNode | Literal;

export class MetadataGraph {
  /** Statements by subject (in the order subjects were first added), each keyed by its N-Triples line. */
  private readonly bySubject = new Map<string, Map<string, Quad>>();

  /** Adds `subject predicate object` for every object given; undefined objects are skipped. */
  add(subject: NamedNode, predicate: NamedNode, ...objects: (MetaObject | undefined)[]): this {
    let statements = this.bySubject.get(subject.value);
    if (!statements) {
      statements = new Map();
      this.bySubject.set(subject.value, statements);
    }
    for (const object of objects) {
      if (!object) continue;
      const q = quad(subject, predicate, object);
      statements.set(lineWriter.quadToString(q.subject, q.predicate, q.object), q);
    }
    return this;
  }

  /** `rdf:type` statements. */
  type(subject: NamedNode, ...classes: NamedNode[]): this {
    return this.add(subject, RDF.type, ...classes);
  }

  /** The statements, in the order described above. */
  quads(): Quad[] {
    const out: Quad[] = [];
    for (const statements of this.bySubject.values()) {
      const keys = [...statements.keys()].sort((a, b) => {
        const typeA = statements.get(a)!.predicate.equals(RDF.type);
        const typeB = statements.get(b)!.predicate.equals(RDF.type);
        return typeA === typeB ? byCodeUnits(a, b) : typeA ? -1 : 1;
      });
      for (const k of keys) out.push(statements.get(k)!);
    }
    return out;
  }

  /** The graph as Turtle, declaring those of `prefixes` whose namespace some IRI of the graph is in. */
  async toTurtle(prefixes: Record<string, string>): Promise<string> {
    const quads = this.quads();
    const iris = new Set(quads.flatMap((q) => [q.subject, q.predicate, q.object, ...(q.object.termType === 'Literal' ? [q.object.datatype] : [])].map((t) => t.value)));
    const used = Object.entries(prefixes).filter(([, ns]) => [...iris].some((iri) => iri.startsWith(ns)));
    const writer = new Writer({ prefixes: Object.fromEntries(used) });
    for (const q of quads) writer.addQuad(q);
    return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
  }
}

/** Literal helpers: a language-tagged string, an `xsd:date`, an `xsd:nonNegativeInteger`. */
export function text(value: string, language: string): Literal {
  return literal(value, language);
}

export function date(value: string): Literal {
  return literal(value, XSD.date);
}

export function count(n: number): Literal {
  return literal(String(n), XSD.nonNegativeInteger);
}
