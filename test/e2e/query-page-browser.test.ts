/**
 * The query page in a real browser: Debian's Chromium, driven by
 * playwright-core, against loa's own server on 127.0.0.1. Each example query
 * runs and shows its table, a column sorts, an entity link leads to the
 * entity's page, the entity search finds a name typed without diacritics, and
 * the CSV download holds the rows; the browser reports no console error,
 * failed request or page error on the way.
 *
 * Chromium is expected at /usr/bin/chromium (or LOA_CHROMIUM); without it the
 * test fails saying so, unless LOA_SKIP_BROWSER=1 skips it on purpose.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../pipeline/main.ts';
import { startServer, type RunningServer } from '../../src/sparql/server/index.ts';
import { launchWatched, type WatchedBrowser } from '../support/browser.ts';
import { buildSample } from './server-support.ts';

describe.skipIf(process.env.LOA_SKIP_BROWSER === '1')('the query page in Chromium', () => {
  let sample: { out: string; remove: () => void };
  let server: RunningServer;
  let watched: WatchedBrowser | undefined;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    sample = await buildSample();
    server = await startServer({ out: sample.out, port: 0, workers: 1, log: () => {} });
    profile = mkdtempSync(join(tmpdir(), 'loa-query-page-'));
    watched = await launchWatched(profile, { acceptDownloads: true });
    page = watched.page;
  }, 180_000);

  afterAll(async () => {
    await watched?.browser.close();
    await server?.close();
    sample?.remove();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('runs every example query and shows its rows in a table', { timeout: 120_000 }, async () => {
    watched!.clear();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    const examples = readdirSync(join(REPO_ROOT, 'data/queries')).filter((f) => f.endsWith('.rq'));
    const buttons = page.locator('button.example');
    expect(await buttons.count()).toBe(examples.length);
    for (let i = 0; i < examples.length; i++) {
      const title = (await buttons.nth(i).textContent()) ?? '';
      await buttons.nth(i).click();
      await page.waitForFunction(() => /rows/.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 20_000 });
      const rows = await page.locator('#results table tbody tr').count();
      expect(rows, title).toBeGreaterThan(0);
    }
    expect(watched!.complaints()).toEqual([]);
  });

  it('sorts a column, and follows an entity link to the entity page', { timeout: 60_000 }, async () => {
    watched!.clear();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.fill('#query', 'PREFIX schema: <http://schema.org/> SELECT ?person ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name LIMIT 20');
    await page.click('#run');
    await page.waitForSelector('#results table tbody tr');
    const header = page.locator('#results th', { hasText: 'name' });
    await header.click();
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const names = await page.locator('#results tbody tr td:nth-child(2)').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-sort') ?? ''));
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'vi')));
    const link = page.locator('#results tbody tr td:nth-child(1) a').first();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/person\//);
    await Promise.all([page.waitForURL(`${server.url}${href}`), link.click()]);
    expect(await page.locator('script[type="application/ld+json"]').count()).toBeGreaterThan(0);
    expect(watched!.complaints()).toEqual([]);
  });

  it('finds an official by a name typed without diacritics', async () => {
    watched!.clear();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.fill('#search', 'tran tien dung');
    await page.click('#search-form button[type=submit]');
    const hit = page.locator('#search-results a', { hasText: 'Trần Tiến Dũng' });
    await hit.waitFor();
    expect(await hit.getAttribute('href')).toBe('/person/tran-tien-dung');
    expect(watched!.complaints()).toEqual([]);
  });

  it('downloads the results as CSV', async () => {
    watched!.clear();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.fill('#query', 'PREFIX schema: <http://schema.org/> SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id } ORDER BY ?id');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('id');
    expect(lines).toContain('000_3c8414fbfcf5914d');
    expect(watched!.complaints()).toEqual([]);
  });
});
