/**
 * The published graph as the entity pages and embeds need it, read from the
 * release's dumps, not from a query store: one pass over the N-Triples dump
 * (sorted, so each subject's statements are together) and one over the
 * N-Quads dump, a map lookup per line. A query store would cost a load of its
 * own (over three minutes at 100k announcements) and gigabytes of memory that
 * WebAssembly never gives back.
 *
 * - `readSiteGraph` reads the entities that get a page (announcements, officials,
 *   agencies, legal documents, events, the offices named as issuers, and the
 *   provinces agencies serve and events take place in), the
 *   triples with each of them as subject, the labels of the nodes they link
 *   to, and the memberships (offices held) with the announcements that
 *   attest them; not the run that generated the release (`prov:wasGeneratedBy`).
 * - The NIF spans (the text each statement was read from) and the bodies are
 *   left out: `AnnouncementTexts` reads them from the N-Quads dump a batch of
 *   announcements at a time, so the site writer never holds every body at once.
 *
 * Every list is sorted by code units, so the pages come out byte-identical.
 */
import { join } from 'node:path';
import { forEachGzipLine } from '../../core/gzip-lines.ts';
import { isSpanSubject, type IriMinter } from '../../core/iri.ts';
import { nqGraphAt, ntHead, parseNtTerm, type NtTerm } from '../../core/nt-term.ts';
import { byCodeUnits, Interner, ownCopy } from '../../core/text.ts';
import { LOA, ORG, PROV, RDF, SCHEMA, SKOS, TIME } from '../../core/vocab.ts';
import { DUMP_FILES } from '../dumps.ts';
import type { ReleaseContext } from '../release-context.ts';

/** What an entity page shows; one per class loa publishes an entity with. */
export type Kind = 'announcement' | 'person' | 'agency' | 'document' | 'event' | 'post' | 'place';

/** The schema.org class that decides an entity's kind, most specific first (a node with two takes the first). */
const KIND_BY_TYPE: readonly (readonly [string, Kind])[] = [
  [SCHEMA.NewsArticle.value, 'announcement'],
  [SCHEMA.Person.value, 'person'],
  [SCHEMA.Legislation.value, 'document'],
  [SCHEMA.Event.value, 'event'],
  [SCHEMA.GovernmentOrganization.value, 'agency'],
  [SCHEMA.Organization.value, 'agency'],
  [SCHEMA.Role.value, 'post'],
  [SCHEMA.Place.value, 'place'],
];

/** A literal: `lang` is '' when it has none; `datatype` is the full IRI (rdf:langString for tagged ones). */
export interface Literal {
  value: string;
  lang: string;
  datatype: string;
}

/** An object of a triple: an IRI, or a literal. Blank nodes are kept as `{ iri: '_:…' }`. */
export type Value = { iri: string } | Literal;

export function isIri(v: Value): v is { iri: string } {
  return 'iri' in v;
}

/** Predicate → objects, each list sorted and without repeats. */
export type Props = Map<string, Value[]>;

export interface Entity {
  iri: string;
  kind: Kind;
  /** Every rdf:type, sorted. */
  types: string[];
  /** Triples with the entity as subject (rdf:type and schema:articleBody left out). */
  props: Props;
}

/** An office held (`org:Membership`) and where it is attested. */
export interface Membership {
  iri: string;
  person: string;
  organization?: string;
  /** The title (a SKOS concept of the scheme `{base}title`). */
  role?: string;
  /** First and last publication dates of the announcements attesting it as current (graph `{base}graph/memberships`). */
  start?: string;
  end?: string;
  /** The announcements that attest it and what each says of it, sorted by announcement IRI. */
  attestations: { announcement: string; former: boolean; acting: boolean }[];
}

/** A piece of announcement text a statement was read from (a `nif:Phrase`). */
export interface Span {
  iri: string;
  announcement: string;
  field: 'headline' | 'body';
  /** UTF-16 offsets into the headline or body, as published. */
  begin: number;
  end: number;
  /** The exact text (`nif:anchorOf`). */
  anchor: string;
  /** The entities or memberships it was read as (`itsrdf:taIdentRef`), sorted. */
  targets: string[];
  rule?: string;
  confidence?: string;
}

