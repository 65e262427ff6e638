/**
 * What extraction found in one announcement, as statements in the announcement's
 * graph: schema.org for every entity (the announcement `schema:mentions` each
 * agency, official and document and is `schema:about` each event it reports),
 * W3C ORG memberships for offices held, ELI terms for legal documents, and NIF
 * spans tying each entity to the text it was read from.
 */
import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3';
import type { AgencyMention, DocumentMention, DocumentRelationKind, EventMention, Evidence, Extraction, OfficialMention } from '../core/extraction.ts';
import type { IriMinter } from '../core/iri.ts';
import { referenceData } from '../core/reference.ts';
import type { Announcement } from '../core/types.ts';
import { DCTERMS, ELI, ELI_DL, ITSRDF, LOA, NIF, ORG, PROV, RDF, SCHEMA, SKOS, TIME, XSD } from '../core/vocab.ts';
import { placeIri, provinceInLocation, provinceOn } from './places.ts';

const { quad, literal } = DataFactory;

let titleRows: Map<string, { english: string; rank: number }> | undefined;

/** The `titles.csv` row of a title in base form (by its name or an alias). */
function titleRow(title: string): { english: string; rank: number } | undefined {
  if (!titleRows) {
    titleRows = new Map();
    for (const row of referenceData().titles) {
      for (const form of [row.title, ...row.aliases]) if (!titleRows.has(form)) titleRows.set(form, { english: row.english, rank: row.rank });
    }
  }
  return titleRows.get(title);
}

/** The `document-types.csv` row of a Vietnamese type name. */
function documentTypeRow(type: string) {
  return referenceData().documentTypes.find((r) => r.name === type || r.aliases.includes(type));
}

/** ELI type slugs by Vietnamese type name, from `document-types.csv`; drafts are bills. */
function eliTypeOf(type: string): string {
  return documentTypeRow(type)?.eliType || (type.startsWith('Dự thảo') ? 'bill' : 'document');
}

/** How entities of one announcement are named across the dataset, as decided by the link stage. */
export interface Links {
  /** The IRI segment of an official (`person/{segment}`). */
  personId(announcementId: string, key: string): string;
  /**
   * The year to read into a document named without number or year ("Luật Trợ giúp pháp lý"),
   * given the IRI it would get without a year and the announcement's year; undefined to leave it as named.
   */
  documentYear?(unyearedIri: string, announcementYear: number): number | undefined;
}

/**
 * The documents an announcement names by type, title and year but no number
 * ("Luật Trợ giúp pháp lý năm 2017"): the IRI each would have without its year,
 * and the year. The link stage gathers these over the corpus to tell which
 * document a later mention without a year means.
 */
export function namedDocumentYears(x: Extraction, iris: IriMinter): [string, number][] {
  return x.documents.filter((d) => !d.number && d.nameYear !== undefined).map((d) => [iris.namedDocument(eliTypeOf(d.type), d.title ?? d.type).value, d.nameYear!]);
}

