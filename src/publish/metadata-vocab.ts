/**
 * The terms of the release metadata (DCAT 3 catalogue, VoID description) that
 * `src/core/vocab.ts` does not declare yet, and the code lists the catalogue
 * draws its values from (EU authority tables, IANA media types). Declared once
 * here so a typo is a compile error; the namespaces belong in `src/core/vocab.ts`
 * and should move there (its `DCTERMS`, `OWL`, `SKOS`, `XSD` lack these terms).
 */
import { DataFactory, type NamedNode } from 'n3';
import { LOA } from '../core/vocab.ts';

function namespace<const T extends readonly string[]>(base: string, terms: T): { readonly [K in T[number]]: NamedNode } & { readonly ns: string } {
  const out: Record<string, NamedNode | string> = { ns: base };
  for (const term of terms) out[term] = DataFactory.namedNode(base + term);
  return out as { readonly [K in T[number]]: NamedNode } & { readonly ns: string };
}

/** DCAT 3. */
export const DCAT = namespace('http://www.w3.org/ns/dcat#', [
  'Catalog', 'Dataset', 'Distribution', 'DataService',
  'dataset', 'service', 'distribution', 'themeTaxonomy', 'theme', 'keyword', 'contactPoint', 'landingPage',
  'version', 'hasVersion', 'hasCurrentVersion', 'previousVersion', 'startDate', 'endDate',
  'downloadURL', 'accessURL', 'mediaType', 'compressFormat', 'byteSize',
  'endpointURL', 'endpointDescription', 'servesDataset',
] as const);

/** DCMI terms used by the metadata (a superset of `DCTERMS` in src/core/vocab.ts). */
export const DCT = namespace('http://purl.org/dc/terms/', [
  'title', 'description', 'identifier', 'publisher', 'license', 'issued', 'modified', 'language', 'spatial',
  'temporal', 'conformsTo', 'format', 'type', 'accessRights',
  'LicenseDocument', 'LinguisticSystem', 'Location', 'MediaType', 'MediaTypeOrExtent', 'PeriodOfTime',
  'RightsStatement', 'Standard',
] as const);

/** VoID, the Vocabulary of Interlinked Datasets. */
export const VOID = namespace('http://rdfs.org/ns/void#', [
  'Dataset', 'Linkset', 'triples', 'entities', 'distinctSubjects', 'distinctObjects', 'properties', 'classes',
  'classPartition', 'propertyPartition', 'class', 'property', 'vocabulary', 'exampleResource', 'dataDump',
  'sparqlEndpoint', 'uriSpace', 'feature', 'subset', 'target', 'subjectsTarget', 'objectsTarget', 'linkPredicate',
] as const);

export const FOAF = namespace('http://xmlns.com/foaf/0.1/', ['Agent', 'Document', 'name', 'homepage'] as const);

export const VCARD = namespace('http://www.w3.org/2006/vcard/ns#', ['Kind', 'Organization', 'fn', 'hasURL'] as const);

/** Terms of OWL, SKOS, XSD, SPDX and RDFS that src/core/vocab.ts lacks. */
export const OWL_META = namespace('http://www.w3.org/2002/07/owl#', ['versionInfo'] as const);
export const SKOS_META = namespace('http://www.w3.org/2004/02/skos/core#', ['exactMatch'] as const);
export const XSD_META = namespace('http://www.w3.org/2001/XMLSchema#', ['hexBinary'] as const);
export const SPDX_META = namespace('http://spdx.org/rdf/terms#', ['ChecksumAlgorithm'] as const);
export const RDFS_META = namespace('http://www.w3.org/2000/01/rdf-schema#', ['Resource'] as const);

