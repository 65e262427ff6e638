/**
 * Publishing a release to a real triple store (Virtuoso, through the Graph
 * Store Protocol with Digest authentication): every graph arrives whole, the
 * example queries answer the same there as on loa's own engine, publishing again
 * changes nothing, pruning removes only what an earlier release left, and a
 * refusal or an absent store fails with a message that says what to do.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as RDF from '@rdfjs/types';
import { runBuild } from '../../pipeline/build.ts';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { executeQuery } from '../../src/sparql/engine.ts';
import { loadRelease } from '../../src/sparql/load-release.ts';
import { pickChallenge, PublishError, publishRelease, putGraph, splitQuadLine, type PublishOptions } from '../../src/sparql/publish-store.ts';
import { captureIo } from '../support/capture-io.ts';
import { freePort, selectRows, startVirtuoso, type Virtuoso } from '../support/virtuoso.ts';

let work: string;
let out: string;
let virtuoso: Virtuoso;

const GRAPHS = `${DEFAULT_BASE_IRI}graph/`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'loa-publish-'));
  out = join(work, 'out');
  const build = runBuild({ input: join(REPO_ROOT, 'data/announcements'), out, base: DEFAULT_BASE_IRI, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, captureIo(work));
  [virtuoso] = await Promise.all([startVirtuoso(), build.then((report) => expect(report.validation.released).toBe(true))]);
}, 120_000);

afterAll(async () => {
  await virtuoso?.stop();
  rmSync(work, { recursive: true, force: true });
});

const publish = (extra: Partial<PublishOptions> = {}) =>
  publishRelease({ out, to: virtuoso.graphStore, user: 'dba', password: 'dba', ...extra });

/** Quads per graph as the release lists them (`changes/graphs.tsv`, written by the build). */
function releaseCounts(dir = out): Map<string, number> {
  const lines = readFileSync(join(dir, 'latest/changes/graphs.tsv'), 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => l.split('\t')).map(([graph, quads]) => [graph!, Number(quads)]));
}

/** Triples per graph in the store, for loa's graphs. */
async function storeCounts(): Promise<Map<string, number>> {
  const { rows } = await selectRows(
    virtuoso.sparql,
    `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${GRAPHS}")) } GROUP BY ?g`,
  );
  return new Map(rows.map((r) => [r.g!.value, Number(r.n!.value)]));
}

/** Rows as arrays of term values in the order of `variables` ('' when unbound), sorted, each once. */
function valueRows(variables: string[], rows: ((v: string) => string | undefined)[]): string[] {
  return [...new Set(rows.map((get) => JSON.stringify(variables.map((v) => get(v) ?? ''))))].sort();
}

