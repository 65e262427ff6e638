/**
 * The VoID description of a release: how many triples, entities, subjects,
 * objects, properties and classes the published graph holds, its class and
 * property partitions, its links into Wikidata, the vocabularies it uses, and
 * where to get it (dumps, SPARQL endpoint).
 *
 * The figures are counted from the N-Triples dump (the union of all graphs,
 * each triple once), line by line, so they are the dump's own figures. They are
 * not asked of the query store: oxigraph keeps literals by value, so
 * `"203"^^xsd:nonNegativeInteger` comes back as `"203"^^xsd:integer` and
 * `"0.80"^^xsd:decimal` as `"0.8"`, and distinct terms of the dump count as one
 * there (the sample corpus: 3,336 distinct objects in the store, 3,343 in the dump).
 */
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { forEachGzipLine } from '../core/gzip-lines.ts';
import { sha256Hex } from '../core/hash.ts';
import { OWL, RDF, SCHEMA, XSD } from '../core/vocab.ts';
import { DUMP_FILES } from './dumps.ts';
import { downloadUrl, MetadataIris } from './metadata-iris.ts';
import { text, type MetadataGraph } from './metadata-graph.ts';
import { DCT, FOAF, OWL_META, RDF_MEDIA_TYPES, VOID, W3C_FORMATS, WIKIDATA_DATASET, WIKIDATA_ENTITY, WIKIDATA_HOMEPAGE } from './metadata-vocab.ts';
import type { ReleaseContext, ReleaseFile } from './release-context.ts';
import { byCodeUnits, ownCopy } from '../core/text.ts';

const { literal, namedNode } = DataFactory;

/** The figures of a release's VoID description; every list is sorted, so the description is stable. */
export interface VoidStats {
  /** Distinct triples of the union of all graphs. */
  triples: number;
  /** Distinct IRIs under the base that are subjects of `rdf:type`. */
  entities: number;
  distinctSubjects: number;
  /** Distinct objects, as RDF terms (`"0.80"^^xsd:decimal` and `"0.8"^^xsd:decimal` are two). */
  distinctObjects: number;
  /** Distinct predicates. */
  properties: number;
  /** Distinct objects of `rdf:type`. */
  classes: number;
  /** Per class: how many subjects have that `rdf:type` (sorted by class IRI). */
  classPartitions: { class: string; entities: number }[];
  /** Per predicate: how many triples use it (sorted by predicate IRI). */
  propertyPartitions: { property: string; triples: number }[];
  /** Per linking predicate (`owl:sameAs`, `schema:sameAs`): how many triples point into Wikidata. Only predicates with links. */
  wikidataLinks: { predicate: string; triples: number }[];
  /** Namespaces of the classes and predicates used (sorted). */
  vocabularies: string[];
  /** A few entities to start browsing from, one per main class present (the least IRI under the base of the class). */
  exampleResources: string[];
}

/** The predicates whose links into Wikidata make up the linksets. */
const LINK_PREDICATES = new Set([OWL.sameAs.value, SCHEMA.sameAs.value]);

/** Classes whose first entity is a good example, in this order; when none is present, the largest classes are used. */
const EXAMPLE_CLASSES = [SCHEMA.NewsArticle, SCHEMA.Person, SCHEMA.GovernmentOrganization, SCHEMA.Legislation, SCHEMA.Event].map((c) => c.value);
const MAX_EXAMPLES = EXAMPLE_CLASSES.length;

/** Objects longer than this are kept as their SHA-256 (article bodies would otherwise be held whole). */
const LONG_TERM = 64;

/**
 * One N-Triples line as its three terms, in N-Triples syntax. The subject and
 * predicate hold no space (IRIs cannot, blank node labels do not), so the first
 * two spaces end them; the object is the rest before the final ` .`.
 */
const TRIPLE_LINE = /^(\S+) (\S+) (.+) \.$/;

/** The IRI of an N-Triples IRI term (`<…>`, with its \\u escapes undone), or undefined for another term. */
function iriOf(term: string): string | undefined {
  if (!term.startsWith('<')) return undefined;
  const body = term.slice(1, -1);
  return body.includes('\\') ? body.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})/g, (_, u: string, U: string) => String.fromCodePoint(parseInt(u ?? U, 16))) : body;
}