export interface SiteGraph {
  base: string;
  /** Every node that gets a page, by IRI. */
  entities: Map<string, Entity>;
  /** `schema:name`, `skos:prefLabel` and `schema:headline` of the nodes under the base that entities link to without a page of their own (titles, document types). */
  labels: Map<string, Props>;
  memberships: Map<string, Membership>;
  /** Memberships by person and by organisation, sorted by membership IRI. */
  membershipsOf: Map<string, Membership[]>;
  /** Entity IRI → predicate → the entities that point at it with that predicate (sorted). */
  reverse: Map<string, Map<string, string[]>>;
  /** NIF context IRI (`announcement/{id}/headline|body`) → its announcement and field; announcement → its two contexts. */
  contexts: Map<string, { announcement: string; field: 'headline' | 'body' }>;
  textsOf: Map<string, string[]>;
  /** Announcement → its named graph (`graph/announcement/{id}`). */
  graphOf: Map<string, string>;
}

/** Appends to the list under `key`, making it when missing. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A sort key for a value: IRIs before literals, then by text, language and datatype. */
export function valueKey(v: Value): string {
  return isIri(v) ? `0${v.iri}` : `1${v.value}\u0000${v.lang}\u0000${v.datatype}`;
}

function toValue(t: NtTerm): Value {
  if (t.termType === 'Literal') return { value: t.value, lang: t.language, datatype: t.datatype };
  if (t.termType === 'BlankNode') return { iri: `_:${t.value}` };
  return { iri: t.value };
}

/** Sorts each predicate's values and drops repeats. */
function sortProps(props: Props): void {
  for (const [p, list] of props) {
    const keyed = list.map((v) => [valueKey(v), v] as const).sort((a, b) => byCodeUnits(a[0], b[0]));
    props.set(
      p,
      keyed.filter((k, i) => i === 0 || k[0] !== keyed[i - 1]![0]).map(([, v]) => v),
    );
  }
}

/** The predicates read as a node's label, wherever the node is linked from. */
export const LABEL_PREDICATES = [SCHEMA.name.value, SKOS.prefLabel.value, SCHEMA.headline.value] as const;

const TYPE = RDF.type.value;
const ARTICLE_BODY = SCHEMA.articleBody.value;
/**
 * The run that made the release (`prov:wasGeneratedBy`, stated of each announcement) is left out of the
 * site graph: its IRI changes with every run, and a page naming it would never stay the same bytes
 * (nor be linked from the previous release). The dumps keep it.
 */
const GENERATED_BY = PROV.wasGeneratedBy.value;
const LABELS = new Set<string>(LABEL_PREDICATES);

/** A subject's statements in the N-Triples dump: predicate and object term, as written. */
type Statement = [predicate: string, object: string];

/** What one pass over the union gives, before the memberships' periods and the labels are resolved. */
interface Union {
  entities: Map<string, Entity>;
  memberships: Map<string, Membership>;
  /** Membership → its period; period → its first and last instant; instant → its date. */
  periodOf: Map<string, string>;
  bounds: Map<string, { begin?: string; end?: string }>;
  dateOf: Map<string, string>;
  /** Labels of the subjects under the base that get no page. */
  labels: Map<string, Props>;
  /** Every string kept is a copy (IRIs, predicates and tags once each), not a piece of the file's text. */
  own: Interner;
}

/**
 * Reads everything the pages and embeds show except the spans and the bodies,
 * from the dumps of a release: the union (N-Triples) once, and the memberships
 * of each announcement's graph from the N-Quads.
 */
export async function readSiteGraph(dumps: string, iris: IriMinter): Promise<SiteGraph> {
  const union = await readUnion(join(dumps, DUMP_FILES.ntriples), iris.base);
  const { entities, memberships } = union;
  for (const m of memberships.values()) {
    const period = union.periodOf.get(m.iri);
    const bounds = period === undefined ? undefined : union.bounds.get(period);
    if (bounds?.begin !== undefined) m.start = union.dateOf.get(bounds.begin);
    if (bounds?.end !== undefined) m.end = union.dateOf.get(bounds.end);
  }
  const { announcementOfGraph, contexts, textsOf, graphOf } = announcementIndex(entities, iris);
  await readAttestations(join(dumps, DUMP_FILES.nquads), memberships, announcementOfGraph);
  return {
    base: iris.base,
    entities,
    labels: linkedLabels(union.labels, entities, memberships),
    memberships,
    membershipsOf: indexMemberships(memberships),
    reverse: reverseLinks(entities),
    contexts,
    textsOf,
    graphOf,
  };
}

