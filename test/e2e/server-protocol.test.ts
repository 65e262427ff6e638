/**
 * The endpoint speaks the SPARQL 1.1 Protocol: GET and both POST forms, result
 * formats chosen by Accept (q-values, 406), the service description, the
 * dataset parameters, readable 400s, CORS, and the row cap's headers. A real
 * server on 127.0.0.1 over the sample corpus, asked with fetch.
 */
import { DOMParser } from '@xmldom/xmldom';
import { Parser as RdfParser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/sparql/server/index.ts';
import { buildSample, getQuery, request, rowsOf, SCHEMA, SEED_GRAPH, SEED_ID } from './server-support.ts';

let sample: Awaited<ReturnType<typeof buildSample>>;
let server: RunningServer;
let capped: RunningServer;
const logs: string[] = [];

beforeAll(async () => {
  sample = await buildSample();
  server = await startServer({ out: sample.out, port: 0, workers: 2, log: (l) => logs.push(l) });
  capped = await startServer({ out: sample.out, port: 0, workers: 1, maxRows: 5, log: (l) => logs.push(l) });
});

afterAll(async () => {
  await server?.close();
  await capped?.close();
  sample?.remove();
});

const HEADLINE_QUERY = `PREFIX schema: <${SCHEMA}>
  SELECT ?headline WHERE { ?a schema:identifier "${SEED_ID}" ; schema:headline ?headline }`;
const SEED_HEADLINE = 'Cục Trợ giúp pháp lý tập trung triển khai hiệu quả các nhóm nhiệm vụ, bảo đảm đúng tiến độ, chất lượng';

describe('queries by GET and POST', () => {
  it('listens on 127.0.0.1 and answers a GET with SPARQL JSON by default', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.endpoint).toBe(`${server.url}/sparql`);
    const a = await getQuery(server.endpoint, HEADLINE_QUERY);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/sparql-results+json');
    expect(JSON.parse(a.body).head.vars).toEqual(['headline']);
    expect(rowsOf(a.body)).toEqual([{ headline: SEED_HEADLINE }]);
    expect(a.headers.get('x-loa-truncated')).toBe('false');
    expect(a.headers.get('x-loa-row-limit')).toBe('10000');
    expect(a.headers.get('x-loa-timeout')).toBe('10000');
  });

  it('takes a POSTed form (query=…) and a POSTed application/sparql-query body', async () => {
    const form = await request(server.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: HEADLINE_QUERY }).toString(),
    });
    expect(form.status).toBe(200);
    expect(rowsOf(form.body)).toEqual([{ headline: SEED_HEADLINE }]);
    const direct = await request(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: HEADLINE_QUERY });
    expect(direct.status).toBe(200);
    expect(rowsOf(direct.body)).toEqual([{ headline: SEED_HEADLINE }]);
  });

  it('refuses other POST bodies (415), other methods (405), other paths (404), a POST without a query (400)', async () => {
    const json = await request(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"query":"ASK {}"}' });
    expect(json.status).toBe(415);
    expect(json.body).toMatch(/application\/sparql-query/);
    expect((await request(server.endpoint, { method: 'PUT', body: 'x' })).status).toBe(405);
    expect((await request(`${server.url}/elsewhere?query=ASK%7B%7D`)).status).toBe(404);
    const empty = await request(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'timeout=100' });
    expect(empty.status).toBe(400);
    expect((await getQuery(server.endpoint, 'ASK {}', {}, { query: 'ASK {}' })).status).toBe(400);
  });

  it('answers a malformed query with 400 and oxigraph\'s parse error, as text', async () => {
    const a = await getQuery(server.endpoint, 'SELECT ?s WHERE { ?s ?p }');
    expect(a.status).toBe(400);
    expect(a.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(a.body).toMatch(/^malformed query: error at 1:\d+: expected/);
    const nothing = await getQuery(server.endpoint, '# a comment, and no query');
    expect(nothing.status).toBe(400);
    expect(nothing.body).toMatch(/^malformed query/);
  });
});

