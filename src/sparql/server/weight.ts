/**
 * A guess, before a query runs, at whether it is light: the kind that looks
 * things up rather than scans or multiplies the whole graph. The pool keeps
 * one worker for light queries, so a burst of heavy ones cannot keep a lookup
 * waiting (oxigraph cannot be interrupted, and a stopped worker takes long to
 * reload a large release).
 *
 * A query is light when its patterns form one connected join (every triple
 * pattern shares a variable with the rest, so no cartesian product) and at
 * least one pattern is anchored by a constant subject or object; and it has
 * no property path with `*` or `+`, no sub-select and no SERVICE. A wrong guess
 * costs only fairness: a heavy query guessed light still meets its deadline.
 */
import { Parser } from 'sparqljs';

interface Term {
  termType?: string;
  value?: string;
}

interface Pattern {
  subject: Term;
  predicate: Term & { type?: string; pathType?: string; items?: unknown[] };
  object: Term;
}

const isVariable = (t: Term | undefined) => t?.termType === 'Variable';
const isConstant = (t: Term | undefined) => t?.termType === 'NamedNode' || t?.termType === 'Literal';

/** Collects the triple patterns of a parse tree; false when it holds something that rules out a light query. */
function collect(node: unknown, patterns: Pattern[], top: boolean): boolean {
  if (Array.isArray(node)) return node.every((item) => collect(item, patterns, false));
  if (node === null || typeof node !== 'object') return true;
  const o = node as { type?: string; triples?: Pattern[]; pathType?: string };
  if (o.type === 'service') return false;
  if (o.type === 'query' && !top) return false;
  if (o.type === 'path' && (o.pathType === '*' || o.pathType === '+')) return false;
  if (o.type === 'bgp' && Array.isArray(o.triples)) patterns.push(...o.triples);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'triples' && o.type === 'bgp') {
      if (!collect((value as Pattern[]).map((t) => t.predicate), patterns, false)) return false;
      continue;
    }
    if (value !== null && typeof value === 'object' && !collect(value, patterns, false)) return false;
  }
  return true;
}

/** Whether the patterns share variables so that they form one join. */
function connected(patterns: Pattern[]): boolean {
  const varsOf = (p: Pattern) => [p.subject, p.predicate, p.object].filter(isVariable).map((t) => t.value!);
  const reached = new Set<number>([0]);
  const vars = new Set(varsOf(patterns[0]!));
  for (let grew = true; grew; ) {
    grew = false;
    patterns.forEach((p, i) => {
      if (reached.has(i)) return;
      const own = varsOf(p);
      if (own.length === 0 || own.some((v) => vars.has(v))) {
        reached.add(i);
        for (const v of own) vars.add(v);
        grew = true;
      }
    });
  }
  return reached.size === patterns.length;
}

/** Whether `text` (a query that passed the size and depth caps) looks light; unparsable text is not. */
export function looksLight(text: string): boolean {
  let parsed: { type?: string; queryType?: string; where?: unknown };
  try {
    parsed = new Parser({ sparqlStar: true }).parse(text) as typeof parsed;
  } catch {
    return false;
  }
  if (parsed.type !== 'query') return false;
  // DESCRIBE <iri> with no WHERE describes the resources it names.
  if (parsed.queryType === 'DESCRIBE' && parsed.where === undefined) return true;
  const patterns: Pattern[] = [];
  if (!collect(parsed.where ?? [], patterns, true)) return false;
  if (patterns.length === 0) return false;
  if (!patterns.some((p) => isConstant(p.subject) || isConstant(p.object))) return false;
  return connected(patterns);
}
