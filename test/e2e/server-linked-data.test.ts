/**
 * The server's linked-data side, over real HTTP: entity IRIs dereference by
 * content negotiation, release files come with ETags and conditional requests,
 * the query page and the entity search answer, and no crafted path gets out
 * of the release folder (requests sent raw, so no client tidies them first).
 */
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/sparql/server/index.ts';
import { buildSample, request } from './server-support.ts';

let sample: { out: string; remove: () => void };
let server: RunningServer;
let outside: string;

beforeAll(async () => {
  sample = await buildSample();
  // A secret beside the output folder, and a link to it planted inside the release.
  outside = join(sample.out, '..', 'secret');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'passwd'), 'root:x:0:0\n');
  symlinkSync(outside, join(realpathSync(join(sample.out, 'latest')), 'meta', 'escape'));
  server = await startServer({ out: sample.out, port: 0, workers: 1, log: () => {} });
}, 120_000);

afterAll(async () => {
  await server?.close();
  sample?.remove();
});

/** Sends a request line exactly as written and returns the status code. */
function rawStatus(path: string): Promise<number> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('entity IRIs', () => {
  it('give the page to a browser and RDF to an RDF client, varying on Accept', async () => {
    const html = await request(`${server.url}/agency/bo-tu-phap`, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('vary')).toBe('Accept');
    expect(html.body).toContain('Bộ Tư pháp');

    const turtle = await request(`${server.url}/agency/bo-tu-phap`, { headers: { Accept: 'text/turtle' } });
    expect(turtle.headers.get('content-type')).toMatch(/^text\/turtle/);
    expect(turtle.headers.get('content-location')).toBe('/agency/bo-tu-phap.ttl');
    const quads = new Parser({ format: 'text/turtle' }).parse(turtle.body);
    expect(quads.some((q) => q.subject.value === 'https://w3id.org/loa/agency/bo-tu-phap' && q.object.value === 'Bộ Tư pháp')).toBe(true);

    const nt = await request(`${server.url}/agency/bo-tu-phap`, { headers: { Accept: 'application/n-triples' } });
    expect(nt.headers.get('content-type')).toMatch(/^application\/n-triples/);
    const jsonld = await request(`${server.url}/agency/bo-tu-phap`, { headers: { Accept: 'application/ld+json' } });
    expect(jsonld.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(() => JSON.parse(jsonld.body) as unknown).not.toThrow();
    const refused = await request(`${server.url}/agency/bo-tu-phap`, { headers: { Accept: 'image/png' } });
    expect(refused.status).toBe(406);
  });

  it('answers 404 for an entity the release does not hold', async () => {
    expect((await request(`${server.url}/agency/khong-co`)).status).toBe(404);
  });
});

describe('release files', () => {
  it('come with their SHA-256 as ETag, and a matching If-None-Match gives 304', async () => {
    const sums = readFileSync(join(sample.out, 'latest/SHA256SUMS'), 'utf8');
    const sha = /^([0-9a-f]{64}) {2}meta\/void\.ttl$/m.exec(sums)![1];
    const first = await request(`${server.url}/.well-known/void`);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${sha}"`);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(new Parser({ format: 'text/turtle' }).parse(first.body).length).toBeGreaterThan(20);
    const again = await request(`${server.url}/.well-known/void`, { headers: { 'If-None-Match': `"${sha}"` } });
    expect(again.status).toBe(304);
    const dump = await fetch(`${server.url}/dumps/loa.nq.gz`);
    expect(Buffer.from(await dump.arrayBuffer()).equals(readFileSync(join(sample.out, 'latest/dumps/loa.nq.gz')))).toBe(true);
  });

  it('are never served from outside the release, however the path is written', async () => {
    const attempts = [
      '/../secret/passwd',
      '/dumps/../../secret/passwd',
      '/dumps/%2e%2e/%2e%2e/secret/passwd',
      '/dumps/%2E%2E%2F%2E%2E%2Fsecret%2Fpasswd',
      '/dumps/..%5c..%5csecret%5cpasswd',
      '/dumps\\..\\..\\secret\\passwd',
      '/dumps/loa.nq.gz%00.txt',
      '/meta/escape/passwd',
      `/${join(sample.out, '..', 'secret', 'passwd')}`,
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/dumps/.hidden',
      '/site/../../secret/passwd',
    ];
    for (const path of attempts) {
      const status = await rawStatus(path);
      expect([400, 404], path).toContain(status);
    }
    // The files themselves are fine where they belong.
    expect(await rawStatus('/dumps/loa.nq.gz')).toBe(200);
  });
});

describe('the query page and the entity search', () => {
  it('serves the page under a strict content security policy, with its script and style', async () => {
    const page = await request(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.body).toContain('<textarea id="query"');
    expect(page.body).toContain('Officials who attended events about a given law');
    expect((await request(`${server.url}/query.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await request(`${server.url}/query.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('finds officials by name with or without diacritics', async () => {
    for (const q of ['tran tien dung', 'Trần Tiến Dũng', 'TRAN TIEN']) {
      const hits = JSON.parse((await request(`${server.url}/search?q=${encodeURIComponent(q)}`)).body) as { iri: string; name: string }[];
      expect(hits.map((h) => h.name), q).toContain('Trần Tiến Dũng');
    }
    const none = JSON.parse((await request(`${server.url}/search?q=${encodeURIComponent('zzzz khong co')}`)).body) as unknown[];
    expect(none).toEqual([]);
  });
});
