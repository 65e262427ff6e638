/**
 * The linked-data side of the server: every entity IRI under the base is
 * dereferenceable, and the release's files are served at stable paths.
 *
 * - `/{path}` for an entity `{base}{path}`: its page (`site/{path}.html`) or
 *   its description as Turtle, N-Triples or JSON-LD (`site/{path}.ttl|.nt|.jsonld`),
 *   chosen by `Accept` (`Vary: Accept`, `Content-Location` names the file);
 *   `/{path}.ttl` and the other extensions give one form directly.
 * - `/dumps/…`, `/csv/…`, `/meta/…`, `/ontology/…`, `/changes/…`, `/embeds/…`,
 *   `/SHA256SUMS`: the release's files; `/.well-known/void` is `meta/void.ttl`.
 * - Anything else that is a file of `site/` (index pages, the stylesheet), so
 *   the pages' relative links work under the entity paths.
 *
 * A release never changes once written, so each file's ETag is its SHA-256
 * from the release's SHA256SUMS; `If-None-Match` gives 304. GET and HEAD only,
 * open to any origin (CORS). A path is refused (404, never read) when, once
 * decoded, it holds `..`, `.` or hidden segments, a NUL, a backslash, or leads
 * out of the release folder through a symbolic link.
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { CHECKSUMS } from '../publish/release.ts';
import { negotiate } from './server/negotiate.ts';

/** Media types of the release's files, by extension. */
const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttl': 'text/turtle; charset=utf-8',
  '.nt': 'application/n-triples; charset=utf-8',
  '.nq': 'application/n-quads; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.rdf': 'application/rdf+xml; charset=utf-8',
  '.gz': 'application/gzip',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The forms of an entity's description, in the order offered when the client has no preference. */
const ENTITY_FORMS = [
  { key: '.html', accepts: ['text/html', 'application/xhtml+xml'] },
  { key: '.ttl', accepts: ['text/turtle', 'application/x-turtle'] },
  { key: '.nt', accepts: ['application/n-triples'] },
  { key: '.jsonld', accepts: ['application/ld+json', 'application/json'] },
] as const;

/** Folders of the release served as they are. */
const RELEASE_FOLDERS = new Set(['dumps', 'csv', 'meta', 'ontology', 'changes', 'embeds', 'site']);

export class LinkedDataFiles {
  private sums: Map<string, string> | undefined;
  private rootReal: string | undefined;

  /** @param release the release folder (for example `OUT/latest`) */
  constructor(private readonly release: string) {}

  private async checksums(): Promise<Map<string, string>> {
    if (!this.sums) {
      this.sums = new Map();
      const text = await readFile(join(this.release, CHECKSUMS), 'utf8').catch(() => '');
      for (const line of text.split('\n')) if (line.length > 66) this.sums.set(line.slice(66), line.slice(0, 64));
    }
    return this.sums;
  }

  /**
   * The release file a decoded URL path names, relative to the release, when
   * it is a regular file inside it; undefined for anything else.
   */
  async resolve(relativePath: string): Promise<string | undefined> {
    if (relativePath.includes('\0') || relativePath.includes('\\')) return undefined;
    const segments = relativePath.split('/');
    if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return undefined;
    const full = join(this.release, ...segments);
    this.rootReal ??= await realpath(this.release);
    const real = await realpath(full).catch(() => undefined);
    if (!real || !real.startsWith(this.rootReal + sep)) return undefined;
    const s = await stat(real).catch(() => undefined);
    return s?.isFile() ? segments.join('/') : undefined;
  }

  /**
   * Answers a GET or HEAD for a linked-data path; returns false when the path
   * is none of loa's (so the caller can answer 404 or route elsewhere).
   */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    if (!decoded.startsWith('/')) return false;
    const path = decoded.slice(1);
    if (path === '.well-known/void') return this.send(req, res, 'meta/void.ttl');
    if (path === CHECKSUMS) return this.send(req, res, CHECKSUMS);
    const top = path.split('/')[0]!;
    if (RELEASE_FOLDERS.has(top)) return this.send(req, res, path);
    // An entity: its page or description, by Accept; or a form named by extension.
    const forms = await this.entityForms(path);
    if (forms.length > 0) {
      const ext = negotiate(req.headers.accept, forms);
      res.setHeader('Vary', 'Accept');
      if (!ext) {
        res.writeHead(406, { 'Content-Type': 'text/plain; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
        res.end(`Not acceptable: ${path} is available as ${forms.map((f) => f.accepts[0]).join(', ')}\n`);
        return true;
      }
      res.setHeader('Content-Location', `/${path}${ext}`);
      return this.send(req, res, `site/${path}${ext}`);
    }
    // Index pages, the stylesheet and the entity files by extension, relative to site/.
    if (await this.resolve(`site/${path}`)) return this.send(req, res, `site/${path}`);
    return false;
  }

  private async entityForms(path: string): Promise<(typeof ENTITY_FORMS)[number][]> {
    if (path.split('/').length < 2 || extname(path) !== '') return [];
    const out: (typeof ENTITY_FORMS)[number][] = [];
    for (const form of ENTITY_FORMS) if (await this.resolve(`site/${path}${form.key}`)) out.push(form);
    return out;
  }

  /** Sends one release file (or 304), with its ETag; false when it is not a file of the release. */
  private async send(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const resolved = await this.resolve(path);
    if (!resolved) return false;
    const full = join(this.release, ...resolved.split('/'));
    const { size } = await stat(full);
    const sha = (await this.checksums()).get(resolved);
    const etag = sha ? `"${sha}"` : undefined;
    const headers: Record<string, string> = {
      'Content-Type': MEDIA_TYPES[extname(resolved)] ?? 'application/octet-stream',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'ETag, Content-Location',
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    };
    if (etag) headers.ETag = etag;
    const match = req.headers['if-none-match'];
    if (etag && match && match.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    headers['Content-Length'] = String(size);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(full);
      stream.on('error', reject);
      res.on('close', resolve);
      stream.pipe(res);
    });
    return true;
  }
}