/** Prefixes of the metadata files (Turtle and RDF/XML). */
export const META_PREFIXES = {
  dcat: DCAT.ns,
  dcterms: DCT.ns,
  void: VOID.ns,
  foaf: FOAF.ns,
  vcard: VCARD.ns,
  spdx: 'http://spdx.org/rdf/terms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  owl: 'http://www.w3.org/2002/07/owl#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** The EU Publications Office authority tables (named authority lists) DCAT-AP takes its values from. */
const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';

/** A code of one EU authority table, and the table itself as a concept scheme. */
export function euAuthority(table: 'language' | 'country' | 'data-theme' | 'file-type' | 'access-right', code?: string): NamedNode {
  return DataFactory.namedNode(code === undefined ? `${EU_AUTHORITY}${table}` : `${EU_AUTHORITY}${table}/${code}`);
}

/** The IANA registry entry of a media type, as DCAT-AP expects for `dcat:mediaType` and `dcat:compressFormat`. */
export function ianaMediaType(mediaType: string): NamedNode {
  return DataFactory.namedNode(`http://www.iana.org/assignments/media-types/${mediaType}`);
}

/**
 * The EU file type of each media type loa writes, for `dcterms:format`; a media
 * type missing here simply has no `dcterms:format` (the IANA type is always given).
 */
export const EU_FILE_TYPES: Readonly<Record<string, string>> = {
  'application/n-quads': 'RDF_N_QUADS',
  'application/n-triples': 'RDF_N_TRIPLES',
  'text/turtle': 'RDF_TURTLE',
  'application/trig': 'RDF_TRIG',
  'application/rdf+xml': 'RDF_XML',
  'application/ld+json': 'JSON_LD',
  'application/json': 'JSON',
  'text/csv': 'CSV',
  'text/tab-separated-values': 'TSV',
  'text/html': 'HTML',
  'application/xhtml+xml': 'XHTML',
  'text/plain': 'TXT',
  'application/xml': 'XML',
  'application/atom+xml': 'ATOM',
  'application/rss+xml': 'RSS',
  'application/sparql-query': 'SPARQLQ',
  'application/sparql-results+json': 'SPARQLQRES',
};

/** Media types whose content is RDF: files of these types under `dumps/` are VoID data dumps. */
export const RDF_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/n-quads', 'application/n-triples', 'text/turtle', 'application/trig', 'application/rdf+xml', 'application/ld+json',
]);

/** W3C's IRIs of RDF syntaxes (`http://www.w3.org/ns/formats/`), for `void:feature`. */
export const W3C_FORMATS: Readonly<Record<string, string>> = {
  'application/n-quads': 'http://www.w3.org/ns/formats/N-Quads',
  'application/n-triples': 'http://www.w3.org/ns/formats/N-Triples',
  'text/turtle': 'http://www.w3.org/ns/formats/Turtle',
  'application/trig': 'http://www.w3.org/ns/formats/TriG',
  'application/rdf+xml': 'http://www.w3.org/ns/formats/RDF_XML',
  'application/ld+json': 'http://www.w3.org/ns/formats/JSON-LD',
};

/** ADMS licence types (`http://purl.org/adms/licencetype/`), for the licences whose type is known. */
export const ADMS_LICENCE_TYPE_SCHEME = 'http://purl.org/adms/licencetype/1.0';
const ADMS_LICENCE_TYPE = 'http://purl.org/adms/licencetype/';

/** The ADMS types of well-known licences, by IRI with the scheme and trailing slash dropped. */
const LICENCE_TYPES: Readonly<Record<string, readonly ('Attribution' | 'ShareAlike' | 'PublicDomain')[]>> = {
  'creativecommons.org/licenses/by/4.0': ['Attribution'],
  'creativecommons.org/licenses/by-sa/4.0': ['Attribution', 'ShareAlike'],
  'creativecommons.org/publicdomain/zero/1.0': ['PublicDomain'],
  'opendatacommons.org/licenses/odbl/1-0': ['Attribution', 'ShareAlike'],
};

/** The ADMS licence types of a licence IRI (IRI and English label), or none when loa does not know them. */
export function licenceTypes(licence: string): { iri: NamedNode; label: string }[] {
  const key = licence.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return (LICENCE_TYPES[key] ?? []).map((t) => ({ iri: DataFactory.namedNode(ADMS_LICENCE_TYPE + t), label: t.replace(/([a-z])([A-Z])/g, '$1 $2') }));
}

/** The Wikidata entity namespace: `owl:sameAs` / `schema:sameAs` into it are the VoID linksets. */
export const WIKIDATA_ENTITY = 'http://www.wikidata.org/entity/';

/** Wikidata as a dataset (its own item, Q2013), the target of the linksets. */
export const WIKIDATA_DATASET = DataFactory.namedNode(`${WIKIDATA_ENTITY}Q2013`);

export const WIKIDATA_HOMEPAGE = DataFactory.namedNode('https://www.wikidata.org/');

/** Viet Nam in Wikidata (the country, Q881). */
export const WIKIDATA_VIET_NAM = DataFactory.namedNode(`${WIKIDATA_ENTITY}Q881`);

/** loa's ontology and shapes: the standards its data conforms to. Fixed IRIs (ontology/loa.ttl, ontology/shapes.ttl), whatever the base. */
export const LOA_ONTOLOGY = DataFactory.namedNode(LOA.ns.replace(/#$/, ''));
export const LOA_SHAPES = DataFactory.namedNode('https://w3id.org/loa/shapes');

/** The SPARQL 1.1 protocol, which the endpoint follows. */
export const SPARQL_PROTOCOL = DataFactory.namedNode('https://www.w3.org/TR/sparql11-protocol/');
