/**
 * The endpoint's deadline and concurrency limits hold from outside the engine:
 * a query past its deadline is stopped by terminating its worker (503), the
 * pool replaces the worker and keeps answering, other clients are answered
 * meanwhile, a client may lower the deadline but not raise it, and a burst
 * beyond the queue gets 503 with Retry-After.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/sparql/server/index.ts';
import { buildSample, ENDLESS_QUERY, getQuery, rowsOf } from './server-support.ts';

let sample: Awaited<ReturnType<typeof buildSample>>;
const logs: string[] = [];
const servers: RunningServer[] = [];

async function serve(options: Omit<Parameters<typeof startServer>[0], 'out'>): Promise<RunningServer> {
  const server = await startServer({ out: sample.out, port: 0, log: (l) => logs.push(l), ...options });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  sample = await buildSample();
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  sample?.remove();
});

const LIGHT_QUERY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a a <http://schema.org/NewsArticle> }';

describe('the deadline', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve({ workers: 2, timeoutMs: 1500 });
  });

  it('stops a query past its deadline by terminating its worker, with a 503 saying so', async () => {
    const killedBefore = logs.filter((l) => l.includes('deadline: worker')).length;
    const a = await getQuery(server.endpoint, ENDLESS_QUERY);
    expect(a.status).toBe(503);
    expect(a.body).toMatch(/^query timeout: the query was stopped when it reached its 1500 ms deadline/);
    expect(a.headers.get('x-loa-timeout')).toBe('1500');
    expect(a.ms).toBeGreaterThanOrEqual(1400);
    expect(a.ms).toBeLessThan(8000);
    expect(logs.filter((l) => /passed its 1500 ms deadline: worker \d terminated, a new one is loading/.test(l)).length).toBe(killedBefore + 1);
  });

  it('keeps answering afterwards, on every worker, the replaced one included', async () => {
    for (let i = 0; i < 6; i++) {
      const answers = await Promise.all([getQuery(server.endpoint, LIGHT_QUERY), getQuery(server.endpoint, LIGHT_QUERY)]);
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(Number(rowsOf(a.body)[0]!.n)).toBeGreaterThan(20);
      }
    }
  });

  it('answers a light query from another client promptly while a heavy one runs', async () => {
    // Both workers loaded: the one terminated above has been replaced.
    while (!logs.some((l) => /worker \d ready again/.test(l))) await new Promise((r) => setTimeout(r, 50));
    const heavy = getQuery(server.endpoint, ENDLESS_QUERY);
    await new Promise((r) => setTimeout(r, 200));
    const light = await getQuery(server.endpoint, LIGHT_QUERY);
    expect(light.status).toBe(200);
    expect(light.ms).toBeLessThan(2000);
    expect((await heavy).status).toBe(503);
  });

  it('ends a plain cartesian product early with the row cap rather than the deadline', async () => {
    const a = await getQuery(server.endpoint, 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', { Accept: 'text/csv' });
    expect(a.status).toBe(200);
    expect(a.headers.get('x-loa-truncated')).toBe('true');
    expect(a.body.trim().split('\r\n')).toHaveLength(10_001);
  });
});

describe('a deadline asked by the client', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve({ workers: 2, timeoutMs: 4000 });
  });

  it('is honoured when lower, by parameter or header', async () => {
    const mark = logs.length;
    const byParam = await getQuery(server.endpoint, ENDLESS_QUERY, {}, { timeout: '500' });
    expect(byParam.status).toBe(503);
    expect(byParam.headers.get('x-loa-timeout')).toBe('500');
    expect(byParam.body).toMatch(/500 ms deadline/);
    expect(byParam.ms).toBeLessThan(3000);
    // Until the stopped worker's replacement has loaded, a 600 ms request is rightly refused at once (saturated).
    while (!logs.slice(mark).some((l) => /worker \d ready again/.test(l))) await new Promise((r) => setTimeout(r, 50));
    const byHeader = await getQuery(server.endpoint, ENDLESS_QUERY, { 'X-Loa-Timeout': '600' });
    expect(byHeader.status).toBe(503);
    expect(byHeader.headers.get('x-loa-timeout'), byHeader.body).toBe('600');
    expect(byHeader.ms).toBeLessThan(3000);
  });

  it('is capped at the server\'s when higher', async () => {
    const a = await getQuery(server.endpoint, ENDLESS_QUERY, { 'X-Loa-Timeout': '600000' }, { timeout: '60000' });
    expect(a.status).toBe(503);
    expect(a.headers.get('x-loa-timeout')).toBe('4000');
    expect(a.body).toMatch(/4000 ms deadline/);
    expect(a.ms).toBeGreaterThanOrEqual(3900);
    expect(a.ms).toBeLessThan(12_000);
  });

  it('is refused when not a positive number of milliseconds', async () => {
    for (const timeout of ['0', '-5', 'soon', '1.5']) {
      const a = await getQuery(server.endpoint, LIGHT_QUERY, {}, { timeout });
      expect(a.status, timeout).toBe(400);
      expect(a.body).toMatch(/timeout must be a whole number of milliseconds/);
    }
    const fine = await getQuery(server.endpoint, LIGHT_QUERY, {}, { timeout: '3000' });
    expect(fine.status).toBe(200);
    expect(fine.headers.get('x-loa-timeout')).toBe('3000');
  });
});

describe('bounded concurrency', () => {
  it('answers a burst beyond the running and queued limit with 503 and Retry-After, then recovers', async () => {
    const server = await serve({ workers: 1, queueLimit: 1, timeoutMs: 1500 });
    const burst = await Promise.all(Array.from({ length: 4 }, () => getQuery(server.endpoint, ENDLESS_QUERY)));
    expect(burst.map((a) => a.status)).toEqual([503, 503, 503, 503]);
    const busy = burst.filter((a) => /^the endpoint is busy \(1 queries running, 1 waiting\)/.test(a.body));
    expect(busy).toHaveLength(2);
    for (const a of busy) {
      expect(a.headers.get('retry-after')).toBe('2');
      expect(a.ms).toBeLessThan(1000);
    }
    expect(burst.filter((a) => a.body.startsWith('query timeout')).length).toBeGreaterThanOrEqual(1);
    const after = await getQuery(server.endpoint, LIGHT_QUERY);
    expect(after.status).toBe(200);
  });

  it('refuses at once a request that would wait past its deadline, judging by how long recent queries took', async () => {
    const server = await serve({ workers: 1, timeoutMs: 3000 });
    const capped = 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
    const first = await getQuery(server.endpoint, capped);
    expect(first.status).toBe(200);
    // Each capped query holds the one worker for about as long as the first did; twenty cannot all be answered within 3 s.
    const burst = await Promise.all(Array.from({ length: 20 }, () => getQuery(server.endpoint, capped)));
    const refused = burst.filter((a) => /would hold this one for about \d+ s, past its 3000 ms deadline/.test(a.body));
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(a.status).toBe(503);
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(a.ms).toBeLessThan(first.ms * 3 + 1000);
    }
    expect(burst.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    for (const a of burst) expect([200, 503], a.body).toContain(a.status);
  });

  it('runs at most maxConcurrent queries at once even with more workers', async () => {
    const server = await serve({ workers: 2, maxConcurrent: 1, queueLimit: 0, timeoutMs: 1500 });
    const heavy = getQuery(server.endpoint, ENDLESS_QUERY);
    await new Promise((r) => setTimeout(r, 200));
    const refused = await getQuery(server.endpoint, LIGHT_QUERY);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect((await heavy).status).toBe(503);
    // The second worker was a warm spare: it answers at once while the terminated one is replaced.
    const spare = await getQuery(server.endpoint, LIGHT_QUERY);
    expect(spare.status).toBe(200);
    expect(spare.ms).toBeLessThan(1000);
  });
});

describe('starting', () => {
  it('rejects, with the loader\'s message, when the folder holds no release', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'loa-server-empty-'));
    try {
      await expect(startServer({ out: empty, port: 0, workers: 1, log: (l) => logs.push(l) })).rejects.toThrow(/no published/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects options it cannot honour', async () => {
    await expect(startServer({ out: sample.out, workers: 0 })).rejects.toThrow(/invalid server options/);
    await expect(startServer({ out: sample.out, allowService: ['not an iri'] })).rejects.toThrow(/invalid server options/);
  });
});

describe('when every worker holds a long query', () => {
  it('refuses a new request at once with Retry-After instead of queueing it past its use, and answers again afterwards', { timeout: 60_000 }, async () => {
    const server = await serve({ workers: 1, timeoutMs: 4000 });
    const heavy = getQuery(server.endpoint, ENDLESS_QUERY);
    await new Promise((done) => setTimeout(done, 1500));
    const light = await getQuery(server.endpoint, LIGHT_QUERY);
    expect(light.status).toBe(503);
    expect(light.ms).toBeLessThan(1000);
    expect(light.body).toMatch(/every query worker is running a long query/);
    const retry = Number(light.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(3);
    expect((await heavy).status).toBe(503);
    // Once the stopped worker is loaded again, the same request is answered.
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = (await getQuery(server.endpoint, LIGHT_QUERY)).status;
      if (status !== 200) await new Promise((done) => setTimeout(done, 250));
    }
    expect(status).toBe(200);
  });
});

describe('the worker kept for light queries', () => {
  it('answers a lookup at once while heavy queries hold every other worker, and sends further heavy ones away', { timeout: 60_000 }, async () => {
    const server = await serve({ workers: 2, timeoutMs: 4000 });
    const heavy = [getQuery(server.endpoint, ENDLESS_QUERY), getQuery(server.endpoint, ENDLESS_QUERY)];
    await new Promise((done) => setTimeout(done, 1500));
    // Both heavy queries cannot run at once (one worker is kept for light ones): the second waits or is refused.
    const lookup = await getQuery(server.endpoint, 'SELECT ?p ?o WHERE { <https://w3id.org/loa/agency/bo-tu-phap> ?p ?o }');
    expect(lookup.status).toBe(200);
    expect(lookup.ms).toBeLessThan(1000);
    expect(rowsOf(lookup.body).length).toBeGreaterThan(3);
    const third = await getQuery(server.endpoint, ENDLESS_QUERY);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).not.toBeNull();
    const outcomes = await Promise.all(heavy);
    expect(outcomes.map((a) => a.status)).toEqual([503, 503]);
  });
});
