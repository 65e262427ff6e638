/**
 * A compiled validator for the part of SHACL Core that loa's shapes use.
 *
 * `compileShapes` reads a shapes graph once and turns every shape into plain
 * functions over indexes of the data graph (subject → predicate → objects and
 * object → predicate → subjects, keyed by term strings). A validation context
 * indexes the shared graphs (reference data, membership periods, run metadata)
 * and the shapes file's subclass axioms once; each announcement graph then adds
 * only an index of its own triples. The engine keeps the data-graph semantics
 * of announcement-view.ts: focus nodes (`sh:targetClass`, resolved as subject-
 * free `rdf:type` look-ups) come from the graph's own triples only, every other
 * look-up sees the graph ∪ the shared graphs ∪ the subclass axioms.
 *
 * It gives the same results as the reference engine (rdf-validate-shacl, as
 * validate.ts calls it), detail for detail: which value each constraint
 * component reports, the message, the path text, the severity, and nested
 * shapes (sh:node, sh:or, sh:not, sh:and, sh:xone, sh:qualifiedValueShape)
 * evaluated for conformance only. Anything it does not implement (another
 * constraint, target or path form, SPARQL, sh:closed, sh:deactivated, an
 * ambiguous message, a recursive shape …) makes `compileShapes` refuse, with
 * the reasons, and the caller falls back to the reference engine.
 */
import type { Quad, Term } from '@rdfjs/types';
import { BlankNode as N3BlankNode, DataFactory, Literal as N3Literal, NamedNode as N3NamedNode, termFromId, termToId, type Store } from 'n3';
import { SH, type Shapes } from './shapes.ts';
import type { Severity, ValidationResult } from './validate.ts';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = RDF + 'type';
const RDF_FIRST = RDF + 'first';
const RDF_REST = RDF + 'rest';
const RDF_NIL = RDF + 'nil';
const RDFS_SUBCLASS_OF = RDFS + 'subClassOf';
const RDFS_CLASS = RDFS + 'Class';
const MAX_VALUE_LENGTH = 200;

// ---------------------------------------------------------------------------
// Report text, shared with the reference path in validate.ts
// ---------------------------------------------------------------------------

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

/** The severity a shape's `sh:severity` term stands for (none: a violation). */
export function severityOf(term: Term | null | undefined): Severity {
  const local = term?.value.slice(SH.length);
  return local === 'Warning' || local === 'Info' ? local : 'Violation';
}

/** The `sh:path` of a shape, as a predicate IRI or a SPARQL property path; undefined for a node shape. */
export function shapePath(store: Store, shape: Term): string | undefined {
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
  const items: Term[] = [];
  let cell: Term = node;
  while (cell.value !== RDF_NIL) {
    const [first] = store.getObjects(cell as Quad['subject'], RDF_FIRST, null);
    const [rest] = store.getObjects(cell as Quad['subject'], RDF_REST, null);
    if (!first || !rest) return items.length === 0 ? undefined : items;
    items.push(first);
    cell = rest;
  }
  return items;
}

// ---------------------------------------------------------------------------
// Terms and indexes
// ---------------------------------------------------------------------------

/**
 * Whether an IRI starts with a character that marks another kind of term key
 * (`?`, `_`, `"`, `[`, `.`, `<`), so that its key needs `<…>` (as in n3's entity index).
 */
function isMarkedIri(iri: string): boolean {
  const c = iri.charCodeAt(0);
  return c === 0x3f || c === 0x5f || c === 0x22 || c === 0x5b || c === 0x2e || c === 0x3c;
}

/**
 * A string that identifies a term: the IRI of a named node, `_:label` for a
 * blank node, n3's id for a literal (`"text"@vi`, `"1"^^http://…#integer`).
 * Two terms have the same key exactly when n3's Store treats them as one.
 */
function termKey(t: Term): string {
  if (t.termType === 'NamedNode') return isMarkedIri(t.value) ? `<${t.value}>` : t.value;
  if (t instanceof N3Literal || t instanceof N3BlankNode) return t.id;
  return termToId(t as Parameters<typeof termToId>[0]);
}

/** The term as the reference engine sees it: as n3's Store gives it back (a literal's language in lower case). */
function storedTerm(t: Term, key: string): Term {
  if (t instanceof N3NamedNode || t instanceof N3Literal || t instanceof N3BlankNode) return t;
  if (t.termType === 'NamedNode') return DataFactory.namedNode(t.value);
  return termFromId(key) as Term;
}

/** A node of the data graph: a term with its key, and a literal's parts once read. */
class Node {
  private parts?: { value: string; language: string; datatype: string };
  /**
   * The node's predicate map in the shared index of its context (null when it has none), kept once
   * looked up. Nothing of one graph's view is kept on a node: a node of the shared index outlives the
   * graph, and would hold that graph's whole index alive.
   */
  baseOut?: Map<string, Node[]> | null;

  constructor(
    readonly k: string,
    readonly t: Term,
  ) {}

  get isLiteral(): boolean {
    return this.t.termType === 'Literal';
  }

  /** Lexical form, language and datatype IRI of a literal (n3 parses them from its id on every read). */
  get literal(): { value: string; language: string; datatype: string } {
    return (this.parts ??= literalParts(this.t));
  }
}

/** A literal's parts, read once from n3's id (`"text"`, `"text"@vi`, `"text"@ar--rtl`, `"1"^^http://…`) as its getters read them. */
function literalParts(t: Term): { value: string; language: string; datatype: string } {
  if (!(t instanceof N3Literal)) {
    const l = t as Term & { language: string; datatype: Term };
    return { value: l.value, language: l.language, datatype: l.datatype.value };
  }
  const id = t.id;
  const end = id.lastIndexOf('"');
  const value = id.substring(1, end);
  const mark = id.charCodeAt(end + 1);
  if (mark === 0x5e /* ^ */) return { value, language: '', datatype: id.substring(end + 3) };
  if (mark !== 0x40 /* @ */) return { value, language: '', datatype: XSD + 'string' };
  const tag = id.substring(end + 2);
  const direction = tag.lastIndexOf('--');
  return direction > 0
    ? { value, language: tag.substring(0, direction).toLowerCase(), datatype: RDF + 'dirLangString' }
    : { value, language: tag.toLowerCase(), datatype: RDF + 'langString' };
}

const EMPTY: readonly Node[] = [];

/** Lists longer than this get a key set for de-duplication (the metadata graph lists every announcement). */
const SET_THRESHOLD = 24;

/**
 * Triples, de-duplicated, indexed by subject and, for the predicates in
 * `inverse` (all when null), by object.
 */
class Index {
  readonly nodes = new Map<string, Node>();
  readonly out = new Map<string, Map<string, Node[]>>();
  readonly inn = new Map<string, Map<string, Node[]>>();
  /** Distinct objects of `rdf:type`, in order of first use. */
  readonly classes: Node[] = [];
  /** Whether any triple is an `rdfs:subClassOf` axiom. */
  hasSubclassAxioms = false;
  private readonly bigLists = new WeakMap<Node[], Set<Node>>();

  constructor(private readonly inverse: ReadonlySet<string> | null = null) {}

  node(t: Term): Node {
    const k = termKey(t);
    let n = this.nodes.get(k);
    if (!n) this.nodes.set(k, (n = new Node(k, storedTerm(t, k))));
    return n;
  }

