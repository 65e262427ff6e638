/**
 * The query plan pass: a rewrite of a query's graph patterns so that oxigraph
 * evaluates them in a better order. oxigraph orders the joins of a group
 * greedily by a coarse estimate (which of subject, predicate and object are
 * bound), keeping the written order between patterns of equal estimate (so
 * `?e a schema:Event` and `?p schema:worksFor <agency>` run in the order
 * written), and it does not move a pattern across an OPTIONAL (a required
 * pattern written after one is joined only after the OPTIONAL has run for every
 * solution before it). The rewrite never changes what a query means; the
 * rules, and why each is safe:
 *
 * 1. Inside one basic graph pattern (BGP) the triple patterns are ordered
 *    greedily: first those with bound subjects and objects, then those that
 *    join on variables already bound, a pattern with nothing bound last (see
 *    `orderTriples`). A BGP is a join of its patterns (path patterns
 *    included), and join is commutative and associative on multisets of
 *    solutions: the same solutions, possibly in another order.
 * 2. A BGP separated from the BGP before it only by FILTERs is merged into
 *    that BGP. A group's FILTERs constrain the whole group wherever they are
 *    written, and two BGPs joined are one BGP.
 * 3. A BGP R that follows an OPTIONAL O in the same group moves before it when
 *    every variable mentioned anywhere in O (its patterns, its FILTERs, nested
 *    groups) that R also mentions is certainly bound by what precedes O in the
 *    group (`certainVariables`). Then (A ⟕ O) ⋈ R = (A ⋈ R) ⟕ O: a solution of
 *    O and one of R can only disagree on a shared variable, which both take
 *    from the solution of A they extend, and O's FILTER sees no variable of R
 *    that it did not see before. Moving past several OPTIONALs is this step
 *    repeated, their order kept. BIND, VALUES, MINUS, sub-queries, GRAPH,
 *    UNION and SERVICE stop the move (they are left where they are).
 *
 * Not rewritten at all: a query with SERVICE; a query (or sub-query) whose
 * rows depend on the order of solutions, that is one with LIMIT or OFFSET
 * unless its ORDER BY lists every projected variable (then rows tied on every
 * key are equal rows), or with GROUP_CONCAT, SAMPLE, SUM or AVG (a
 * concatenation, a pick, float rounding). A BGP with blank nodes is not moved
 * nor merged into another (a blank node label may not be shared between BGPs). What can
 * change is only the order of rows a query leaves unordered, or orders with
 * ties.
 *
 * The rewrite works on the sparqljs parse tree; the text oxigraph runs is
 * regenerated from it only when something changed, and only if it parses back
 * to the same tree (otherwise the query runs as written).
 */
import { Generator, Parser, type OptionalPattern, type Pattern, type Query, type SelectQuery, type SparqlQuery, type Triple } from 'sparqljs';
import type { QueryForm } from './server/classify.ts';

/** What to run for one query text. */
export interface QueryPlan {
  /** The text to run: as written, or the rewritten query. */
  text: string;
  /** The query form; undefined when the text did not parse as a query (oxigraph then says why). */
  form: QueryForm | undefined;
  /** The projected variables in order, for a SELECT with an explicit projection (not `SELECT *`). */
  variables: readonly string[] | undefined;
  /** Whether the plan pass rewrote the text. */
  rewritten: boolean;
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

type Term = Triple['subject'] | Triple['object'];

function isPath(predicate: Triple['predicate']): boolean {
  return (predicate as { type?: string }).type === 'path';
}

/** Every variable named anywhere below `node` (terms, paths, expressions, patterns). */
function collectVariables(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) collectVariables(item, into);
  } else if (node !== null && typeof node === 'object') {
    const o = node as { termType?: string; value?: unknown };
    if (o.termType === 'Variable') into.add(o.value as string);
    else for (const value of Object.values(node)) if (value !== null && typeof value === 'object') collectVariables(value, into);
  }
  return into;
}

function hasBlankNode(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasBlankNode);
  if (node === null || typeof node !== 'object') return false;
  if ((node as { termType?: string }).termType === 'BlankNode') return true;
  return Object.values(node).some((v) => v !== null && typeof v === 'object' && hasBlankNode(v));
}

/**
 * The variables bound in every solution of `pattern` (an under-estimate:
 * what is not known for certain is left out). A BGP binds all its variables;
 * a group, those of its required parts; a UNION, those of every branch;
 * GRAPH ?g, also ?g; VALUES, those with a value in every row. OPTIONAL, BIND
 * (an expression error leaves it unbound), MINUS, FILTER, sub-queries and
 * SERVICE count for nothing.
 */
