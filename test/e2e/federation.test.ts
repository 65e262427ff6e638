/**
 * Federated queries over loa's release and a real SPARQL endpoint (Virtuoso,
 * holding a small registry of agency codes of our own): the join across both
 * sources gives the rows each side alone cannot, in the result shape the query
 * command prints; and the fences hold: a source or SERVICE outside the
 * allow-list is refused before any connection (a canary server on 127.0.0.1
 * counts them), updates are refused, a cut answer fails, a deadline stops a
 * query that hangs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../pipeline/build.ts';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { startServer } from '../../src/sparql/server/index.ts';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { executeQuery } from '../../src/sparql/engine.ts';
import { allowedBy, FederationError, federatedQuery, loadReleaseStore } from '../../src/sparql/federation.ts';
import { loadRelease } from '../../src/sparql/load-release.ts';
import { putGraph } from '../../src/sparql/publish-store.ts';
import { formatResult } from '../../src/sparql/result-formats.ts';
import { captureIo } from '../support/capture-io.ts';
import { selectRows, startVirtuoso, type Virtuoso } from '../support/virtuoso.ts';

/** A registry that is not loa's: codes for three agencies loa publishes and one it does not. */
const REGISTRY = `@prefix reg: <http://registry.example.org/def#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://w3id.org/loa/agency/bo-tu-phap> reg:code "BTP" ; owl:sameAs <http://registry.example.org/agency/42> .
<https://w3id.org/loa/agency/cuc-tro-giup-phap-ly> reg:code "CTGPL" .
<https://w3id.org/loa/agency/bo-cong-an> reg:code "BCA" .
<https://w3id.org/loa/agency/not-in-loa> reg:code "NONE" .
`;
const REGISTRY_GRAPH = 'http://registry.example.org/graph';
/** Rows a SELECT on this Virtuoso returns at most: its own system graphs hold more triples than that. */
const MAX_ROWS = 1000;

let work: string;
let out: string;
let virtuoso: Virtuoso;
let release: Store;
let canary: { server: Server; url: string; connections: number };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'loa-federation-'));
  out = join(work, 'out');
  const build = runBuild({ input: join(REPO_ROOT, 'data/announcements'), out, base: DEFAULT_BASE_IRI, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, captureIo(work));
  [virtuoso] = await Promise.all([startVirtuoso({ maxRows: MAX_ROWS }), build]);
  await putGraph({ to: virtuoso.graphStore, user: 'dba', password: 'dba' }, REGISTRY_GRAPH, REGISTRY);
  release = await loadReleaseStore(out);
  canary = await listeningCanary();
}, 120_000);

afterAll(async () => {
  await virtuoso?.stop();
  await new Promise((done) => canary?.server.close(done));
  rmSync(work, { recursive: true, force: true });
});