/** The graph read for one release context, shared by `writeEmbeds` and `writeSite` when both run with it. */
const graphs = new WeakMap<ReleaseContext, Promise<SiteGraph>>();

export function siteGraphOf(ctx: ReleaseContext): Promise<SiteGraph> {
  let graph = graphs.get(ctx);
  if (!graph) {
    graph = readSiteGraph(ctx.dumps, ctx.iris);
    graphs.set(ctx, graph);
    // A failed read is not kept: the next writer reads again, and reports its own error.
    graph.catch(() => graphs.delete(ctx));
  }
  return graph;
}

/**
 * One pass over the N-Triples dump, a subject at a time: the dump is sorted by
 * line, so each subject's statements are together (a dump that is not sorted
 * is refused, not misread).
 */
async function readUnion(path: string, base: string): Promise<Union> {
  const union: Union = { entities: new Map(), memberships: new Map(), periodOf: new Map(), bounds: new Map(), dateOf: new Map(), labels: new Map(), own: new Interner() };
  let subject: string | undefined;
  let statements: Statement[] = [];
  await forEachGzipLine(path, (line) => {
    // Blank-node subjects are nobody's page, and spans (two thirds of the lines) are read with the bodies.
    if (!line.startsWith('<')) return;
    const [s, predicate, objectAt] = ntHead(line);
    // Compared as written, `<…>`: as `>` occurs in no IRI, subjects so compared are in the order of their lines.
    if (s !== subject) {
      if (subject !== undefined) {
        if (byCodeUnits(s, subject) < 0) throw new Error(`${path} is not sorted by line: ${s} comes after ${subject}; the pages need each subject's statements together`);
        takeSubject(union, base, subject.slice(1, -1), statements);
      }
      subject = s;
      statements = [];
    }
    if (isSpanSubject(s)) return;
    statements.push([predicate.slice(1, -1), line.slice(objectAt, line.length - 2)]);
  });
  if (subject !== undefined) takeSubject(union, base, subject.slice(1, -1), statements);
  return union;
}

/** Files one subject's statements: as an entity with a page, an office held, a period or instant, or a node's labels. */
function takeSubject(union: Union, base: string, subjectText: string, statements: readonly Statement[]): void {
  if (statements.length === 0) return;
  const { own } = union;
  const subject = own.intern(subjectText);
  const types = [...new Set(statements.filter(([p]) => p === TYPE).map(([, o]) => own.intern(o.slice(1, -1))))].sort(byCodeUnits);
  const kind = KIND_BY_TYPE.find(([t]) => types.includes(t))?.[1];
  const term = (o: string): Value => {
    const t = parseNtTerm(o);
    if (t.termType !== 'Literal') return toValue({ ...t, value: own.intern(t.value) });
    return { value: ownCopy(t.value), lang: own.intern(t.language), datatype: own.intern(t.datatype) };
  };
  const first = (predicate: string) => {
    const iris = statements.filter(([p, o]) => p === predicate && o.startsWith('<')).map(([, o]) => o.slice(1, -1));
    const found = iris.sort(byCodeUnits)[0];
    return found === undefined ? undefined : own.intern(found);
  };
  if (kind !== undefined) {
    const props: Props = new Map();
    for (const [p, o] of statements) if (p !== TYPE && p !== ARTICLE_BODY && p !== GENERATED_BY) pushTo(props, own.intern(p), term(o));
    sortProps(props);
    union.entities.set(subject, { iri: subject, kind, types, props });
  } else if (subject.startsWith(base) && statements.some(([p]) => LABELS.has(p))) {
    const props: Props = new Map();
    for (const [p, o] of statements) if (LABELS.has(p)) pushTo(props, own.intern(p), term(o));
    sortProps(props);
    union.labels.set(subject, props);
  }
  if (types.includes(ORG.Membership.value)) {
    const person = first(ORG.member.value);
    if (person !== undefined) union.memberships.set(subject, { iri: subject, person, organization: first(ORG.organization.value), role: first(ORG.role.value), attestations: [] });
  }
  const period = first(ORG.memberDuring.value);
  if (period !== undefined) union.periodOf.set(subject, period);
  const begin = first(TIME.hasBeginning.value);
  const end = first(TIME.hasEnd.value);
  if (begin !== undefined || end !== undefined) union.bounds.set(subject, { begin, end });
  const date = statements.find(([p]) => p === TIME.inXSDDate.value);
  if (date !== undefined) union.dateOf.set(subject, own.intern(parseNtTerm(date[1]).value));
}

