/**
 * The query plan pass (`src/sparql/query-plan.ts`): its decisions on small
 * queries, and, on a store loaded from the sample release, the same results
 * for every example query and a set of tricky ones whether the pass rewrote
 * them or not, through the facade and through the endpoint's answer.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { Parser, type BgpPattern, type Pattern, type Query, type SelectQuery } from 'sparqljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { executeQuery, type QueryResult } from '../../src/sparql/engine.ts';
import { loadRelease, type Release } from '../../src/sparql/load-release.ts';
import { cachedPlans, certainVariables, orderTriples, planQuery, rewriteQuery, singlePatternSelect } from '../../src/sparql/query-plan.ts';
import { answerQuery } from '../../src/sparql/server/answer.ts';
import { captureIo } from '../support/capture-io.ts';

const PREFIXES = `PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX ex: <http://example.org/>
`;

const parse = (text: string) => new Parser({ sparqlStar: true }).parse(PREFIXES + text) as Query;

/** The planned query's top-level group, or undefined when the pass leaves the query alone. */
function plannedWhere(text: string): Pattern[] | undefined {
  return rewriteQuery(parse(text))?.where;
}

/** A triple pattern written as `s p o` with prefixed local names (`?x worksFor agency`). */
function show(p: Pattern): string {
  if (p.type !== 'bgp') return p.type.toUpperCase();
  const term = (t: unknown) => {
    const x = t as { termType?: string; value?: string; type?: string };
    if (x.type === 'path') return 'PATH';
    if (x.termType === 'Variable') return `?${x.value}`;
    if (x.termType === 'BlankNode') return '[]';
    return x.value!.replace(/^.*[/#]/, '');
  };
  return (p as BgpPattern).triples.map((t) => `${term(t.subject)} ${term(t.predicate)} ${term(t.object)}`).join(' . ');
}

describe('the plan pass decides', () => {
  it('orders a BGP from its bound pattern along the joins (the 3-hop query)', () => {
    const where = plannedWhere('SELECT DISTINCT ?a ?e ?p WHERE { ?a schema:about ?e . ?e a schema:Event ; schema:attendee ?p . ?p schema:worksFor ex:agency }');
    expect(where?.map(show)).toEqual(['?p worksFor agency . ?e attendee ?p . ?e type Event . ?a about ?e']);
  });

  it('ranks a fixed object before a class membership, and a bound subject before both', () => {
    const q = parse('SELECT * WHERE { ?x a schema:Person . ?x schema:name "A" . ex:b schema:knows ?x }');
    const triples = ((q.where![0] as BgpPattern).triples);
    expect(orderTriples(triples, new Set()).map((t) => (t.predicate as RDF.NamedNode).value.replace(/^.*[/#]/, ''))).toEqual(['knows', 'type', 'name']);
    expect(orderTriples(triples.slice(0, 2), new Set()).map((t) => (t.predicate as RDF.NamedNode).value.replace(/^.*[/#]/, ''))).toEqual(['name', 'type']);
  });

  it('keeps the written order between equally selective patterns', () => {
    expect(plannedWhere('SELECT * WHERE { ?a schema:name ?n . ?a schema:jobTitle ?t }')).toBeUndefined();
  });

  it('moves a required BGP before an OPTIONAL whose variables it shares only where they are already bound', () => {
    expect(plannedWhere('SELECT * WHERE { ?p a schema:Person . OPTIONAL { ?p schema:worksFor ?o } ?p schema:name ?n }')?.map(show)).toEqual([
      '?p type Person . ?p name ?n',
      'OPTIONAL',
    ]);
    // ?o is not bound before the OPTIONAL: the join on ?o depends on whether the OPTIONAL matched.
    expect(plannedWhere('SELECT * WHERE { ?p a schema:Person . OPTIONAL { ?p schema:worksFor ?o } ?o schema:name ?n }')).toBeUndefined();
    // Nothing shared: always movable.
    expect(plannedWhere('SELECT * WHERE { ?p a schema:Person . OPTIONAL { ?p schema:worksFor ?o } ?x schema:name ?n }')?.map(show)).toEqual([
      '?p type Person . ?x name ?n',
      'OPTIONAL',
    ]);
  });

  it("counts the OPTIONAL's FILTER among its variables", () => {
    expect(plannedWhere('SELECT * WHERE { ?p a schema:Person . OPTIONAL { ?p schema:worksFor ?o FILTER(?n != "x") } ?p schema:name ?n }')).toBeUndefined();
    expect(plannedWhere('SELECT * WHERE { ?p a schema:Person ; schema:name ?n . OPTIONAL { ?p schema:worksFor ?o FILTER(?n != "x") } ?p schema:jobTitle ?t }')?.map(show)).toEqual([
      '?p type Person . ?p name ?n . ?p jobTitle ?t',
      'OPTIONAL',
    ]);
  });

  it('passes several OPTIONALs in order, and stops at one it may not pass', () => {
    expect(plannedWhere('SELECT * WHERE { ?p a schema:Person OPTIONAL { ?p schema:worksFor ?o } OPTIONAL { ?p schema:jobTitle ?t } ?p schema:name ?n }')?.map(show)).toEqual([
      '?p type Person . ?p name ?n',
      'OPTIONAL',
      'OPTIONAL',
    ]);
    const where = plannedWhere('SELECT * WHERE { ?p a schema:Person OPTIONAL { ?p schema:worksFor ?o } OPTIONAL { ?p schema:jobTitle ?t } ?o schema:name ?n }');
    expect(where?.map(show)).toEqual(['?p type Person', 'OPTIONAL', '?o name ?n', 'OPTIONAL']);
    expect(((where![1] as { patterns: Pattern[] }).patterns[0] as BgpPattern).triples[0]!.predicate).toMatchObject({ value: 'http://schema.org/worksFor' });
  });

  it('merges a BGP across FILTERs, which hold for the whole group', () => {
    expect(plannedWhere('SELECT * WHERE { ?p schema:name ?n . FILTER(?n != "x") ?p a schema:Person }')?.map(show)).toEqual(['?p type Person . ?p name ?n', 'FILTER']);
  });

  it('does not move anything past BIND, VALUES, MINUS, a sub-query or a UNION', () => {
    for (const barrier of ['BIND(STRLEN(?n) AS ?l)', 'VALUES ?z { 1 }', 'MINUS { ?p schema:worksFor ?w }', '{ SELECT ?p WHERE { ?p a schema:Person } }', '{ ?p ?q ?r } UNION { ?p ?q ?s }']) {
      const where = plannedWhere(`SELECT * WHERE { ?p a schema:Person OPTIONAL { ?p schema:worksFor ?o } ${barrier} ?p schema:name ?n }`);
      expect(where?.map(show).at(-1) ?? 'unchanged', barrier).not.toBe('OPTIONAL');
    }
  });

  it('does not move or merge a BGP with blank nodes', () => {
    expect(plannedWhere('SELECT * WHERE { ?p a schema:Person OPTIONAL { ?p schema:worksFor ?o } ?p schema:memberOf [ schema:name ?n ] }')).toBeUndefined();
    expect(plannedWhere('SELECT * WHERE { ?p a schema:Person . FILTER(true) ?p schema:name _:x }')).toBeUndefined();
  });

  it('plans inside OPTIONAL, nested groups, UNION branches and GRAPH, with what is bound before them', () => {
    const where = plannedWhere(
      'SELECT * WHERE { ?e a schema:Event . OPTIONAL { ?x schema:name ?n . ?e schema:attendee ?x } { ?y schema:name ?m . ?y schema:worksFor ex:a } UNION { ?y a schema:Person . ?y schema:name "B" } GRAPH ?g { ?z schema:name ?k . ?z schema:about ?e } }',
    );
    const inner = (p: Pattern | undefined) => (p as { patterns: Pattern[] }).patterns.map(show);
    expect(inner(where![1])).toEqual(['?e attendee ?x . ?x name ?n']);
    // sparqljs gives a UNION branch of one BGP as that BGP.
    expect((where![2] as { patterns: Pattern[] }).patterns.map(show)).toEqual(['?y worksFor a . ?y name ?m', '?y name B . ?y type Person']);
    expect(inner(where![3])).toEqual(['?z about ?e . ?z name ?k']);
  });

  it('leaves alone queries whose rows depend on the order of solutions, and SERVICE', () => {
    const bad = 'WHERE { ?p a schema:Person . ?p schema:name "A" }';
    expect(plannedWhere(`SELECT ?p ${bad} LIMIT 5`)).toBeUndefined();
    expect(plannedWhere(`SELECT ?p ${bad} OFFSET 5`)).toBeUndefined();
    expect(plannedWhere(`SELECT ?p ?q ${bad} ORDER BY ?p LIMIT 5`)).toBeUndefined();
    expect(plannedWhere(`SELECT ?p ${bad} ORDER BY ?p LIMIT 5`)).toBeDefined();
    expect(plannedWhere(`SELECT ?p ${bad} ORDER BY DESC(?p) LIMIT 5`)).toBeDefined();
    expect(plannedWhere(`SELECT (GROUP_CONCAT(?p) AS ?all) ${bad}`)).toBeUndefined();
    expect(plannedWhere(`SELECT (SAMPLE(?p) AS ?one) ${bad}`)).toBeUndefined();
    expect(plannedWhere(`SELECT (SUM(?p) AS ?s) ${bad}`)).toBeUndefined();
    expect(plannedWhere(`SELECT (COUNT(?p) AS ?n) ${bad}`)).toBeDefined();
    expect(plannedWhere(`CONSTRUCT { ?p a schema:Thing } ${bad} LIMIT 5`)).toBeUndefined();
    expect(plannedWhere(`SELECT ?p WHERE { ?p a schema:Person . ?p schema:name "A" SERVICE <http://example.org/sparql> { ?p ?q ?r } }`)).toBeUndefined();
    // A sub-query with LIMIT keeps its own order; the query around it is still planned.
    const where = plannedWhere(`SELECT * WHERE { ?p a schema:Person . ?p schema:name "A" { SELECT ?p WHERE { ?p a schema:Person . ?p schema:name "B" } LIMIT 1 } }`);
    expect(where?.map(show)[0]).toBe('?p name A . ?p type Person');
    const sub = (where![1] as { patterns: Pattern[] }).patterns[0] as SelectQuery;
    expect(sub.where!.map(show)).toEqual(['?p type Person . ?p name B']);
  });

  it('knows which variables are certainly bound', () => {
    const where = parse(
      'SELECT * WHERE { { ?a ?b ?c } UNION { ?a ?b ?d } GRAPH ?g { ?e ?f ?h } VALUES (?v ?w) { (1 2) (3 UNDEF) } OPTIONAL { ?o ?o2 ?o3 } BIND(1 AS ?x) }',
    ).where!;
    expect([...certainVariables(where[0]!)].sort()).toEqual(['a', 'b']);
    expect([...certainVariables(where[1]!)].sort()).toEqual(['e', 'f', 'g', 'h']);
    expect([...certainVariables(where[2]!)]).toEqual(['v']);
    expect([...certainVariables(where[3]!)]).toEqual([]);
    expect([...certainVariables(where[4]!)]).toEqual([]);
  });

  it('reads a single-pattern SELECT without a parse, and nothing else', () => {
    expect(singlePatternSelect('PREFIX s: <http://s/>\nselect distinct ?p ?o where { s:x ?p ?o . } LIMIT 3 OFFSET 1 # done')).toEqual(['p', 'o']);
    expect(singlePatternSelect('SELECT ?s WHERE { ?s a <http://x/C> }')).toEqual(['s']);
    for (const text of [
      'SELECT * WHERE { ?s ?p ?o }',
      'SELECT ?p ?p WHERE { ?s ?p ?o }',
      'SELECT ?p WHERE { ?s ?p "o" }',
      'SELECT ?p WHERE { ?s ?p ?o . ?o ?p ?s }',
      'SELECT ?p WHERE { ?s ?p ?o } ORDER BY ?p',
      'SELECT ?p WHERE { ?s ex:a:b ?o }',
      'SELECT ?p WHERE { ?s ?p ex:o. ?o ?p ?s }',
      'SELECT ?té WHERE { ?s ?p ?té }',
      'SELECT (?p AS ?q) WHERE { ?s ?p ?o }',
      'ASK { ?s ?p ?o }',
    ]) {
      expect(singlePatternSelect(text), text).toBeUndefined();
    }
  });

  it('remembers a bounded number of plans', () => {
    for (let i = 0; i < 1500; i++) planQuery(`SELECT ?n WHERE { ?x <http://schema.org/name> ?n . ?x <http://schema.org/identifier> "${i}" }`);
    expect(cachedPlans()).toBeLessThanOrEqual(1024);
    expect(cachedPlans()).toBeGreaterThan(0);
  });

  it('runs text it cannot parse as written', () => {
    expect(planQuery('SELECT ?x WHERE { ?x ?y }')).toEqual({ text: 'SELECT ?x WHERE { ?x ?y }', form: undefined, variables: undefined, rewritten: false });
  });
});

// ---------------------------------------------------------------- on the sample release

/** Queries over the sample release; `rewritten` says what the pass must do with them (undefined: either). */
const TRICKY: { name: string; query: string; rewritten?: boolean }[] = [
  { name: 'OPTIONAL before a join on a bound variable', rewritten: true, query: 'SELECT ?person ?name ?org ?title WHERE { ?person a schema:Person . OPTIONAL { ?person schema:worksFor ?org } ?person schema:name ?name ; schema:jobTitle ?title }' },
  { name: 'OPTIONAL before a join on its own variable', rewritten: false, query: 'SELECT ?m ?org ?name WHERE { ?m a org:Membership . OPTIONAL { ?m org:organization ?org } ?org schema:name ?name }' },
  { name: "OPTIONAL whose FILTER names a later variable", rewritten: false, query: 'SELECT ?p ?org ?n WHERE { ?p a schema:Person . OPTIONAL { ?p schema:worksFor ?org FILTER(STRLEN(?n) > 3) } ?p schema:name ?n }' },
  { name: "OPTIONAL whose FILTER names a bound variable", rewritten: true, query: 'SELECT ?p ?org ?n ?t WHERE { ?p a schema:Person ; schema:name ?n . OPTIONAL { ?p schema:worksFor ?org FILTER(STRLEN(?n) > 12) } ?p schema:jobTitle ?t }' },
  { name: 'FILTER on an optional variable', rewritten: true, query: 'SELECT ?p ?n WHERE { ?p a schema:Person OPTIONAL { ?p schema:worksFor ?org } FILTER(!BOUND(?org)) ?p schema:name ?n }' },
  { name: 'two OPTIONALs, one passable', query: 'SELECT ?p ?o ?t ?on WHERE { ?p a schema:Person OPTIONAL { ?p schema:worksFor ?o } OPTIONAL { ?p schema:jobTitle ?t } ?o schema:name ?on }', rewritten: true },
  { name: 'nested OPTIONAL', rewritten: true, query: 'SELECT ?m ?o ?on ?p WHERE { ?m a org:Membership OPTIONAL { ?m org:organization ?o OPTIONAL { ?o schema:name ?on FILTER(LANG(?on) = "en") } } ?m org:member ?p }' },
  { name: 'nested groups', query: 'SELECT ?e ?p ?n WHERE { { ?e a schema:Event . ?e schema:attendee ?p } { ?p schema:name ?n . ?p a schema:Person } }' },
  { name: 'UNION', query: 'SELECT ?x ?n WHERE { { ?x a schema:Person ; schema:name ?n } UNION { ?x schema:name ?n ; a schema:GovernmentOrganization OPTIONAL { ?x schema:parentOrganization ?up } } }' },
  { name: 'BIND before a later join', rewritten: false, query: 'SELECT ?p ?n ?l WHERE { ?p a schema:Person . OPTIONAL { ?p schema:worksFor ?o } BIND(STRLEN(?n) AS ?l) ?p schema:name ?n }' },
  { name: 'VALUES', rewritten: true, query: 'SELECT ?x ?n ?t WHERE { VALUES ?t { schema:Person schema:Event } ?x schema:name ?n . ?x a ?t }' },
  { name: 'VALUES after the WHERE', query: 'SELECT ?x ?n WHERE { ?x schema:name ?n . ?x a ?t } VALUES ?t { schema:Person }' },
  { name: 'sub-query', query: 'SELECT ?p ?n ?c WHERE { ?p schema:name ?n . { SELECT ?p (COUNT(?e) AS ?c) WHERE { ?e schema:attendee ?p . ?e a schema:Event } GROUP BY ?p } }' },
  { name: 'sub-query with LIMIT', query: 'SELECT ?e ?p WHERE { ?e schema:attendee ?p . ?e a schema:Event . { SELECT ?e WHERE { ?e a schema:Event ; schema:name ?x } ORDER BY ?e LIMIT 3 } }' },
  { name: 'property paths', rewritten: true, query: 'SELECT ?m ?from ?to ?n WHERE { ?m org:memberDuring ?d . ?d time:hasBeginning/time:inXSDDate ?from . ?d time:hasEnd/time:inXSDDate ?to . ?m org:member ?p . ?p schema:name ?n . ?p a schema:Person }' },
  { name: 'transitive path', query: 'SELECT ?a ?b ?n WHERE { ?a org:subOrganizationOf+ ?b . ?b schema:name ?n . ?a a schema:GovernmentOrganization }' },
  { name: 'GRAPH', rewritten: true, query: 'SELECT ?g ?a ?t ?p WHERE { GRAPH ?g { ?a schema:headline ?t . ?a a schema:NewsArticle . OPTIONAL { ?a schema:mentions ?p } ?a schema:datePublished ?d } }' },
  { name: 'ORDER BY and LIMIT over every projected variable', rewritten: true, query: 'SELECT DISTINCT ?p ?n WHERE { ?p schema:name ?n ; a schema:Person } ORDER BY ?n ?p LIMIT 5' },
  { name: 'LIMIT without ORDER BY', rewritten: false, query: 'SELECT ?p ?n WHERE { ?p a schema:Person ; schema:name ?n } LIMIT 5' },
  { name: 'MINUS', query: 'SELECT ?p ?n WHERE { ?p a schema:Person MINUS { ?p schema:worksFor ?o } ?p schema:name ?n }' },
  { name: 'FILTER NOT EXISTS', rewritten: true, query: 'SELECT ?p ?n WHERE { ?p a schema:Person . FILTER NOT EXISTS { ?p schema:worksFor ?o } ?p schema:name ?n }' },
  { name: 'blank nodes', rewritten: false, query: 'SELECT ?p WHERE { ?p a schema:Person OPTIONAL { ?p schema:worksFor ?o } ?p schema:name [] }' },
  { name: 'SELECT *', rewritten: true, query: 'SELECT * WHERE { ?p a schema:Person . OPTIONAL { ?p schema:worksFor ?o } ?p schema:name ?n ; schema:jobTitle ?t }' },
  { name: 'aggregate', query: 'SELECT ?type (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?doc a schema:Legislation ; schema:legislationType ?type } GROUP BY ?type ORDER BY DESC(?n) ?type' },
  { name: 'GROUP_CONCAT', rewritten: false, query: 'SELECT ?e (GROUP_CONCAT(?n; SEPARATOR="|") AS ?names) WHERE { ?e a schema:Event ; schema:attendee ?p . ?p schema:name ?n } GROUP BY ?e' },
  { name: 'ASK', rewritten: true, query: 'ASK { ?p a schema:Person OPTIONAL { ?p schema:worksFor ?o } ?p schema:name ?n }' },
  { name: 'CONSTRUCT', rewritten: true, query: 'CONSTRUCT { ?p schema:name ?n ; schema:worksFor ?o } WHERE { ?p a schema:Person OPTIONAL { ?p schema:worksFor ?o } ?p schema:name ?n }' },
  { name: 'DESCRIBE', query: 'DESCRIBE ?o WHERE { ?p a schema:Person ; schema:worksFor ?o ; schema:name ?n }' },
  { name: 'typed and tagged literals', query: 'SELECT ?e ?d ?n WHERE { ?e schema:startDate ?d ; schema:name ?n . FILTER(?d >= "2024-01-01"^^xsd:date) ?e a schema:Event }' },
];

const EXAMPLES = readdirSync(join(REPO_ROOT, 'data/queries'))
  .filter((f) => f.endsWith('.rq'))
  .sort()
  .map((f) => ({ name: f, query: readFileSync(join(REPO_ROOT, 'data/queries', f), 'utf8') }));

let dir: string;
let release: Release;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loa-plan-'));
  const io = captureIo(REPO_ROOT);
  const code = await main(['build', '--input', join(REPO_ROOT, 'data/announcements'), '--out', dir, '--no-cache'], io);
  expect(code, io.err()).toBe(0);
  release = await loadRelease(dir);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function termKey(t: RDF.Term | undefined): string {
  if (!t) return '-';
  if (t.termType === 'Literal') return `"${t.value}"@${t.language}^^${t.datatype.value}`;
  if (t.termType === 'BlankNode') return '_:b';
  return `<${t.value}>`;
}

/** The rows as strings, with the projected variables in order (blank node labels ignored). */
function rowKeys(result: QueryResult & { kind: 'bindings' }): string[] {
  return result.rows.map((row) => result.variables.map((v) => termKey(row.get(v))).join(' '));
}

/** ORDER BY variables that are projected, when the ORDER BY has only such conditions. */
function orderKeys(text: string): string[] | undefined {
  const q = new Parser().parse(text) as SelectQuery;
  if (q.queryType !== 'SELECT' || !q.order) return undefined;
  const vars = q.order.map((o) => ((o.expression as { termType?: string }).termType === 'Variable' ? (o.expression as RDF.Variable).value : undefined));
  return vars.every((v) => v !== undefined) ? (vars as string[]) : undefined;
}

function quadKey(q: RDF.Quad): string {
  return [q.subject, q.predicate, q.object].map((t) => termKey(t as RDF.Term)).join(' ');
}

/** Asserts that `a` (planned) and `b` (as written) hold the same results: as multisets, and in the order ORDER BY fixes. */
function expectSameResults(name: string, text: string, a: QueryResult, b: QueryResult): number {
  expect(a.kind, name).toBe(b.kind);
  if (a.kind === 'boolean' && b.kind === 'boolean') {
    expect(a.value, name).toBe(b.value);
    return 1;
  }
  if (a.kind === 'quads' && b.kind === 'quads') {
    expect(a.quads.map(quadKey).sort(), name).toEqual(b.quads.map(quadKey).sort());
    return a.quads.length;
  }
  if (a.kind !== 'bindings' || b.kind !== 'bindings') throw new Error('unexpected result kinds');
  expect(a.variables, name).toEqual(b.variables);
  expect([...rowKeys(a)].sort(), name).toEqual([...rowKeys(b)].sort());
  const keys = orderKeys(text);
  if (keys) {
    const sequence = (r: typeof a) => r.rows.map((row) => keys.map((k) => termKey(row.get(k))).join(' '));
    expect(sequence(a), `${name}: ORDER BY`).toEqual(sequence(b));
  }
  return a.rows.length;
}

describe('the plan pass on the sample release', () => {
  it('gives the same results for every example query, rewritten or not', async () => {
    let rewritten = 0;
    for (const { name, query } of EXAMPLES) {
      const plan = planQuery(query);
      if (plan.rewritten) rewritten++;
      const rows = expectSameResults(name, query, await executeQuery(release, query), await executeQuery(release, query, { asWritten: true }));
      expect(rows, `${name} finds something`).toBeGreaterThan(0);
    }
    expect(rewritten).toBeGreaterThanOrEqual(4);
  });

  it('gives the same results for the tricky queries, rewritten where it may', async () => {
    let nonEmpty = 0;
    for (const { name, query, rewritten } of TRICKY) {
      const text = PREFIXES + query;
      const plan = planQuery(text);
      if (rewritten !== undefined) expect(plan.rewritten, `${name}: rewritten`).toBe(rewritten);
      const rows = expectSameResults(name, text, await executeQuery(release, text), await executeQuery(release, text, { asWritten: true }));
      if (rows > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(TRICKY.length - 3);
  });

  it('returns what the SPARQL JSON results gave: variables in projection order, unbound ones too, the same terms and row order', async () => {
    const queries = [
      ...EXAMPLES.map((e) => e.query),
      ...TRICKY.filter((t) => /^\s*SELECT/.test(t.query)).map((t) => PREFIXES + t.query),
      PREFIXES + 'SELECT ?p ?nothing ?o WHERE { ?p a schema:Person ; schema:name ?o }',
      PREFIXES + 'SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 400',
      PREFIXES + 'SELECT (BNODE() AS ?b) (STRLEN("abc") AS ?n) ("x"@EN AS ?l) WHERE {}',
    ];
    for (const text of queries) {
      const json = JSON.parse(release.store.query(text, { results_format: 'application/sparql-results+json' }) as string) as {
        head: { vars: string[] };
        results: { bindings: Record<string, { type: string; value: string; 'xml:lang'?: string; datatype?: string }>[] };
      };
      const result = await executeQuery(release, text, { asWritten: true });
      if (result.kind !== 'bindings') throw new Error('expected bindings');
      expect(result.variables, text).toEqual(json.head.vars);
      expect(result.rows.length, text).toBe(json.results.bindings.length);
      result.rows.forEach((row, i) => {
        const expected = json.results.bindings[i]!;
        expect([...row.keys()], text).toEqual(Object.keys(expected));
        for (const [k, t] of row) {
          const e = expected[k]!;
          expect(t.termType, text).toBe({ uri: 'NamedNode', bnode: 'BlankNode', literal: 'Literal' }[e.type]);
          if (e.type !== 'bnode') expect(t.value).toBe(e.value);
          if (t.termType === 'Literal') {
            expect(t.language).toBe(e['xml:lang'] ?? '');
            expect(t.datatype.value).toBe(e.datatype ?? (e['xml:lang'] ? 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' : 'http://www.w3.org/2001/XMLSchema#string'));
          }
        }
      });
    }
  });

  it('answers the same through the endpoint, which plans the query it has parsed', async () => {
    const job = { id: 1, maxRows: 10_000, allowService: [], results: 'json' as const, graph: 'ntriples' as const, defaultGraphs: undefined, namedGraphs: undefined };
    let checked = 0;
    for (const { name, query } of [...EXAMPLES, ...TRICKY.map((t) => ({ name: t.name, query: PREFIXES + t.query }))]) {
      const answer = await answerQuery(release.store, { ...job, query });
      if (!answer.ok) throw new Error(`${name}: ${answer.message}`);
      if (answer.form === 'SELECT') {
        const got = JSON.parse(answer.body) as { head: { vars: string[] }; results: { bindings: object[] } };
        const expected = JSON.parse(release.store.query(query, { results_format: 'application/sparql-results+json' }) as string) as typeof got;
        expect(got.head.vars, name).toEqual(expected.head.vars);
        const rows = (r: typeof got) => r.results.bindings.map((b) => JSON.stringify(Object.entries(b).map(([k, v]) => [k, (v as { type: string }).type === 'bnode' ? 'bnode' : v]))).sort();
        expect(rows(got), name).toEqual(rows(expected));
        checked++;
      } else if (answer.form === 'ASK') {
        expect(JSON.parse(answer.body).boolean, name).toBe(release.store.query(query));
      } else {
        const lines = (s: string) => s.split('\n').filter((l) => l !== '').sort();
        expect(lines(answer.body), name).toEqual(lines(release.store.query(query, { results_format: 'application/n-triples' }) as string));
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
