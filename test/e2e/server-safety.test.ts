/**
 * The endpoint is safe to expose: updates (however sent) are refused and never
 * run; SERVICE is refused unless allowed, and nothing reaches a listening
 * canary, neither through SERVICE nor LOAD nor FROM; the size cap answers 413
 * before parsing, the nesting cap 400. Keywords inside strings, IRIs and
 * comments do not trip the checks: they come from a real parse.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/sparql/server/index.ts';
import { buildSample, getQuery, request, rowsOf, startCanary } from './server-support.ts';

let sample: Awaited<ReturnType<typeof buildSample>>;
let canary: Awaited<ReturnType<typeof startCanary>>;
let server: RunningServer;
const logs: string[] = [];

beforeAll(async () => {
  [sample, canary] = await Promise.all([buildSample(), startCanary()]);
  server = await startServer({ out: sample.out, port: 0, workers: 2, log: (l) => logs.push(l) });
});

afterAll(async () => {
  await server?.close();
  await canary?.close();
  sample?.remove();
});

afterEach(() => {
  expect(canary.requests()).toEqual([]);
  expect(canary.connections()).toBe(0);
});

const form = (body: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(body).toString(),
});

const INSERTED = '<http://example.org/s> <http://example.org/p> "inserted"';
const insertedExists = async () => JSON.parse((await getQuery(server.endpoint, `ASK { ${INSERTED} }`)).body).boolean as boolean;

describe('read-only', () => {
  it('refuses an update sent as the query, and runs none of it', async () => {
    for (const update of [`INSERT DATA { ${INSERTED} }`, 'DELETE WHERE { ?s ?p ?o }', 'CLEAR ALL', 'DROP DEFAULT', `CREATE GRAPH <http://example.org/g>`]) {
      const a = await getQuery(server.endpoint, update);
      expect(a.status, update).toBe(403);
      expect(a.body).toMatch(/read-only: SPARQL Update \(.+\) is not accepted, and nothing was run/);
    }
    const posted = await request(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: `INSERT DATA { ${INSERTED} }` });
    expect(posted.status).toBe(403);
    expect(await insertedExists()).toBe(false);
    const count = rowsOf((await getQuery(server.endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).body)[0]!.n;
    expect(Number(count)).toBeGreaterThan(5000);
  });

  it('refuses the protocol\'s update operation: an update parameter, a POSTed application/sparql-update', async () => {
    const byGet = await request(`${server.endpoint}?update=${encodeURIComponent(`INSERT DATA { ${INSERTED} }`)}`);
    expect(byGet.status).toBe(403);
    const byForm = await request(server.endpoint, form({ update: `INSERT DATA { ${INSERTED} }` }));
    expect(byForm.status).toBe(403);
    const byBody = await request(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-update' }, body: `INSERT DATA { ${INSERTED} }` });
    expect(byBody.status).toBe(403);
    expect(byBody.body).toMatch(/read-only/);
    expect(await insertedExists()).toBe(false);
  });

  it('refuses LOAD of the canary by every route, and the canary hears nothing', async () => {
    const load = `LOAD <${canary.url}data.ttl> INTO GRAPH <http://example.org/g>`;
    expect((await getQuery(server.endpoint, load)).status).toBe(403);
    expect((await request(server.endpoint, form({ query: load }))).status).toBe(403);
    expect((await request(server.endpoint, form({ update: load }))).status).toBe(403);
    expect((await request(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-update' }, body: load })).status).toBe(403);
    const a = await getQuery(server.endpoint, `LOAD SILENT <${canary.url}>`);
    expect(a.body).toMatch(/SPARQL Update \(LOAD\)/);
  });

  it('is not fooled by update keywords inside strings, IRIs and comments', async () => {
    const query = `# INSERT DATA { <a> <b> <c> } ; LOAD <${canary.url}>
      SELECT ?x WHERE { BIND("DELETE WHERE { ?s ?p ?o } ; DROP ALL" AS ?x) FILTER(?x != <http://example.org/INSERT/LOAD>) }`;
    const a = await getQuery(server.endpoint, query);
    expect(a.status).toBe(200);
    expect(rowsOf(a.body)).toEqual([{ x: 'DELETE WHERE { ?s ?p ?o } ; DROP ALL' }]);
  });
});

describe('no federation, no fetching', () => {
  it('refuses SERVICE to the canary wherever it sits in the query', async () => {
    const c = `<${canary.url}sparql>`;
    const queries = [
      `SELECT * WHERE { SERVICE ${c} { ?s ?p ?o } }`,
      `SELECT * WHERE { SERVICE SILENT ${c} { ?s ?p ?o } }`,
      `SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE ${c} { ?s ?q ?v } } } LIMIT 1`,
      `SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE ${c} { ?s ?q ?v } } } LIMIT 1`,
      `SELECT * WHERE { { SELECT ?s WHERE { SERVICE ${c} { ?s ?p ?o } } } }`,
      `ASK { SERVICE ${c} { ?s ?p ?o } }`,
      `CONSTRUCT { ?s ?p ?o } WHERE { SERVICE ${c} { ?s ?p ?o } }`,
      `SELECT * WHERE { VALUES ?endpoint { ${c} } SERVICE ?endpoint { ?s ?p ?o } }`,
    ];
    for (const q of queries) {
      const a = await getQuery(server.endpoint, q);
      expect(a.status, q).toBe(403);
      expect(a.body, q).toMatch(/federated query refused: SERVICE (<http:\/\/127\.0\.0\.1:\d+\/sparql>|\?variable) is not an allowed endpoint \(allowed: none\)/);
    }
  });

  it('does not take SERVICE inside a string or an IRI for a call', async () => {
    const a = await getQuery(server.endpoint, `SELECT ?x WHERE { BIND("SERVICE <${canary.url}> { ?s ?p ?o }" AS ?x) }`);
    expect(a.status).toBe(200);
    expect((await getQuery(server.endpoint, 'SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }')).status).toBe(200);
  });

  it('never fetches a graph named by FROM, FROM NAMED or the dataset parameters: it is just empty', async () => {
    const from = await getQuery(server.endpoint, `SELECT * FROM <${canary.url}graph.ttl> WHERE { ?s ?p ?o }`);
    expect(from.status).toBe(200);
    expect(rowsOf(from.body)).toEqual([]);
    const named = await getQuery(server.endpoint, `SELECT * FROM NAMED <${canary.url}named.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }`);
    expect(rowsOf(named.body)).toEqual([]);
    const param = await getQuery(server.endpoint, 'SELECT * WHERE { ?s ?p ?o }', {}, { 'default-graph-uri': `${canary.url}default.ttl`, 'named-graph-uri': `${canary.url}named.ttl` });
    expect(param.status).toBe(200);
    expect(rowsOf(param.body)).toEqual([]);
  });

  it('calls a SERVICE the operator allowed, and only that one', async () => {
    // A second canary stands for the allowed endpoint; the first must still hear nothing.
    const allowed = await startCanary();
    const allowing = await startServer({ out: sample.out, port: 0, workers: 1, allowService: [`${allowed.url}sparql`], log: (l) => logs.push(l) });
    try {
      const a = await getQuery(allowing.endpoint, `SELECT * WHERE { SERVICE <${allowed.url}sparql> { ?s ?p ?o } }`);
      // The canary answers no SPARQL, so the query fails, but only after the call was made.
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(allowed.requests().length).toBeGreaterThan(0);
      expect(allowed.requests().every((r) => r.includes('/sparql'))).toBe(true);
      const other = await getQuery(allowing.endpoint, `SELECT * WHERE { SERVICE <${canary.url}other> { ?s ?p ?o } }`);
      expect(other.status).toBe(403);
      expect(other.body).toMatch(/allowed: <http:\/\/127\.0\.0\.1:\d+\/sparql>/);
    } finally {
      await allowing.close();
      await allowed.close();
    }
  });
});

describe('caps checked before parsing', () => {
  /** A query of `bytes` bytes (ASCII), mostly one long string. */
  const bigQuery = (bytes: number) => {
    const frame = 'ASK { ?s ?p ?o FILTER(?o != "") }';
    return frame.replace('""', `"${'x'.repeat(bytes - frame.length)}"`);
  };

  it('answers 413 to a query over 64 KiB, by GET, form or body', async () => {
    const big = bigQuery(64 * 1024 + 1);
    expect(Buffer.byteLength(big)).toBe(65537);
    const byGet = await getQuery(server.endpoint, big);
    expect(byGet.status).toBe(413);
    expect(byGet.body).toMatch(/at most 65536 bytes/);
    expect((await request(server.endpoint, form({ query: big }))).status).toBe(413);
    expect((await request(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: big })).status).toBe(413);
    // At the cap, the query is read (and here answered).
    expect((await request(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: bigQuery(64 * 1024) })).status).toBe(200);
    expect((await getQuery(server.endpoint, bigQuery(64 * 1024))).status).toBe(200);
  });

  it('counts bytes, not characters', async () => {
    const vietnamese = `SELECT * WHERE { ?s ?p ?o FILTER(?o != "${'Bộ Tư pháp '.repeat(5000)}") }`;
    expect(vietnamese.length).toBeLessThan(64 * 1024);
    expect(Buffer.byteLength(vietnamese)).toBeGreaterThan(64 * 1024);
    expect((await request(server.endpoint, form({ query: vietnamese }))).status).toBe(413);
  });

  it('answers 400 to nesting deeper than the cap, counting only real brackets', async () => {
    const deep = `SELECT * WHERE ${'{ '.repeat(100)}?s ?p ?o${' }'.repeat(100)}`;
    const a = await getQuery(server.endpoint, deep);
    expect(a.status).toBe(400);
    expect(a.body).toMatch(/nests brackets, braces or parentheses more than 64 deep/);
    const parens = `SELECT * WHERE { ?s ?p ?o FILTER(${'('.repeat(70)}true${')'.repeat(70)}) }`;
    expect((await getQuery(server.endpoint, parens)).status).toBe(400);
    const lists = `SELECT * WHERE { ?s ?p ${'[ ?q '.repeat(70)}?o${' ]'.repeat(70)} }`;
    expect((await getQuery(server.endpoint, lists)).status).toBe(400);
    // Brackets inside a string, an IRI-like comment or a comment do not count.
    const quoted = `SELECT ?x WHERE { BIND("${'{('.repeat(200)}" AS ?x) } # ${'['.repeat(200)}`;
    expect((await getQuery(server.endpoint, quoted)).status).toBe(200);
    const moderate = `SELECT * WHERE ${'{ '.repeat(30)}?s ?p ?o${' }'.repeat(30)} LIMIT 1`;
    expect((await getQuery(server.endpoint, moderate)).status).toBe(200);
  });

  it('answers 500 to a query that traps the engine within the caps, and replaces the worker', async () => {
    // 2,500 FILTERs in 60 KB: flat (no deep nesting), yet oxigraph's WebAssembly runs out of bounds on it.
    let trap = 'SELECT * WHERE { ?s ?p ?o ';
    while (trap.length < 60_000) trap += 'FILTER(?o != "padding") ';
    const a = await request(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: `${trap}}` });
    expect(a.status).toBe(500);
    expect(a.body).toMatch(/the query engine failed \(.+\); the worker that ran it is being replaced/);
    expect(logs.some((l) => /trapped the engine: worker \d replaced/.test(l))).toBe(true);
    for (let i = 0; i < 4; i++) expect((await getQuery(server.endpoint, 'ASK { ?s ?p ?o }')).status).toBe(200);
  });

  it('logs the refusals', () => {
    expect(logs.some((l) => /^GET \/sparql 403 \d+ ms refused$/.test(l))).toBe(true);
    expect(logs.some((l) => /^POST \/sparql 413 \d+ ms refused$/.test(l))).toBe(true);
  });
});
