/**
 * The validation gate: loa's quads against its shapes (`ontology/shapes.ttl`),
 * one named graph at a time, so every result names the announcement its node
 * came from. The report is plain data; the pipeline decides what to do with it.
 */
import type { Quad, Term } from '@rdfjs/types';
import { Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { AnnouncementView } from './announcement-view.ts';
import { compileShapes, severityOf, shapePath, termText, type ValidationContext } from './compiled.ts';
import { loadShapes, SH, type Shapes } from './shapes.ts';

export { termText } from './compiled.ts';

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
  /**
   * The SHACL engine. `compiled` (the default): shapes compiled into plain
   * look-ups (compiled.ts), with the same results, falling back to
   * rdf-validate-shacl for a shapes file that uses anything the compiler does
   * not implement. `reference`: rdf-validate-shacl always.
   */
  engine?: Engine;
}

/** See {@link ValidateOptions.engine}. */
export type Engine = 'compiled' | 'reference';

const DEFAULT_GRAPH = '';

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
  const graphs = quadsByGraph(quads);
  const shared = [...graphs].filter(([key]) => key !== DEFAULT_GRAPH && isShared(key));
  const sharedKeys = new Set(shared.map(([key]) => key));
  const checker = checkerFor(shapes, shared, options.engine);

  const results: ValidationResult[] = [];
  const seenInShared = new Set<string>();
  for (const [key] of shared) {
    for (const r of distinct(await checker.shared(key))) {
      results.push(r);
      seenInShared.add(resultKey(r));
    }
  }
  for (const [key, own] of graphs) {
    if (sharedKeys.has(key)) continue;
    for (const r of distinct(await checker.graph(key, own))) {
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
  /** The engine in use: `compiled` unless asked for the reference or the shapes need it. */
  readonly engine: Engine;
  private readonly checker: Checker;
  private readonly sharedKeys: string[];
  private readonly seenInShared = new Set<string>();

  constructor(sharedQuads: Iterable<Quad>, options: Pick<ValidateOptions, 'shapesFile' | 'engine'> = {}) {
    const shapes = loadShapes(options.shapesFile);
    const shared = [...quadsByGraph(sharedQuads)];
    this.sharedKeys = shared.map(([key]) => key);
    this.checker = checkerFor(shapes, shared, options.engine);
    this.engine = this.checker.engine;
  }

  /** Results of the shared graphs themselves; call once, before any announcement graph. */
  async validateShared(): Promise<ValidationResult[]> {
    const out: ValidationResult[] = [];
    for (const key of this.sharedKeys) {
      for (const r of distinct(await this.checker.shared(key))) {
        out.push(r);
        this.seenInShared.add(resultKey(r));
      }
    }
    return out.sort(compareResults);
  }

  /** Results of one announcement's graph (all its quads carry the same graph term), over the shared graphs. */
  async validateGraph(quads: Iterable<Quad>): Promise<ValidationResult[]> {
    const out: ValidationResult[] = [];
    for (const [key, own] of quadsByGraph(quads)) {
      for (const r of distinct(await this.checker.graph(key, own))) {
        if (!this.seenInShared.has(resultKey(r))) out.push(r);
      }
    }
    return out.sort(compareResults);
  }
}

/**
 * One engine over given shared graphs: the results of a graph, each as the
 * engine reports it (not yet de-duplicated).
 */
interface Checker {
  readonly engine: Engine;
  /** A shared graph, over the other shared graphs. */
  shared(key: string): Promise<ValidationResult[]>;
  /** A graph's own triples, over all the shared graphs. */
  graph(key: string, quads: Quad[]): Promise<ValidationResult[]>;
}

function checkerFor(shapes: Shapes, shared: [string, Quad[]][], engine: Engine = 'compiled'): Checker {
  const compiled = engine === 'compiled' ? compileShapes(shapes) : undefined;
  return compiled?.supported ? new CompiledChecker(compiled.shapes.context(shared)) : new ReferenceChecker(shapes, shared);
}

class CompiledChecker implements Checker {
  readonly engine = 'compiled';

  constructor(private readonly context: ValidationContext) {}

  async shared(key: string): Promise<ValidationResult[]> {
    return this.context.validateShared(key);
  }

  async graph(key: string, quads: Quad[]): Promise<ValidationResult[]> {
    return this.context.validateGraph(key, quads);
  }
}

class ReferenceChecker implements Checker {
  readonly engine = 'reference';
  private readonly stores: Map<string, Store>;

  constructor(
    private readonly shapes: Shapes,
    shared: [string, Quad[]][],
  ) {
    validatorFor(shapes);
    this.stores = new Map(shared.map(([key, quads]) => [key, storeOf(quads)]));
  }

  async shared(key: string): Promise<ValidationResult[]> {
    const own = this.stores.get(key)!;
    const others = [...this.stores.values()].filter((s) => s !== own);
    return validateGraph(this.shapes, own, [...others, this.shapes.hierarchy], key);
  }

  async graph(key: string, quads: Quad[]): Promise<ValidationResult[]> {
    return validateGraph(this.shapes, storeOf(quads), [...this.stores.values(), this.shapes.hierarchy], key);
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

/** The reference engine's results for one graph. */
async function validateGraph(shapes: Shapes, own: Store, shared: Store[], key: string): Promise<ValidationResult[]> {
  const validator = validatorFor(shapes);
  let report: Awaited<ReturnType<SHACLValidator['validate']>>;
  try {
    report = await validator.validate(new AnnouncementView(own, shared));
  } catch (e) {
    // An engine that failed half-way keeps its nesting depth, and would report nothing for
    // any later graph: the next validation starts with a new one.
    validators.delete(shapes);
    throw e;
  }
  const graph = key === DEFAULT_GRAPH ? undefined : key;
  return report.results.map((r) => plainResult(r, shapes, graph));
}

/** The results without repeats (same focus node, shape, constraint and value): the first of each. */
function distinct(results: ValidationResult[]): ValidationResult[] {
  const seen = new Set<string>();
  const out: ValidationResult[] = [];
  for (const r of results) {
    const k = resultKey(r);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
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

/** The English (or untagged) message, else the first one, else the constraint's name. */
function messageOf(messages: Term[], component: Term | null): string {
  const literals = messages.filter((m) => m.termType === 'Literal');
  const chosen = literals.find((m) => m.language === 'en') ?? literals.find((m) => m.language === '') ?? literals[0];
  return chosen?.value ?? `fails ${component?.value.slice(SH.length) ?? 'a constraint'}`;
}

/** Quads per source graph, in the order given, the graphs sorted by key; the default graph's key is ''. */
function quadsByGraph(quads: Iterable<Quad>): Map<string, Quad[]> {
  const graphs = new Map<string, Quad[]>();
  let lastGraph: Quad['graph'] | undefined;
  let list: Quad[] = [];
  for (const q of quads) {
    // Consecutive quads mostly share their graph term: look the graph up only when it changes.
    if (q.graph !== lastGraph && !(lastGraph && q.graph.equals(lastGraph))) {
      lastGraph = q.graph;
      const key = q.graph.termType === 'DefaultGraph' ? DEFAULT_GRAPH : termText(q.graph);
      const known = graphs.get(key);
      if (known) list = known;
      else graphs.set(key, (list = []));
    }
    list.push(q);
  }
  return new Map([...graphs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A graph's quads as triples in a store, for the reference engine. */
function storeOf(quads: Quad[]): Store {
  const store = new Store();
  for (const q of quads) store.addQuad(q.subject, q.predicate, q.object);
  return store;
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
