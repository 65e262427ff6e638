/**
 * The endpoint under sustained load, on 127.0.0.1, with autocannon as the
 * clients and the server in a child process (so the clients do not share its
 * HTTP thread):
 *
 * - 50 connections send the example queries (`data/queries/*.rq`, each
 *   connection cycling through them) for 30 s: every answer must be a 200,
 *   with no connection error or timeout;
 * - 20 connections send a light lookup for 10 s alone, then again for 10 s
 *   while 5 more connections send a runaway query (a counted three-way
 *   cartesian product) in a loop: the light answers must all be 200, with a p99
 *   at most three times the p99 they had alone.
 *
 * The figures of each load are written to `stress-results.json` in the
 * repository (not committed), and CI prints them. These are not timed unit
 * tests: they run under `npm run test:stress`, apart from `npm test`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../pipeline/main.ts';
import { processMemoryMb, startServerProcess, type ServerProcess } from '../../bench/server-process.ts';
import { buildSample, ENDLESS_QUERY, SEED_ID } from '../e2e/server-support.ts';
import { DEFAULT_BASE_IRI } from '../../src/core/config.ts';

const RESULTS = join(REPO_ROOT, 'stress-results.json');
const SPARQL_JSON = 'application/sparql-results+json';
const TURTLE = 'text/turtle';

/** What one autocannon load saw. */
interface LoadFigures {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** autocannon's latency percentiles over every answer, ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

interface Request {
  path: string;
  accept: string;
}

const figures: Record<string, LoadFigures | number | string> = {};
let sample: Awaited<ReturnType<typeof buildSample>>;
let server: ServerProcess;

beforeAll(async () => {
  sample = await buildSample();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  sample?.remove();
  if (Object.keys(figures).length > 0) writeFileSync(RESULTS, `${JSON.stringify({ when: new Date().toISOString(), ...figures }, null, 2)}\n`);
});

/** `/sparql?query=…` with the Accept header its form calls for. */
function request(query: string): Request {
  const construct = /^\s*(CONSTRUCT|DESCRIBE)\b/im.test(query.replace(/^\s*(#.*|PREFIX\s.*)$/gim, ''));
  return { path: `/sparql?query=${encodeURIComponent(query)}`, accept: construct ? TURTLE : SPARQL_JSON };
}

/** Runs `connections` autocannon connections for `seconds`, each cycling through `requests`. */
function load(url: string, requests: Request[], connections: number, seconds: number): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const statuses: Record<string, number> = {};
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 30,
        requests: requests.map((r) => ({ method: 'GET', path: r.path, headers: { accept: r.accept } })),
      },
      (err, result) => {
        if (err) return reject(err as Error);
        resolve({
          connections,
          seconds,
          requests: result.requests.total,
          perSecond: result.requests.average,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          maxMs: result.latency.max,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

describe('the endpoint under load', () => {
  it('answers 50 connections sending the example queries for 30 s, every one with 200', async () => {
    server = await startServerProcess(sample.out);
    const dir = join(REPO_ROOT, 'data/queries');
    const queries = readdirSync(dir).filter((f) => f.endsWith('.rq')).sort();
    expect(queries.length).toBeGreaterThanOrEqual(5);
    const mix = queries.map((f) => request(readFileSync(join(dir, f), 'utf8')));
    const result = await load(server.url, mix, 50, 30);
    figures.exampleMix = result;
    figures.serverPeakRssMb = Math.round(processMemoryMb(server.child.pid, 'VmHWM') ?? 0);
    expect(server.exit()).toBeUndefined();
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(Object.keys(result.statuses)).toEqual(['200']);
    expect(result.statuses['200']).toBe(result.requests);
    expect(result.requests).toBeGreaterThan(50 * 30);
    await server.stop();
  }, 120_000);

  it('keeps light queries under three times their p99 while 5 connections send runaway queries', async () => {
    server = await startServerProcess(sample.out, { timeoutMs: 5000 });
    const lookup = request(`SELECT ?p ?o WHERE { <${DEFAULT_BASE_IRI}announcement/${SEED_ID}> ?p ?o }`);
    const runaway = request(ENDLESS_QUERY);
    const alone = await load(server.url, [lookup], 20, 10);
    const [mixed, heavy] = await Promise.all([load(server.url, [lookup], 20, 10), load(server.url, [runaway], 5, 10)]);
    figures.lightAlone = alone;
    figures.lightBesideRunaway = mixed;
    figures.runaway = heavy;
    figures.p99Ratio = mixed.p99Ms / alone.p99Ms;
    expect(server.exit()).toBeUndefined();
    for (const light of [alone, mixed]) {
      expect(light.errors + light.timeouts).toBe(0);
      expect(Object.keys(light.statuses)).toEqual(['200']);
      expect(light.requests).toBeGreaterThan(20 * 10);
    }
    // The runaway queries were stopped at their deadline or sent away at once, never answered as if complete.
    expect(heavy.statuses['200'] ?? 0).toBe(0);
    expect(heavy.statuses['503']).toBeGreaterThan(0);
    // autocannon rounds latencies to whole milliseconds: a 1 ms p99 alone is allowed 3 ms beside the runaway ones.
    expect(mixed.p99Ms).toBeLessThanOrEqual(Math.max(alone.p99Ms, 1) * 3);
  }, 120_000);
});
