/**
 * What the endpoint's tests share: the sample corpus built into a temporary
 * output folder, a listening canary that records every connection (so a test
 * can show that nothing was fetched), and small HTTP helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild } from '../../pipeline/build.ts';
import { REPO_ROOT } from '../../pipeline/main.ts';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { captureIo } from '../support/capture-io.ts';

/** Builds the bundled sample corpus; returns the output folder and a function removing it. */
export async function buildSample(): Promise<{ out: string; remove: () => void }> {
  const work = mkdtempSync(join(tmpdir(), 'loa-server-'));
  const out = join(work, 'out');
  const report = await runBuild({ input: join(REPO_ROOT, 'data/announcements'), out, base: DEFAULT_BASE_IRI, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, captureIo(REPO_ROOT));
  if (report.summary.published === 0) throw new Error('the sample corpus published nothing');
  return { out, remove: () => rmSync(work, { recursive: true, force: true }) };
}

/** An HTTP server on 127.0.0.1 that answers nothing useful and counts every connection and request it sees. */
export async function startCanary(): Promise<{ url: string; connections: () => number; requests: () => string[]; close: () => Promise<void> }> {
  let connections = 0;
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end('canary\n');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    connections: () => connections,
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  ms: number;
}

/** GET `endpoint?query=…` (plus `extra` parameters) with the given headers. */
export async function getQuery(endpoint: string, query: string, headers: Record<string, string> = {}, extra: Record<string, string | string[]> = {}): Promise<Answer> {
  const params = new URLSearchParams({ query });
  for (const [k, v] of Object.entries(extra)) for (const one of [v].flat()) params.append(k, one);
  return request(`${endpoint}?${params}`, { headers });
}

/** Any request, timed. */
export async function request(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  return { status: res.status, headers: res.headers, body, ms: performance.now() - started };
}

/** The rows of a SPARQL JSON results body, each variable's value only. */
export function rowsOf(body: string): Record<string, string>[] {
  const json = JSON.parse(body) as { results: { bindings: Record<string, { value: string }>[] } };
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

/** A query that runs far longer than any test's deadline: a three-way cartesian product, counted (so no row cap ends it early). */
export const ENDLESS_QUERY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';

export const SCHEMA = 'http://schema.org/';
export const SEED_ID = '000_3c8414fbfcf5914d';
export const SEED_GRAPH = `${DEFAULT_BASE_IRI}graph/announcement/${SEED_ID}`;
