/**
 * The endpoint's pure pieces, without a server: the lexical scan behind the
 * nesting cap and the row-cap edits, the classification by sparqljs, and
 * Accept negotiation. Each edited query is checked to still parse.
 */
import { Parser } from 'sparqljs';
import { describe, expect, it } from 'vitest';
import { classifyQuery } from '../../src/sparql/server/classify.ts';
import { GRAPH_FORMATS, negotiate, RESULTS_FORMATS } from '../../src/sparql/server/negotiate.ts';
import { nestingDepth, withConstructMarker, withTopLevelLimit } from '../../src/sparql/server/query-text.ts';
import { looksLight } from '../../src/sparql/server/weight.ts';

const parses = (q: string) => new Parser().parse(q) as { limit?: number; template?: unknown[] };

describe('nesting depth', () => {
  it('counts braces, brackets and parentheses together', () => {
    expect(nestingDepth('SELECT * WHERE { ?s ?p [ ?q (1 2) ] }')).toBe(3);
    expect(nestingDepth('ASK {}')).toBe(1);
  });

  it('skips strings (short and long, with escapes), IRIs, comments and escaped local names', () => {
    expect(nestingDepth('ASK { FILTER(?x = "{{{\\"((") }')).toBe(2);
    expect(nestingDepth("ASK { FILTER(?x = '''{{{\n''' && ?y = \"\"\"(((\"\"\" ) }")).toBe(2);
    expect(nestingDepth('ASK { ?s <http://example.org/a#b> ?o } # {{{{{{')).toBe(1);
    expect(nestingDepth('ASK { ?s ex:a\\#b ?o . ?s ex:c\\(d ?o }')).toBe(1);
  });

  it('reads a less-than sign as an operator, not the start of an IRI', () => {
    expect(nestingDepth('ASK { FILTER(?a < ?b && (?c > ?d)) }')).toBe(3);
  });

  it('counts parentheses inside what reads as an IRI, which a parser may take for a comparison', () => {
    expect(nestingDepth(`ASK { FILTER(?a<${'('.repeat(100)}?b${')'.repeat(100)}>?c) }`)).toBe(102);
    expect(nestingDepth('ASK { ?s <http://example.org/Foo_(bar)> ?o }')).toBe(2);
  });

  it('stops counting past the limit', () => {
    expect(nestingDepth('{'.repeat(10_000), 64)).toBe(65);
  });
});

describe('the top-level LIMIT', () => {
  it('is appended after a final comment, on a line of its own', () => {
    const q = withTopLevelLimit('SELECT * WHERE { ?s ?p ?o } # all of it', 11);
    expect(q).toBe('SELECT * WHERE { ?s ?p ?o } # all of it\nLIMIT 11\n');
    expect(parses(q).limit).toBe(11);
  });

  it('replaces the number of an existing top-level LIMIT, not one of a sub-select or a string', () => {
    const q = withTopLevelLimit('SELECT * WHERE { { SELECT ?s WHERE { ?s ?p "LIMIT 7" } LIMIT 50 } } ORDER BY ?s limit 1000 OFFSET 3', 11);
    expect(q).toBe('SELECT * WHERE { { SELECT ?s WHERE { ?s ?p "LIMIT 7" } LIMIT 50 } } ORDER BY ?s limit 11 OFFSET 3');
    expect(parses(q).limit).toBe(11);
  });

  it('goes before a trailing VALUES block', () => {
    const q = withTopLevelLimit('SELECT * WHERE { ?s ?p ?o VALUES ?s { <http://a> } } VALUES ?o { 1 2 }', 11);
    expect(q).toBe('SELECT * WHERE { ?s ?p ?o VALUES ?s { <http://a> } } LIMIT 11\nVALUES ?o { 1 2 }');
    expect(parses(q).limit).toBe(11);
  });

  it('is not confused by prefixed names or variables called limit', () => {
    const q = withTopLevelLimit('PREFIX limit: <http://example.org/> SELECT ?limit WHERE { ?s limit:limit ?limit }', 11);
    expect(parses(q).limit).toBe(11);
  });
});

