/**
 * The published graph as the entity pages and embeds need it, read from the
 * release store with a handful of SELECTs, each over the whole store or over
 * a batch of a thousand nodes bound with VALUES, and grouped in memory (never
 * one query per entity: a release of 100k announcements has ~500k entities).
 *
 * - `readSiteGraph` reads the entities that get a page (announcements, officials,
 *   agencies, legal documents, events, the offices named as issuers, and the
 *   provinces agencies serve and events take place in), the
 *   triples with each of them as subject, the labels of every node, and the
 *   memberships (offices held) with the announcements that attest them.
 * - The NIF spans (the text each statement was read from) and the bodies are
 *   not in the writers' store: `AnnouncementTexts` reads them from the N-Quads
 *   dump a batch of announcements at a time, so the site writer never holds
 *   every body at once.
 *
 * Every list is sorted by code units, so whatever order the store answers in,
 * the pages come out byte-identical.
 */
import type { Store } from 'oxigraph';
import type { IriMinter } from '../../core/iri.ts';
import { LOA, ORG, RDF, SCHEMA, SKOS, TIME } from '../../core/vocab.ts';
import { parseTsvResults, type Row, type RowTerm } from './sparql-tsv.ts';
import { byCodeUnits } from '../../core/text.ts';

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

function toValue(t: RowTerm): Value {
  if (t.termType === 'Literal') return { value: t.value, lang: t.language, datatype: t.datatype };
  if (t.termType === 'BlankNode') return { iri: `_:${t.value}` };
  return { iri: t.value };
}

/**
 * Sorts each predicate's values and drops repeats (a store queried through the
 * union of its named graphs answers a triple once per graph holding it).
 */
function sortProps(props: Props): void {
  for (const [p, list] of props) {
    const keyed = list.map((v) => [valueKey(v), v] as const).sort((a, b) => byCodeUnits(a[0], b[0]));
    props.set(
      p,
      keyed.filter((k, i) => i === 0 || k[0] !== keyed[i - 1]![0]).map(([, v]) => v),
    );
  }
}

/** IRIs bound per query when a query is run over a list of nodes: keeps each answer a few megabytes. */
const BATCH = 1000;

/**
 * Runs SELECTs over the union of the graphs, answers read as TSV (see
 * sparql-tsv.ts). A store loaded by `loadRelease` holds the union in its
 * default graph; a store holding only named graphs is queried with the union
 * as default graph (rows may then repeat: callers dedupe).
 */
class Selector {
  private readonly options: { use_default_graph_as_union?: boolean };

  constructor(private readonly store: Store) {
    const defaultGraphHasTriples = store.query('ASK { ?s ?p ?o }') === true;
    this.options = defaultGraphHasTriples ? {} : { use_default_graph_as_union: true };
  }

  select(query: string): Row[] {
    return parseTsvResults(this.store.query(query, { ...this.options, results_format: 'text/tab-separated-values' }) as string);
  }

  /** Runs `query(values)` for batches of IRIs, `values` being the batch written as a VALUES list; calls `each` per row. */
  selectIn(nodes: readonly string[], query: (values: string) => string, each: (row: Row) => void): void {
    for (let i = 0; i < nodes.length; i += BATCH) {
      const values = nodes
        .slice(i, i + BATCH)
        .map((n) => `<${n}>`)
        .join(' ');
      for (const row of this.select(query(values))) each(row);
    }
  }
}

const iri = (t: { value: string }) => `<${t.value}>`;

/** The graph read for one store, shared by `writeEmbeds` and `writeSite` when both run on it. */
const graphs = new WeakMap<Store, SiteGraph>();

export function siteGraphOf(store: Store, iris: IriMinter): SiteGraph {
  let graph = graphs.get(store);
  if (!graph || graph.base !== iris.base) {
    graph = readSiteGraph(store, iris);
    graphs.set(store, graph);
  }
  return graph;
}

/** Reads everything the pages and embeds show except the spans and the bodies. */
export function readSiteGraph(store: Store, iris: IriMinter): SiteGraph {
  const selector = new Selector(store);
  const entities = readEntities(selector);
  const { announcementOfGraph, contexts, textsOf, graphOf } = announcementIndex(entities, iris);
  const memberships = readMemberships(selector, announcementOfGraph);
  const labels = readLabels(selector, iris.base, entities, memberships);
  return {
    base: iris.base,
    entities,
    labels,
    memberships,
    membershipsOf: indexMemberships(memberships),
    reverse: reverseLinks(entities),
    contexts,
    textsOf,
    graphOf,
  };
}