describe('result formats chosen by Accept', () => {
  const query = `PREFIX schema: <${SCHEMA}> SELECT ?id ?date WHERE { ?a schema:identifier ?id ; schema:datePublished ?date } ORDER BY ?id LIMIT 3`;

  it('writes SELECT results as JSON, XML, CSV or TSV, following q-values', async () => {
    const cases: [string, string][] = [
      ['*/*', 'application/sparql-results+json'],
      ['application/json', 'application/sparql-results+json'],
      ['text/csv;q=0.5, application/sparql-results+xml;q=0.9', 'application/sparql-results+xml'],
      ['application/sparql-results+json;q=0.1, text/tab-separated-values', 'text/tab-separated-values; charset=utf-8'],
      ['text/html, text/csv;q=0.8, */*;q=0.1', 'text/csv; charset=utf-8'],
      ['application/sparql-results+json;q=0, */*', 'application/sparql-results+xml'],
    ];
    for (const [accept, expected] of cases) {
      const a = await getQuery(server.endpoint, query, { Accept: accept });
      expect(a.status, accept).toBe(200);
      expect(a.headers.get('content-type'), accept).toBe(expected);
      expect(a.headers.get('vary')).toBe('Accept');
    }
    const csv = await getQuery(server.endpoint, query, { Accept: 'text/csv' });
    expect(csv.body.split('\r\n')[0]).toBe('id,date');
    expect(csv.body.split('\r\n')).toHaveLength(5);
    const tsv = await getQuery(server.endpoint, query, { Accept: 'text/tab-separated-values' });
    expect(tsv.body.split('\n')[0]).toBe('?id\t?date');
    expect(tsv.body.split('\n')[1]).toMatch(/^"[^"]+"\t"\d{4}-\d\d-\d\d[^"]*"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#date(Time)?>$/);
  });

  it('writes well-formed SPARQL XML results, escaping what the data holds', async () => {
    const tricky = `SELECT ?plain ?tagged ?typed ?iri WHERE {
      BIND("a < b & \\"c\\" > d\\r\\n\\u0001end" AS ?plain)
      BIND("xin chào"@vi AS ?tagged)
      BIND(42 AS ?typed)
      BIND(<http://example.org/?a=1&b=2> AS ?iri) }`;
    const a = await getQuery(server.endpoint, tricky, { Accept: 'application/sparql-results+xml' });
    expect(a.status).toBe(200);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => level !== 'warning' && errors.push(`${level}: ${message}`) }).parseFromString(a.body, 'text/xml');
    expect(errors).toEqual([]);
    const bindings = [...Array.from(doc.getElementsByTagName('binding'))].map((b) => [b.getAttribute('name'), b.firstChild?.nodeName, b.textContent]);
    expect(bindings).toEqual([
      ['plain', 'literal', 'a < b & "c" > d\r\n\uFFFDend'],
      ['tagged', 'literal', 'xin chào'],
      ['typed', 'literal', '42'],
      ['iri', 'uri', 'http://example.org/?a=1&b=2'],
    ]);
    expect(a.body).toContain('<literal xml:lang="vi">xin chào</literal>');
    expect(a.body).toContain('<literal datatype="http://www.w3.org/2001/XMLSchema#integer">42</literal>');
    expect(a.body).toContain('a &lt; b &amp; "c" &gt; d&#13;\n');
    const ask = await getQuery(server.endpoint, 'ASK { ?s ?p ?o }', { Accept: 'application/sparql-results+xml' });
    expect(ask.body).toContain('<boolean>true</boolean>');
  });

  it('writes ASK as a JSON boolean', async () => {
    const a = await getQuery(server.endpoint, `ASK { ?a <${SCHEMA}identifier> "${SEED_ID}" }`);
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toEqual({ head: {}, boolean: true });
  });

  it('writes CONSTRUCT and DESCRIBE as Turtle by default, N-Triples or JSON-LD when asked', async () => {
    const construct = `PREFIX schema: <${SCHEMA}> CONSTRUCT { ?a schema:headline ?h } WHERE { ?a schema:identifier "${SEED_ID}" ; schema:headline ?h }`;
    const turtle = await getQuery(server.endpoint, construct);
    expect(turtle.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const quads = new RdfParser({ format: 'text/turtle' }).parse(turtle.body);
    expect(quads.map((q) => q.object.value)).toEqual([SEED_HEADLINE]);

    const nt = await getQuery(server.endpoint, construct, { Accept: 'application/n-triples' });
    expect(nt.headers.get('content-type')).toBe('application/n-triples');
    expect(new RdfParser({ format: 'N-Triples' }).parse(nt.body)).toHaveLength(1);

    const ld = await getQuery(server.endpoint, construct, { Accept: 'application/ld+json' });
    expect(ld.headers.get('content-type')).toBe('application/ld+json');
    const doc = JSON.parse(ld.body) as Record<string, unknown>[];
    expect(doc).toEqual([{ '@id': `https://w3id.org/loa/announcement/${SEED_ID}`, [`${SCHEMA}headline`]: [{ '@value': SEED_HEADLINE, '@language': 'vi' }] }]);

    const describe = await getQuery(server.endpoint, 'DESCRIBE <https://w3id.org/loa/agency/bo-tu-phap>', { Accept: 'application/n-triples' });
    expect(describe.status).toBe(200);
    const described = new RdfParser({ format: 'N-Triples' }).parse(describe.body);
    expect(described.length).toBeGreaterThan(3);
    expect(new Set(described.map((q) => q.subject.value))).toEqual(new Set(['https://w3id.org/loa/agency/bo-tu-phap']));
  });

  it('answers 406 when the Accept header allows no format the query can be written in', async () => {
    const none = await getQuery(server.endpoint, 'ASK {}', { Accept: 'image/png' });
    expect(none.status).toBe(406);
    const askAsTurtle = await getQuery(server.endpoint, 'ASK {}', { Accept: 'text/turtle' });
    expect(askAsTurtle.status).toBe(406);
    expect(askAsTurtle.body).toMatch(/ASK query is answered as one of application\/sparql-results\+json/);
    const constructAsCsv = await getQuery(server.endpoint, 'CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1', { Accept: 'text/csv' });
    expect(constructAsCsv.status).toBe(406);
  });
});

