/**
 * Every IRI loa writes, declared once. A term missing here is a compile error,
 * never a silent new predicate. Namespaces are those of the standards loa reuses;
 * `LOA` holds only what they lack (see ontology/loa.ttl).
 */
import { DataFactory, type NamedNode } from 'n3';

function namespace<const T extends readonly string[]>(base: string, terms: T): { readonly [K in T[number]]: NamedNode } & { readonly ns: string } {
  const out: Record<string, NamedNode | string> = { ns: base };
  for (const term of terms) out[term] = DataFactory.namedNode(base + term);
  return out as { readonly [K in T[number]]: NamedNode } & { readonly ns: string };
}

export const RDF = namespace('http://www.w3.org/1999/02/22-rdf-syntax-ns#', ['type', 'langString'] as const);
export const RDFS = namespace('http://www.w3.org/2000/01/rdf-schema#', ['label', 'comment', 'seeAlso'] as const);
export const XSD = namespace('http://www.w3.org/2001/XMLSchema#', [
  'string', 'date', 'dateTime', 'gYear', 'integer', 'decimal', 'anyURI', 'nonNegativeInteger', 'boolean',
] as const);
export const OWL = namespace('http://www.w3.org/2002/07/owl#', ['sameAs', 'versionInfo'] as const);

/** schema.org, with the http scheme its own shapes and most consumers use. */
export const SCHEMA = namespace('http://schema.org/', [
  'NewsArticle', 'Event', 'Person', 'GovernmentOrganization', 'Organization', 'Legislation', 'Place', 'Role', 'MediaObject',
  'identifier', 'headline', 'name', 'alternateName', 'datePublished', 'inLanguage', 'url', 'articleBody',
  'mentions', 'about', 'jobTitle', 'worksFor', 'parentOrganization', 'legislationIdentifier', 'legislationType',
  'legislationDate', 'legislationPassedBy', 'startDate', 'organizer', 'attendee', 'location', 'subjectOf',
  'sameAs', 'publisher', 'isBasedOn', 'description', 'encodingFormat', 'contentSize', 'sha256', 'memberOf',
  'legislationChanges', 'legislationConsolidates', 'legislationApplies', 'legislationLegalForce', 'foundingDate',
  'dissolutionDate', 'AdministrativeArea', 'areaServed', 'legislationAmends', 'legislationRepeals', 'legislationEnsuresImplementationOf',
] as const);

export const ORG = namespace('http://www.w3.org/ns/org#', [
  'Organization', 'FormalOrganization', 'OrganizationalUnit', 'Post', 'Membership', 'Role', 'subOrganizationOf',
  'memberOf', 'holds', 'postIn', 'role', 'member', 'organization', 'memberDuring',
] as const);

export const PROV = namespace('http://www.w3.org/ns/prov#', [
  'Activity', 'Entity', 'SoftwareAgent', 'wasDerivedFrom', 'wasGeneratedBy', 'used', 'wasAssociatedWith', 'generated',
] as const);

export const DCTERMS = namespace('http://purl.org/dc/terms/', [
  'identifier', 'title', 'source', 'format', 'extent', 'isPartOf', 'hasFormat', 'created', 'modified', 'replaces',
] as const);

export const SPDX = namespace('http://spdx.org/rdf/terms#', [
  'Checksum', 'checksum', 'algorithm', 'checksumValue', 'checksumAlgorithm_sha256',
] as const);

export const SKOS = namespace('http://www.w3.org/2004/02/skos/core#', [
  'Concept', 'ConceptScheme', 'prefLabel', 'altLabel', 'inScheme', 'notation', 'hasTopConcept',
] as const);

export const TIME = namespace('http://www.w3.org/2006/time#', ['Interval', 'Instant', 'hasBeginning', 'hasEnd', 'inXSDDate'] as const);

/** NIF 2.0: text spans as resources, for span provenance. */
export const NIF = namespace('http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#', [
  'Context', 'Phrase', 'RFC5147String', 'referenceContext', 'beginIndex', 'endIndex', 'anchorOf', 'sourceUrl',
] as const);

export const ITSRDF = namespace('http://www.w3.org/2005/11/its/rdf#', ['taIdentRef'] as const);

/** ELI 1.5: legal resources and the relations between them. */
export const ELI = namespace('http://data.europa.eu/eli/ontology#', [
  'LegalResource', 'Work', 'type_document', 'passed_by', 'date_document', 'id_local', 'amends', 'repeals', 'based_on',
  'ensures_implementation_of',
] as const);

/** ELI-DL (draft legislation): a draft's legislative process and the activities in it. */
export const ELI_DL = namespace('http://data.europa.eu/eli/eli-draft-legislation-ontology#', [
  'Process', 'Activity', 'process_title', 'involved_work', 'consists_of', 'activity_date',
] as const);

/** loa's own terms, declared in ontology/loa.ttl. */
export const LOA = namespace('https://w3id.org/loa/ontology#', ['rule', 'confidence', 'former', 'acting', 'rank', 'field', 'chair'] as const);

export const NS = {
  rdf: RDF.ns,
  rdfs: RDFS.ns,
  xsd: XSD.ns,
  owl: OWL.ns,
  schema: SCHEMA.ns,
  prov: PROV.ns,
  dcterms: DCTERMS.ns,
  spdx: SPDX.ns,
  org: ORG.ns,
  skos: SKOS.ns,
  time: TIME.ns,
  nif: NIF.ns,
  itsrdf: ITSRDF.ns,
  loa: LOA.ns,
  eli: ELI.ns,
  'eli-dl': ELI_DL.ns,
} as const;