  add(subject: Term, predicate: Term, object: Term): void {
    const s = this.node(subject);
    const p = termKey(predicate);
    const o = this.node(object);
    let byPredicate = this.out.get(s.k);
    if (!byPredicate) this.out.set(s.k, (byPredicate = new Map()));
    const objects = byPredicate.get(p);
    if (!objects) byPredicate.set(p, [o]);
    else if (!this.pushNew(objects, o)) return;
    if (p === RDFS_SUBCLASS_OF) this.hasSubclassAxioms = true;
    if (this.inverse && !this.inverse.has(p)) return;
    let bySubject = this.inn.get(o.k);
    if (!bySubject) this.inn.set(o.k, (bySubject = new Map()));
    const subjects = bySubject.get(p);
    if (subjects) subjects.push(s);
    else {
      bySubject.set(p, [s]);
      if (p === RDF_TYPE) this.classes.push(o);
    }
  }

  /** Appends `n` unless present (nodes of one index are interned); false when it was there. */
  private pushNew(list: Node[], n: Node): boolean {
    if (list.length < SET_THRESHOLD) {
      for (let i = 0; i < list.length; i++) if (list[i] === n) return false;
      list.push(n);
      if (list.length === SET_THRESHOLD) this.bigLists.set(list, new Set(list));
      return true;
    }
    const set = this.bigLists.get(list)!;
    if (set.has(n)) return false;
    set.add(n);
    list.push(n);
    return true;
  }
}

/** `a` then the members of `b` not in `a` (by key). */
function unionOf(a: readonly Node[], b: readonly Node[]): readonly Node[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = a.slice();
  if (a.length * b.length <= 256) {
    outer: for (const x of b) {
      for (const y of a) if (y.k === x.k) continue outer;
      out.push(x);
    }
  } else {
    const seen = new Set(a.map((n) => n.k));
    for (const x of b) if (!seen.has(x.k)) out.push(x);
  }
  return out;
}

/** Appends the members of `more` not yet in `into` (`seen` holds the keys of `into`). */
function addAll(into: Node[], seen: Set<string>, more: readonly Node[]): void {
  for (const n of more) {
    if (!seen.has(n.k)) {
      seen.add(n.k);
      into.push(n);
    }
  }
}

/**
 * The data graph of one validation: `own` (absent when it is part of `base`)
 * over `base`, except that `rdf:type` look-ups without a subject see `targets`
 * (the graph's own triples) only.
 */
class View {
  constructor(
    private readonly own: Index | null,
    private readonly base: Index,
    readonly targets: Index,
  ) {}

  out(k: string, p: string): readonly Node[] {
    const b = this.base.out.get(k)?.get(p) ?? EMPTY;
    if (!this.own) return b;
    const a = this.own.out.get(k)?.get(p) ?? EMPTY;
    return unionOf(a, b);
  }

  /** {@link out} for a node, whose predicate maps are kept on it while this view is in use. */
  outOf(n: Node, p: string): readonly Node[] {
    if (n.baseOut === undefined) n.baseOut = this.base.out.get(n.k) ?? null;
    const b = n.baseOut?.get(p) ?? EMPTY;
    const a = this.own?.out.get(n.k)?.get(p);
    return a ? unionOf(a, b) : b;
  }

  in(k: string, p: string): readonly Node[] {
    if (p === RDF_TYPE) return this.targets.inn.get(k)?.get(p) ?? EMPTY;
    const b = this.base.inn.get(k)?.get(p) ?? EMPTY;
    if (!this.own) return b;
    const a = this.own.inn.get(k)?.get(p) ?? EMPTY;
    return unionOf(a, b);
  }

  has(s: string, p: string, o: string): boolean {
    return this.out(s, p).some((x) => x.k === o);
  }
}

// ---------------------------------------------------------------------------
// Literal semantics: datatype lexical forms and comparisons, as the reference
// engine's libraries define them (rdf-validate-datatype, rdf-literal)
// ---------------------------------------------------------------------------

const INTEGER = /^[+-]?\d+$/;
const DECIMAL_BODY = '[+-]?[+-]?(\\d+\\.?\\d*|\\.\\d+)';
const DECIMAL = new RegExp(`^${DECIMAL_BODY}$`);
const FLOAT = new RegExp(`^${DECIMAL_BODY}([Ee][+-]?\\d+)?$`);
const YEAR = '-?([1-9]\\d{3,}|0\\d{3})';
const ZONE = '([+-]\\d{2}:\\d{2}|Z)';
const TIME = '\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?';
const DATE = `${YEAR}-\\d{2}-\\d{2}`;

function integerBetween(min: bigint | null, max: bigint | null): (v: string) => boolean {
  return (v) => INTEGER.test(v) && (min === null || BigInt(v) >= min) && (max === null || BigInt(v) <= max);
}

function matching(source: string): (v: string) => boolean {
  const re = new RegExp(source);
  return (v) => re.test(v);
}

const normalized = (v: string) => !v.includes('\n') && !v.includes('\r') && !v.includes('\t');
const always = () => true;

/** Lexical-form checks of the datatypes the reference engine knows; any other datatype is always well-formed. */
const LEXICAL = new Map<string, (value: string) => boolean>([
  ...['anySimpleType', 'anyAtomicType', 'string', 'NOTATION', 'QName', 'Name', 'NCName', 'ENTITY', 'ID', 'IDREF', 'NMTOKEN', 'ENTITIES', 'IDREFS', 'NMTOKENS'].map((l) => [XSD + l, always] as const),
  [RDF + 'XMLLiteral', always],
  [RDF + 'HTML', always],
  [XSD + 'normalizedString', normalized],
  [XSD + 'token', (v) => normalized(v) && !v.startsWith(' ') && !v.endsWith(' ') && !v.includes('  ')],
  [XSD + 'language', matching('^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$')],
  [XSD + 'anyURI', matching('^[^\\ufffe\\uffff]*$')],
  [XSD + 'integer', integerBetween(null, null)],
  [XSD + 'nonNegativeInteger', integerBetween(0n, null)],
  [XSD + 'positiveInteger', integerBetween(1n, null)],
  [XSD + 'nonPositiveInteger', integerBetween(null, 0n)],
  [XSD + 'negativeInteger', integerBetween(null, -1n)],
  // The bounds of xsd:int are the reference's own (one off at each end).
  [XSD + 'int', integerBetween(-2147483647n, 2147483648n)],
  [XSD + 'unsignedInt', integerBetween(0n, 4294967295n)],
  [XSD + 'long', integerBetween(-9223372036854775808n, 9223372036854775807n)],
  [XSD + 'unsignedLong', integerBetween(0n, 18446744073709551615n)],
  [XSD + 'short', integerBetween(-32768n, 32767n)],
  [XSD + 'unsignedShort', integerBetween(0n, 65535n)],
  [XSD + 'byte', integerBetween(-128n, 127n)],
  [XSD + 'unsignedByte', integerBetween(0n, 255n)],
  [XSD + 'boolean', (v) => v === '1' || v === 'true' || v === '0' || v === 'false'],
  [XSD + 'decimal', (v) => DECIMAL.test(v)],
  [XSD + 'float', (v) => v === 'INF' || v === '-INF' || v === 'NaN' || FLOAT.test(v)],
  [XSD + 'double', (v) => v === 'INF' || v === '-INF' || v === 'NaN' || FLOAT.test(v)],
  [XSD + 'dateTime', matching(`^${DATE}T${TIME}${ZONE}?$`)],
  [XSD + 'dateTimeStamp', matching(`^${DATE}T${TIME}${ZONE}$`)],
  [XSD + 'date', matching(`^${DATE}${ZONE}?$`)],
  [XSD + 'time', matching(`^${TIME}${ZONE}?$`)],
  [XSD + 'gDay', matching(`^\\d{2}${ZONE}?$`)],
  [XSD + 'gMonth', matching(`^--\\d{2}${ZONE}?$`)],
  [XSD + 'gMonthDay', matching(`^\\d{2}-\\d{2}${ZONE}?$`)],
  [XSD + 'gYear', matching(`^${YEAR}${ZONE}?$`)],
  [XSD + 'gYearMonth', matching(`^${YEAR}-\\d{2}${ZONE}?$`)],
  [XSD + 'hexBinary', matching('^([0-9a-fA-F]{2})*$')],
]);

