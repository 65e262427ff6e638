/**
 * The RDF description written beside each entity page, in three syntaxes of the
 * same triples: `.nt` (N-Triples, sorted), `.ttl` (Turtle, prefixed) and
 * `.jsonld` (JSON-LD in expanded form: full IRIs, every value a `@id`,
 * `@value`/`@language` or `@value`/`@type` object; no remote context to fetch).
 *
 * The description is the triples with the entity as subject (as published,
 * types included; an announcement's body too), then the labels
 * (`schema:name`, `skos:prefLabel`, `schema:headline`) of every node it links
 * to, so the file reads on its own.
 */
import { DataFactory, Writer, type Quad } from 'n3';
import { NS, RDF, SCHEMA, XSD } from '../../core/vocab.ts';
import { isIri, LABEL_PREDICATES, type Entity, type Literal, type SiteGraph, type Value } from './graph.ts';
import { byCodeUnits } from '../../core/text.ts';

const { namedNode, literal, blankNode, quad } = DataFactory;

/** One triple of a description; the subject and predicate are IRIs. */
export interface Triple {
  subject: string;
  predicate: string;
  object: Value;
}

/** The triples of an entity's description, in a fixed order: its own (by predicate), then each linked node's labels (by node). */
export function descriptionOf(graph: SiteGraph, entity: Entity, body?: Literal): Triple[] {
  const own: Triple[] = entity.types.map((t) => ({ subject: entity.iri, predicate: RDF.type.value, object: { iri: t } }));
  const predicates = [...entity.props.keys()].sort(byCodeUnits);
  for (const p of predicates) for (const object of entity.props.get(p)!) own.push({ subject: entity.iri, predicate: p, object });
  if (body !== undefined) own.push({ subject: entity.iri, predicate: SCHEMA.articleBody.value, object: body });
  own.sort((a, b) => byCodeUnits(a.predicate, b.predicate));
  const linked = new Set<string>();
  for (const t of own) if (isIri(t.object) && t.object.iri !== entity.iri) linked.add(t.object.iri);
  const labels: Triple[] = [];
  for (const node of [...linked].sort(byCodeUnits)) {
    const props = graph.entities.get(node)?.props ?? graph.labels.get(node);
    for (const p of LABEL_PREDICATES) for (const object of props?.get(p) ?? []) labels.push({ subject: node, predicate: p, object });
  }
  return [...own, ...labels];
}

function toQuad(t: Triple): Quad {
  const subject = t.subject.startsWith('_:') ? blankNode(t.subject.slice(2)) : namedNode(t.subject);
  const o = t.object;
  const object = isIri(o)
    ? o.iri.startsWith('_:')
      ? blankNode(o.iri.slice(2))
      : namedNode(o.iri)
    : literal(o.value, o.lang !== '' ? o.lang : namedNode(o.datatype));
  return quad(subject, namedNode(t.predicate), object);
}

const lineWriter = new Writer({ format: 'N-Triples' });

/** N-Triples, one line per triple, sorted (the order `loa.nt.gz` uses). */
export function toNTriples(triples: readonly Triple[]): string {
  const lines = triples.map((t) => {
    const q = toQuad(t);
    return lineWriter.quadToString(q.subject, q.predicate, q.object);
  });
  return [...new Set(lines)].sort(byCodeUnits).join('');
}

/** Turtle with the prefixes of the vocabularies it uses, subjects in the description's order. */
export function toTurtle(triples: readonly Triple[]): string {
  const used = new Set<string>();
  const note = (iri: string) => {
    for (const [prefix, ns] of Object.entries(NS)) if (iri.startsWith(ns) && iri.length > ns.length) used.add(prefix);
  };
  for (const t of triples) {
    note(t.predicate);
    if (isIri(t.object)) note(t.object.iri);
    else if (t.object.lang === '' && t.object.datatype !== XSD.string.value) note(t.object.datatype);
  }
  const prefixes = Object.fromEntries(Object.entries(NS).filter(([prefix]) => used.has(prefix)));
  const writer = new Writer({ format: 'Turtle', prefixes });
  writer.addQuads(triples.map(toQuad));
  let text = '';
  // Without an output stream the writer calls back at once, with the whole text.
  writer.end((error, result) => {
    if (error) throw error;
    text = result;
  });
  return text;
}

/** A value as an expanded JSON-LD value object. */
function jsonLdValue(v: Value): Record<string, string> {
  if (isIri(v)) return { '@id': v.iri };
  if (v.lang !== '') return { '@value': v.value, '@language': v.lang };
  if (v.datatype === XSD.string.value) return { '@value': v.value };
  return { '@value': v.value, '@type': v.datatype };
}

/** Expanded JSON-LD of the same triples: one node object per subject, in the description's order. */
export function toExpandedJsonLd(triples: readonly Triple[]): string {
  const nodes = new Map<string, Record<string, unknown>>();
  for (const t of triples) {
    let node = nodes.get(t.subject);
    if (!node) {
      node = { '@id': t.subject };
      nodes.set(t.subject, node);
    }
    if (t.predicate === RDF.type.value && isIri(t.object)) {
      ((node['@type'] ??= []) as string[]).push(t.object.iri);
    } else {
      ((node[t.predicate] ??= []) as unknown[]).push(jsonLdValue(t.object));
    }
  }
  return `${JSON.stringify([...nodes.values()], null, 2)}\n`;
}
