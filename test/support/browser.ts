/**
 * Debian's Chromium driven by playwright-core, as the browser tests use it: a
 * fresh profile, the flags this machine's closed network needs, and a record of
 * everything the page complains about (console errors and warnings, page
 * errors, failed requests, HTTP errors), which a test expects to stay empty.
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; LOA_CHROMIUM names another build. */
export const CHROMIUM = process.env.LOA_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface WatchedBrowser {
  browser: BrowserContext;
  page: Page;
  /** What the page complained about since the last `clear()`. */
  complaints: () => string[];
  clear: () => void;
}

/** Starts Chromium with a profile in `profileDir`; fails, saying what to install, when Chromium is missing. */
export async function launchWatched(profileDir: string, options: { acceptDownloads?: boolean } = {}): Promise<WatchedBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; .ci/run does), or set LOA_SKIP_BROWSER=1 to skip the browser tests`);
  }
  const browser = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, acceptDownloads: options.acceptDownloads ?? false });
  const page = browser.pages()[0] ?? (await browser.newPage());
  let complaints: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') complaints.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => complaints.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => complaints.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) complaints.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return {
    browser,
    page,
    complaints: () => [...complaints],
    clear: () => {
      complaints = [];
    },
  };
}