/** Datatypes the reference checks in ways this engine does not reproduce. */
const LEXICAL_UNSUPPORTED = new Set([XSD + 'duration', XSD + 'dayTimeDuration', XSD + 'yearMonthDuration', XSD + 'base64Binary', 'http://www.w3.org/ns/csvw#JSON']);

const DOUBLE_TYPES = new Set(['double', 'decimal', 'float'].map((l) => XSD + l));
const INTEGER_TYPES = new Set(
  ['integer', 'long', 'int', 'byte', 'short', 'negativeInteger', 'nonNegativeInteger', 'nonPositiveInteger', 'positiveInteger', 'unsignedByte', 'unsignedInt', 'unsignedLong', 'unsignedShort'].map(
    (l) => XSD + l,
  ),
);

/** A literal as a JavaScript value, for the comparisons of sh:minInclusive, sh:lessThan and the like. */
function jsValue(lit: { value: string; datatype: string }): string | number | boolean | Date {
  const { value, datatype } = lit;
  if (datatype === XSD + 'boolean') return value === 'true' || value === '1';
  if (DOUBLE_TYPES.has(datatype)) return parseFloat(value);
  if (INTEGER_TYPES.has(datatype)) return parseInt(value, 10);
  switch (datatype) {
    case XSD + 'dateTime':
    case XSD + 'date':
      return new Date(value);
    case XSD + 'gDay':
      return new Date(0, 0, parseInt(value, 10));
    case XSD + 'gMonthDay': {
      const [month, day] = value.split('-');
      return new Date(0, parseInt(String(month), 10) - 1, parseInt(String(day), 10));
    }
    case XSD + 'gYear':
      return new Date(`${value}-01-01`);
    case XSD + 'gYearMonth':
      return new Date(`${value}-01`);
    default:
      return value;
  }
}

const ZONED = /^.*(([+-]\d{2}:\d{2})|Z)$/;

function hasTimezone(lit: { value: string; datatype: string }): boolean {
  return lit.datatype === XSD + 'dateTime' && ZONED.test(lit.value);
}

/** Negative, zero or positive as `a` sorts before, with or after `b`; NaN or null when they do not compare. */
function compareNodes(a: Node, b: Node): number | null {
  if (!a.isLiteral || !b.isLiteral) return null;
  const x = a.literal;
  const y = b.literal;
  if (hasTimezone(x) !== hasTimezone(y)) return null;
  const u = jsValue(x);
  const v = jsValue(y);
  if (typeof u !== typeof v) return null;
  if (typeof u === 'string') return u.localeCompare(v as string);
  return (u as number) - (v as number);
}

// ---------------------------------------------------------------------------
// Compiled shapes
// ---------------------------------------------------------------------------

/** One evaluation of a graph. */
interface Run {
  readonly view: View;
  /** Subclass closures for this run (shared with the context when the graph adds no subclass axiom). */
  readonly closures: ClosureCache;
  readonly graph: string | undefined;
  /** The graph's triples first, then the other stores of the reference engine's view, in its order. */
  readonly stores: readonly StoreOrder[];
  readonly results: ValidationResult[];
}

type PathExpr =
  | { kind: 'predicate'; p: string }
  | { kind: 'inverse'; p: string }
  | { kind: 'sequence'; items: PathExpr[] }
  | { kind: 'alternative'; items: PathExpr[] }
  | { kind: 'zeroOrMore' | 'oneOrMore' | 'zeroOrOne'; inner: PathExpr };

/** Evaluates one constraint on a focus node and its value nodes; true when it fails. */
type Check = (run: Run, focus: Node, values: readonly Node[], report: boolean) => boolean;

interface CompiledShape {
  readonly key: string;
  /** The shape as results name it. */
  readonly text: string;
  readonly path: PathExpr | null;
  /** The path as results write it; undefined for a node shape. */
  readonly pathText: string | undefined;
  readonly severity: Severity;
  readonly checks: Check[];
  /** Target classes (keys), for a shape that has targets and constraints. */
  readonly targetClasses: string[];
}

function valueNodes(run: Run, focus: Node, shape: CompiledShape): readonly Node[] {
  return shape.path ? pathValues(run, focus, shape.path) : [focus];
}

/** Validates `focus` against `shape`: true when any constraint fails. Results are recorded only when `report`. */
function validateNode(run: Run, focus: Node, shape: CompiledShape, report: boolean): boolean {
  const values = valueNodes(run, focus, shape);
  let failed = false;
  for (const check of shape.checks) if (check(run, focus, values, report)) failed = true;
  return failed;
}

function conforms(run: Run, focus: Node, shape: CompiledShape): boolean {
  return !validateNode(run, focus, shape, false);
}

function pathValues(run: Run, focus: Node, path: PathExpr): readonly Node[] {
  switch (path.kind) {
    case 'predicate':
      return run.view.outOf(focus, path.p);
    case 'inverse':
      return run.view.in(focus.k, path.p);
    case 'sequence': {
      let current: readonly Node[] = [focus];
      for (const item of path.items) {
        const next: Node[] = [];
        const seen = new Set<string>();
        for (const n of current) addAll(next, seen, pathValues(run, n, item));
        current = next;
      }
      return current;
    }
    case 'alternative': {
      const out: Node[] = [];
      const seen = new Set<string>();
      for (const item of path.items) addAll(out, seen, pathValues(run, focus, item));
      return out;
    }
    case 'zeroOrOne': {
      const out: Node[] = [];
      const seen = new Set<string>();
      addAll(out, seen, pathValues(run, focus, path.inner));
      addAll(out, seen, [focus]);
      return out;
    }
    case 'zeroOrMore':
    case 'oneOrMore': {
      // Every node reachable in one or more steps; the focus node too for zeroOrMore.
      const out: Node[] = [];
      const seen = new Set<string>();
      const expanded = new Set<string>([focus.k]);
      const queue: Node[] = [focus];
      while (queue.length > 0) {
        const n = queue.pop()!;
        for (const m of pathValues(run, n, path.inner)) {
          if (!seen.has(m.k)) {
            seen.add(m.k);
            out.push(m);
          }
          if (!expanded.has(m.k)) {
            expanded.add(m.k);
            queue.push(m);
          }
        }
      }
      if (path.kind === 'zeroOrMore') addAll(out, seen, [focus]);
      return out;
    }
  }
}

function record(run: Run, focus: Node, shape: CompiledShape, component: string, value: Node | null, message: string): void {
  const result: ValidationResult = { focusNode: termText(focus.t), shape: shape.text, constraint: component, severity: shape.severity, message };
  if (shape.pathText) result.path = shape.pathText;
  // As the reference path writes a result: a node shape's value is the focus node itself, and not repeated.
  if (value && !(value.k === focus.k && !shape.pathText)) result.value = termText(value.t);
  if (run.graph !== undefined) result.graph = run.graph;
  run.results.push(result);
}