export function certainVariables(pattern: Pattern): Set<string> {
  switch (pattern.type) {
    case 'bgp':
      return collectVariables(pattern.triples, new Set());
    case 'group':
      return certainOfGroup(pattern.patterns);
    case 'graph': {
      const found = certainOfGroup(pattern.patterns);
      if (pattern.name.termType === 'Variable') found.add(pattern.name.value);
      return found;
    }
    case 'union': {
      const [first, ...rest] = pattern.patterns.map(certainVariables);
      if (!first) return new Set();
      return new Set([...first].filter((v) => rest.every((branch) => branch.has(v))));
    }
    case 'values': {
      const rows = pattern.values;
      if (rows.length === 0) return new Set();
      const keys = Object.keys(rows[0]!).filter((k) => rows.every((row) => row[k as `?${string}`] !== undefined));
      return new Set(keys.map((k) => k.replace(/^[?$]/, '')));
    }
    default:
      return new Set();
  }
}

function certainOfGroup(patterns: readonly Pattern[]): Set<string> {
  const found = new Set<string>();
  for (const p of patterns) for (const v of certainVariables(p)) found.add(v);
  return found;
}

// ---------------------------------------------------------------- rule 1: the order inside a BGP

/** The key a term is known by among bound names: a variable's name, a blank node's `_:` label. */
function termKey(term: Term | Triple['predicate']): string | undefined {
  const t = term as { termType?: string; value?: string };
  if (t.termType === 'Variable') return t.value;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  return undefined;
}

function isBound(term: Term | Triple['predicate'], bound: ReadonlySet<string>): boolean {
  if (isPath(term as Triple['predicate'])) return true;
  const t = term as { termType?: string } & Partial<Record<'subject' | 'predicate' | 'object', Term>>;
  if (t.termType === 'Quad') return isBound(t.subject!, bound) && isBound(t.predicate!, bound) && isBound(t.object!, bound);
  const key = termKey(term);
  return key === undefined || bound.has(key);
}

function addKeys(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) addKeys(item, into);
  } else if (node !== null && typeof node === 'object') {
    const key = termKey(node as Term);
    if (key !== undefined) into.add(key);
    else for (const value of Object.values(node)) if (value !== null && typeof value === 'object') addKeys(value, into);
  }
}

/**
 * How selective a triple pattern is once the names in `bound` are bound:
 * lower is better. In order: all three bound; subject and object; subject and
 * predicate; predicate and object, unless that is a class membership
 * (`?x schema:worksFor <agency>`, `?x schema:name "…"`); subject alone; object
 * alone; a class membership (`?x a schema:Event`, usually large); predicate
 * alone; nothing bound. A path counts as a bound predicate.
 */
export function selectivity(triple: Triple, bound: ReadonlySet<string>): number {
  const s = isBound(triple.subject, bound);
  const p = isBound(triple.predicate, bound);
  const o = isBound(triple.object, bound);
  const typeOfClass = (triple.predicate as { termType?: string; value?: string }).termType === 'NamedNode' && (triple.predicate as { value: string }).value === RDF_TYPE && termKey(triple.object) === undefined;
  if (s && p && o) return 0;
  if (s && o) return 1;
  if (s && p) return 2;
  if (p && o && !typeOfClass) return 3;
  if (s) return 4;
  if (o && !typeOfClass) return 5;
  if (p && o) return 6;
  if (p) return 7;
  return 8;
}

/**
 * The triples of one BGP in evaluation order: each step takes the most
 * selective remaining pattern given what the earlier ones (and `bound`) bind,
 * the written order breaking ties.
 *
 * @example orderTriples(parsedWhereTriples, new Set()) // `?p schema:worksFor <agency>` before `?e schema:attendee ?p`
 */
export function orderTriples(triples: readonly Triple[], bound: ReadonlySet<string>): Triple[] {
  const known = new Set(bound);
  const left = [...triples];
  const ordered: Triple[] = [];
  while (left.length > 0) {
    let best = 0;
    let bestScore = Infinity;
    for (let i = 0; i < left.length; i++) {
      const score = selectivity(left[i]!, known);
      if (score < bestScore) {
        best = i;
        bestScore = score;
      }
    }
    const [next] = left.splice(best, 1);
    ordered.push(next!);
    addKeys([next!.subject, next!.predicate, next!.object], known);
  }
  return ordered;
}

// ---------------------------------------------------------------- rules 2 and 3: a group's elements