/** The entities that get pages, with their types and the triples they are the subject of (read a batch of subjects at a time). */
function readEntities(selector: Selector): Map<string, Entity> {
  const types = new Map<string, Set<string>>();
  const typeList = KIND_BY_TYPE.map(([t]) => `<${t}>`).join(' ');
  for (const row of selector.select(`SELECT ?s ?t WHERE { VALUES ?t { ${typeList} } ?s a ?t }`)) {
    const s = row.get('s')!;
    if (s.termType !== 'NamedNode') continue;
    const set = types.get(s.value) ?? new Set<string>();
    set.add(row.get('t')!.value);
    types.set(s.value, set);
  }
  const entities = new Map<string, Entity>();
  for (const s of [...types.keys()].sort(byCodeUnits)) {
    const set = types.get(s)!;
    const kind = KIND_BY_TYPE.find(([t]) => set.has(t))![1];
    entities.set(s, { iri: s, kind, types: [], props: new Map() });
  }
  selector.selectIn(
    [...entities.keys()],
    (values) => `SELECT ?s ?p ?o WHERE { VALUES ?s { ${values} } ?s ?p ?o . FILTER(?p != ${iri(SCHEMA.articleBody)}) }`,
    (row) => {
      const entity = entities.get(row.get('s')!.value)!;
      const p = row.get('p')!.value;
      const o = row.get('o')!;
      if (p === RDF.type.value) {
        if (!entity.types.includes(o.value)) entity.types.push(o.value);
      } else pushTo(entity.props, p, toValue(o));
    },
  );
  for (const e of entities.values()) {
    e.types.sort(byCodeUnits);
    sortProps(e.props);
  }
  return entities;
}

/** The predicates read as a node's label, wherever the node is linked from. */
export const LABEL_PREDICATES = [SCHEMA.name.value, SKOS.prefLabel.value, SCHEMA.headline.value] as const;

/** Labels of the nodes under the base that pages link to and that have no page of their own: titles, document types, undescribed agencies. */
function readLabels(selector: Selector, base: string, entities: Map<string, Entity>, memberships: Map<string, Membership>): Map<string, Props> {
  const linked = new Set<string>();
  for (const e of entities.values()) for (const values of e.props.values()) for (const v of values) if (isIri(v) && !entities.has(v.iri)) linked.add(v.iri);
  for (const m of memberships.values()) for (const n of [m.role, m.organization]) if (n !== undefined && !entities.has(n)) linked.add(n);
  const labels = new Map<string, Props>();
  const predicates = LABEL_PREDICATES.map((p) => `<${p}>`).join(', ');
  // A second VALUES for the predicates makes oxigraph's plan some 70× slower than this FILTER.
  selector.selectIn(
    [...linked].filter((n) => n.startsWith(base)).sort(byCodeUnits),
    (values) => `SELECT ?s ?p ?o WHERE { VALUES ?s { ${values} } ?s ?p ?o . FILTER(?p IN (${predicates})) }`,
    (row) => {
      const s = row.get('s')!.value;
      const props = labels.get(s) ?? new Map<string, Value[]>();
      labels.set(s, props);
      pushTo(props, row.get('p')!.value, toValue(row.get('o')!));
    },
  );
  for (const props of labels.values()) sortProps(props);
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

function readMemberships(selector: Selector, announcementOfGraph: Map<string, string>): Map<string, Membership> {
  const memberships = new Map<string, Membership>();
  const rows = selector.select(
    `SELECT ?m ?person ?org ?role WHERE { ?m a ${iri(ORG.Membership)} ; ${iri(ORG.member)} ?person .
       OPTIONAL { ?m ${iri(ORG.organization)} ?org } OPTIONAL { ?m ${iri(ORG.role)} ?role } }`,
  );
  for (const row of rows) {
    const m = row.get('m')!.value;
    if (memberships.has(m)) continue;
    memberships.set(m, {
      iri: m,
      person: row.get('person')!.value,
      organization: row.get('org')?.value,
      role: row.get('role')?.value,
      attestations: [],
    });
  }
  const periods = selector.select(
    `SELECT ?m ?start ?end WHERE { ?m ${iri(ORG.memberDuring)} ?i .
       OPTIONAL { ?i ${iri(TIME.hasBeginning)} ?b . ?b ${iri(TIME.inXSDDate)} ?start }
       OPTIONAL { ?i ${iri(TIME.hasEnd)} ?e . ?e ${iri(TIME.inXSDDate)} ?end } }`,
  );
  for (const row of periods) {
    const m = memberships.get(row.get('m')!.value);
    if (!m) continue;
    m.start = row.get('start')?.value ?? m.start;
    m.end = row.get('end')?.value ?? m.end;
  }
  // What each announcement's own graph says of the membership: "nguyên" (former) and "Quyền" (acting) are per text.
  const attested = selector.select(
    `SELECT ?g ?m ?former ?acting WHERE { GRAPH ?g { ?m a ${iri(ORG.Membership)} .
       OPTIONAL { ?m ${iri(LOA.former)} ?former } OPTIONAL { ?m ${iri(LOA.acting)} ?acting } } }`,
  );
  const seen = new Set<string>();
  for (const row of attested) {
    const m = memberships.get(row.get('m')!.value);
    const announcement = announcementOfGraph.get(row.get('g')!.value);
    if (!m || !announcement || seen.has(`${m.iri} ${announcement}`)) continue;
    seen.add(`${m.iri} ${announcement}`);
    const flag = (name: string) => row.get(name)?.value === 'true';
    m.attestations.push({ announcement, former: flag('former'), acting: flag('acting') });
  }
  for (const m of memberships.values()) m.attestations.sort((a, b) => byCodeUnits(a.announcement, b.announcement));
  return memberships;
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
