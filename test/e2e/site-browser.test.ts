/**
 * The entity pages in a real browser: Debian's Chromium, driven by
 * playwright-core, reads the sample corpus's site served over HTTP from
 * 127.0.0.1 (a static server started here, as any static host would serve the
 * folder). Pages load without console errors, failed requests or page errors;
 * the embedded JSON-LD parses; links lead from an official to an announcement
 * and back; the home page and a long page fit a phone's width.
 *
 * Chromium is expected at /usr/bin/chromium (`apt-get install -y chromium`;
 * .ci/run installs it) or where LOA_CHROMIUM says. Without it the tests fail, saying so, unless
 * LOA_SKIP_BROWSER=1 skips them on purpose.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../pipeline/build.ts';
import { REPO_ROOT } from '../../pipeline/main.ts';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { IriMinter } from '../../src/core/iri.ts';
import { defaultPublication } from '../../src/publish/release-context.ts';
import { writeSite } from '../../src/publish/site/index.ts';
import { loadRelease } from '../../src/sparql/load-release.ts';
import { launchWatched, type WatchedBrowser } from '../support/browser.ts';
import { captureIo } from '../support/capture-io.ts';

const BASE = DEFAULT_BASE_IRI;
const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.jsonld': 'application/ld+json',
  '.ttl': 'text/turtle; charset=utf-8',
  '.nt': 'application/n-triples',
};

/** A static file server for one folder, on 127.0.0.1 and a free port. */
async function serveFolder(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': MEDIA_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.skipIf(process.env.LOA_SKIP_BROWSER === '1')('the entity pages in Chromium', () => {
  let work: string;
  let server: Server | undefined;
  let origin: string;
  let watched: WatchedBrowser | undefined;
  let page: Page;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'loa-site-browser-'));
    const out = join(work, 'out');
    const report = await runBuild({ input: join(REPO_ROOT, 'data/announcements'), out, base: BASE, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, captureIo(REPO_ROOT));
    expect(report.rejects).toEqual([]);
    const { store } = await loadRelease(out);
    const release = join(work, 'release');
    await writeSite({
      dir: release,
      dumps: join(out, 'latest', 'dumps'),
      iris: new IriMinter(BASE),
      version: '2025-01-01-test',
      issued: '2025-01-01',
      coverage: { from: '2014-01-01', to: '2025-01-01' },
      publication: defaultPublication(BASE),
    });
    ({ server, origin } = await serveFolder(join(release, 'site')));
    watched = await launchWatched(join(work, 'chromium-profile'));
    page = watched.page;
  }, 180_000);

  afterAll(async () => {
    await watched?.browser.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Opens a page of the site and returns what the browser complained about while loading it. */
  async function open(path: string): Promise<string[]> {
    watched!.clear();
    const response = await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
    expect(response?.status(), path).toBe(200);
    return watched!.complaints();
  }

  /** The page's JSON-LD, parsed from the script element's text. */
  async function embedded(): Promise<Record<string, unknown>> {
    const text = await page.locator('script[type="application/ld+json"]').textContent();
    return JSON.parse(text ?? '') as Record<string, unknown>;
  }

  it('opens the home page, styled, with links to every index', async () => {
    expect(await open('index.html')).toEqual([]);
    expect(await page.title()).toContain('loa');
    for (const index of ['agencies.html', 'officials.html', 'documents.html', 'events.html', 'announcements.html']) {
      expect(await page.locator(`main a[href="${index}"]`).count(), index).toBe(1);
    }
    // The stylesheet is applied (the CSP lets it in): body margins are zeroed.
    expect(await page.evaluate(() => getComputedStyle(document.body).marginTop)).toBe('0px');
  });

  it.each([
    ['an official', 'person/tran-tien-dung', 'Person'],
    ['an agency', 'agency/bo-tu-phap', 'GovernmentOrganization'],
    ['a legal document', 'eli/vn/decree/2017/144/cp', 'Legislation'],
    ['an event', 'event/000_3c8414fbfcf5914d/1', 'Event'],
    ['an announcement', 'announcement/000_3c8414fbfcf5914d', 'NewsArticle'],
  ])('opens the page of %s without errors, and its JSON-LD parses', async (_what, path, type) => {
    expect(await open(`${path}.html`)).toEqual([]);
    const doc = await embedded();
    expect(doc['@context']).toBe('https://schema.org');
    expect(doc['@type']).toBe(type);
    expect(doc['@id']).toBe(`${BASE}${path}`);
    expect((await page.locator('h1').textContent())?.trim()).not.toBe('');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('follows a link from an official to an announcement and back', async () => {
    expect(await open('person/tran-tien-dung.html')).toEqual([]);
    await page.locator('section:has(> h2:text-is("Nguồn")) a[href*="announcement/"]').first().click();
    await page.waitForURL(/\/announcement\/000_3c8414fbfcf5914d\.html$/);
    expect((await embedded())['@type']).toBe('NewsArticle');
    await page.locator('a[href$="person/tran-tien-dung.html"]').first().click();
    await page.waitForURL(/\/person\/tran-tien-dung\.html$/);
    expect(await page.locator('h1').textContent()).toBe('Trần Tiến Dũng');
    // A quoted statement leads to its place on the announcement page.
    await page.locator('a[href*="announcement/000_3c8414fbfcf5914d.html#span-"]').first().click();
    await page.waitForURL(/#span-b-\d+-\d+$/);
    const fragment = new URL(page.url()).hash.slice(1);
    expect(await page.locator(`li[id="${fragment}"] mark`).count()).toBe(1);
    expect(watched!.complaints()).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['index.html', 'announcement/000_3c8414fbfcf5914d.html', 'agencies.html']) {
      expect(await open(path)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