/** The labels of the nodes entities and offices link to that have no page of their own: titles, document types, undescribed agencies. */
function linkedLabels(candidates: Map<string, Props>, entities: Map<string, Entity>, memberships: Map<string, Membership>): Map<string, Props> {
  const linked = new Set<string>();
  for (const e of entities.values()) for (const values of e.props.values()) for (const v of values) if (isIri(v) && !entities.has(v.iri)) linked.add(v.iri);
  for (const m of memberships.values()) for (const n of [m.role, m.organization]) if (n !== undefined && !entities.has(n)) linked.add(n);
  const labels = new Map<string, Props>();
  for (const node of [...linked].sort(byCodeUnits)) {
    const props = candidates.get(node);
    if (props) labels.set(node, props);
  }
  return labels;
}

/** Maps each announcement's named graph to it, and it to its two NIF contexts, by the IRI patterns of `IriMinter`. */
function announcementIndex(entities: Map<string, Entity>, iris: IriMinter) {
  const announcementOfGraph = new Map<string, string>();
  const contexts = new Map<string, { announcement: string; field: 'headline' | 'body' }>();
  const textsOf = new Map<string, string[]>();
  const graphOf = new Map<string, string>();
  for (const e of entities.values()) {
    if (e.kind !== 'announcement') continue;
    const id = firstLiteral(e.props, SCHEMA.identifier.value);
    if (id === undefined) continue;
    const graph = iris.announcementGraph(id).value;
    announcementOfGraph.set(graph, e.iri);
    graphOf.set(e.iri, graph);
    const headline = iris.text(id, 'title').value;
    const body = iris.text(id, 'body').value;
    contexts.set(headline, { announcement: e.iri, field: 'headline' });
    contexts.set(body, { announcement: e.iri, field: 'body' });
    textsOf.set(e.iri, [headline, body]);
  }
  return { announcementOfGraph, contexts, textsOf, graphOf };
}

/**
 * Which announcements attest each office, and what each says of it: "nguyên"
 * (former) and "Quyền" (acting) are per text, so they are read from each
 * announcement's own graph in the N-Quads dump.
 */
async function readAttestations(path: string, memberships: Map<string, Membership>, announcementOfGraph: Map<string, string>): Promise<void> {
  const type = `<${TYPE}>`;
  const membershipClass = `<${ORG.Membership.value}> `;
  const flags = new Map([`<${LOA.former.value}>`, `<${LOA.acting.value}>`].map((p, i) => [p, i === 0 ? 'former' : 'acting'] as const));
  // Keyed `membership \0 announcement`: the graphs that type the office, and the flags each graph states.
  const typed = new Set<string>();
  const flagged = new Map<string, { former: boolean; acting: boolean }>();
  // Keys are made of the graph's own strings, never of pieces of a line: those would keep the file's chunks alive.
  const keyOf = (m: string, graph: string) => {
    const announcement = announcementOfGraph.get(graph);
    const membership = memberships.get(m);
    return membership === undefined || announcement === undefined ? undefined : `${membership.iri}\u0000${announcement}`;
  };
  await forEachGzipLine(path, (line) => {
    if (!line.startsWith('<')) return;
    const [subject, predicate, objectAt] = ntHead(line);
    const graphAt = nqGraphAt(line);
    const m = subject.slice(1, -1);
    const graph = line.slice(graphAt + 2, line.length - 3);
    if (predicate === type && line.startsWith(membershipClass, objectAt)) {
      const key = keyOf(m, graph);
      if (key !== undefined) typed.add(key);
      return;
    }
    const flag = flags.get(predicate);
    if (flag === undefined || parseNtTerm(line.slice(objectAt, graphAt)).value !== 'true') return;
    const key = keyOf(m, graph);
    if (key === undefined) return;
    let found = flagged.get(key);
    if (!found) flagged.set(key, (found = { former: false, acting: false }));
    found[flag] = true;
  });
  for (const key of typed) {
    const at = key.indexOf('\u0000');
    const announcement = key.slice(at + 1);
    memberships.get(key.slice(0, at))!.attestations.push({ announcement, former: false, acting: false, ...flagged.get(key) });
  }
  for (const m of memberships.values()) m.attestations.sort((a, b) => byCodeUnits(a.announcement, b.announcement));
}

