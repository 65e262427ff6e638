/**
 * schema.org JSON-LD for search engines and pages: one self-contained object
 * per announcement (`NewsArticle`, with the events it reports as `about` and the
 * officials, agencies and legal documents it names as `mentions`), and one per
 * entity page. Objects are typed with `schema-dts`; every node's `@id` is its
 * loa IRI and `sameAs` its Wikidata item where the graph has one, so the
 * embed merges with loa's own data in any JSON-LD processor.
 *
 * Shape choices:
 * - An office held is schema.org's Role pattern: `worksFor` an `EmployeeRole`
 *   with `roleName` (the title) and `worksFor` (the body); a former office
 *   ("nguyên …") `memberOf` an `OrganizationRole`. `jobTitle` lists the titles.
 * - An office named as a document's issuer ("Bộ trưởng Bộ Tư pháp") is a `Role`
 *   standing for `legislationPassedBy`, pointing on to its body, as in the graph.
 * - English names (`@en`) join `alternateName`: schema.org Text has no language.
 * - Top-level things are described fully; things they point to are references
 *   (`@type`, `@id`, name), so objects never nest without end.
 * Keys come in a fixed order and every list is sorted, so the text is stable.
 */
import type {
  Event,
  GovernmentOrganizationLeaf,
  Legislation,
  NewsArticle,
  Organization,
  OrganizationLeaf,
  OrganizationRole,
  EmployeeRole,
  PersonLeaf,
  Place,
  PlaceLeaf,
  AdministrativeAreaLeaf,
  Role,
  Thing,
  WithContext,
} from 'schema-dts';
import { byCodeUnits } from '../../core/text.ts';
import { ORG, OWL, SCHEMA } from '../../core/vocab.ts';
import {
  englishLabelOf,
  firstLiteral,
  iriValues,
  labelOf,
  literalValues,
  type Entity,
  type Membership,
  type SiteGraph,
} from './graph.ts';

const SCHEMA_CONTEXT = 'https://schema.org';

/** An agency's description: a government body, or another organisation (Party, mass and international bodies). */
type OrganizationLd = GovernmentOrganizationLeaf | OrganizationLeaf;

/** At most this many announcements are listed as `subjectOf` of an entity (the newest); the page lists more. */
export const MAX_SUBJECT_OF = 50;

/** One value as is, several as a list, none as nothing (so the key is left out). */
function one<T>(list: readonly T[]): T | readonly T[] | undefined {
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)].sort(byCodeUnits);
}

/** Wikidata (or other) identities of a node: `schema:sameAs` and `owl:sameAs`. */
function sameAsOf(entity: Entity | undefined): string[] {
  return unique([...iriValues(entity?.props, SCHEMA.sameAs.value), ...iriValues(entity?.props, OWL.sameAs.value)]);
}

function orgType(entity: Entity | undefined): 'GovernmentOrganization' | 'Organization' {
  return entity?.types.includes(SCHEMA.GovernmentOrganization.value) ? 'GovernmentOrganization' : 'Organization';
}

/** The name a document is shown by: its subject phrase or law name, its number when it has no name. */
function documentName(graph: SiteGraph, iri: string): string | undefined {
  const props = graph.entities.get(iri)?.props;
  return firstLiteral(props, SCHEMA.name.value) ?? firstLiteral(props, SCHEMA.legislationIdentifier.value);
}

// ---- references: what a described thing points to ----

function personRef(graph: SiteGraph, iri: string): PersonLeaf {
  return { '@type': 'Person', '@id': iri, name: labelOf(graph, iri) };
}

function orgRef(graph: SiteGraph, iri: string): OrganizationLd {
  const entity = graph.entities.get(iri);
  const ref = { '@id': iri, name: labelOf(graph, iri), sameAs: one(sameAsOf(entity)) };
  return orgType(entity) === 'GovernmentOrganization'
    ? { '@type': 'GovernmentOrganization', ...ref }
    : { '@type': 'Organization', ...ref };
}

/** A province or other place: an `AdministrativeArea` when the graph says so. */
type PlaceLd = AdministrativeAreaLeaf | PlaceLeaf;

function placeRef(graph: SiteGraph, iri: string): PlaceLd {
  const entity = graph.entities.get(iri);
  const ref = { '@id': iri, name: labelOf(graph, iri), sameAs: one(sameAsOf(entity)) };
  return entity?.types.includes(SCHEMA.AdministrativeArea.value) ? { '@type': 'AdministrativeArea', ...ref } : { '@type': 'Place', ...ref };
}

