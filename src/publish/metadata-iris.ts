/**
 * IRIs of the release metadata: the catalogue, the dataset and its releases,
 * their distributions, the SPARQL service and the VoID partitions. Like
 * `src/core/iri.ts` (where these belong, beside `IriMinter.dataset()`), every
 * function is deterministic, and nothing here is a blank node, so the metadata
 * files diff cleanly from one release to the next.
 *
 * Patterns (relative to the base IRI):
 * - `catalog`                                        the catalogue (dcat:Catalog)
 * - `dataset`                                        the dataset across releases (`IriMinter.dataset()`)
 * - `dataset/{version}`                              one release of it (dcat:Dataset, void:Dataset)
 * - `dataset/{version}/period`                       its temporal coverage (dcterms:PeriodOfTime)
 * - `dataset/{version}/distribution/{path}`          a file of the release (`{path}` relative to the release folder)
 * - `dataset/{version}/distribution/{path}/checksum` its SHA-256 (spdx:Checksum)
 * - `dataset/{version}/class/{key}`                  a VoID class partition
 * - `dataset/{version}/property/{key}`               a VoID property partition
 * - `dataset/{version}/linkset/wikidata-{key}`       the links by one predicate into Wikidata (void:Linkset)
 * - `service/sparql`                                 the SPARQL endpoint (dcat:DataService)
 * - `contact`                                        the contact point (vcard:Kind)
 *
 * and, under the publication's download base, `{downloadBase}{path}`: where a file of the release is downloaded.
 */
import { DataFactory, type NamedNode } from 'n3';
import type { IriMinter } from '../core/iri.ts';
import type { Publication } from './release-context.ts';
import { sha256Hex } from '../core/hash.ts';
import { NS } from '../core/vocab.ts';
import { META_PREFIXES } from './metadata-vocab.ts';

/** Characters a release version or a path segment may keep verbatim. */
const PLAIN = /^[A-Za-z0-9._-]+$/;

/** A path segment kept as it is when plain, percent-encoded otherwise. */
function pathSegment(s: string): string {
  return PLAIN.test(s) && s !== '.' && s !== '..' ? s : encodeURIComponent(s).replace(/\./g, '%2E');
}

/** Every prefix loa knows, by namespace, for readable partition keys. */
const PREFIX_OF = new Map<string, string>([...Object.entries(META_PREFIXES), ...Object.entries(NS)].map(([p, ns]) => [ns, p]));

/**
 * A short, unique path segment for a class or property IRI: its prefixed name
 * with `-` for `:` (`schema-Person`, `rdf-type`), or `x-` and a hash of the IRI
 * when its namespace has no prefix here or its local name is not plain.
 *
 * @example termKey('http://schema.org/Person') === 'schema-Person'
 */
export function termKey(iri: string): string {
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
  const prefix = PREFIX_OF.get(iri.slice(0, cut));
  const local = iri.slice(cut);
  // Prefixes hold no `-`, so the first `-` of a key always ends the prefix: keys cannot collide.
  if (prefix && !prefix.includes('-') && local !== '' && PLAIN.test(local)) return `${prefix}-${local}`;
  return `x-${sha256Hex(iri).slice(0, 16)}`;
}

/** Mints the metadata IRIs of one dataset, under the base of its `IriMinter`. */
export class MetadataIris {
  constructor(private readonly iris: IriMinter) {}

  private iri(path: string): NamedNode {
    return DataFactory.namedNode(this.iris.base + path);
  }

  catalog(): NamedNode {
    return this.iri('catalog');
  }

  /** The dataset as a whole, across releases. */
  dataset(): NamedNode {
    return this.iris.dataset();
  }

  /** One release of the dataset: `dataset/{version}`. */
  release(version: string): NamedNode {
    return this.iri(`dataset/${pathSegment(version)}`);
  }

  period(release: NamedNode): NamedNode {
    return DataFactory.namedNode(`${release.value}/period`);
  }

  /** A file of a release, by its path relative to the release folder (`dumps/loa.nt.gz`). */
  distribution(release: NamedNode, path: string): NamedNode {
    return DataFactory.namedNode(`${release.value}/distribution/${path.split('/').map(pathSegment).join('/')}`);
  }

  checksum(distribution: NamedNode): NamedNode {
    return DataFactory.namedNode(`${distribution.value}/checksum`);
  }

  classPartition(release: NamedNode, classIri: string): NamedNode {
    return DataFactory.namedNode(`${release.value}/class/${termKey(classIri)}`);
  }

  propertyPartition(release: NamedNode, propertyIri: string): NamedNode {
    return DataFactory.namedNode(`${release.value}/property/${termKey(propertyIri)}`);
  }

  /** The links into Wikidata by one predicate (`owl:sameAs`, `schema:sameAs`). */
  wikidataLinkset(release: NamedNode, predicateIri: string): NamedNode {
    return DataFactory.namedNode(`${release.value}/linkset/wikidata-${termKey(predicateIri)}`);
  }

  sparqlService(): NamedNode {
    return this.iri('service/sparql');
  }

  contactPoint(): NamedNode {
    return this.iri('contact');
  }
}

/** Where a file of the release is downloaded from, by its path in the release folder (each segment percent-encoded as needed). */
export function downloadUrl(publication: Publication, path: string): NamedNode {
  return DataFactory.namedNode(publication.downloadBase + path.split('/').map(encodeURIComponent).join('/'));
}