/** Whether BGP `r` (variables `rVars`) may move before `optional`, given the elements `before` it in the group. */
function mayPass(optional: OptionalPattern, rVars: ReadonlySet<string>, before: readonly Pattern[]): boolean {
  const shared = [...collectVariables(optional.patterns, new Set())].filter((v) => rVars.has(v));
  if (shared.length === 0) return true;
  const certain = certainOfGroup(before);
  return shared.every((v) => certain.has(v));
}

/** The group's elements with BGPs moved before the OPTIONALs and FILTERs they may pass (rules 2 and 3), merged with a BGP they reach. */
function moveRequired(patterns: readonly Pattern[]): Pattern[] {
  const out: Pattern[] = [];
  for (const element of patterns) {
    if (element.type !== 'bgp' || hasBlankNode(element.triples)) {
      out.push(element);
      continue;
    }
    const vars = collectVariables(element.triples, new Set());
    let at = out.length;
    let passedOptional = false;
    while (at > 0) {
      const previous = out[at - 1]!;
      if (previous.type === 'filter') at--;
      else if (previous.type === 'optional' && mayPass(previous, vars, out.slice(0, at - 1))) {
        at--;
        passedOptional = true;
      } else break;
    }
    const target = out[at - 1];
    if (target?.type === 'bgp') out[at - 1] = { type: 'bgp', triples: [...target.triples, ...element.triples] };
    else if (passedOptional) out.splice(at, 0, element);
    else out.push(element);
  }
  return out;
}

/** The group with its elements moved (rules 2, 3), every BGP ordered (rule 1) and nested groups planned, `bound` naming what is bound when it starts. */
function planGroup(patterns: readonly Pattern[], bound: ReadonlySet<string>): Pattern[] {
  const moved = moveRequired(patterns);
  const known = new Set(bound);
  return moved.map((element) => {
    const planned = planElement(element, known);
    for (const v of certainVariables(element)) known.add(v);
    return planned;
  });
}

/** A BGP with more triple patterns than this is left in the written order (ordering is quadratic in its size). */
const MAX_ORDERED_TRIPLES = 256;

function planElement(element: Pattern, known: ReadonlySet<string>): Pattern {
  switch (element.type) {
    case 'bgp':
      return element.triples.length > MAX_ORDERED_TRIPLES ? element : { type: 'bgp', triples: orderTriples(element.triples, known) };
    case 'group':
    case 'optional':
    case 'minus':
      return { ...element, patterns: planGroup(element.patterns, known) };
    case 'graph':
      return { ...element, patterns: planGroup(element.patterns, known) };
    case 'union':
      return { ...element, patterns: element.patterns.map((branch) => planElement(branch, known)) };
    case 'query':
      return planLevel(element);
    default:
      // FILTER, BIND, VALUES and SERVICE stay as written.
      return element;
  }
}

// ---------------------------------------------------------------- which queries

const ORDER_SENSITIVE_AGGREGATES = new Set(['group_concat', 'sample', 'sum', 'avg']);

function hasOrderSensitiveAggregate(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasOrderSensitiveAggregate);
  if (node === null || typeof node !== 'object') return false;
  const o = node as { type?: string; aggregation?: string };
  if (o.type === 'aggregate' && ORDER_SENSITIVE_AGGREGATES.has(String(o.aggregation).toLowerCase())) return true;
  return Object.values(node).some((v) => v !== null && typeof v === 'object' && hasOrderSensitiveAggregate(v));
}

/** The projected variables of a SELECT, in order; undefined for `SELECT *`. */
export function projectedVariables(query: SelectQuery): string[] | undefined {
  const names: string[] = [];
  for (const item of query.variables) {
    const v = item as { termType?: string; value?: string; variable?: { value: string } };
    if (v.termType === 'Variable') names.push(v.value!);
    else if (v.variable) names.push(v.variable.value);
    else return undefined;
  }
  return names;
}

/** Whether the rows of `query` (a query or sub-query) could change with the order its patterns yield solutions in. */
function orderSensitive(query: Query): boolean {
  const q = query as SelectQuery;
  if (hasOrderSensitiveAggregate([q.variables, q.having, q.order])) return true;
  if (q.limit === undefined && (q.offset === undefined || q.offset === 0)) return false;
  if (query.queryType !== 'SELECT' || !q.order) return true;
  const projected = projectedVariables(q);
  if (!projected) return true;
  const keys = new Set(q.order.map((o) => ((o.expression as { termType?: string }).termType === 'Variable' ? (o.expression as { value: string }).value : '')));
  return !projected.every((v) => keys.has(v));
}

function planLevel<Q extends Query>(query: Q): Q {
  if (orderSensitive(query) || !query.where) return query;
  return { ...query, where: planGroup(query.where, new Set()) };
}