/** A place's page: its names, code and Wikidata item. */
export function placeLd(graph: SiteGraph, iri: string): PlaceLd {
  const props = graph.entities.get(iri)?.props;
  const { sameAs, ...ref } = placeRef(graph, iri);
  const alternateNames = unique([
    ...literalValues(props, SCHEMA.name.value).map((l) => l.value),
    ...literalValues(props, SCHEMA.alternateName.value).map((l) => l.value),
  ]).filter((n) => n !== ref.name);
  return { ...ref, alternateName: one(alternateNames), identifier: firstLiteral(props, SCHEMA.identifier.value), sameAs };
}

function legislationRef(graph: SiteGraph, iri: string): Legislation {
  const props = graph.entities.get(iri)?.props;
  return {
    '@type': 'Legislation',
    '@id': iri,
    name: documentName(graph, iri),
    legislationIdentifier: firstLiteral(props, SCHEMA.legislationIdentifier.value),
  };
}

function articleRef(graph: SiteGraph, iri: string): NewsArticle {
  const props = graph.entities.get(iri)?.props;
  return {
    '@type': 'NewsArticle',
    '@id': iri,
    headline: firstLiteral(props, SCHEMA.headline.value),
    datePublished: firstLiteral(props, SCHEMA.datePublished.value),
  };
}

/** References to the entities of one kind among `iris` (others are left out: they have no schema.org shape here). */
function refsOf<T>(graph: SiteGraph, iris: readonly string[], kind: string, make: (g: SiteGraph, iri: string) => T): T[] {
  return iris.filter((i) => graph.entities.get(i)?.kind === kind).map((i) => make(graph, i));
}

// ---- full descriptions ----

/** Titles as written: the title's Vietnamese label, "nguyên …" for a former office. */
function titleOf(graph: SiteGraph, m: Membership, former: boolean): string | undefined {
  const label = m.role === undefined ? undefined : labelOf(graph, m.role);
  return label === undefined ? undefined : former ? `nguyên ${label}` : label;
}

/** Whether an office is former by the newest announcement attesting it. */
export function isFormer(graph: SiteGraph, m: Membership): boolean {
  let newest: { date: string; former: boolean } | undefined;
  for (const a of m.attestations) {
    const date = firstLiteral(graph.entities.get(a.announcement)?.props, SCHEMA.datePublished.value) ?? '';
    if (!newest || date >= newest.date) newest = { date, former: a.former };
  }
  return newest?.former ?? false;
}

/**
 * An official. With `announcement`, only the offices that announcement attests
 * (what the article itself says); without, every office the graph knows.
 */
export function personLd(graph: SiteGraph, iri: string, announcement?: string): PersonLeaf {
  const entity = graph.entities.get(iri);
  const memberships = (graph.membershipsOf.get(iri) ?? []).filter((m) => m.person === iri);
  const offices = memberships.flatMap((m) => {
    if (announcement === undefined) return [{ m, former: isFormer(graph, m) }];
    const said = m.attestations.find((a) => a.announcement === announcement);
    return said ? [{ m, former: said.former }] : [];
  });
  const titles = unique(offices.flatMap(({ m, former }) => titleOf(graph, m, former) ?? []));
  const jobTitle = titles.length > 0 || announcement !== undefined ? titles : unique(literalValues(entity?.props, SCHEMA.jobTitle.value).map((l) => l.value));
  const withBody = offices.filter(({ m }) => m.organization !== undefined && graph.entities.has(m.organization));
  const current: EmployeeRole<Organization, 'worksFor'>[] = withBody
    .filter(({ former }) => !former)
    .map(({ m, former }) => ({ '@type': 'EmployeeRole', roleName: titleOf(graph, m, former), worksFor: orgRef(graph, m.organization!) }));
  const past: OrganizationRole<Organization, 'memberOf'>[] = withBody
    .filter(({ former }) => former)
    .map(({ m, former }) => ({ '@type': 'OrganizationRole', roleName: titleOf(graph, m, former), memberOf: orgRef(graph, m.organization!) }));
  return {
    '@type': 'Person',
    '@id': iri,
    name: labelOf(graph, iri),
    jobTitle: one(jobTitle),
    worksFor: one(sortRoles(current, 'worksFor')),
    memberOf: one(sortRoles(past, 'memberOf')),
    sameAs: one(sameAsOf(entity)),
  };
}

function sortRoles<R extends { roleName?: unknown }>(roles: R[], property: string): R[] {
  const key = (r: R) => `${(r as Record<string, { '@id'?: string }>)[property]?.['@id'] ?? ''}\u0000${String(r.roleName ?? '')}`;
  return roles.sort((a, b) => byCodeUnits(key(a), key(b)));
}