export function extractionQuads(a: Announcement, x: Extraction, iris: IriMinter, links: Links): Quad[] {
  const g = iris.announcementGraph(a.id);
  const article = iris.announcement(a.id);
  const out: Quad[] = [];
  const add: Add = (s, p, o) => out.push(quad(s, p, o, g));

  const agencyIri = new Map<string, NamedNode>();
  for (const ag of x.agencies) agencyIri.set(ag.key, iris.agency(ag.referenceId ?? ag.name));
  const agencyNames = new Map(x.agencies.map((ag) => [ag.key, ag.name]));
  const personIri = new Map<string, NamedNode>();
  for (const o of x.officials) personIri.set(o.key, iris.person(links.personId(a.id, o.key)));
  const documentIri = new Map<string, NamedNode>();
  const taken = new Set<string>();
  for (const d of x.documents) {
    const first = documentNode(d, iris, links, Number(a.published.date.slice(0, 4)));
    let node = first;
    // Two documents of one announcement with the same number (a source's error, reported at extraction) stay two nodes.
    for (let n = 2; taken.has(node.value); n++) node = iris.variant(first, n);
    taken.add(node.value);
    documentIri.set(d.key, node);
  }

  const span = spanWriter(a, iris, add);
  for (const ag of x.agencies) {
    writeAgency(ag, agencyIri, add, article);
    const province = ag.provinceCode ? provinceOn(ag.provinceCode, a.published.date) : undefined;
    if (province) add(agencyIri.get(ag.key)!, SCHEMA.areaServed, placeIri(province, iris));
    span(firstEvidence(ag.evidence), agencyIri.get(ag.key)!);
  }
  for (const o of x.officials) {
    const person = personIri.get(o.key)!;
    writeOfficial(o, person, agencyIri, add, article);
    span(firstEvidence(o.evidence), person);
    for (const r of o.roles) {
      const agency = r.agencyKey ? x.agencies.find((g) => g.key === r.agencyKey) : undefined;
      const membership = membershipIri(a, x, o, r, iris, links);
      writeMembership(membership, person, r, agency ? agencyIri.get(agency.key) : undefined, iris, add, article);
      span(r.evidence, membership);
    }
  }
  for (const d of x.documents) {
    writeDocument(d, documentIri, agencyIri, agencyNames, iris, add, article);
    span(firstEvidence(d.evidence), documentIri.get(d.key)!);
  }
  x.events.forEach((e, n) => {
    const node = iris.event(a.id, n + 1);
    writeEvent(e, node, personIri, agencyIri, documentIri, add, article);
    const province = e.location ? provinceInLocation(e.location, e.date ?? a.published.date) : undefined;
    if (province) add(node, SCHEMA.location, placeIri(province, iris));
    // An event about a draft is a step of its legislative process (ELI-DL).
    const drafts = e.aboutKeys.filter((k) => x.documents.find((d) => d.key === k)?.draft && documentIri.has(k));
    if (drafts.length > 0) {
      add(node, RDF.type, ELI_DL.Activity);
      if (e.date) add(node, ELI_DL.activity_date, literal(e.date, XSD.date));
      for (const k of drafts) {
        add(node, ELI_DL.involved_work, documentIri.get(k)!);
        add(iris.legislativeProcess(documentIri.get(k)!), ELI_DL.consists_of, node);
      }
    }
    span(firstEvidence(e.evidence), node);
  });
  return out;
}

/** The membership node of one role: the same person, title and body give the same node in every announcement. */
function membershipIri(a: Announcement, x: Extraction, o: OfficialMention, r: OfficialMention['roles'][number], iris: IriMinter, links: Links): NamedNode {
  const agency = r.agencyKey ? x.agencies.find((g) => g.key === r.agencyKey) : undefined;
  return iris.membership(links.personId(a.id, o.key), r.title, agency ? (agency.referenceId ?? agency.name) : undefined);
}

/** An office an announcement attests as held: the official's key in it, the title, and the body (gazetteer id or name). */
export interface MembershipClaim {
  officialKey: string;
  title: string;
  agency?: string;
}

/** Every membership an announcement attests as currently held (titles written "nguyên …" are past and left out). */
export function membershipClaims(x: Extraction): MembershipClaim[] {
  return x.officials.flatMap((o) =>
    o.roles
      .filter((r) => !r.former)
      .map((r) => {
        const agency = r.agencyKey ? x.agencies.find((g) => g.key === r.agencyKey) : undefined;
        const claim: MembershipClaim = { officialKey: o.key, title: r.title };
        if (agency) claim.agency = agency.referenceId ?? agency.name;
        return claim;
      }),
  );
}

/** The membership node of a claim, once linking has named the official. */
export function claimedMembership(announcementId: string, claim: MembershipClaim, iris: IriMinter, links: Links): NamedNode {
  return iris.membership(links.personId(announcementId, claim.officialKey), claim.title, claim.agency);
}

/**
 * When each membership is attested: `org:memberDuring` an interval from the
 * earliest to the latest publication date of the announcements that attest it.
 */
export function membershipPeriodQuads(periods: Map<string, { from: string; to: string }>, iris: IriMinter): Quad[] {
  const g = iris.membershipGraph();
  const out: Quad[] = [];
  for (const [m, { from, to }] of [...periods].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
    const membership = DataFactory.namedNode(m);
    const interval = iris.period(membership);
    const begin = iris.instant(interval, 'start');
    const end = iris.instant(interval, 'end');
    out.push(
      quad(membership, ORG.memberDuring, interval, g),
      quad(interval, RDF.type, TIME.Interval, g),
      quad(interval, TIME.hasBeginning, begin, g),
      quad(interval, TIME.hasEnd, end, g),
      quad(begin, RDF.type, TIME.Instant, g),
      quad(begin, TIME.inXSDDate, literal(from, XSD.date), g),
      quad(end, RDF.type, TIME.Instant, g),
      quad(end, TIME.inXSDDate, literal(to, XSD.date), g),
    );
  }
  return out;
}

/** The evidence that comes first in the text (headline before body). */
function firstEvidence(evidence: Evidence[]): Evidence | undefined {
  return [...evidence].sort((p, q) => (p.span.field === q.span.field ? p.span.start - q.span.start : p.span.field === 'title' ? -1 : 1))[0];
}

