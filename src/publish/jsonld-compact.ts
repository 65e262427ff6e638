/**
 * Compacted JSON-LD written directly from quads, with the terms and prefixes of
 * `ontology/context.jsonld`. The JSON-LD dump holds about 250 statements per
 * announcement for up to 100,000 announcements: compacting each graph with the
 * `jsonld` library would cost minutes, while the mapping here is a table lookup
 * per statement. It only ever writes forms whose meaning under the context is
 * plain (full IRIs for nodes, a term only where its coercion fits the value, a
 * compact IRI or the full IRI otherwise), and the tests expand the output with
 * the `jsonld` library and compare it with the N-Quads dump.
 */
import { readFileSync } from 'node:fs';
import type * as RDF from '@rdfjs/types';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

interface TermDefinition {
  iri: string;
  /** `@id` for IRI-valued terms, a datatype IRI, or absent. */
  coercion?: string;
}

type ContextValue = string | { '@id'?: string; '@type'?: string; '@container'?: unknown; '@language'?: unknown };

/** What the compactor needs of a JSON-LD context: its prefixes, its vocabulary, and its terms. */
export class CompactionContext {
  private readonly prefixes: [string, string][] = [];
  private readonly vocab: string | undefined;
  /** Term names by the IRI they stand for. */
  private readonly termsByIri = new Map<string, { name: string; definition: TermDefinition }[]>();
  private readonly termNames = new Set<string>();
  private readonly keyCache = new Map<string, string>();

  /** @param context the value of a context document's `@context` member */
  constructor(readonly context: Record<string, ContextValue>) {
    const vocab = context['@vocab'];
    this.vocab = typeof vocab === 'string' ? vocab : undefined;
    // Simple string entries ending in / or # are the prefixes; the rest are terms.
    for (const [name, value] of Object.entries(context)) {
      if (name.startsWith('@')) continue;
      this.termNames.add(name);
      if (typeof value === 'string') {
        if (/[/#]$/.test(value)) this.prefixes.push([name, value]);
        continue;
      }
      if (value['@container'] !== undefined || value['@language'] !== undefined || !value['@id']) continue;
      const definition: TermDefinition = { iri: this.expand(value['@id']) };
      if (value['@type']) definition.coercion = value['@type'] === '@id' ? '@id' : this.expand(value['@type']);
      const list = this.termsByIri.get(definition.iri) ?? [];
      list.push({ name, definition });
      this.termsByIri.set(definition.iri, list);
    }
    // Longest namespace first, so the most specific prefix wins.
    this.prefixes.sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  }

  /** Expands a compact IRI of the context (`schema:name`) to the full IRI. */
  private expand(value: string): string {
    const colon = value.indexOf(':');
    if (colon > 0) {
      const prefix = this.context[value.slice(0, colon)];
      if (typeof prefix === 'string' && !value.slice(colon + 1).startsWith('//')) return prefix + value.slice(colon + 1);
      return value;
    }
    return (this.vocab ?? '') + value;
  }

  /**
   * An IRI as a compact IRI when a prefix covers it and the rest is a plain
   * name (so it cannot be read as anything else), or else in full.
   */
  compactIri(iri: string): string {
    for (const [name, ns] of this.prefixes) {
      if (iri.startsWith(ns) && iri.length > ns.length) {
        const local = iri.slice(ns.length);
        if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(local) && !local.endsWith('.')) return `${name}:${local}`;
      }
    }
    return iri;
  }

  /** A class IRI as a `@type` value: vocabulary-relative when it is in the vocabulary and no term shadows it. */
  typeName(iri: string): string {
    if (this.vocab && iri.startsWith(this.vocab)) {
      const local = iri.slice(this.vocab.length);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(local) && !this.termNames.has(local)) return local;
    }
    return this.compactIri(iri);
  }

  /** The key for a predicate and a value: a term whose coercion fits the value, else a key with no coercion. */
  key(predicate: string, object: RDF.Term): { key: string; coerced: boolean } {
    const coercion = object.termType === 'Literal' ? (object.language ? undefined : object.datatype.value) : '@id';
    for (const { name, definition } of this.termsByIri.get(predicate) ?? []) {
      if (definition.coercion !== undefined && definition.coercion === coercion) return { key: name, coerced: true };
    }
    const cached = this.keyCache.get(predicate);
    if (cached !== undefined) return { key: cached, coerced: false };
    let key = this.compactIri(predicate);
    // A bare vocabulary name is shorter, but only safe where no term of that name exists.
    if (this.vocab && predicate.startsWith(this.vocab)) {
      const local = predicate.slice(this.vocab.length);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(local) && !this.termNames.has(local)) key = local;
    }
    this.keyCache.set(predicate, key);
    return { key, coerced: false };
  }
}

/** A node reference: `_:` labels stay blank-node identifiers, IRIs are written in full. */
function nodeId(term: RDF.Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function valueOf(ctx: CompactionContext, object: RDF.Term, coerced: boolean): unknown {
  if (object.termType !== 'Literal') return coerced ? nodeId(object) : { '@id': nodeId(object) };
  if (object.language) return { '@value': object.value, '@language': object.language };
  if (coerced) return object.value;
  if (object.datatype.value === XSD_STRING) return object.value;
  return { '@value': object.value, '@type': ctx.compactIri(object.datatype.value) };
}

/**
 * The node objects of one graph, in the order of `quads`: each subject's
 * statements must be consecutive (they are when the quads are sorted by their
 * N-Quads line). Keys keep first-seen order; a key with one value holds it bare.
 */
export function nodeObjects(ctx: CompactionContext, quads: readonly RDF.Quad[]): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [];
  let current: Record<string, unknown[]> | undefined;
  let subject = '';
  let types: string[] = [];
  const finish = () => {
    if (!current) return;
    const node: Record<string, unknown> = { '@id': subject };
    if (types.length > 0) node['@type'] = types.length === 1 ? types[0] : types;
    for (const [key, values] of Object.entries(current)) node[key] = values.length === 1 ? values[0] : values;
    nodes.push(node);
  };
  for (const q of quads) {
    const s = nodeId(q.subject);
    if (current === undefined || s !== subject) {
      finish();
      current = {};
      subject = s;
      types = [];
    }
    if (q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode') {
      types.push(ctx.typeName(q.object.value));
      continue;
    }
    const { key, coerced } = ctx.key(q.predicate.value, q.object);
    (current[key] ??= []).push(valueOf(ctx, q.object, coerced));
  }
  finish();
  return nodes;
}

/** The compaction context of a JSON-LD context document (such as `ontology/context.jsonld`). */
export function contextFromFile(path: string): CompactionContext {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { '@context': Record<string, ContextValue> };
  return new CompactionContext(doc['@context']);
}