/** An agency: names, abbreviations and English name, parent, dates, Wikidata. */
export function agencyLd(graph: SiteGraph, iri: string): OrganizationLd {
  const entity = graph.entities.get(iri);
  const props = entity?.props;
  const name = labelOf(graph, iri);
  const alternateNames = unique([
    ...literalValues(props, SCHEMA.name.value).map((l) => l.value),
    ...literalValues(props, SCHEMA.alternateName.value).map((l) => l.value),
  ]).filter((n) => n !== name);
  const parents = unique([...iriValues(props, SCHEMA.parentOrganization.value), ...iriValues(props, ORG.subOrganizationOf.value)]);
  const description = {
    '@id': iri,
    name,
    alternateName: one(alternateNames),
    parentOrganization: one(refsOf(graph, parents, 'agency', orgRef)),
    areaServed: one(refsOf(graph, iriValues(props, SCHEMA.areaServed.value), 'place', placeRef)),
    foundingDate: firstLiteral(props, SCHEMA.foundingDate.value),
    dissolutionDate: firstLiteral(props, SCHEMA.dissolutionDate.value),
    sameAs: one(sameAsOf(entity)),
  };
  return orgType(entity) === 'GovernmentOrganization'
    ? { '@type': 'GovernmentOrganization', ...description }
    : { '@type': 'Organization', ...description };
}

/**
 * An office named as an issuer, standing for `legislationPassedBy` and pointing
 * on to its body (the first, when the graph names several). schema-dts wants a
 * Role to carry the property it stands for; an office whose body the text does
 * not name ("Chủ tịch Ủy ban nhân dân tỉnh") has only its `roleName`.
 */
function issuingRole(graph: SiteGraph, iri: string): Role<OrganizationLd, 'legislationPassedBy'> {
  const props = graph.entities.get(iri)?.props;
  const bodies = unique([...iriValues(props, SCHEMA.legislationPassedBy.value), ...iriValues(props, ORG.postIn.value)]);
  const body = refsOf(graph, bodies, 'agency', orgRef)[0];
  const role = { '@type': 'Role' as const, '@id': iri, roleName: labelOf(graph, iri) };
  return body ? { ...role, legislationPassedBy: body } : (role as Role<OrganizationLd, 'legislationPassedBy'>);
}

/** A legal document: number, type, date, issuer and its relations to other documents. */
export function legislationLd(graph: SiteGraph, iri: string): Legislation {
  const entity = graph.entities.get(iri);
  const props = entity?.props;
  const related = (p: string) => one(refsOf(graph, iriValues(props, p), 'document', legislationRef));
  const issuers = iriValues(props, SCHEMA.legislationPassedBy.value);
  const passedBy: (OrganizationLd | Role<OrganizationLd, 'legislationPassedBy'>)[] = [
    ...refsOf(graph, issuers, 'agency', orgRef),
    ...issuers.filter((i) => graph.entities.get(i)?.kind === 'post').map((i) => issuingRole(graph, i)),
  ];
  return {
    '@type': 'Legislation',
    '@id': iri,
    name: documentName(graph, iri),
    legislationIdentifier: firstLiteral(props, SCHEMA.legislationIdentifier.value),
    legislationType: firstLiteral(props, SCHEMA.legislationType.value),
    legislationDate: firstLiteral(props, SCHEMA.legislationDate.value),
    legislationPassedBy: one(passedBy),
    legislationAmends: related(SCHEMA.legislationAmends.value),
    legislationRepeals: related(SCHEMA.legislationRepeals.value),
    legislationEnsuresImplementationOf: related(SCHEMA.legislationEnsuresImplementationOf.value),
    isBasedOn: related(SCHEMA.isBasedOn.value),
    sameAs: one(sameAsOf(entity)),
  };
}

/** An event: when, where, who organised and attended it, which documents it was about. */
export function eventLd(graph: SiteGraph, iri: string): Event {
  const props = graph.entities.get(iri)?.props;
  return {
    '@type': 'Event',
    '@id': iri,
    name: labelOf(graph, iri),
    startDate: firstLiteral(props, SCHEMA.startDate.value),
    location: one<string | Place>([
      ...literalValues(props, SCHEMA.location.value).map((l) => l.value),
      ...refsOf(graph, iriValues(props, SCHEMA.location.value), 'place', placeRef),
    ]),
    organizer: one(refsOf(graph, iriValues(props, SCHEMA.organizer.value), 'agency', orgRef)),
    attendee: one(refsOf(graph, iriValues(props, SCHEMA.attendee.value), 'person', personRef)),
    about: one(refsOf(graph, iriValues(props, SCHEMA.about.value), 'document', legislationRef)),
  };
}