/** The classes whose instances are instances of `cls` (itself and its subclasses, transitively). */
type ClosureCache = Map<string, Set<string> | Error>;

function subclassesOf(run: Run, cls: string): Set<string> {
  let known = run.closures.get(cls);
  if (!known) {
    try {
      known = subclassClosure(run.view, cls);
    } catch (e) {
      known = e as Error;
    }
    run.closures.set(cls, known);
  }
  if (known instanceof Error) throw known;
  return known;
}

/**
 * `cls` and its subclasses through `rdfs:subClassOf` in the data graph. The
 * reference engine walks the subclasses recursively without marking visited
 * classes, so a cycle below `cls` makes it overflow its stack; this throws then too.
 */
function subclassClosure(view: View, cls: string): Set<string> {
  const out = new Set<string>([cls]);
  const onPath = new Set<string>();
  const done = new Set<string>();
  const visit = (c: string): void => {
    if (onPath.has(c)) throw new RangeError(`rdfs:subClassOf cycle through ${c}`);
    if (done.has(c)) return;
    onPath.add(c);
    for (const sub of view.in(c, RDFS_SUBCLASS_OF)) {
      out.add(sub.k);
      visit(sub.k);
    }
    onPath.delete(c);
    done.add(c);
  };
  visit(cls);
  return out;
}

// ---------------------------------------------------------------------------
// The reference engine's value order, for sh:uniqueLang
// ---------------------------------------------------------------------------

/**
 * One store of the reference engine's view. n3's Store yields the objects of a
 * subject and predicate in the order it first met each term (as subject,
 * predicate or object, in insertion order); the view lists the graph's own
 * store first, then the shared ones, then the subclass axioms.
 */
type StoreOrder = { kind: 'triples'; quads: readonly Quad[]; ids?: Map<string, number> } | { kind: 'store'; store: Store };

function objectsInStoreOrder(store: StoreOrder, s: Node, p: string): string[] {
  if (store.kind === 'store') return store.store.getObjects(s.t as Quad['subject'], p, null).map((t) => termKey(t));
  if (!store.ids) {
    const ids = new Map<string, number>();
    const see = (k: string) => {
      if (!ids.has(k)) ids.set(k, ids.size);
    };
    for (const q of store.quads) {
      see(termKey(q.subject));
      see(termKey(q.predicate));
      see(termKey(q.object));
    }
    store.ids = ids;
  }
  const ids = store.ids;
  const found = new Set<string>();
  for (const q of store.quads) if (termKey(q.predicate) === p && termKey(q.subject) === s.k) found.add(termKey(q.object));
  return [...found].sort((a, b) => ids.get(a)! - ids.get(b)!);
}