describe('the service description', () => {
  it('answers a GET without a query with an sd:Service in Turtle', async () => {
    const a = await request(server.endpoint);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const SD = 'http://www.w3.org/ns/sparql-service-description#';
    const quads = new RdfParser({ format: 'text/turtle' }).parse(a.body);
    const objectsOf = (predicate: string) => quads.filter((q) => q.subject.value === server.endpoint && q.predicate.value === predicate).map((q) => q.object.value);
    expect(objectsOf('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')).toEqual([`${SD}Service`]);
    expect(objectsOf(`${SD}endpoint`)).toEqual([server.endpoint]);
    expect(objectsOf(`${SD}supportedLanguage`)).toEqual([`${SD}SPARQL11Query`]);
    expect(objectsOf(`${SD}feature`)).toEqual([`${SD}UnionDefaultGraph`]);
    expect(objectsOf(`${SD}resultFormat`)).toEqual(
      expect.arrayContaining(['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'JSON-LD'].map((f) => `http://www.w3.org/ns/formats/${f}`)),
    );
    const [dataset] = objectsOf(`${SD}defaultDataset`);
    const defaultGraph = quads.find((q) => q.subject.value === dataset && q.predicate.value === `${SD}defaultGraph`)?.object.value;
    expect(quads.some((q) => q.subject.value === defaultGraph && q.object.value === `${SD}Graph`)).toBe(true);
  });

  it('is also served as JSON-LD when asked', async () => {
    const a = await request(server.endpoint, { headers: { Accept: 'application/ld+json' } });
    expect(a.headers.get('content-type')).toBe('application/ld+json');
    expect(JSON.stringify(JSON.parse(a.body))).toContain('http://www.w3.org/ns/sparql-service-description#Service');
  });
});

describe('the dataset', () => {
  const count = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
  const countIn = async (extra: Record<string, string | string[]> = {}, query = count) => Number(rowsOf((await getQuery(server.endpoint, query, {}, extra)).body)[0]!.n);

  it('has the union of the named graphs as its default graph', async () => {
    const union = await countIn();
    const distinctInGraphs = await countIn({}, 'SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }');
    expect(union).toBe(distinctInGraphs);
    expect(union).toBeGreaterThan(5000);
  });

  it('honours default-graph-uri: the default graph is then that graph alone', async () => {
    const seedOnly = await countIn({ 'default-graph-uri': SEED_GRAPH });
    const seedByGraph = await countIn({}, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${SEED_GRAPH}> { ?s ?p ?o } }`);
    expect(seedOnly).toBe(seedByGraph);
    expect(seedOnly).toBeGreaterThan(100);
    expect(seedOnly).toBeLessThan(await countIn());
    // Over the protocol, the dataset is what the parameters say: no named graphs were given.
    expect(await countIn({ 'default-graph-uri': SEED_GRAPH }, 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')).toBe(0);
  });

  it('honours named-graph-uri: GRAPH ?g reaches only the graphs named, and they override FROM', async () => {
    const other = 'https://w3id.org/loa/graph/reference';
    const graphs = rowsOf((await getQuery(server.endpoint, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g', {}, { 'named-graph-uri': [SEED_GRAPH, other] })).body);
    expect(graphs.map((r) => r.g)).toEqual([SEED_GRAPH, other]);
    // FROM in the query is overridden by the protocol's dataset.
    const fromOverridden = await countIn({ 'default-graph-uri': SEED_GRAPH }, `SELECT (COUNT(*) AS ?n) FROM <${other}> WHERE { ?s ?p ?o }`);
    expect(fromOverridden).toBe(await countIn({ 'default-graph-uri': SEED_GRAPH }));
  });

  it('reads FROM in the query when no dataset parameter is given', async () => {
    expect(await countIn({}, `SELECT (COUNT(*) AS ?n) FROM <${SEED_GRAPH}> WHERE { ?s ?p ?o }`)).toBe(await countIn({ 'default-graph-uri': SEED_GRAPH }));
  });

  it('refuses a graph parameter that is not an absolute IRI', async () => {
    const a = await getQuery(server.endpoint, count, {}, { 'default-graph-uri': 'not an iri' });
    expect(a.status).toBe(400);
    expect(a.body).toMatch(/default-graph-uri must be an absolute IRI/);
  });
});

describe('CORS', () => {
  it('answers a preflight and allows any origin on every answer', async () => {
    const preflight = await request(server.endpoint, {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-loa-timeout' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/GET, POST/);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/content-type.*x-loa-timeout/);
    const get = await getQuery(server.endpoint, 'ASK {}', { Origin: 'https://example.org' });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-expose-headers')).toMatch(/X-Loa-Truncated/);
    const refused = await getQuery(server.endpoint, 'SELECT ?s WHERE { ?s ?p }', { Origin: 'https://example.org' });
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the row cap (a server with maxRows 5)', () => {
  it('cuts a SELECT at the cap and says so in the headers', async () => {
    const a = await getQuery(capped.endpoint, 'SELECT ?s ?p ?o WHERE { ?s ?p ?o }');
    expect(rowsOf(a.body)).toHaveLength(5);
    expect(a.headers.get('x-loa-truncated')).toBe('true');
    expect(a.headers.get('x-loa-row-limit')).toBe('5');
    const csv = await getQuery(capped.endpoint, 'SELECT ?s WHERE { ?s ?p ?o } # the last line is a comment', { Accept: 'text/csv' });
    expect(csv.body.trim().split('\r\n')).toHaveLength(6);
    expect(csv.headers.get('x-loa-truncated')).toBe('true');
  });

  it('lowers a LIMIT above the cap, keeps one below it, and reports only real cuts', async () => {
    const over = await getQuery(capped.endpoint, 'SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 100 OFFSET 2');
    expect(rowsOf(over.body)).toHaveLength(5);
    expect(over.headers.get('x-loa-truncated')).toBe('true');
    const exactly = await getQuery(capped.endpoint, 'SELECT ?s WHERE { ?s ?p ?o } LIMIT 5');
    expect(rowsOf(exactly.body)).toHaveLength(5);
    expect(exactly.headers.get('x-loa-truncated')).toBe('false');
    const few = await getQuery(capped.endpoint, 'SELECT ?s WHERE { ?s ?p ?o } LIMIT 3');
    expect(few.headers.get('x-loa-truncated')).toBe('false');
    const withValues = await getQuery(capped.endpoint, 'SELECT ?s ?p WHERE { ?s ?p ?o } VALUES ?p { <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> }');
    expect(rowsOf(withValues.body)).toHaveLength(5);
    expect(withValues.headers.get('x-loa-truncated')).toBe('true');
    const limitInSubquery = await getQuery(capped.endpoint, 'SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 50 } }');
    expect(rowsOf(limitInSubquery.body)).toHaveLength(5);
    expect(limitInSubquery.headers.get('x-loa-truncated')).toBe('true');
  });

  it('caps CONSTRUCT and DESCRIBE triples the same way', async () => {
    const construct = await getQuery(capped.endpoint, 'CONSTRUCT WHERE { ?s ?p ?o }', { Accept: 'application/n-triples' });
    expect(construct.status).toBe(200);
    expect(construct.body.trim().split('\n')).toHaveLength(5);
    expect(construct.headers.get('x-loa-truncated')).toBe('true');
    // One triple from every solution: solutions beyond the cap were left out, and the header says so.
    const same = await getQuery(capped.endpoint, 'CONSTRUCT { <http://example.org/a> <http://example.org/b> "c" } WHERE { ?s ?p ?o }', { Accept: 'application/n-triples' });
    expect(same.body.trim().split('\n')).toHaveLength(1);
    expect(same.headers.get('x-loa-truncated')).toBe('true');
    const small = await getQuery(capped.endpoint, `CONSTRUCT { ?a <${SCHEMA}identifier> ?id } WHERE { ?a <${SCHEMA}identifier> ?id } LIMIT 2`, { Accept: 'application/n-triples' });
    expect(small.body.trim().split('\n')).toHaveLength(2);
    expect(small.headers.get('x-loa-truncated')).toBe('false');
    const describe = await getQuery(capped.endpoint, 'DESCRIBE <https://w3id.org/loa/agency/bo-tu-phap>', { Accept: 'application/n-triples' });
    expect(describe.body.trim().split('\n')).toHaveLength(5);
    expect(describe.headers.get('x-loa-truncated')).toBe('true');
  });

  it('logs one line per request', () => {
    expect(logs.some((l) => /^GET \/sparql 200 \d+ ms SELECT 5 rows \(truncated\)$/.test(l))).toBe(true);
    expect(logs.some((l) => l.startsWith('SPARQL endpoint at http://127.0.0.1:'))).toBe(true);
  });
});
