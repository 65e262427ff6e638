/**
 * What extraction found in one announcement, as schema.org statements in the
 * announcement's graph: the announcement `schema:mentions` each agency, official
 * and document and is `schema:about` each event it reports.
 */
import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3';
import type { AgencyMention, DocumentMention, EventMention, Extraction, OfficialMention } from '../core/extraction.ts';
import type { IriMinter } from '../core/iri.ts';
import { referenceData } from '../core/reference.ts';
import type { Announcement } from '../core/types.ts';
import { ORG, RDF, SCHEMA, XSD } from '../core/vocab.ts';

const { quad, literal } = DataFactory;

/** ELI type slugs by Vietnamese type name, from `document-types.csv`; drafts are bills. */
function eliTypeOf(type: string): string {
  const row = referenceData().documentTypes.find((r) => r.name === type || r.aliases.includes(type));
  return row?.eliType || (type.startsWith('Dự thảo') ? 'bill' : 'document');
}

/** How entities of one announcement are named across the dataset, as decided by the link stage. */
export interface Links {
  /** The IRI segment of an official (`person/{segment}`). */
  personId(announcementId: string, key: string): string;
}

export function extractionQuads(a: Announcement, x: Extraction, iris: IriMinter, links: Links): Quad[] {
  const g = iris.announcementGraph(a.id);
  const article = iris.announcement(a.id);
  const out: Quad[] = [];
  const add: Add = (s, p, o) => out.push(quad(s, p, o, g));

  const agencyIri = new Map<string, NamedNode>();
  for (const ag of x.agencies) agencyIri.set(ag.key, iris.agency(ag.referenceId ?? ag.name));
  const personIri = new Map<string, NamedNode>();
  for (const o of x.officials) personIri.set(o.key, iris.person(links.personId(a.id, o.key)));
  const documentIri = new Map<string, NamedNode>();
  const taken = new Set<string>();
  for (const d of x.documents) {
    const first = documentNode(d, iris);
    let node = first;
    // Two documents of one announcement with the same number (a source's error, reported at extraction) stay two nodes.
    for (let n = 2; taken.has(node.value); n++) node = iris.variant(first, n);
    taken.add(node.value);
    documentIri.set(d.key, node);
  }

  for (const ag of x.agencies) writeAgency(ag, agencyIri, add, article);
  for (const o of x.officials) writeOfficial(o, personIri, agencyIri, add, article);
  for (const d of x.documents) writeDocument(d, documentIri, agencyIri, iris, add, article);
  x.events.forEach((e, n) => writeEvent(e, iris.event(a.id, n + 1), personIri, agencyIri, documentIri, add, article));
  return out;
}

type Add = (s: NamedNode, p: NamedNode, o: Quad_Object) => void;

function writeAgency(ag: AgencyMention, iri: Map<string, NamedNode>, add: Add, article: NamedNode): void {
  const node = iri.get(ag.key)!;
  if (!ag.implied) add(article, SCHEMA.mentions, node);
  const isGovernment = ag.kind === 'state' || ag.kind === 'court' || ag.kind === 'procuracy' || ag.kind === 'foreign';
  add(node, RDF.type, isGovernment ? SCHEMA.GovernmentOrganization : SCHEMA.Organization);
  add(node, RDF.type, ORG.Organization);
  add(node, SCHEMA.name, literal(ag.name, 'vi'));
  const alternates = new Set([...ag.abbreviations, ...ag.surfaces.filter((s) => s.includes(' ') && s !== ag.name)]);
  for (const alt of [...alternates].sort()) add(node, SCHEMA.alternateName, literal(alt, 'vi'));
  if (ag.parentKey && iri.has(ag.parentKey)) {
    add(node, SCHEMA.parentOrganization, iri.get(ag.parentKey)!);
    add(node, ORG.subOrganizationOf, iri.get(ag.parentKey)!);
  }
}