function hasService(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasService);
  if (node === null || typeof node !== 'object') return false;
  if ((node as { type?: string }).type === 'service') return true;
  return Object.values(node).some((v) => v !== null && typeof v === 'object' && hasService(v));
}

/**
 * The query with its patterns planned, or undefined when the pass leaves it
 * as it is (nothing to change, or a query it does not rewrite). The input
 * tree is not modified.
 */
export function rewriteQuery(query: Query): Query | undefined {
  if (!query.where || hasService(query)) return undefined;
  const planned = planLevel(query);
  if (planned === query || JSON.stringify(planned.where) === JSON.stringify(query.where)) return undefined;
  return planned;
}

// ---------------------------------------------------------------- text

/** The tree as a string that ignores blank node labels (numbered in order of appearance), prefixes and base. */
function canonical(query: Query): string {
  const labels = new Map<string, number>();
  const { prefixes: _prefixes, base: _base, ...rest } = query;
  return JSON.stringify(rest, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const v = value as { termType?: string; value?: string };
    if (v.termType === 'BlankNode') {
      if (!labels.has(v.value!)) labels.set(v.value!, labels.size);
      return { termType: 'BlankNode', value: labels.get(v.value!) };
    }
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, (value as Record<string, unknown>)[k]]));
  });
}

function parse(text: string): SparqlQuery {
  return new Parser({ sparqlStar: true }).parse(text);
}