/**
 * Span provenance in NIF: the text a statement was drawn from, as an RFC 5147
 * span of the announcement's headline or body, with the entity it identifies,
 * the extraction rule and its confidence. The span's context is part of the
 * announcement; its string is the announcement's `schema:headline` or `schema:articleBody`.
 */
function spanWriter(a: Announcement, iris: IriMinter, add: Add) {
  const contexts = new Set<string>();
  return (e: Evidence | undefined, node: NamedNode) => {
    if (!e) return;
    const { field, start, end } = e.span;
    const text = field === 'title' ? a.title : a.body;
    if (end > text.length || start >= end) return;
    const context = iris.text(a.id, field);
    if (!contexts.has(context.value)) {
      contexts.add(context.value);
      add(context, RDF.type, NIF.Context);
      add(context, DCTERMS.isPartOf, iris.announcement(a.id));
    }
    const phrase = iris.textSpan(a.id, field, start, end);
    add(phrase, RDF.type, NIF.Phrase);
    add(phrase, NIF.referenceContext, context);
    add(phrase, NIF.beginIndex, literal(String(start), XSD.nonNegativeInteger));
    add(phrase, NIF.endIndex, literal(String(end), XSD.nonNegativeInteger));
    add(phrase, NIF.anchorOf, literal(text.slice(start, end)));
    add(phrase, ITSRDF.taIdentRef, node);
    add(phrase, LOA.rule, literal(e.rule));
    add(phrase, LOA.confidence, literal(e.confidence.toFixed(2), XSD.decimal));
  };
}

/**
 * An office held (W3C ORG): the person, the body, the title as a concept of the
 * scheme of titles, and the announcement that attests it.
 */
function writeMembership(
  node: NamedNode,
  person: NamedNode,
  r: OfficialMention['roles'][number],
  agency: NamedNode | undefined,
  iris: IriMinter,
  add: Add,
  article: NamedNode,
): void {
  add(node, RDF.type, ORG.Membership);
  add(node, ORG.member, person);
  if (agency) add(node, ORG.organization, agency);
  const title = iris.title(r.title);
  add(node, ORG.role, title);
  add(title, RDF.type, SKOS.Concept);
  add(title, RDF.type, ORG.Role);
  add(title, SKOS.prefLabel, literal(r.title, 'vi'));
  add(title, SKOS.inScheme, iris.title());
  const known = titleRow(r.title);
  if (known?.english) add(title, SKOS.prefLabel, literal(known.english, 'en'));
  if (known && Number.isInteger(known.rank)) add(title, LOA.rank, literal(String(known.rank), XSD.integer));
  add(node, PROV.wasDerivedFrom, article);
  if (r.former) add(node, LOA.former, literal('true', XSD.boolean));
  if (r.acting) add(node, LOA.acting, literal('true', XSD.boolean));
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
  for (const abbr of [...new Set(ag.abbreviations)].sort()) add(node, SKOS.altLabel, literal(abbr, 'vi'));
  if (!ag.referenceId) add(node, RDF.type, ag.parentKey ? ORG.OrganizationalUnit : ORG.FormalOrganization);
  if (ag.parentKey && iri.has(ag.parentKey)) {
    add(node, SCHEMA.parentOrganization, iri.get(ag.parentKey)!);
    add(node, ORG.subOrganizationOf, iri.get(ag.parentKey)!);
  }
}