/** A server on 127.0.0.1 that counts the connections it receives and answers none of them. */
async function listeningCanary(): Promise<{ server: Server; url: string; connections: number }> {
  const server = createServer(() => {});
  const state = { server, url: '', connections: 0 };
  server.on('connection', (socket) => {
    state.connections++;
    socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

const PREFIXES = 'PREFIX schema: <http://schema.org/> PREFIX reg: <http://registry.example.org/def#> ';

describe('a federated query over loa and a SPARQL endpoint', () => {
  it('joins loa\'s names with the registry\'s codes', async () => {
    const result = await federatedQuery(
      `${PREFIXES} SELECT ?agency ?name ?code WHERE { ?agency reg:code ?code ; schema:name ?name . FILTER(LANG(?name) = "vi") } ORDER BY ?code`,
      [{ type: 'sparql', value: virtuoso.sparql }],
      { release, allow: [virtuoso.sparql] },
    );
    if (result.kind !== 'bindings') throw new Error(`expected bindings, got ${result.kind}`);
    expect(result.variables).toEqual(['agency', 'name', 'code']);
    expect(result.rows.map((r) => [r.get('code')?.value, r.get('name')?.value])).toEqual([
      ['BCA', 'Bộ Công an'],
      ['BTP', 'Bộ Tư pháp'],
      ['CTGPL', 'Cục Trợ giúp pháp lý'],
    ]);
    // The query command's formats take the result as it is.
    const json = JSON.parse(formatResult(result, 'json')) as { head: { vars: string[] }; results: { bindings: unknown[] } };
    expect(json.head.vars).toEqual(['agency', 'name', 'code']);
    expect(json.results.bindings).toHaveLength(3);
  });

  it('runs from the query command with --source', async () => {
    const io = captureIo(work);
    const query = `${PREFIXES} SELECT ?code ?name WHERE { ?agency reg:code ?code ; schema:name ?name . FILTER(LANG(?name) = "vi") } ORDER BY ?code`;
    expect(await main(['query', '--out', out, '--format', 'csv', '--source', virtuoso.sparql, query], io)).toBe(0);
    expect(io.out().trim().split('\r\n')).toEqual(['code,name', 'BCA,Bộ Công an', 'BTP,Bộ Tư pháp', 'CTGPL,Cục Trợ giúp pháp lý']);
  });

  it('answers a SERVICE clause to an allowed endpoint on loa\'s own SPARQL endpoint', { timeout: 120_000 }, async () => {
    const server = await startServer({ out, port: 0, workers: 1, allowService: [virtuoso.sparql], log: () => {} });
    try {
      const query = `${PREFIXES} SELECT ?code ?name WHERE { SERVICE <${virtuoso.sparql}> { ?agency reg:code ?code } ?agency schema:name ?name . FILTER(LANG(?name) = "vi") } ORDER BY ?code`;
      const res = await fetch(`${server.endpoint}?query=${encodeURIComponent(query)}`, { headers: { Accept: 'text/csv' } });
      expect(res.status).toBe(200);
      expect((await res.text()).trim().split('\r\n')).toEqual(['code,name', 'BCA,Bộ Công an', 'BTP,Bộ Tư pháp', 'CTGPL,Cục Trợ giúp pháp lý']);
      const elsewhere = await fetch(`${server.endpoint}?query=${encodeURIComponent(`SELECT * WHERE { SERVICE <${canary.url}/sparql> { ?s ?p ?o } }`)}`);
      expect(elsewhere.status).toBe(403);
      expect(canary.connections).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('counts, per registry code, the announcements that mention the agency, as loa alone counts them', async () => {
    const result = await federatedQuery(
      `${PREFIXES} SELECT ?code (COUNT(DISTINCT ?a) AS ?n) WHERE { ?agency reg:code ?code . ?a a schema:NewsArticle ; schema:mentions ?agency } GROUP BY ?code ORDER BY ?code`,
      [`sparql@${virtuoso.sparql}`],
      { release: out, allow: [virtuoso.sparql] },
    );
    // The same count by loa's own engine, with the registry's codes written into the query.
    const local = await executeQuery(
      await loadRelease(out),
      `${PREFIXES} SELECT ?code (COUNT(DISTINCT ?a) AS ?n) WHERE {
        VALUES (?agency ?code) { (<https://w3id.org/loa/agency/bo-cong-an> "BCA") (<https://w3id.org/loa/agency/bo-tu-phap> "BTP") (<https://w3id.org/loa/agency/cuc-tro-giup-phap-ly> "CTGPL") }
        ?a a schema:NewsArticle ; schema:mentions ?agency
      } GROUP BY ?code ORDER BY ?code`,
    );
    if (result.kind !== 'bindings' || local.kind !== 'bindings') throw new Error('expected bindings');
    const counts = (rows: Map<string, { value: string }>[]) => rows.map((r) => [r.get('code')?.value, Number(r.get('n')?.value)]);
    expect(counts(result.rows)).toEqual(counts(local.rows));
    expect(counts(result.rows).every(([, n]) => (n as number) > 0)).toBe(true);
  });

  it('answers ASK and CONSTRUCT in the shapes of loa\'s engine', async () => {
    const sources = [{ type: 'sparql' as const, value: virtuoso.sparql }];
    const ask = await federatedQuery(`${PREFIXES} ASK { ?agency reg:code "BTP" ; schema:name "Bộ Tư pháp"@vi }`, sources, { release, allow: [virtuoso.sparql] });
    expect(ask).toEqual({ kind: 'boolean', value: true });
    const graph = await federatedQuery(
      `${PREFIXES} CONSTRUCT { ?agency reg:code ?code ; schema:name ?name } WHERE { ?agency reg:code ?code ; schema:name ?name . FILTER(LANG(?name) = "vi") }`,
      sources,
      { release, allow: [virtuoso.sparql] },
    );
    if (graph.kind !== 'quads') throw new Error(`expected quads, got ${graph.kind}`);
    expect(graph.quads).toHaveLength(6);
  });
});

describe('a federated query over loa and an RDF document', () => {
  it('reads a Turtle file served over HTTP, following a redirect inside the allow-list', async () => {
    const site = await documentServer();
    try {
      const result = await federatedQuery(
        `${PREFIXES} SELECT ?name ?label WHERE { ?agency <http://www.w3.org/2000/01/rdf-schema#label> ?label ; schema:name ?name . FILTER(LANG(?name) = "vi") }`,
        [`file@${site.url}/old-address`],
        { release, allow: [site.url] },
      );
      if (result.kind !== 'bindings') throw new Error(`expected bindings, got ${result.kind}`);
      expect(result.rows.map((r) => [r.get('name')?.value, r.get('label')?.value])).toEqual([['Bộ Tư pháp', 'Ministry of Justice (registry)']]);
    } finally {
      await new Promise((done) => site.server.close(done));
    }
  });

  it('refuses a redirect that leaves the allow-list, without connecting there', async () => {
    const site = await documentServer();
    const before = canary.connections;
    try {
      const failure = await federatedQuery('SELECT * WHERE { ?s ?p ?o }', [`file@${site.url}/moved-away`], { allow: [site.url] }).catch((e: unknown) => e);
      expect((failure as Error).message).toMatch(new RegExp(`refused to contact ${canary.url}/`));
      expect(canary.connections).toBe(before);
    } finally {
      await new Promise((done) => site.server.close(done));
    }
  });
});

/** Serves a Turtle document at /doc.ttl; /old-address redirects there, /moved-away to the canary. */
async function documentServer(): Promise<{ server: Server; url: string }> {
  const turtle = '<https://w3id.org/loa/agency/bo-tu-phap> <http://www.w3.org/2000/01/rdf-schema#label> "Ministry of Justice (registry)"@en .\n';
  const server = createServer((req, res) => {
    if (req.url === '/doc.ttl') res.writeHead(200, { 'content-type': 'text/turtle' }).end(turtle);
    else if (req.url === '/old-address') res.writeHead(301, { location: '/doc.ttl' }).end();
    else if (req.url === '/moved-away') res.writeHead(302, { location: `${canary.url}/doc.ttl` }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the fences around federation', () => {
  it('refuses a source outside the allow-list before connecting to anything', async () => {
    const before = canary.connections;
    const failure = await federatedQuery('SELECT * WHERE { ?s ?p ?o } LIMIT 1', [`sparql@${canary.url}/sparql`, { type: 'sparql', value: virtuoso.sparql }], {
      release,
      allow: [virtuoso.sparql],
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FederationError);
    expect((failure as Error).message).toMatch(new RegExp(`refused: ${canary.url}/sparql is not under an allowed prefix .*add it with --allow`));
    expect(canary.connections).toBe(before);
  });

  it('refuses a SERVICE clause outside the allow-list, and a SERVICE variable, before connecting', async () => {
    const before = canary.connections;
    const service = await federatedQuery(`SELECT * WHERE { SERVICE <${canary.url}/sparql> { ?s ?p ?o } }`, [{ type: 'sparql', value: virtuoso.sparql }], {
      allow: [virtuoso.sparql],
    }).catch((e: unknown) => e);
    expect((service as Error).message).toMatch(/refused: SERVICE <.*> is not under an allowed prefix/);
    const variable = await federatedQuery('SELECT * WHERE { ?e <http://x/p> ?where . SERVICE ?where { ?s ?p ?o } }', [], { release, allow: [] }).catch((e: unknown) => e);
    expect((variable as Error).message).toMatch(/SERVICE needs a fixed IRI/);
    expect(canary.connections).toBe(before);
  });

  it('matches allow-list prefixes by origin and whole path segments', () => {
    const allow = [new URL(virtuoso.sparql)];
    expect(allowedBy(virtuoso.sparql, allow)).toBe(true);
    expect(allowedBy(`${virtuoso.sparql}?default-graph-uri=x`, allow)).toBe(true);
    expect(allowedBy(`${virtuoso.origin}/sparql-graph-crud-auth`, allow)).toBe(false);
    expect(allowedBy(virtuoso.sparql.replace('127.0.0.1', 'localhost'), allow)).toBe(false);
    expect(allowedBy('http://example.org.evil.example/', [new URL('http://example.org')])).toBe(false);
    expect(allowedBy('http://user:pw@example.org/', [new URL('http://example.org/')])).toBe(false);
  });

  it('refuses updates', async () => {
    const failure = await federatedQuery('INSERT DATA { <http://x/s> <http://x/p> "o" }', [{ type: 'sparql', value: virtuoso.sparql }], {
      allow: [virtuoso.sparql],
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/only reads: updates are refused/);
    const { rows } = await selectRows(virtuoso.sparql, 'SELECT * WHERE { <http://x/s> ?p ?o }');
    expect(rows).toEqual([]);
  });

  it('fails when the endpoint cuts its answer at its row cap', async () => {
    // Virtuoso's own system graphs hold more triples than MAX_ROWS.
    const failure = await federatedQuery('SELECT * WHERE { ?s ?p ?o }', [{ type: 'sparql', value: virtuoso.sparql }], { allow: [virtuoso.sparql] }).catch(
      (e: unknown) => e,
    );
    expect((failure as Error).message).toMatch(new RegExp(`cut its answer at ${MAX_ROWS} rows`));
  });

  it('stops a query that outlives its deadline', async () => {
    const hanging = await listeningSilentServer();
    try {
      const failure = await federatedQuery('SELECT * WHERE { ?s ?p ?o }', [{ type: 'sparql', value: `${hanging.url}/sparql` }], {
        allow: [hanging.url],
        timeoutMs: 500,
      }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(FederationError);
      expect((failure as Error).message).toMatch(/took longer than 500 ms/);
    } finally {
      hanging.server.closeAllConnections();
      await new Promise((done) => hanging.server.close(done));
    }
  });
});

/** A server that accepts requests and never answers. */
async function listeningSilentServer(): Promise<{ server: Server; url: string }> {
  const server = createServer(() => {});
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