describe('publishing a release to Virtuoso', () => {
  it('sends every named graph whole, as many triples as the release has', async () => {
    const expected = releaseCounts();
    const log: string[] = [];
    const summary = await publish({ log: (l) => log.push(l) });
    expect(summary).toMatchObject({ graphs: expected.size, triples: [...expected.values()].reduce((a, b) => a + b, 0), pruned: 0 });
    // A busy machine may make the store drop a connection or answer 5xx once; a
    // retry is then right, and each one is counted and said with its cause.
    const retries = log.filter((l) => l.startsWith('retry'));
    expect(summary.retried).toBe(retries.length);
    for (const line of retries) expect(line).toMatch(/^retry \d\/3 of PUT https:\/\/w3id\.org\/loa\/graph\/\S+ in \d+ ms: \S/);
    expect(await storeCounts()).toEqual(expected);
  });

  it('answers the example queries as loa answers them', async () => {
    const release = await loadRelease(out);
    const files = readdirSync(join(REPO_ROOT, 'data/queries')).filter((f) => f.endsWith('.rq'));
    let compared = 0;
    for (const file of files) {
      const query = readFileSync(join(REPO_ROOT, 'data/queries', file), 'utf8');
      const local = await executeQuery(release, query);
      if (local.kind !== 'bindings') continue;
      compared++;
      const remote = await selectRows(virtuoso.sparql, query);
      expect(remote.variables, file).toEqual(local.variables);
      // Virtuoso's default graph is the union of all graphs as a bag (a triple in
      // three announcement graphs matches three times; its own system graphs are
      // in it too), loa's the union as a set: a query without DISTINCT repeats rows
      // there (memberships-of-an-official.rq: 1 row on loa, 2,700 on Virtuoso).
      // The distinct rows agree.
      const mine = valueRows(local.variables, local.rows.map((r) => (v: string) => (r.get(v) as RDF.Term | undefined)?.value));
      const theirs = valueRows(remote.variables, remote.rows.map((r) => (v: string) => r[v]?.value));
      expect(mine.length, `${file} finds something`).toBeGreaterThan(0);
      expect(theirs, file).toEqual(mine);
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  });

  it('replaces graphs: publishing again leaves the release\'s triples and nothing else', async () => {
    const expected = releaseCounts();
    // A graph that changed in the store since: a PUT puts it back as released (an append would keep the stray triple).
    const [changed] = [...expected.keys()];
    await putGraph({ to: virtuoso.graphStore, user: 'dba', password: 'dba' }, changed!, '<http://example.org/stray> <http://example.org/p> "left over" .');
    const again = await publish({ concurrency: 1 });
    expect(again.graphs).toBe(expected.size);
    expect(await storeCounts()).toEqual(expected);
  });

  it('refuses a wrong password at once, without retrying, and says what to check', async () => {
    const log: string[] = [];
    const failure = await publish({ password: 'not-the-password', log: (l) => log.push(l) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PublishError);
    expect((failure as PublishError).status).toBe(401);
    expect((failure as PublishError).graph).toMatch(/^https:\/\/w3id\.org\/loa\/graph\//);
    expect((failure as Error).message).toMatch(/HTTP 401 .*check --user and --password/);
    expect(log.filter((l) => l.startsWith('retry'))).toEqual([]);
  });

  it('asks for credentials when none are given', async () => {
    const failure = await publish({ user: undefined, password: undefined }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/HTTP 401 .*give --user and --password/);
  });

  it('fails after its retries when nothing listens at the address', async () => {
    const port = await freePort();
    const log: string[] = [];
    const failure = await publish({ to: `http://127.0.0.1:${port}/sparql-graph-crud-auth`, retries: 2, retryDelayMs: 10, concurrency: 1, log: (l) => log.push(l) }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(PublishError);
    expect((failure as Error).message).toMatch(new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}/sparql-graph-crud-auth \\(ECONNREFUSED\\) after 3 attempts.*is the store running`));
    expect(log.filter((l) => l.startsWith('retry'))).toHaveLength(2);
  });

  it('prunes the graphs an earlier release had and this one has not, and nothing else', async () => {
    // A later release built from one announcement only; and a graph of someone else's in the same store.
    const smaller = join(work, 'smaller');
    mkdirSync(join(smaller, 'input'), { recursive: true });
    cpSync(join(REPO_ROOT, 'data/announcements/000_3c8414fbfcf5914d.txt'), join(smaller, 'input/000_3c8414fbfcf5914d.txt'));
    await runBuild({ input: join(smaller, 'input'), out: join(smaller, 'out'), base: DEFAULT_BASE_IRI, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, captureIo(smaller));
    await putGraph({ to: virtuoso.graphStore, user: 'dba', password: 'dba' }, 'http://example.org/not-loa', '<http://example.org/s> <http://example.org/p> "kept" .');

    const before = await storeCounts();
    const expected = releaseCounts(join(smaller, 'out'));
    const summary = await publish({ out: join(smaller, 'out'), prune: true });
    expect(summary.pruned).toBe([...before.keys()].filter((g) => !expected.has(g)).length);
    expect(summary.pruned).toBeGreaterThan(0);
    expect(await storeCounts()).toEqual(expected);
    const other = await selectRows(virtuoso.sparql, 'SELECT ?o WHERE { GRAPH <http://example.org/not-loa> { ?s ?p ?o } }');
    expect(other.rows.map((r) => r.o!.value)).toEqual(['kept']);
  });

  it('refuses to prune with a base the release was not built with', async () => {
    const failure = await publish({ prune: true, base: 'https://example.org/other/' }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/not pruning: .* is not under https:\/\/example\.org\/other\/graph\//);
  });
});

describe('reading a dump line and a challenge', () => {
  it('runs from the command line, the password taken from the environment', async () => {
    const io = captureIo(work);
    process.env.LOA_STORE_PASSWORD = 'dba';
    try {
      expect(await main(['publish', '--out', out, '--to', virtuoso.graphStore, '--user', 'dba'], io)).toBe(0);
    } finally {
      delete process.env.LOA_STORE_PASSWORD;
    }
    expect(io.out()).toMatch(/^published \d+ graphs \(\d+ triples\)/);
    expect(await storeCounts()).toEqual(releaseCounts());
    const missing = captureIo(work);
    expect(await main(['publish', '--out', out], missing)).toBe(2);
    expect(missing.err()).toContain('--to URL is required');
  });

  it('splits a quad into its triple and graph, whatever its literal holds', () => {
    expect(splitQuadLine('<http://s> <http://p> "a > b <http://x> \\" c"@vi <http://g> .')).toEqual({
      triple: '<http://s> <http://p> "a > b <http://x> \\" c"@vi .',
      graph: 'http://g',
    });
    expect(splitQuadLine('<http://s> <http://p> "2024-03-26"^^<http://www.w3.org/2001/XMLSchema#date> <http://g/\\u0110> .')).toEqual({
      triple: '<http://s> <http://p> "2024-03-26"^^<http://www.w3.org/2001/XMLSchema#date> .',
      graph: 'http://g/Đ',
    });
    expect(splitQuadLine('_:b1 <http://p> _:b2 <http://g> .')).toEqual({ triple: '_:b1 <http://p> _:b2 .', graph: 'http://g' });
    expect(splitQuadLine('<http://s> <http://p> <http://o> .')).toMatchObject({ error: expect.stringMatching(/outside any named graph/) });
    expect(splitQuadLine('<http://s> <http://p> <http://o> _:g .')).toMatchObject({ error: expect.stringMatching(/blank-node graph/) });
    expect(splitQuadLine('<http://s> <http://p> "unterminated <http://g> .')).toMatchObject({ error: expect.stringMatching(/object/) });
  });

  it('prefers Digest to Basic among several challenges, and reads quoted commas', () => {
    const challenge = pickChallenge('Basic realm="x", Digest realm="SPARQL, here", nonce="abc", qop="auth", algorithm="MD5", stale=TRUE');
    expect(challenge?.scheme).toBe('digest');
    expect(challenge?.params.get('realm')).toBe('SPARQL, here');
    expect(challenge?.stale).toBe(true);
    expect(pickChallenge('Bearer realm="x"')).toBeUndefined();
  });
});