/** The text of a rewritten query, when it parses back to the same tree. */
function textOf(query: Query): string | undefined {
  try {
    const text = new Generator({ sparqlStar: true }).stringify(query);
    const again = parse(text);
    return again.type === 'query' && canonical(again) === canonical(query) ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Plans a query sparqljs has parsed (`parsed`, from `text`): its form, its
 * projection and the text to run. Remembered for the next time the same text
 * comes.
 */
export function planParsedQuery(text: string, parsed: Query): QueryPlan {
  const known = cache.get(text);
  if (known) return known;
  const form = parsed.queryType;
  const variables = parsed.queryType === 'SELECT' ? projectedVariables(parsed) : undefined;
  let newText: string | undefined;
  try {
    const rewritten = rewriteQuery(parsed);
    newText = rewritten ? textOf(rewritten) : undefined;
  } catch {
    // A tree shape the pass does not expect: the query runs as written.
  }
  const plan: QueryPlan = { text: newText ?? text, form, variables, rewritten: newText !== undefined };
  cache.set(text, plan);
  return plan;
}

/**
 * Plans one query text. A text seen recently is planned already (a bounded
 * cache). A SELECT of plain variables over a single triple pattern is
 * recognised without a parse (nothing to reorder); any other text is parsed
 * with sparqljs. Text that does not parse as a query is run as written (form
 * undefined), so oxigraph reports the error.
 *
 * @example planQuery('SELECT ?p ?o WHERE { <http://example.org/a> ?p ?o }') // { text: (the same), form: 'SELECT', variables: ['p', 'o'], rewritten: false }
 */
export function planQuery(text: string): QueryPlan {
  const known = cache.get(text);
  if (known) return known;
  const variables = singlePatternSelect(text);
  if (variables) {
    const plan: QueryPlan = { text, form: 'SELECT', variables, rewritten: false };
    cache.set(text, plan);
    return plan;
  }
  let parsed;
  try {
    parsed = parse(text);
  } catch {
    return { text, form: undefined, variables: undefined, rewritten: false };
  }
  if (parsed.type !== 'query') return { text, form: undefined, variables: undefined, rewritten: false };
  return planParsedQuery(text, parsed);
}

// ---------------------------------------------------------------- the plan cache

/** Plans kept: at most this many, and texts of at most this many characters in all. */
const CACHE_ENTRIES = 1024;
const CACHE_CHARS = 4_000_000;
/** Longer texts are planned every time. */
const CACHE_TEXT_MAX = 64_000;

/** Plans by text, bounded by count and by the characters of their texts; the oldest go first. */
class PlanCache {
  private readonly plans = new Map<string, QueryPlan>();
  private chars = 0;

  get(text: string): QueryPlan | undefined {
    return this.plans.get(text);
  }

  set(text: string, plan: QueryPlan): void {
    if (text.length > CACHE_TEXT_MAX || this.plans.has(text)) return;
    this.plans.set(text, plan);
    this.chars += size(text, plan);
    for (const [oldest, old] of this.plans) {
      if (this.plans.size <= CACHE_ENTRIES && this.chars <= CACHE_CHARS) break;
      this.plans.delete(oldest);
      this.chars -= size(oldest, old);
    }
  }

  get size(): number {
    return this.plans.size;
  }
}

function size(text: string, plan: QueryPlan): number {
  return text.length + (plan.rewritten ? plan.text.length : 0);
}

const cache = new PlanCache();

/** How many plans are remembered (for tests). */
export function cachedPlans(): number {
  return cache.size;
}

// ---------------------------------------------------------------- single-pattern SELECT, without a parse

const IRI = /<[^<>"{}|^`\\\u0000-\u0020]*>/y;
const VARIABLE = /[?$][A-Za-z0-9_]+/y;
const PNAME = /(?:[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?:(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?/y;
const WORD = /[A-Za-z]+/y;
const NUMBER = /[0-9]+/y;
const SKIP = /(?:\s+|#[^\r\n]*)+/y;
/** What may follow a token: space, a comment, punctuation, an IRI or a variable, or the end. */
const DELIMITER = /[\s#{}.<?$]|$/y;

type Lexeme = { kind: 'iri' | 'var' | 'pname' | 'word' | 'number' | 'punct'; text: string };

/** The text's tokens when it holds only IRIs, prefixed names, plain variables, words, whole numbers and `{ } .`; undefined otherwise. */
function simpleTokens(text: string): Lexeme[] | undefined {
  const tokens: Lexeme[] = [];
  let i = 0;
  const at = (re: RegExp): number => {
    re.lastIndex = i;
    return re.test(text) ? re.lastIndex : -1;
  };
  while (i < text.length) {
    let end = at(SKIP);
    if (end > i) {
      i = end;
      continue;
    }
    const c = text[i]!;
    let kind: Lexeme['kind'];
    if (c === '{' || c === '}' || c === '.') {
      kind = 'punct';
      end = i + 1;
    } else if (c === '<') {
      kind = 'iri';
      end = at(IRI);
    } else if (c === '?' || c === '$') {
      kind = 'var';
      end = at(VARIABLE);
    } else if ((end = at(PNAME)) > i) {
      kind = 'pname';
    } else if ((end = at(WORD)) > i) {
      kind = 'word';
    } else {
      kind = 'number';
      end = at(NUMBER);
    }
    if (end <= i) return undefined;
    const token = text.slice(i, end);
    i = end;
    if (kind !== 'punct' && at(DELIMITER) < 0) return undefined;
    tokens.push({ kind, text: kind === 'word' ? token.toUpperCase() : token });
  }
  return tokens;
}

/**
 * The projection of a query of the form `[PREFIX/BASE …] SELECT [DISTINCT |
 * REDUCED] ?a ?b … [WHERE] { s p o [.] } [LIMIT n] [OFFSET n]`, where s, p, o
 * are IRIs, prefixed names, variables (or `a`); undefined for any other text.
 */
export function singlePatternSelect(text: string): string[] | undefined {
  const tokens = simpleTokens(text);
  if (!tokens) return undefined;
  let i = 0;
  const next = () => tokens[i++];
  const peek = () => tokens[i];
  for (;;) {
    const t = peek();
    if (t?.kind === 'word' && t.text === 'PREFIX') {
      i++;
      const name = next();
      if (name?.kind !== 'pname' || !name.text.endsWith(':') || next()?.kind !== 'iri') return undefined;
    } else if (t?.kind === 'word' && t.text === 'BASE') {
      i++;
      if (next()?.kind !== 'iri') return undefined;
    } else break;
  }
  if (next()?.text !== 'SELECT') return undefined;
  if (peek()?.text === 'DISTINCT' || peek()?.text === 'REDUCED') i++;
  const variables: string[] = [];
  while (peek()?.kind === 'var') variables.push(next()!.text.slice(1));
  if (variables.length === 0 || new Set(variables).size !== variables.length) return undefined;
  if (peek()?.text === 'WHERE') i++;
  if (next()?.text !== '{') return undefined;
  const term = (predicate: boolean) => {
    const t = next();
    return t !== undefined && (t.kind === 'iri' || t.kind === 'var' || (t.kind === 'pname' && !t.text.endsWith(':')) || (predicate && t.kind === 'word' && t.text === 'A'));
  };
  if (!term(false) || !term(true) || !term(false)) return undefined;
  if (peek()?.text === '.') i++;
  if (next()?.text !== '}') return undefined;
  const seen = new Set<string>();
  while (i < tokens.length) {
    const keyword = next()!;
    if ((keyword.text !== 'LIMIT' && keyword.text !== 'OFFSET') || seen.has(keyword.text) || next()?.kind !== 'number') return undefined;
    seen.add(keyword.text);
  }
  return variables;
}
