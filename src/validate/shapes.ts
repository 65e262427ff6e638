/**
 * The output contract, `ontology/shapes.ttl`, read once and kept: its quads,
 * and the class hierarchy (`rdfs:subClassOf`) it declares for the data graph.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataFactory, Parser, Store } from 'n3';

/** The bundled shapes file. */
export const SHAPES_FILE = fileURLToPath(new URL('../../ontology/shapes.ttl', import.meta.url));

/** Namespace of loa's shapes (`loash:` in `ontology/shapes.ttl` and in the test cases). */
export const LOASH = 'https://w3id.org/loa/shapes#';

/** The SHACL namespace. */
export const SH = 'http://www.w3.org/ns/shacl#';

const RDFS_SUBCLASS_OF = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';

/**
 * Target kinds the shapes may not use: focus nodes are chosen by class within
 * each announcement's graph (see announcement-view.ts); these would also select
 * nodes of the reference graph, once per announcement.
 */
const UNSUPPORTED_TARGETS = ['targetNode', 'targetSubjectsOf', 'targetObjectsOf', 'target'];

/** A parsed shapes graph. */
export interface Shapes {
  /** The file it was read from. */
  file: string;
  /** The shapes graph. */
  store: Store;
  /** The `rdfs:subClassOf` statements of the shapes file, as triples to add to every data graph. */
  hierarchy: Store;
}

const cache = new Map<string, Shapes>();

/**
 * The shapes in `file` (default: the bundled `ontology/shapes.ttl`), parsed on
 * first use. Throws when the file is missing or does not parse, or when a shape
 * uses a target other than `sh:targetClass`: a broken installation, not bad data.
 *
 * @example loadShapes().hierarchy.size // 3: the subclass axioms the shapes rely on
 */
export function loadShapes(file: string = SHAPES_FILE): Shapes {
  const known = cache.get(file);
  if (known) return known;
  const quads = new Parser().parse(readFileSync(file, 'utf8'));
  const store = new Store(quads);
  for (const kind of UNSUPPORTED_TARGETS) {
    const [q] = store.getQuads(null, SH + kind, null, null);
    if (q) throw new Error(`${file}: shape ${q.subject.value} uses sh:${kind}; loa's validator resolves only sh:targetClass`);
  }
  for (const q of store.getQuads(null, SH + 'targetClass', null, null)) {
    if (q.object.termType !== 'NamedNode') throw new Error(`${file}: sh:targetClass of ${q.subject.value} is not an IRI`);
  }
  const hierarchy = new Store(store.getQuads(null, RDFS_SUBCLASS_OF, null, null).map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
  const shapes: Shapes = { file, store, hierarchy };
  cache.set(file, shapes);
  return shapes;
}