describe('the CONSTRUCT marker', () => {
  const marker = '[] <urn:example:marker> ""';

  it('goes first in an explicit template', () => {
    const q = withConstructMarker('PREFIX c: <http://c/> CONSTRUCT { ?s c:p ?o } WHERE { ?s ?p ?o }', marker)!;
    expect(q).toBe(`PREFIX c: <http://c/> CONSTRUCT { ${marker} .  ?s c:p ?o } WHERE { ?s ?p ?o }`);
    expect(parses(q).template).toHaveLength(2);
  });

  it('writes out the short form in full, before its dataset clauses', () => {
    const q = withConstructMarker('CONSTRUCT FROM <http://g> WHERE { ?s ?p ?o . ?o ?q ?r } LIMIT 3', marker)!;
    expect(parses(q).template).toHaveLength(3);
    expect(q).toMatch(/^CONSTRUCT \{ \[\] <urn:example:marker> "" \. {2}\?s \?p \?o \. \?o \?q \?r \n\} FROM <http:\/\/g> WHERE/);
  });
});

describe('classification', () => {
  it('tells queries from updates by parsing', () => {
    expect(classifyQuery('SELECT ?x WHERE { BIND("INSERT DATA" AS ?x) }')).toMatchObject({ kind: 'query', form: 'SELECT' });
    expect(classifyQuery('PREFIX : <http://a/> INSERT DATA { :a :b :c } ; DROP ALL')).toEqual({ kind: 'update', operations: ['INSERT DATA', 'DROP'] });
    expect(classifyQuery('# only a comment')).toMatchObject({ kind: 'unparsable' });
    expect(classifyQuery('PREFIX a: <http://a/>')).toMatchObject({ kind: 'unparsable' });
    expect(classifyQuery('SELECT * WHERE { ?s ?p }')).toMatchObject({ kind: 'unparsable' });
  });

  it('finds every SERVICE, with its IRI or none for a variable', () => {
    const found = classifyQuery('SELECT * WHERE { SERVICE <http://a/> { ?s ?p ?o } OPTIONAL { SERVICE ?e { ?s ?q ?v } } FILTER NOT EXISTS { SERVICE SILENT <http://b/> {} } }');
    expect(found).toMatchObject({ kind: 'query', services: [{ iri: 'http://a/' }, { iri: undefined }, { iri: 'http://b/' }] });
  });
});

describe('Accept negotiation', () => {
  it('picks the highest q-value, the most specific range deciding', () => {
    expect(negotiate(undefined, RESULTS_FORMATS)).toBe('json');
    expect(negotiate('text/*;q=0.3, text/csv;q=0.2, application/sparql-results+xml;q=0.25', RESULTS_FORMATS)).toBe('tsv');
    expect(negotiate('application/sparql-results+json;q=0, */*;q=0.5', RESULTS_FORMATS)).toBe('xml');
    expect(negotiate('text/turtle;q=0.1, application/n-triples;q=0.9', GRAPH_FORMATS)).toBe('ntriples');
    expect(negotiate('application/json', GRAPH_FORMATS)).toBe('jsonld');
    expect(negotiate('image/png', GRAPH_FORMATS)).toBeUndefined();
    expect(negotiate('text/csv;q=oops', RESULTS_FORMATS)).toBeUndefined();
  });
});

describe('looksLight', () => {
  it.each([
    ['SELECT ?p ?o WHERE { <https://w3id.org/loa/person/x> ?p ?o }', true],
    ['PREFIX schema: <http://schema.org/> SELECT ?t (COUNT(?d) AS ?n) WHERE { ?d a schema:Legislation ; schema:legislationType ?t } GROUP BY ?t', true],
    ['DESCRIBE <https://w3id.org/loa/person/x>', true],
    ['SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', false],
    ['SELECT * WHERE { ?a ?b ?c }', false],
    ['PREFIX schema: <http://schema.org/> SELECT * WHERE { ?x a schema:Legislation . ?y a schema:Person }', false],
    ['PREFIX schema: <http://schema.org/> SELECT * WHERE { ?x schema:parentOrganization+ <https://w3id.org/loa/agency/chinh-phu> }', false],
    ['SELECT * WHERE { <https://w3id.org/loa/person/x> ?p ?o . { SELECT ?s WHERE { ?s ?p2 ?o2 } } }', false],
    ['SELECT * WHERE { SERVICE <http://example.org/sparql> { <http://a> ?p ?o } }', false],
    ['not a query', false],
  ])('%s → %s', (query, light) => {
    expect(looksLight(query)).toBe(light);
  });
});
