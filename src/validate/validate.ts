/**
 * The validation gate: loa's quads against its shapes (`ontology/shapes.ttl`),
 * one named graph at a time, so every result names the announcement its node
 * came from. The report is plain data; the pipeline decides what to do with it.
 */
import type { Quad, Term } from '@rdfjs/types';
import { Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { AnnouncementView } from './announcement-view.ts';
import { loadShapes, SH, type Shapes } from './shapes.ts';

/** How serious a result is: only violations stop a release. */
export type Severity = 'Violation' | 'Warning' | 'Info';

/**
 * One node that does not satisfy one constraint. Terms are written as in a
 * report for people: an IRI as itself, a blank node as `_:label`, a literal in
 * N-Triples form (`"Luật"@vi`, `"2024-02-31"^^<http://www.w3.org/2001/XMLSchema#date>`).
 */
export interface ValidationResult {
  /** The node that fails. */
  focusNode: string;
  /** IRI of the shape that reports it: a property shape (`…/shapes#Person-worksFor`) or a node shape. */
  shape: string;
  /** IRI of the SHACL constraint component, e.g. `http://www.w3.org/ns/shacl#MinCountConstraintComponent`. */
  constraint: string;
  /** The property: a predicate IRI, or a SPARQL property path for a complex `sh:path`. Absent for a node constraint. */
  path?: string;
  severity: Severity;
  /** The shape's `sh:message` (English), or the engine's own message. */
  message: string;
  /** The value that fails, when there is one (at most 200 characters of a literal). */
  value?: string;
  /** The named graph the focus node's statements came from: an announcement's graph, or a shared one (reference data, membership periods). Absent for the default graph. */
  graph?: string;
}

/** What {@link validateQuads} returns. */
export interface ValidationReport {
  /**
   * True when no result is a violation. Warnings do not stop a release, so this
   * differs from SHACL's own `sh:conforms`, which any result makes false.
   */
  conforms: boolean;
  /** Sorted by graph, focus node, shape, constraint and value, so the same input gives the same report. */
  results: ValidationResult[];
}

/** Options of {@link validateQuads}. */
export interface ValidateOptions {
  /** A shapes file other than the bundled `ontology/shapes.ttl` (tests). */
  shapesFile?: string;
  /**
   * Which named graphs hold shared facts (drawn from many announcements or from
   * reference data) rather than one announcement's statements. Default: every
   * named graph whose IRI does not contain `/graph/announcement/` (as
   * `src/core/iri.ts` mints them), that is the reference graph and the graph of
   * membership periods.
   */
  isSharedGraph?: (graphIri: string) => boolean;
}

const DEFAULT_GRAPH = '';
const MAX_VALUE_LENGTH = 200;

/**
 * Validates quads against loa's shapes, one graph at a time, so that each result
 * names the graph its node came from. An announcement's graph is validated over
 * the shared graphs (see {@link ValidateOptions.isSharedGraph}) and the subclass
 * axioms of the shapes file: its own nodes are the focus nodes, and look-ups
 * about any node also see the shared graphs (an agency's class, names and
 * parents; a membership's period). Each shared graph is validated once, over
 * the other shared graphs; a result it shows is not repeated for every
 * announcement that mentions the same node. Quads in the default graph are
 * validated as one more announcement.
 *
 * @example
 * const report = await validateQuads(quads);
 * if (!report.conforms) for (const r of report.results) console.log(r.graph, r.focusNode, r.shape, r.message);
 */
export async function validateQuads(quads: Iterable<Quad>, options: ValidateOptions = {}): Promise<ValidationReport> {
  const shapes = loadShapes(options.shapesFile);
  const isShared = options.isSharedGraph ?? ((iri: string) => !iri.includes('/graph/announcement/'));
  const graphs = triplesByGraph(quads);
  const shared = [...graphs].filter(([key]) => key !== DEFAULT_GRAPH && isShared(key));
  const sharedStores = shared.map(([, store]) => store);
  const validator = validatorFor(shapes);

  const results: ValidationResult[] = [];
  const seenInShared = new Set<string>();
  for (const [key, own] of shared) {
    const context = [...sharedStores.filter((s) => s !== own), shapes.hierarchy];
    for (const r of await validateGraph(validator, shapes, own, context, key)) {
      results.push(r);
      seenInShared.add(resultKey(r));
    }
  }
  for (const [key, own] of graphs) {
    if (sharedStores.includes(own)) continue;
    for (const r of await validateGraph(validator, shapes, own, [...sharedStores, shapes.hierarchy], key)) {
      if (!seenInShared.has(resultKey(r))) results.push(r);
    }
  }
  results.sort(compareResults);
  return { conforms: !results.some((r) => r.severity === 'Violation'), results };
}

/**
 * A validator for a build that writes one announcement graph at a time: the
 * shared graphs (reference data, membership periods) are given once, checked
 * once, and every announcement graph is then checked over them as it is produced.
 *
 * @example
 * const gate = new GraphValidator(sharedQuads);
 * const shared = await gate.validateShared();
 * for (const graph of graphs) results.push(...(await gate.validateGraph(graph)));
 */
export class GraphValidator {
  private readonly shapes: Shapes;
  private readonly validator: SHACLValidator;
  private readonly shared: [string, Store][];
  private readonly seenInShared = new Set<string>();

  constructor(sharedQuads: Iterable<Quad>, options: Pick<ValidateOptions, 'shapesFile'> = {}) {
    this.shapes = loadShapes(options.shapesFile);
    this.validator = validatorFor(this.shapes);
    this.shared = [...triplesByGraph(sharedQuads)];
  }

  /** Results of the shared graphs themselves; call once, before any announcement graph. */
  async validateShared(): Promise<ValidationResult[]> {
    const out: ValidationResult[] = [];
    const stores = this.shared.map(([, store]) => store);
    for (const [key, own] of this.shared) {
      for (const r of await validateGraph(this.validator, this.shapes, own, [...stores.filter((x) => x !== own), this.shapes.hierarchy], key)) {
        out.push(r);
        this.seenInShared.add(resultKey(r));
      }
    }
    return out.sort(compareResults);
  }

  /** Results of one announcement's graph (all its quads carry the same graph term), over the shared graphs. */
  async validateGraph(quads: Iterable<Quad>): Promise<ValidationResult[]> {
    const out: ValidationResult[] = [];
    const stores = this.shared.map(([, store]) => store);
    for (const [key, own] of triplesByGraph(quads)) {
      for (const r of await validateGraph(this.validator, this.shapes, own, [...stores, this.shapes.hierarchy], key)) {
        if (!this.seenInShared.has(resultKey(r))) out.push(r);
      }
    }
    return out.sort(compareResults);
  }
}

const validators = new WeakMap<Shapes, SHACLValidator>();

/**
 * The engine for the shapes, built once. It is reusable: each `validate` call
 * starts a fresh report, and runs synchronously once started.
 */
function validatorFor(shapes: Shapes): SHACLValidator {
  let validator = validators.get(shapes);
  if (!validator) {
    // maxNodeChecks 0 (an option its types omit): the engine otherwise stops checking a node
    // against a shape after 50 checks in one run, silently.
    const options: ConstructorParameters<typeof SHACLValidator>[1] & { maxNodeChecks: number } = { maxNodeChecks: 0 };
    validator = new SHACLValidator(shapes.store, options);
    validators.set(shapes, validator);
  }
  return validator;
}

async function validateGraph(validator: SHACLValidator, shapes: Shapes, own: Store, shared: Store[], key: string): Promise<ValidationResult[]> {
  const report = await validator.validate(new AnnouncementView(own, shared));
  const graph = key === DEFAULT_GRAPH ? undefined : key;
  const seen = new Set<string>();
  const out: ValidationResult[] = [];
  for (const r of report.results) {
    const result = plainResult(r, shapes, graph);
    const k = resultKey(result);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(result);
  }
  return out;
}

interface EngineResult {
  readonly focusNode: Term | null;
  readonly sourceShape: Term | null;
  readonly sourceConstraintComponent: Term | null;
  readonly severity: Term | null;
  readonly value: Term | null;
  readonly message: Term[];
}

function plainResult(r: EngineResult, shapes: Shapes, graph: string | undefined): ValidationResult {
  const shape = r.sourceShape;
  const result: ValidationResult = {
    focusNode: r.focusNode ? termText(r.focusNode) : '',
    shape: shape ? termText(shape) : '',
    constraint: r.sourceConstraintComponent?.value ?? '',
    severity: severityOf(r.severity),
    message: messageOf(r.message, r.sourceConstraintComponent),
  };
  const path = shape ? shapePath(shapes.store, shape) : undefined;
  if (path) result.path = path;
  if (r.value && !(r.focusNode && r.value.equals(r.focusNode) && !path)) result.value = termText(r.value);
  if (graph !== undefined) result.graph = graph;
  return result;
}

function severityOf(term: Term | null): Severity {
  const local = term?.value.slice(SH.length);
  return local === 'Warning' || local === 'Info' ? local : 'Violation';
}

/** The English (or untagged) message, else the first one, else the constraint's name. */
function messageOf(messages: Term[], component: Term | null): string {
  const literals = messages.filter((m) => m.termType === 'Literal');
  const chosen = literals.find((m) => m.language === 'en') ?? literals.find((m) => m.language === '') ?? literals[0];
  return chosen?.value ?? `fails ${component?.value.slice(SH.length) ?? 'a constraint'}`;
}

/** The `sh:path` of a shape, as a predicate IRI or a SPARQL property path; undefined for a node shape. */
function shapePath(store: Store, shape: Term): string | undefined {
  const [path] = store.getObjects(shape as Quad['subject'], SH + 'path', null);
  if (!path) return undefined;
  return path.termType === 'NamedNode' ? path.value : pathText(store, path);
}

/** SPARQL 1.1 property path syntax for a SHACL path node. */
function pathText(store: Store, node: Term): string {
  if (node.termType === 'NamedNode') return `<${node.value}>`;
  const list = listItems(store, node);
  if (list) return `(${list.map((n) => pathText(store, n)).join(' / ')})`;
  const one = (p: string) => store.getObjects(node as Quad['subject'], SH + p, null)[0];
  const inverse = one('inversePath');
  if (inverse) return `^${pathText(store, inverse)}`;
  const alternatives = one('alternativePath');
  if (alternatives) return `(${(listItems(store, alternatives) ?? []).map((n) => pathText(store, n)).join(' | ')})`;
  for (const [p, mark] of [['zeroOrMorePath', '*'], ['oneOrMorePath', '+'], ['zeroOrOnePath', '?']] as const) {
    const inner = one(p);
    if (inner) return `(${pathText(store, inner)})${mark}`;
  }
  return termText(node);
}

/** The members of an RDF list, or undefined when `node` is not a list. */
function listItems(store: Store, node: Term): Term[] | undefined {
  const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
  const items: Term[] = [];
  let cell: Term = node;
  while (cell.value !== RDF + 'nil') {
    const [first] = store.getObjects(cell as Quad['subject'], RDF + 'first', null);
    const [rest] = store.getObjects(cell as Quad['subject'], RDF + 'rest', null);
    if (!first || !rest) return items.length === 0 ? undefined : items;
    items.push(first);
    cell = rest;
  }
  return items;
}

/** A term for a report: IRI as itself, blank node `_:label`, literal in N-Triples form (long text shortened). */
export function termText(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return term.value;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      const text = term.value.length > MAX_VALUE_LENGTH ? `${term.value.slice(0, MAX_VALUE_LENGTH - 1)}…` : term.value;
      const quoted = `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
      if (term.language) return `${quoted}@${term.language}`;
      return term.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? quoted : `${quoted}^^<${term.datatype.value}>`;
    }
    default:
      return term.value;
  }
}

/** Triples (default graph) per source graph; the default graph's key is ''. */
function triplesByGraph(quads: Iterable<Quad>): Map<string, Store> {
  const graphs = new Map<string, Store>();
  for (const q of quads) {
    const key = q.graph.termType === 'DefaultGraph' ? DEFAULT_GRAPH : termText(q.graph);
    let store = graphs.get(key);
    if (!store) graphs.set(key, (store = new Store()));
    store.addQuad(q.subject, q.predicate, q.object);
  }
  return new Map([...graphs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function resultKey(r: ValidationResult): string {
  return [r.focusNode, r.shape, r.constraint, r.value ?? ''].join('\u0000');
}

function compareResults(a: ValidationResult, b: ValidationResult): number {
  for (const k of ['graph', 'focusNode', 'shape', 'constraint', 'value'] as const) {
    const x = a[k] ?? '';
    const y = b[k] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