/** The namespace of a class or property IRI: everything up to its last `#` or `/`. */
function namespaceOf(iri: string): string {
  return iri.slice(0, Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

function increment(map: Map<string, number>, key: string): void {
  const n = map.get(key);
  if (n === undefined) map.set(ownCopy(key), 1);
  else map.set(key, n + 1);
}

/**
 * Counts the VoID figures of a graph fed one distinct triple at a time, as an
 * N-Triples line, in sorted order: the lines of the N-Triples dump as they are
 * written or read. Sorted, a subject's lines are consecutive, so subjects and
 * entities are counted as they change instead of being kept in a set (at 100k
 * announcements that set would hold millions of IRIs). A line must not be fed
 * twice, and a subject that comes back after another one is an error.
 *
 * @example
 * const counter = new VoidCounter('https://w3id.org/loa/');
 * counter.addLine('<https://w3id.org/loa/person/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .');
 * counter.stats().classPartitions // [{ class: 'http://schema.org/Person', entities: 1 }]
 */
export class VoidCounter {
  private triples = 0;
  private subject = '';
  private subjects = 0;
  private readonly objects = new Set<string>();
  /** Whether the current subject has been counted as an entity. */
  private subjectIsEntity = false;
  private entities = 0;
  private readonly classes = new Map<string, number>();
  private readonly properties = new Map<string, number>();
  private readonly links = new Map<string, number>();
  /** Per class, the least IRI under the base typed with it (the example candidate). */
  private readonly firstOfClass = new Map<string, string>();
  private finished = false;

  constructor(private readonly base: string) {}

  /** Counts one triple, given as an N-Triples line (with or without its line break). */
  addLine(line: string): void {
    if (this.finished) throw new Error('the VoID counter was finished: it takes no more lines');
    const m = TRIPLE_LINE.exec(line.endsWith('\n') ? line.slice(0, -1) : line);
    if (!m) throw new Error(`not an N-Triples line: ${line.slice(0, 120)}`);
    const [, subject, predicateTerm, object] = m as unknown as [string, string, string, string];
    const predicate = iriOf(predicateTerm)!;
    this.triples++;
    if (subject !== this.subject) {
      if (subject < this.subject) throw new Error(`N-Triples lines out of order: ${subject} after ${this.subject}`);
      this.subject = subject;
      this.subjects++;
      this.subjectIsEntity = false;
    }
    // Kept as copies: the terms are cut from the chunks the lines were read in, which they would keep alive.
    const objectKey = object.length > LONG_TERM ? `#${sha256Hex(object)}` : object;
    if (!this.objects.has(objectKey)) this.objects.add(ownCopy(objectKey));
    increment(this.properties, predicate);
    const objectIri = iriOf(object);
    if (predicate === RDF.type.value && objectIri !== undefined) {
      increment(this.classes, objectIri);
      const subjectIri = iriOf(subject);
      if (subjectIri?.startsWith(this.base)) {
        if (!this.subjectIsEntity) this.entities++;
        this.subjectIsEntity = true;
        const first = this.firstOfClass.get(objectIri);
        if (first === undefined || subjectIri < first) this.firstOfClass.set(ownCopy(objectIri), ownCopy(subjectIri));
      }
    }
    if (LINK_PREDICATES.has(predicate) && objectIri?.startsWith(WIKIDATA_ENTITY)) increment(this.links, predicate);
  }

  /**
   * The figures, once every line has been counted; the counter then lets go of the distinct objects it
   * kept (at 100k announcements, millions of terms held through the rest of the release) and takes no
   * more lines.
   */
  finish(): VoidStats {
    const stats = this.stats();
    this.objects.clear();
    // The last subject is cut from a chunk of the dump, which it would keep alive.
    this.subject = '';
    this.finished = true;
    return stats;
  }

  stats(): VoidStats {
    if (this.finished) throw new Error('the VoID counter was finished: its figures were taken with finish()');
    const classPartitions = [...this.classes].map(([c, n]) => ({ class: c, entities: n })).sort((a, b) => byCodeUnits(a.class, b.class));
    const propertyPartitions = [...this.properties].map(([p, n]) => ({ property: p, triples: n })).sort((a, b) => byCodeUnits(a.property, b.property));
    const wikidataLinks = [...this.links].map(([p, n]) => ({ predicate: p, triples: n })).sort((a, b) => byCodeUnits(a.predicate, b.predicate));
    const vocabularies = [...new Set([...this.classes.keys(), ...this.properties.keys()].map(namespaceOf))].filter((ns) => ns !== '').sort(byCodeUnits);
    return {
      triples: this.triples,
      entities: this.entities,
      distinctSubjects: this.subjects,
      distinctObjects: this.objects.size,
      properties: this.properties.size,
      classes: this.classes.size,
      classPartitions,
      propertyPartitions,
      wikidataLinks,
      vocabularies,
      exampleResources: this.examples(classPartitions),
    };
  }

  /** The first entity of each example class present, else of the largest classes; no entity twice. */
  private examples(partitions: VoidStats['classPartitions']): string[] {
    let classes = EXAMPLE_CLASSES.filter((c) => this.firstOfClass.has(c));
    if (classes.length === 0) classes = [...partitions].sort((a, b) => b.entities - a.entities || byCodeUnits(a.class, b.class)).map((p) => p.class);
    const out: string[] = [];
    for (const c of classes) {
      const first = this.firstOfClass.get(c);
      if (first !== undefined && !out.includes(first) && out.length < MAX_EXAMPLES) out.push(first);
    }
    return out;
  }
}

/**
 * Counts the VoID figures of a release from its N-Triples dump
 * (`{ctx.dir}/dumps/loa.nt.gz`), streamed line by line.
 *
 * @example
 * const stats = await computeVoid(ctx);
 * stats.triples // the number of lines of dumps/loa.nt.gz
 */
export async function computeVoid(ctx: ReleaseContext): Promise<VoidStats> {
  const counter = new VoidCounter(ctx.iris.base);
  await forEachGzipLine(join(ctx.dir, 'dumps', DUMP_FILES.ntriples), (line) => counter.addLine(line));
  return counter.finish();
}

/** A VoID count: `xsd:integer`, the range VoID gives its figures. */
function integer(n: number) {
  return literal(String(n), XSD.integer);
}

/** The titles of one release: the dataset's title with the version. */
export function releaseTitle(ctx: ReleaseContext): { vi: string; en: string } {
  const { title } = ctx.publication;
  return { vi: `${title.vi} (phiên bản ${ctx.version})`, en: `${title.en} (release ${ctx.version})` };
}

/** The files that are RDF dumps of the dataset: RDF media types under `dumps/` (not the ontology, not change sets). */
export function dataDumps(files: readonly ReleaseFile[]): ReleaseFile[] {
  return files.filter((f) => f.path.startsWith('dumps/') && RDF_MEDIA_TYPES.has(f.mediaType));
}

/**
 * Adds the VoID description of the release to `g`: the release node (the same
 * IRI as the catalogue's dataset, so the two descriptions merge), its figures,
 * partitions, linksets into Wikidata, dumps and endpoint.
 */
export function describeVoid(g: MetadataGraph, ctx: ReleaseContext, stats: VoidStats, files: readonly ReleaseFile[]): void {
  const meta = new MetadataIris(ctx.iris);
  const release = meta.release(ctx.version);
  const dumps = [...dataDumps(files)].sort((a, b) => byCodeUnits(a.path, b.path));
  const { description } = ctx.publication;
  const title = releaseTitle(ctx);

  g.type(release, VOID.Dataset)
    .add(release, DCT.title, text(title.vi, 'vi'), text(title.en, 'en'))
    .add(release, DCT.description, text(description.vi, 'vi'), text(description.en, 'en'))
    .add(release, DCT.license, namedNode(ctx.publication.licence))
    .add(release, DCT.publisher, namedNode(ctx.publication.publisher))
    .add(release, OWL_META.versionInfo, literal(ctx.version))
    .add(release, FOAF.homepage, namedNode(ctx.iris.base))
    .add(release, VOID.uriSpace, literal(ctx.iris.base))
    .add(release, VOID.sparqlEndpoint, namedNode(ctx.publication.sparqlEndpoint))
    .add(release, VOID.dataDump, ...dumps.map((f) => downloadUrl(ctx.publication, f.path)))
    .add(release, VOID.feature, ...dumps.map((f) => W3C_FORMATS[f.mediaType]).filter((f) => f !== undefined).map((f) => namedNode(f)))
    .add(release, VOID.triples, integer(stats.triples))
    .add(release, VOID.entities, integer(stats.entities))
    .add(release, VOID.distinctSubjects, integer(stats.distinctSubjects))
    .add(release, VOID.distinctObjects, integer(stats.distinctObjects))
    .add(release, VOID.properties, integer(stats.properties))
    .add(release, VOID.classes, integer(stats.classes))
    .add(release, VOID.vocabulary, ...stats.vocabularies.map((v) => namedNode(v)))
    .add(release, VOID.exampleResource, ...stats.exampleResources.map((r) => namedNode(r)));

  for (const p of stats.classPartitions) {
    const partition = meta.classPartition(release, p.class);
    g.add(release, VOID.classPartition, partition);
    g.add(partition, VOID.class, namedNode(p.class)).add(partition, VOID.entities, integer(p.entities));
  }
  for (const p of stats.propertyPartitions) {
    const partition = meta.propertyPartition(release, p.property);
    g.add(release, VOID.propertyPartition, partition);
    g.add(partition, VOID.property, namedNode(p.property)).add(partition, VOID.triples, integer(p.triples));
  }
  for (const link of stats.wikidataLinks) {
    const linkset = meta.wikidataLinkset(release, link.predicate);
    g.add(release, VOID.subset, linkset);
    g.type(linkset, VOID.Linkset)
      .add(linkset, VOID.linkPredicate, namedNode(link.predicate))
      .add(linkset, VOID.target, release, WIKIDATA_DATASET)
      .add(linkset, VOID.subjectsTarget, release)
      .add(linkset, VOID.objectsTarget, WIKIDATA_DATASET)
      .add(linkset, VOID.triples, integer(link.triples));
  }
  if (stats.wikidataLinks.length > 0) {
    g.type(WIKIDATA_DATASET, VOID.Dataset)
      .add(WIKIDATA_DATASET, DCT.title, text('Wikidata', 'en'))
      .add(WIKIDATA_DATASET, FOAF.homepage, WIKIDATA_HOMEPAGE)
      .add(WIKIDATA_DATASET, VOID.uriSpace, literal(WIKIDATA_ENTITY));
  }
}