function writeOfficial(o: OfficialMention, node: NamedNode, agencies: Map<string, NamedNode>, add: Add, article: NamedNode): void {
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

function documentNode(d: DocumentMention, iris: IriMinter, links: Links, announcementYear: number): NamedNode {
  const eliType = eliTypeOf(d.type);
  if (d.number && d.numberParts) return iris.legalDocument(eliType, { ...d.numberParts, number: d.number });
  if (d.number) return iris.legalDocument(eliType, { sequence: d.number, number: d.number });
  const title = d.title ?? d.type;
  const year = d.nameYear ?? links.documentYear?.(iris.namedDocument(eliType, title).value, announcementYear);
  return iris.namedDocument(eliType, title, year);
}

/**
 * The schema.org and ELI terms of each stated relation: "sửa đổi, bổ sung" amends; "bãi bỏ" and
 * "thay thế" repeal; "quy định chi tiết", "hướng dẫn thi hành" and "triển khai" ensure the
 * implementation of; "căn cứ" is based on.
 */
const RELATION_TERMS: Record<DocumentRelationKind, [NamedNode, NamedNode][]> = {
  amends: [[SCHEMA.legislationAmends, ELI.amends]],
  repeals: [[SCHEMA.legislationRepeals, ELI.repeals]],
  replaces: [[SCHEMA.legislationRepeals, ELI.repeals]],
  details: [[SCHEMA.legislationEnsuresImplementationOf, ELI.ensures_implementation_of]],
  guides: [[SCHEMA.legislationEnsuresImplementationOf, ELI.ensures_implementation_of]],
  implements: [[SCHEMA.legislationEnsuresImplementationOf, ELI.ensures_implementation_of]],
  basedOn: [[SCHEMA.isBasedOn, ELI.based_on]],
};

/** The body an office belongs to: the longest agency name of the announcement that ends the office's name. */
function agencyOfOffice(office: string, agencyNames: Map<string, string>): string | undefined {
  let best: [string, string] | undefined;
  for (const [key, name] of agencyNames) {
    if (office.endsWith(` ${name}`) && (!best || name.length > best[1].length)) best = [key, name];
  }
  return best?.[0];
}

function writeDocument(
  d: DocumentMention,
  docs: Map<string, NamedNode>,
  agencies: Map<string, NamedNode>,
  agencyNames: Map<string, string>,
  iris: IriMinter,
  add: Add,
  article: NamedNode,
): void {
  const node = docs.get(d.key)!;
  add(article, SCHEMA.mentions, node);
  add(node, RDF.type, SCHEMA.Legislation);
  // A draft is not yet a legal resource: it is a work in a legislative process (ELI-DL); everything else is an ELI legal resource.
  if (!d.draft) add(node, RDF.type, ELI.LegalResource);
  else {
    add(node, RDF.type, ELI.Work);
    const process = iris.legislativeProcess(node);
    add(process, RDF.type, ELI_DL.Process);
    add(process, ELI_DL.involved_work, node);
    if (d.title) add(process, ELI_DL.process_title, literal(d.title, 'vi'));
  }
  add(node, SCHEMA.legislationType, literal(d.type, 'vi'));
  const typeConcept = iris.documentType(eliTypeOf(d.type));
  add(node, ELI.type_document, typeConcept);
  add(typeConcept, RDF.type, SKOS.Concept);
  add(typeConcept, SKOS.prefLabel, literal(d.type, 'vi'));
  const typeRow = documentTypeRow(d.type);
  if (typeRow?.english) add(typeConcept, SKOS.prefLabel, literal(typeRow.english, 'en'));
  add(typeConcept, SKOS.inScheme, iris.documentType());
  if (d.number) {
    add(node, SCHEMA.legislationIdentifier, literal(d.number));
    add(node, ELI.id_local, literal(d.number));
  }
  if (d.title) add(node, SCHEMA.name, literal(d.title, 'vi'));
  if (d.date) {
    add(node, SCHEMA.legislationDate, literal(d.date, XSD.date));
    add(node, ELI.date_document, literal(d.date, XSD.date));
  }
  if (d.issuer) {
    const issuer = d.issuerAgencyKey ? agencies.get(d.issuerAgencyKey) : undefined;
    if (issuer) {
      add(node, SCHEMA.legislationPassedBy, issuer);
      add(node, ELI.passed_by, issuer);
    } else {
      // An office as issuer ("Bộ trưởng Bộ Tư pháp"): a schema.org Role in the issuer's place, pointing on to
      // the body the office belongs to when the text names it, and an ORG post.
      const post = iris.post(d.issuer);
      add(node, SCHEMA.legislationPassedBy, post);
      add(node, ELI.passed_by, post);
      add(post, RDF.type, SCHEMA.Role);
      add(post, RDF.type, ORG.Post);
      add(post, SCHEMA.name, literal(d.issuer, 'vi'));
      const body = agencyOfOffice(d.issuer, agencyNames);
      if (body) {
        add(post, SCHEMA.legislationPassedBy, agencies.get(body)!);
        add(post, ORG.postIn, agencies.get(body)!);
      }
    }
  }
  for (const rel of d.relations) {
    const target = docs.get(rel.targetKey);
    if (!target) continue;
    for (const [p, eli] of RELATION_TERMS[rel.kind]) {
      add(node, p, target);
      add(node, eli, target);
    }
    if (rel.kind === 'replaces') add(node, DCTERMS.replaces, target);
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
  // A chair is stated as such (loa:chair) and, like everyone present, as an attendee.
  for (const k of new Set(e.chairKeys)) {
    const p = persons.get(k);
    if (p) add(node, LOA.chair, p);
  }
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
