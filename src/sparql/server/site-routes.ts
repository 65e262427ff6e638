/**
 * Everything the server answers besides `/sparql`: the query page (`/`, with
 * `/query.js` and `/query.css`), the entity search (`/search?q=`), and the
 * linked-data paths of the release (entity IRIs, dumps, catalogue, VoID,
 * ontology; see `../linked-data.ts`). Read-only: GET and HEAD.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { RELEASE_MANIFEST } from '../../publish/assemble.ts';
import { DUMP_FILES } from '../../publish/dumps.ts';
import { LinkedDataFiles } from '../linked-data.ts';
import { loadExamples, QUERY_PAGE_CSS, QUERY_PAGE_JS, queryPageHtml } from '../query-page.ts';
import { EntitySearch } from '../search.ts';

interface Fixed {
  body: string;
  type: string;
  etag: string;
}

function fixed(body: string, type: string): Fixed {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

export class SiteRoutes {
  private constructor(
    private readonly files: LinkedDataFiles,
    private readonly search: EntitySearch,
    private readonly pages: Map<string, Fixed>,
  ) {}

  /**
   * Opens the latest release of an output folder (or a release folder).
   * @param examplesDir the folder of example `.rq` queries shown on the query page
   */
  static async open(out: string, examplesDir: string, limits: { timeoutMs: number; maxRows: number }): Promise<SiteRoutes> {
    const release = await realpath(join(out, 'latest')).catch(() => realpath(out));
    const manifest = JSON.parse(await readFile(join(release, RELEASE_MANIFEST), 'utf8').catch(() => '{}')) as { base?: string };
    const base = manifest.base ?? '';
    const search = await EntitySearch.fromDump(join(release, 'dumps', DUMP_FILES.ntriples), base);
    const pages = new Map<string, Fixed>([
      ['/', fixed(queryPageHtml(base, await loadExamples(examplesDir), limits), 'text/html; charset=utf-8')],
      ['/query.js', fixed(QUERY_PAGE_JS, 'text/javascript; charset=utf-8')],
      ['/query.css', fixed(QUERY_PAGE_CSS, 'text/css; charset=utf-8')],
    ]);
    return new SiteRoutes(new LinkedDataFiles(release), search, pages);
  }

  /** Answers a GET or HEAD; false when nothing is at that path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const page = this.pages.get(url.pathname);
    if (page) {
      const headers = { ...SECURITY_HEADERS, 'Content-Type': page.type, ETag: page.etag, 'Cache-Control': 'no-cache' };
      if (req.headers['if-none-match'] === page.etag) {
        res.writeHead(304, headers);
        res.end();
      } else {
        res.writeHead(200, { ...headers, 'Content-Length': String(Buffer.byteLength(page.body)) });
        res.end(req.method === 'HEAD' ? undefined : page.body);
      }
      return true;
    }
    if (url.pathname === '/search') {
      const q = url.searchParams.get('q') ?? '';
      const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50));
      const body = JSON.stringify(q.length > 200 ? [] : this.search.find(q, limit));
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    return this.files.handle(req, res, url.pathname);
  }
}