function indexMemberships(memberships: Map<string, Membership>): Map<string, Membership[]> {
  const out = new Map<string, Membership[]>();
  const add = (key: string | undefined, m: Membership) => {
    if (key !== undefined) pushTo(out, key, m);
  };
  for (const m of memberships.values()) {
    add(m.person, m);
    if (m.organization !== m.person) add(m.organization, m);
  }
  for (const list of out.values()) list.sort((a, b) => byCodeUnits(a.iri, b.iri));
  return out;
}

/** Links between entities read backwards: who attends, organises, amends, mentions … this one. */
function reverseLinks(entities: Map<string, Entity>): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const e of entities.values()) {
    for (const [p, values] of e.props) {
      for (const v of values) {
        if (!isIri(v) || v.iri === e.iri || !entities.has(v.iri)) continue;
        const byPredicate = out.get(v.iri) ?? new Map<string, string[]>();
        out.set(v.iri, byPredicate);
        pushTo(byPredicate, p, e.iri);
      }
    }
  }
  for (const byPredicate of out.values()) for (const list of byPredicate.values()) list.sort(byCodeUnits);
  return out;
}

/** Spans in reading order: announcement, headline before body, offset, then IRI. */
export function compareSpans(a: Span, b: Span): number {
  return (
    byCodeUnits(a.announcement, b.announcement) ||
    (a.field === b.field ? 0 : a.field === 'headline' ? -1 : 1) ||
    a.begin - b.begin ||
    a.end - b.end ||
    byCodeUnits(a.iri, b.iri)
  );
}

/** The first literal of a predicate, preferring Vietnamese, then untagged, then any. */
export function firstLiteral(props: Props | undefined, predicate: string, lang?: string): string | undefined {
  const values = props?.get(predicate)?.filter((v): v is Literal => !isIri(v));
  if (!values?.length) return undefined;
  if (lang !== undefined) return values.find((v) => v.lang === lang)?.value;
  return (values.find((v) => v.lang === 'vi') ?? values.find((v) => v.lang === '') ?? values[0]!).value;
}

/** Every IRI object of a predicate. */
export function iriValues(props: Props | undefined, predicate: string): string[] {
  return (props?.get(predicate) ?? []).filter(isIri).map((v) => v.iri);
}

/** Literals of a predicate (all languages). */
export function literalValues(props: Props | undefined, predicate: string): Literal[] {
  return (props?.get(predicate) ?? []).filter((v): v is Literal => !isIri(v));
}

/** A node's display name in Vietnamese (or untagged), from its own triples or the label index. */
export function labelOf(graph: SiteGraph, node: string): string | undefined {
  const props = graph.entities.get(node)?.props ?? graph.labels.get(node);
  return (
    firstLiteral(props, SCHEMA.name.value) ??
    firstLiteral(props, SCHEMA.headline.value) ??
    firstLiteral(props, SKOS.prefLabel.value) ??
    firstLiteral(props, SCHEMA.legislationIdentifier.value)
  );
}

/** A node's English label, where the graph has one (`@en` name or prefLabel). */
export function englishLabelOf(graph: SiteGraph, node: string): string | undefined {
  const props = graph.entities.get(node)?.props ?? graph.labels.get(node);
  return firstLiteral(props, SCHEMA.name.value, 'en') ?? firstLiteral(props, SKOS.prefLabel.value, 'en');
}

/** The date part (YYYY-MM-DD) of an xsd:date or xsd:dateTime value. */
export function datePart(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(0, 10);
}

/** Entities of one kind, sorted by IRI. */
export function entitiesOfKind(graph: SiteGraph, kind: Kind): Entity[] {
  return [...graph.entities.values()].filter((e) => e.kind === kind).sort((a, b) => byCodeUnits(a.iri, b.iri));
}