/** Keys of the values of `s` through `p` in the order the reference engine lists them. */
function referenceOrder(run: Run, s: Node, p: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const store of run.stores) {
    for (const k of objectsInStoreOrder(store, s, p)) {
      if (!seen.has(k)) {
        seen.add(k);
        out.push(k);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The compiler
// ---------------------------------------------------------------------------

interface Component {
  /** Parameters, as local names in the SHACL namespace. */
  params: string[];
  optional?: string[];
  /** The engine's own message in a node shape and in a property shape; null where it has none; undefined where the component cannot be used. */
  nodeMessage?: string | null;
  propertyMessage?: string | null;
}

const same = (message: string | null): Pick<Component, 'nodeMessage' | 'propertyMessage'> => ({ nodeMessage: message, propertyMessage: message });

/** The constraint components this engine implements, with the reference engine's messages. */
const COMPONENTS: Record<string, Component> = {
  And: { params: ['and'], nodeMessage: null },
  Class: { params: ['class'], ...same(null) },
  Datatype: { params: ['datatype'], ...same('Value does not have datatype {$datatype}') },
  Disjoint: { params: ['disjoint'], ...same('Value node must not also be one of the values of {$disjoint}') },
  HasValue: { params: ['hasValue'], nodeMessage: 'Value must be {$hasValue}', propertyMessage: 'Missing expected value {$hasValue}' },
  In: { params: ['in'], ...same('Value is not one of the allowed values: {$in}') },
  LanguageIn: { params: ['languageIn'], ...same('Language does not match any of {$languageIn}') },
  LessThan: { params: ['lessThan'], propertyMessage: 'Value is not less than value of {$lessThan}' },
  LessThanOrEquals: { params: ['lessThanOrEquals'], propertyMessage: 'Value is not less than or equal to value of {$lessThanOrEquals}' },
  MaxCount: { params: ['maxCount'], propertyMessage: 'More than {$maxCount} values' },
  MaxExclusive: { params: ['maxExclusive'], ...same('Value is not less than {$maxExclusive}') },
  MaxInclusive: { params: ['maxInclusive'], ...same('Value is not less than or equal to {$maxInclusive}') },
  MaxLength: { params: ['maxLength'], ...same('Value has more than {$maxLength} characters') },
  MinCount: { params: ['minCount'], propertyMessage: 'Less than {$minCount} values' },
  MinExclusive: { params: ['minExclusive'], ...same('Value is not greater than {$minExclusive}') },
  MinInclusive: { params: ['minInclusive'], ...same('Value is not greater than or equal to {$minInclusive}') },
  MinLength: { params: ['minLength'], ...same('Value has less than {$minLength} characters') },
  Node: { params: ['node'], ...same('Value does not have shape {$node}') },
  NodeKind: { params: ['nodeKind'], ...same('Value does not have node kind {$nodeKind}') },
  Not: { params: ['not'], ...same('Value does have shape {$not}') },
  Or: { params: ['or'], ...same(null) },
  Pattern: { params: ['flags', 'pattern'], optional: ['flags'], ...same('Value does not match pattern "{$pattern}"') },
  Property: { params: ['property'], ...same(null) },
  QualifiedMaxCount: {
    params: ['qualifiedMaxCount', 'qualifiedValueShape', 'qualifiedValueShapesDisjoint'],
    optional: ['qualifiedValueShapesDisjoint'],
    propertyMessage: 'More than {$qualifiedMaxCount} values have shape {$qualifiedValueShape}',
  },
  QualifiedMinCount: {
    params: ['qualifiedMinCount', 'qualifiedValueShape', 'qualifiedValueShapesDisjoint'],
    optional: ['qualifiedValueShapesDisjoint'],
    propertyMessage: 'Less than {$qualifiedMinCount} values have shape {$qualifiedValueShape}',
  },
  UniqueLang: { params: ['uniqueLang'], propertyMessage: 'Language "{?lang}" used more than once' },
  Xone: { params: ['xone'], ...same(null) },
};

/** Parameters of constraint components the reference engine knows but this one does not: a shape using one is refused. */
const FOREIGN_PARAMS = ['closed', 'ignoredProperties', 'equals', 'sparql', 'js', 'expression'];

/** Predicates of the SHACL namespace that may appear in a compiled shapes graph. */
const KNOWN_PREDICATES = new Set([
  ...Object.values(COMPONENTS).flatMap((c) => c.params),
  'targetClass',
  'path',
  'inversePath',
  'alternativePath',
  'zeroOrMorePath',
  'oneOrMorePath',
  'zeroOrOnePath',
  'severity',
  'message',
  'name',
  'description',
  'order',
  'group',
  'defaultValue',
]);

/** Parameters whose presence makes a node a shape with constraints (the reference's test for a shape to validate). */
const REQUIRED_PARAMS = new Set([
  ...Object.values(COMPONENTS).flatMap((c) => c.params.filter((p) => !c.optional?.includes(p))),
  ...FOREIGN_PARAMS.filter((p) => p !== 'ignoredProperties'),
]);

const TRUE_KEY = `"true"^^${XSD}boolean`;

const NODE_KINDS: Record<string, readonly string[]> = {
  BlankNode: ['BlankNode', 'BlankNodeOrIRI', 'BlankNodeOrLiteral'],
  NamedNode: ['IRI', 'BlankNodeOrIRI', 'IRIOrLiteral'],
  Literal: ['Literal', 'BlankNodeOrLiteral', 'IRIOrLiteral'],
};

/** Why the compiler cannot take a shapes graph. */
class Unsupported extends Error {}

/** What {@link compileShapes} returns. */
export type CompileResult = { supported: true; shapes: CompiledShapes } | { supported: false; reasons: string[] };

const compiled = new WeakMap<Shapes, CompileResult>();

/**
 * The shapes compiled, once per shapes object; or, when they use anything this
 * engine does not implement, the reasons (the caller then uses rdf-validate-shacl).
 *
 * @example
 * const c = compileShapes(loadShapes());
 * if (c.supported) c.shapes.context(sharedGraphs).validateGraph(key, quads);
 */
export function compileShapes(shapes: Shapes): CompileResult {
  let result = compiled.get(shapes);
  if (!result) {
    try {
      result = { supported: true, shapes: new Compiler(shapes).compile() };
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      result = { supported: false, reasons: e.message.split('\n') };
    }
    compiled.set(shapes, result);
  }
  return result;
}

class Compiler {
  private readonly store: Store;
  private readonly reasons: string[] = [];
  private readonly shapes = new Map<string, CompiledShape>();
  /** Shape terms by value, as the reference engine caches them. */
  private readonly shapeTerms = new Map<string, Term>();
  private readonly termsByKey = new Map<string, Term>();

  constructor(private readonly source: Shapes) {
    this.store = source.store;
  }

  compile(): CompiledShapes {
    this.checkVocabulary();
    const targets = this.targetShapes();
    for (const shape of targets) this.shapeFor(shape);
    this.checkAcyclic();
    if (this.reasons.length > 0) throw new Unsupported([...new Set(this.reasons)].join('\n'));
    const inverse = new Set([RDF_TYPE, RDFS_SUBCLASS_OF]);
    const collect = (e: PathExpr | null): void => {
      if (!e) return;
      if (e.kind === 'inverse') inverse.add(e.p);
      else if (e.kind === 'sequence' || e.kind === 'alternative') e.items.forEach(collect);
      else if (e.kind !== 'predicate') collect(e.inner);
    };
    for (const shape of this.shapes.values()) collect(shape.path);
    return new CompiledShapes(
      this.source,
      targets.map((t) => this.shapes.get(termKey(t))!),
      inverse,
    );
  }

  private refuse(reason: string): void {
    this.reasons.push(reason);
  }

  private objects(s: Term, p: string): Term[] {
    return this.store.getObjects(s as Quad['subject'], p, null);
  }

  /** Every predicate in the SHACL namespace is one this engine implements; no shape is an implicit class target. */
  private checkVocabulary(): void {
    const seen = new Set<string>();
    for (const q of this.store.getQuads(null, null, null, null)) {
      const p = q.predicate.value;
      if (p.startsWith(SH) && !KNOWN_PREDICATES.has(p.slice(SH.length)) && !seen.has(p)) {
        seen.add(p);
        this.refuse(`sh:${p.slice(SH.length)} (on ${termText(q.subject)}) is not implemented`);
      }
    }
    // rdfs:Class and its subclasses in the shapes graph: a shape typed with one targets its own instances.
    const classes = new Set<string>([RDFS_CLASS]);
    const onPath = new Set<string>();
    const visit = (c: Term): void => {
      if (onPath.has(c.value)) {
        this.refuse(`the shapes graph has an rdfs:subClassOf cycle through ${termText(c)}`);
        return;
      }
      onPath.add(c.value);
      for (const sub of this.store.getSubjects(RDFS_SUBCLASS_OF, c, null)) {
        classes.add(sub.value);
        visit(sub);
      }
      onPath.delete(c.value);
    };
    visit(DataFactory.namedNode(RDFS_CLASS));
    for (const param of REQUIRED_PARAMS) {
      for (const s of this.store.getSubjects(SH + param, null, null)) {
        if (this.objects(s, RDF_TYPE).some((t) => classes.has(t.value))) this.refuse(`${termText(s)} is a shape and a class (an implicit class target)`);
      }
    }
  }

  /** Shapes the reference validates from the top: with a target and at least one constraint parameter. */
  private targetShapes(): Term[] {
    const out: Term[] = [];
    const seen = new Set<string>();
    for (const s of this.store.getSubjects(SH + 'targetClass', null, null)) {
      const k = termKey(s);
      if (seen.has(k)) continue;
      seen.add(k);
      const predicates = this.store.getQuads(s, null, null, null).map((q) => q.predicate.value);
      if (predicates.some((p) => p.startsWith(SH) && REQUIRED_PARAMS.has(p.slice(SH.length)))) out.push(s);
    }
    return out;
  }

  /** The compiled shape of a node (compiled on first use). */
  private shapeFor(node: Term): CompiledShape {
    const key = termKey(node);
    const known = this.shapes.get(key);
    if (known) return known;
    if (node.termType !== 'NamedNode' && node.termType !== 'BlankNode') this.refuse(`a shape reference is a ${node.termType}: ${termText(node)}`);
    const other = this.shapeTerms.get(node.value);
    if (other && !other.equals(node)) this.refuse(`two shapes share the value ${node.value}`);
    this.shapeTerms.set(node.value, node);
    this.termsByKey.set(key, node);

    const paths = this.objects(node, SH + 'path');
    if (paths.length > 1) this.refuse(`${termText(node)} has ${paths.length} values of sh:path`);
    const severities = this.objects(node, SH + 'severity');
    const path = paths.length === 1 ? this.pathExpr(paths[0]!, new Set()) : null;
    const shape: CompiledShape = {
      key,
      text: termText(node),
      path,
      pathText: path ? shapePath(this.store, node) : undefined,
      severity: severityOf(severities.length === 1 ? severities[0] : undefined),
      checks: [],
      targetClasses: this.objects(node, SH + 'targetClass').map((t) => termKey(t)),
    };
    this.shapes.set(key, shape);
    for (const [local, component] of Object.entries(COMPONENTS)) this.addComponent(node, shape, local, component);
    return shape;
  }

  private pathExpr(node: Term, visiting: Set<string>): PathExpr | null {
    if (node.termType === 'NamedNode') return { kind: 'predicate', p: termKey(node) };
    if (node.termType !== 'BlankNode') {
      this.refuse(`path ${termText(node)} is neither an IRI nor a blank node`);
      return null;
    }
    if (visiting.has(node.value)) {
      this.refuse(`path ${termText(node)} contains itself`);
      return null;
    }
    const inner = new Set(visiting).add(node.value);
    const kinds = ['first', 'alternativePath', 'zeroOrMorePath', 'oneOrMorePath', 'zeroOrOnePath', 'inversePath'].filter((k) => this.objects(node, (k === 'first' ? RDF : SH) + k).length > 0);
    if (kinds.length !== 1) {
      this.refuse(`path ${termText(node)} is not one SHACL path form`);
      return null;
    }
    const kind = kinds[0]!;
    const values = this.objects(node, (kind === 'first' ? RDF : SH) + kind);
    if (values.length !== 1 && kind !== 'first') {
      this.refuse(`path ${termText(node)} has ${values.length} values of sh:${kind}`);
      return null;
    }
    const value = values[0]!;
    const sub = (n: Term) => this.pathExpr(n, inner);
    switch (kind) {
      case 'first':
        return this.seq('sequence', this.list(node), sub);
      case 'alternativePath':
        return this.seq('alternative', this.list(value), sub);
      case 'inversePath':
        if (value.termType !== 'NamedNode') {
          this.refuse(`sh:inversePath of ${termText(node)} is not an IRI`);
          return null;
        }
        return { kind: 'inverse', p: termKey(value) };
      default: {
        const e = sub(value);
        return e && { kind: kind.replace('Path', '') as 'zeroOrMore' | 'oneOrMore' | 'zeroOrOne', inner: e };
      }
    }
  }

  private seq(kind: 'sequence' | 'alternative', items: Term[], sub: (n: Term) => PathExpr | null): PathExpr | null {
    const exprs = items.map(sub);
    if (exprs.some((e) => e === null)) return null;
    return { kind, items: exprs as PathExpr[] };
  }

  /**
   * The members of an RDF list in the shapes graph, as the reference reads it:
   * a term that is no list gives none; a list it would read wrongly (a cell
   * without exactly one rdf:first, several rdf:rest, a cycle) is refused.
   */
  private list(head: Term): Term[] {
    if (head.termType !== 'NamedNode' && head.termType !== 'BlankNode') return [];
    if (head.value === RDF_NIL && head.termType === 'NamedNode') return [];
    if (this.objects(head, RDF_FIRST).length === 0) return [];
    const items: Term[] = [];
    const seen = new Set<string>();
    let cell: Term | undefined = head;
    while (cell && !(cell.termType === 'NamedNode' && cell.value === RDF_NIL)) {
      const k = termKey(cell);
      const firsts = this.objects(cell, RDF_FIRST);
      const rests = this.objects(cell, RDF_REST);
      if (seen.has(k) || firsts.length !== 1 || rests.length > 1) {
        this.refuse(`malformed RDF list at ${termText(cell)}`);
        return items;
      }
      seen.add(k);
      items.push(firsts[0]!);
      cell = rests[0];
    }
    return items;
  }

  /** Adds the checks of one constraint component, when the shape has its parameters. */
  private addComponent(node: Term, shape: CompiledShape, local: string, component: Component): void {
    const values = new Map(component.params.map((p) => [p, this.objects(node, SH + p)] as const));
    if (![...values.values()].some((v) => v.length > 0)) return;
    const required = component.params.filter((p) => !component.optional?.includes(p));
    if (required.some((p) => values.get(p)!.length === 0)) return; // incomplete: the reference makes no constraint of it
    for (const [p, v] of values) {
      if (v.length > 1 && p !== 'property') this.refuse(`${shape.text} has ${v.length} values of sh:${p}`);
    }
    const isProperty = shape.path !== null;
    const message = isProperty ? component.propertyMessage : component.nodeMessage;
    if (message === undefined) {
      this.refuse(`sh:${component.params.find((p) => !component.optional?.includes(p))} cannot be used in a ${isProperty ? 'property' : 'node'} shape (${shape.text})`);
      return;
    }
    const param = (p: string): Term | undefined => values.get(p)![0];
    const iri = SH + local + 'ConstraintComponent';
    if (local === 'Property') {
      for (const target of values.get('property')!) {
        const sub = this.shapeFor(target);
        shape.checks.push((run, _focus, nodes, report) => {
          let failed = false;
          for (const v of nodes) if (validateNode(run, v, sub, report)) failed = true;
          return failed;
        });
      }
      return;
    }
    const text = this.messageFor(node, shape, local, component, param, message);
    const check = this.checkFor(node, shape, local, param, iri, text);
    if (check) shape.checks.push(check);
  }

  /**
   * The message the reference path reports: the shape's sh:message, else the
   * engine's message for the component, else the component's sh:message, with
   * `{$param}` substituted as the reference does; the English (or untagged) one
   * when there are several. A choice that would depend on the order of
   * triples is refused.
   */
  private messageFor(node: Term, shape: CompiledShape, local: string, component: Component, param: (p: string) => Term | undefined, own: string | null): string {
    let terms: { value: string; language: string }[] = this.objects(node, SH + 'message').map((t) => ({ value: t.value, language: t.termType === 'Literal' ? t.language : '' }));
    if (terms.length === 0 && own) terms = [{ value: own, language: '' }];
    if (terms.length === 0) terms = this.objects(DataFactory.namedNode(SH + local + 'ConstraintComponent'), SH + 'message').map((t) => ({ value: t.value, language: t.termType === 'Literal' ? t.language : '' }));
    const inList = this.objects(node, SH + 'in');
    if (inList.length > 1) this.refuse(`${shape.text} has several sh:in lists`);
    const inItems = inList.length === 1 ? this.uniqueTerms(this.list(inList[0]!)) : [];
    const label = (value: Term | undefined): string => {
      if (!value) return 'NULL';
      if (value.termType === 'NamedNode') return `<${value.value}>`;
      if (value.termType === 'BlankNode') {
        const names = inItems.map((t) => t.value);
        return names.length > 3 ? `${names.slice(0, 3).join(', ')} ... (and ${names.length - 3} more)` : names.join(', ');
      }
      return value.value;
    };
    const labels = component.params.map((p) => [p, label(component.params.length === 1 ? param(component.params[0]!) : param(p))] as const);
    if (labels.some(([, l]) => l.includes('{$') || l.includes('{?'))) this.refuse(`a parameter of ${shape.text} contains a message placeholder`);
    const texts = terms.map(({ value, language }) => ({
      value: labels.reduce((m, [p, l]) => m.replace(`{$${p}}`, l).replace(`{?${p}}`, l), value),
      language,
    }));
    const distinct = [...new Map(texts.map((t) => [`${t.language}\u0000${t.value}`, t])).values()];
    const pick = (list: typeof distinct): string | undefined => {
      if (list.length > 1) this.refuse(`${shape.text} has several messages the report could choose between`);
      return list[0]?.value;
    };
    const english = distinct.filter((t) => t.language === 'en');
    if (english.length > 0) return pick(english)!;
    const untagged = distinct.filter((t) => t.language === '');
    if (untagged.length > 0) return pick(untagged)!;
    if (distinct.length > 0) return pick(distinct)!;
    return `fails ${local}ConstraintComponent`;
  }

  private uniqueTerms(terms: Term[]): Term[] {
    const seen = new Set<string>();
    return terms.filter((t) => {
      const k = termKey(t);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  /** A per-value check: fails with the value node as the result's value. */
  private each(shape: CompiledShape, component: string, message: string, test: (run: Run, focus: Node, v: Node) => boolean): Check {
    return (run, focus, values, report) => {
      let failed = false;
      for (const v of values) {
        if (!test(run, focus, v)) {
          failed = true;
          if (report) record(run, focus, shape, component, v, message);
        }
      }
      return failed;
    };
  }

  /** A check of all values at once: fails with no value. */
  private whole(shape: CompiledShape, component: string, message: string, passes: (run: Run, focus: Node, values: readonly Node[]) => boolean): Check {
    return (run, focus, values, report) => {
      if (passes(run, focus, values)) return false;
      if (report) record(run, focus, shape, component, null, message);
      return true;
    };
  }

  private shapeList(shape: CompiledShape, head: Term): CompiledShape[] {
    return this.list(head).map((t) => this.shapeFor(t));
  }

  private checkFor(node: Term, shape: CompiledShape, local: string, param: (p: string) => Term | undefined, iri: string, message: string): Check | null {
    const value = param(COMPONENTS[local]!.params.find((p) => !COMPONENTS[local]!.optional?.includes(p))!)!;
    const key = termKey(value);
    const number = Number(value.value);
    const each = (test: (run: Run, focus: Node, v: Node) => boolean) => this.each(shape, iri, message, test);
    const whole = (passes: (run: Run, focus: Node, values: readonly Node[]) => boolean) => this.whole(shape, iri, message, passes);
    const predicateParam = (): string | null => {
      if (value.termType !== 'NamedNode') {
        this.refuse(`sh:${local[0]!.toLowerCase()}${local.slice(1)} of ${shape.text} is not an IRI`);
        return null;
      }
      return key;
    };
    switch (local) {
      case 'Class':
        return each((run, _f, v) => {
          const classes = subclassesOf(run, key);
          return run.view.outOf(v, RDF_TYPE).some((t) => classes.has(t.k));
        });
      case 'Datatype': {
        if (LEXICAL_UNSUPPORTED.has(value.value)) this.refuse(`sh:datatype ${value.value} (in ${shape.text}) is not implemented`);
        const lexical = LEXICAL.get(value.value) ?? always;
        const datatype = value.termType === 'NamedNode' ? value.value : null;
        return each((_r, _f, v) => v.isLiteral && v.literal.datatype === datatype && lexical(v.literal.value));
      }
      case 'NodeKind': {
        const kinds = NODE_KINDS;
        const local = value.termType === 'NamedNode' && value.value.startsWith(SH) ? value.value.slice(SH.length) : '\u0000';
        // A term of another kind (a quoted triple) passes: the reference's check returns nothing for it.
        return each((_r, _f, v) => kinds[v.t.termType]?.includes(local) ?? true);
      }
      case 'MinCount':
        return whole((_r, _f, values) => values.length >= number);
      case 'MaxCount':
        return whole((_r, _f, values) => values.length <= number);
      case 'MinLength':
        return each((_r, _f, v) => v.t.termType !== 'BlankNode' && v.t.value.length >= number);
      case 'MaxLength':
        return each((_r, _f, v) => v.t.termType !== 'BlankNode' && v.t.value.length <= number);
      case 'Pattern': {
        const flags = param('flags');
        let re: RegExp;
        try {
          re = flags ? new RegExp(value.value, flags.value) : new RegExp(value.value);
        } catch {
          this.refuse(`sh:pattern of ${shape.text} is not a valid expression`);
          return null;
        }
        return each((_r, _f, v) => {
          if (v.t.termType === 'BlankNode') return false;
          re.lastIndex = 0;
          return re.test(v.t.value);
        });
      }
      case 'LanguageIn': {
        const allowed = this.list(value).map((t) => t.value);
        return each((_r, _f, v) => {
          if (!v.isLiteral) return false;
          const language = v.literal.language;
          return !!language && allowed.some((a) => language.startsWith(a));
        });
      }
      case 'In': {
        const members = new Set(this.objects(node, SH + 'in').flatMap((head) => this.list(head)).map((t) => termKey(t)));
        return each((_r, _f, v) => members.has(v.k));
      }
      case 'HasValue':
        return shape.path ? whole((_r, _f, values) => values.some((v) => v.k === key)) : whole((_r, focus) => focus.k === key);
      case 'Disjoint': {
        const p = predicateParam();
        return p === null ? null : each((run, focus, v) => !run.view.has(focus.k, p, v.k));
      }
      case 'LessThan':
      case 'LessThanOrEquals': {
        const p = predicateParam();
        if (p === null) return null;
        const strict = local === 'LessThan';
        return (run, focus, values, report) => {
          const references = run.view.out(focus.k, p);
          let failed = false;
          for (const v of values) {
            for (const r of references) {
              const c = compareNodes(v, r);
              if (c === null || (strict ? c >= 0 : c > 0)) {
                failed = true;
                if (report) record(run, focus, shape, iri, v, message);
              }
            }
          }
          return failed;
        };
      }
      case 'MinInclusive':
        return this.bound(each, value, (c) => c >= 0);
      case 'MinExclusive':
        return this.bound(each, value, (c) => c > 0);
      case 'MaxInclusive':
        return this.bound(each, value, (c) => c <= 0);
      case 'MaxExclusive':
        return this.bound(each, value, (c) => c < 0);
      case 'Node': {
        const target = this.shapeFor(value);
        return each((run, _f, v) => conforms(run, v, target));
      }
      case 'Not': {
        const target = this.shapeFor(value);
        return each((run, _f, v) => !conforms(run, v, target));
      }
      case 'Or': {
        const members = this.shapeList(shape, value);
        return each((run, _f, v) => members.some((m) => conforms(run, v, m)));
      }
      case 'And': {
        const members = this.shapeList(shape, value);
        return each((run, _f, v) => members.every((m) => conforms(run, v, m)));
      }
      case 'Xone': {
        const members = this.shapeList(shape, value);
        return each((run, _f, v) => members.filter((m) => conforms(run, v, m)).length === 1);
      }
      case 'QualifiedMinCount':
      case 'QualifiedMaxCount': {
        const qualified = this.shapeFor(param('qualifiedValueShape')!);
        const siblings = termKey(param('qualifiedValueShapesDisjoint') ?? DataFactory.literal('')) === TRUE_KEY ? this.siblingShapes(node, param('qualifiedValueShape')!) : [];
        const isMin = local === 'QualifiedMinCount';
        const counted = value.termType === 'Literal';
        return whole((run, focus, values) => {
          const count = values.filter((v) => conforms(run, v, qualified) && !siblings.some((s) => conforms(run, v, s))).length;
          return counted && (isMin ? count >= number : count <= number);
        });
      }
      case 'UniqueLang': {
        if (key !== TRUE_KEY) return null; // the reference checks nothing unless the value is true
        if (shape.path?.kind !== 'predicate') this.refuse(`sh:uniqueLang on the complex path of ${shape.text} is not implemented`);
        return this.uniqueLang(shape, iri);
      }
      default:
        this.refuse(`sh:${local} is not implemented`);
        return null;
    }
  }

  private bound(each: (test: (run: Run, focus: Node, v: Node) => boolean) => Check, limit: Term, holds: (c: number) => boolean): Check {
    const limitNode = new Node(termKey(limit), limit);
    return each((_r, _f, v) => {
      const c = compareNodes(v, limitNode);
      return c !== null && holds(c);
    });
  }

  /** The qualified value shapes of the other property shapes of every shape this one is a property of. */
  private siblingShapes(node: Term, own: Term): CompiledShape[] {
    const out = new Map<string, CompiledShape>();
    for (const parent of this.store.getSubjects(SH + 'property', node, null)) {
      for (const sibling of this.objects(parent, SH + 'property')) {
        for (const q of this.objects(sibling, SH + 'qualifiedValueShape')) {
          if (!q.equals(own) && !out.has(termKey(q))) out.set(termKey(q), this.shapeFor(q));
        }
      }
    }
    return [...out.values()];
  }

  private uniqueLang(shape: CompiledShape, iri: string): Check {
    return (run, focus, values, report) => {
      const counts = new Map<string, number>();
      for (const v of values) {
        if (!v.isLiteral) continue;
        const language = v.literal.language;
        if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
      }
      const repeated = [...counts].filter(([, n]) => n > 1);
      if (repeated.length === 0) return false;
      if (report) {
        // The reference reports one result per language, in the order its view lists the values;
        // results with the same key keep the first, so that order decides the message.
        if (repeated.length > 1 && shape.path?.kind === 'predicate') {
          const rank = new Map(referenceOrder(run, focus, shape.path.p).map((k, i) => [k, i]));
          const firstOf = new Map<string, number>();
          for (const v of values) {
            if (!v.isLiteral || !v.literal.language) continue;
            const r = rank.get(v.k) ?? Number.MAX_SAFE_INTEGER;
            const l = v.literal.language;
            if (r < (firstOf.get(l) ?? Number.MAX_SAFE_INTEGER)) firstOf.set(l, r);
          }
          repeated.sort(([a], [b]) => firstOf.get(a)! - firstOf.get(b)!);
        }
        for (const [language, n] of repeated) record(run, focus, shape, iri, null, `Language "${language}" has been used by ${n} values`);
      }
      return true;
    };
  }

  /** Refuses shapes that reach themselves through sh:property, sh:node, sh:not, sh:or, sh:and, sh:xone or sh:qualifiedValueShape. */
  private checkAcyclic(): void {
    const edges = new Map<string, string[]>();
    for (const [key, term] of this.termsByKey) {
      const targets: Term[] = [];
      for (const p of ['property', 'node', 'not', 'qualifiedValueShape']) targets.push(...this.objects(term, SH + p));
      for (const p of ['or', 'and', 'xone']) for (const head of this.objects(term, SH + p)) targets.push(...this.list(head));
      const qvs = this.objects(term, SH + 'qualifiedValueShape')[0];
      const siblings = qvs ? this.siblingShapes(term, qvs).map((s) => s.key) : [];
      edges.set(key, [...targets.map((t) => termKey(t)), ...siblings]);
    }
    const state = new Map<string, 1 | 2>();
    const visit = (k: string): void => {
      if (state.get(k) === 2) return;
      if (state.get(k) === 1) {
        this.refuse(`shape ${k} refers to itself`);
        return;
      }
      state.set(k, 1);
      for (const next of edges.get(k) ?? []) visit(next);
      state.set(k, 2);
    };
    for (const k of edges.keys()) visit(k);
  }
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/** A shapes graph compiled: ready to be given the shared graphs of a build. */
export class CompiledShapes {
  constructor(
    readonly source: Shapes,
    readonly targetShapes: readonly CompiledShape[],
    /** Predicates looked up from object to subject: those of inverse paths, rdf:type (targets) and rdfs:subClassOf (sh:class). */
    readonly inversePredicates: ReadonlySet<string>,
  ) {}

  /**
   * A context over the shared graphs (each graph's key and triples, in the
   * order the reference path lists them: sorted by key) and the shapes file's
   * subclass axioms, indexed once.
   */
  context(shared: Iterable<readonly [string, readonly Quad[]]>): ValidationContext {
    return new ValidationContext(this, [...shared]);
  }
}

/** The shared graphs, indexed, and what depends on them alone. */
export class ValidationContext {
  private readonly base: Index;
  /** Subclass closures over the shared graphs and the axioms. */
  private readonly closures: ClosureCache = new Map();
  private classShapes?: Map<string, CompiledShape[]> | Error;
  /** The shared graphs as the reference engine's stores order them (worked out when sh:uniqueLang needs it). */
  private readonly sharedOrders: [string, StoreOrder][];

  constructor(
    private readonly compiled: CompiledShapes,
    private readonly shared: readonly (readonly [string, readonly Quad[]])[],
  ) {
    this.base = new Index(compiled.inversePredicates);
    for (const [, quads] of shared) for (const q of quads) this.base.add(q.subject, q.predicate, q.object);
    for (const q of compiled.source.hierarchy.getQuads(null, null, null, null)) this.base.add(q.subject, q.predicate, q.object);
    this.sharedOrders = shared.map(([key, quads]) => [key, { kind: 'triples', quads }]);
  }

  /** Raw results (before de-duplication) of a shared graph, validated over the other shared graphs. */
  validateShared(key: string): ValidationResult[] {
    const entry = this.shared.find(([k]) => k === key);
    if (!entry) throw new Error(`no shared graph ${key}`);
    // The graph's own index is built for this call and not kept: a build checks each shared graph once, and
    // at 100k announcements the membership graph's index alone is hundreds of MB in every graph worker.
    const own = new Index(this.compiled.inversePredicates);
    for (const q of entry[1]) own.add(q.subject, q.predicate, q.object);
    const stores: StoreOrder[] = [this.sharedOrders.find(([k]) => k === key)![1], ...this.sharedStores(key), { kind: 'store', store: this.compiled.source.hierarchy }];
    return this.run(new View(null, this.base, own), this.closures, key, stores);
  }

  /** Raw results (before de-duplication) of one graph's triples, validated over all the shared graphs. */
  validateGraph(key: string, quads: readonly Quad[]): ValidationResult[] {
    const own = new Index(this.compiled.inversePredicates);
    for (const q of quads) own.add(q.subject, q.predicate, q.object);
    const stores: StoreOrder[] = [{ kind: 'triples', quads }, ...this.sharedStores(null), { kind: 'store', store: this.compiled.source.hierarchy }];
    return this.run(new View(own, this.base, own), own.hasSubclassAxioms ? new Map() : this.closures, key, stores);
  }

  private sharedStores(except: string | null): StoreOrder[] {
    return this.sharedOrders.filter(([k]) => k !== except).map(([, order]) => order);
  }

  private run(view: View, closures: ClosureCache, key: string, stores: StoreOrder[]): ValidationResult[] {
    const run: Run = { view, closures, graph: key === '' ? undefined : key, stores, results: [] };
    const byShape = this.focusNodes(run);
    for (const [shape, nodes] of byShape) for (const focus of nodes) validateNode(run, focus, shape, true);
    return run.results;
  }

  /** Target shapes of each class (the shapes whose target classes it is, or is a subclass of). */
  private shapesByClass(run: Run): Map<string, CompiledShape[]> {
    const shared = run.closures === this.closures;
    if (shared && this.classShapes) {
      if (this.classShapes instanceof Error) throw this.classShapes;
      return this.classShapes;
    }
    const map = new Map<string, CompiledShape[]>();
    try {
      for (const shape of this.compiled.targetShapes) {
        for (const cls of shape.targetClasses) {
          for (const c of subclassesOf(run, cls)) {
            const list = map.get(c) ?? [];
            if (!list.includes(shape)) list.push(shape);
            map.set(c, list);
          }
        }
      }
    } catch (e) {
      if (shared) this.classShapes = e as Error;
      throw e;
    }
    if (shared) this.classShapes = map;
    return map;
  }

  /** Focus nodes per target shape: the subjects of the graph's own `rdf:type` statements. */
  private focusNodes(run: Run): Map<CompiledShape, Node[]> {
    const byClass = this.shapesByClass(run);
    const out = new Map<CompiledShape, Node[]>();
    const seen = new Map<CompiledShape, Set<string>>();
    const targets = run.view.targets;
    for (const cls of targets.classes) {
      const shapes = byClass.get(cls.k);
      if (!shapes) continue;
      const subjects = targets.inn.get(cls.k)!.get(RDF_TYPE)!;
      for (const shape of shapes) {
        let list = out.get(shape);
        let keys = seen.get(shape);
        if (!list || !keys) {
          out.set(shape, (list = []));
          seen.set(shape, (keys = new Set()));
        }
        for (const s of subjects) {
          if (!keys.has(s.k)) {
            keys.add(s.k);
            list.push(s);
          }
        }
      }
    }
    return out;
  }
}