function writeOfficial(o: OfficialMention, persons: Map<string, NamedNode>, agencies: Map<string, NamedNode>, add: Add, article: NamedNode): void {
  const node = persons.get(o.key)!;
  add(article, SCHEMA.mentions, node);
  add(node, RDF.type, SCHEMA.Person);
  add(node, SCHEMA.name, literal(o.name));
  for (const r of o.roles) {
    add(node, SCHEMA.jobTitle, literal(r.former ? `nguyên ${r.title}` : r.title, 'vi'));
    if (r.former) add(node, SCHEMA.jobTitle, literal(r.title, 'vi'));
    const ag = r.agencyKey ? agencies.get(r.agencyKey) : undefined;
    if (ag) add(node, r.former ? SCHEMA.memberOf : SCHEMA.worksFor, ag);
  }
}

function documentNode(d: DocumentMention, iris: IriMinter): NamedNode {
  const eliType = eliTypeOf(d.type);
  if (d.number && d.numberParts) return iris.legalDocument(eliType, { ...d.numberParts, number: d.number });
  if (d.number) return iris.legalDocument(eliType, { sequence: d.number, number: d.number });
  return iris.namedDocument(eliType, d.title ?? d.type, d.nameYear);
}

function writeDocument(d: DocumentMention, docs: Map<string, NamedNode>, agencies: Map<string, NamedNode>, iris: IriMinter, add: Add, article: NamedNode): void {
  const node = docs.get(d.key)!;
  add(article, SCHEMA.mentions, node);
  add(node, RDF.type, SCHEMA.Legislation);
  add(node, SCHEMA.legislationType, literal(d.type, 'vi'));
  if (d.number) add(node, SCHEMA.legislationIdentifier, literal(d.number));
  if (d.title) add(node, SCHEMA.name, literal(d.title, 'vi'));
  if (d.date) add(node, SCHEMA.legislationDate, literal(d.date, XSD.date));
  if (d.issuer) {
    const issuer = d.issuerAgencyKey ? agencies.get(d.issuerAgencyKey) : undefined;
    if (issuer) add(node, SCHEMA.legislationPassedBy, issuer);
    else {
      const post = iris.post(d.issuer);
      add(node, SCHEMA.legislationPassedBy, post);
      add(post, RDF.type, ORG.Post);
      add(post, SCHEMA.name, literal(d.issuer, 'vi'));
    }
  }
  for (const rel of d.relations) {
    const target = docs.get(rel.targetKey);
    if (!target) continue;
    if (rel.kind === 'amends' || rel.kind === 'repeals' || rel.kind === 'replaces') add(node, SCHEMA.legislationChanges, target);
    else if (rel.kind === 'details' || rel.kind === 'guides' || rel.kind === 'implements') add(node, SCHEMA.legislationApplies, target);
    else if (rel.kind === 'basedOn') add(node, SCHEMA.isBasedOn, target);
  }
}

function writeEvent(
  e: EventMention,
  node: NamedNode,
  persons: Map<string, NamedNode>,
  agencies: Map<string, NamedNode>,
  docs: Map<string, NamedNode>,
  add: Add,
  article: NamedNode,
): void {
  add(article, SCHEMA.about, node);
  add(node, RDF.type, SCHEMA.Event);
  add(node, SCHEMA.name, literal(e.name, 'vi'));
  add(node, SCHEMA.subjectOf, article);
  if (e.date) add(node, SCHEMA.startDate, e.time ? literal(`${e.date}T${e.time}:00+07:00`, XSD.dateTime) : literal(e.date, XSD.date));
  if (e.location) add(node, SCHEMA.location, literal(e.location, 'vi'));
  for (const k of new Set([...e.chairKeys, ...e.participantKeys])) {
    const p = persons.get(k);
    if (p) add(node, SCHEMA.attendee, p);
  }
  for (const k of e.organizerKeys) {
    const o = agencies.get(k);
    if (o) add(node, SCHEMA.organizer, o);
  }
  for (const k of e.aboutKeys) {
    const d = docs.get(k);
    if (d) add(node, SCHEMA.about, d);
  }
}