/** The order mentions are listed in: officials, agencies, documents, then by IRI. */
const MENTION_ORDER = ['person', 'agency', 'document'] as const;

/**
 * The embed of one announcement: the article, the events it reports (`about`)
 * and everything it names (`mentions`), each described fully.
 */
export function announcementLd(graph: SiteGraph, iri: string): WithContext<NewsArticle> {
  const props = graph.entities.get(iri)?.props;
  const events = iriValues(props, SCHEMA.about.value).filter((e) => graph.entities.get(e)?.kind === 'event');
  const mentioned = iriValues(props, SCHEMA.mentions.value);
  const mentions: Thing[] = [];
  for (const kind of MENTION_ORDER) {
    for (const m of mentioned) {
      if (graph.entities.get(m)?.kind !== kind) continue;
      mentions.push(kind === 'person' ? personLd(graph, m, iri) : kind === 'agency' ? agencyLd(graph, m) : legislationLd(graph, m));
    }
  }
  return {
    '@context': SCHEMA_CONTEXT,
    '@type': 'NewsArticle',
    '@id': iri,
    identifier: firstLiteral(props, SCHEMA.identifier.value),
    headline: firstLiteral(props, SCHEMA.headline.value),
    datePublished: firstLiteral(props, SCHEMA.datePublished.value),
    inLanguage: firstLiteral(props, SCHEMA.inLanguage.value),
    url: iriValues(props, SCHEMA.url.value)[0],
    about: one(events.map((e) => eventLd(graph, e))),
    mentions: one(mentions),
  };
}

/** The announcements that mention or report an entity, newest first (then by IRI). */
export function announcementsAbout(graph: SiteGraph, iri: string): string[] {
  const reverse = graph.reverse.get(iri);
  const found = new Set([...(reverse?.get(SCHEMA.mentions.value) ?? []), ...(reverse?.get(SCHEMA.about.value) ?? [])]);
  for (const a of iriValues(graph.entities.get(iri)?.props, SCHEMA.subjectOf.value)) found.add(a);
  return [...found].filter((a) => graph.entities.get(a)?.kind === 'announcement').sort(newestFirst(graph));
}

/** Orders announcements by publication date, newest first, then by IRI. */
export function newestFirst(graph: SiteGraph): (a: string, b: string) => number {
  const date = (a: string) => firstLiteral(graph.entities.get(a)?.props, SCHEMA.datePublished.value) ?? '';
  return (a, b) => byCodeUnits(date(b), date(a)) || byCodeUnits(a, b);
}

/** The JSON-LD of an entity page: its description, plus the announcements it is the subject of. */
export function entityLd(graph: SiteGraph, iri: string): WithContext<Thing> | undefined {
  const entity = graph.entities.get(iri);
  if (!entity) return undefined;
  if (entity.kind === 'announcement') return announcementLd(graph, iri);
  const subjectOf = one(announcementsAbout(graph, iri).slice(0, MAX_SUBJECT_OF).map((a) => articleRef(graph, a)));
  switch (entity.kind) {
    case 'person':
      return { '@context': SCHEMA_CONTEXT, ...personLd(graph, iri), subjectOf };
    case 'agency': {
      const children = unique([
        ...(graph.reverse.get(iri)?.get(SCHEMA.parentOrganization.value) ?? []),
        ...(graph.reverse.get(iri)?.get(ORG.subOrganizationOf.value) ?? []),
      ]);
      return { '@context': SCHEMA_CONTEXT, ...agencyLd(graph, iri), subOrganization: one(refsOf(graph, children, 'agency', orgRef)), subjectOf };
    }
    case 'document':
      return { '@context': SCHEMA_CONTEXT, ...legislationLd(graph, iri), subjectOf };
    case 'event':
      return { '@context': SCHEMA_CONTEXT, ...eventLd(graph, iri), subjectOf };
    case 'post':
      // Outside a document, the office stands for no property, so it carries only its name (the page links its body).
      return { '@context': SCHEMA_CONTEXT, '@type': 'Role', '@id': iri, roleName: labelOf(graph, iri) };
    case 'place':
      return { '@context': SCHEMA_CONTEXT, ...placeLd(graph, iri) };
  }
}

/**
 * JSON text safe to put inside `<script type="application/ld+json">`: pretty
 * printed with two spaces, and `<`, `>` and `&` written as `\u003c` … so no
 * value can close the script element or open a comment (`</script>`, `<!--`).
 * JSON.parse reads it back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
