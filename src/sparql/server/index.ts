/**
 * loa's SPARQL 1.1 Protocol endpoint (`/sparql`), built to be safe to expose:
 * read-only, no federation unless allowed, every query under a deadline that
 * is enforced from outside the engine, results capped, concurrency bounded.
 *
 * A request goes through cheap checks on the HTTP thread (method, content
 * type, the update operation, the query's size and nesting depth, content
 * negotiation, the timeout and dataset parameters), then to the worker pool
 * (`pool.ts`): a query worker classifies the text with a real parser (updates
 * and SERVICE calls are refused there, before anything runs), runs it on its
 * own copy of the release and writes the answer. When the deadline passes, the
 * worker is terminated and replaced, and the client gets a 503 saying so. When
 * every worker is busy and the queue is full, a 503 with `Retry-After`.
 *
 * Answers carry `X-Loa-Row-Limit` (the row cap) and `X-Loa-Truncated` (`true`
 * when rows or triples were left out: never a silent cut), and `X-Loa-Timeout`
 * (the deadline applied, in ms). Every response allows any origin (CORS), and
 * a browser may read those headers.
 *
 * Data: the default graph is the union of the named graphs (one per
 * announcement, plus the shared graphs). `FROM` / `FROM NAMED` and the
 * dataset parameters pick among the graphs already loaded: the engine never
 * dereferences a graph IRI, so a graph the release does not hold is simply
 * empty (the tests check with a listening canary that nothing is fetched).
 *
 * @example
 * const server = await startServer({ out: 'dist', port: 3030 });
 * // GET http://127.0.0.1:3030/sparql?query=ASK%7B%7D  →  {"head":{},"boolean":true}
 * await server.close();
 */
import { fileURLToPath } from 'node:url';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { GRAPH_FORMATS, MEDIA_TYPES, negotiate, RESULTS_FORMATS } from './negotiate.ts';
import { type Outcome, QueryPool } from './pool.ts';
import { SiteRoutes } from './site-routes.ts';
import { looksLight } from './weight.ts';
import { HttpError, readSparqlRequest, type SparqlRequest } from './protocol.ts';
import { nestingDepth } from './query-text.ts';
import { describeService } from './service-description.ts';

export interface ServerOptions {
  /** The output folder whose release is served (as `loa build --out` wrote it). */
  out: string;
  /** Interface to listen on. Default 127.0.0.1: expose it through a reverse proxy, or pass 0.0.0.0 knowingly. */
  host?: string;
  /** Port; 0 picks a free one (see the returned `url`). Default 3030. */
  port?: number;
  /** Query worker threads, each holding the whole release in memory. Default 2. */
  workers?: number;
  /**
   * Queries running at once; at most `workers` (the default). Workers beyond it are warm spares: when a
   * worker is terminated at a deadline, a spare takes the next query while the replacement loads.
   */
  maxConcurrent?: number;
  /**
   * Requests waiting for a worker beyond those running; over it, 503 with Retry-After. Default 256. A
   * request that would wait past its deadline, judging by how long recent queries took, is refused at once.
   */
  queueLimit?: number;
  /** Deadline of a query, in ms; a client may ask for less, never more. Default 10000. */
  timeoutMs?: number;
  /** Rows (SELECT) or triples (CONSTRUCT, DESCRIBE) sent at most. Default 10000. */
  maxRows?: number;
  /** Largest query text, in bytes (UTF-8). Default 65536. */
  maxQueryBytes?: number;
  /** Deepest nesting of brackets, braces and parentheses in a query. Default 64. */
  maxNesting?: number;
  /** SERVICE endpoints a query may call; default none. A query naming allowed ones is joined by Comunica, under the same deadline. */
  allowService?: string[];
  /** The endpoint's address as clients reach it (behind a proxy), for the service description. Default: `{url}/sparql`. */
  publicUrl?: string;
  /** Where one line per request and per pool event goes. Default: standard error. */
  log?: (line: string) => void;
  /** The folder of example `.rq` queries on the query page. Default: the repository's `data/queries`. */
  examples?: string;
}

export interface RunningServer {
  /** The server's root, `http://host:port` (the port chosen when 0 was asked). */
  url: string;
  /** The SPARQL endpoint, `{url}/sparql`. */
  endpoint: string;
  /** Stops accepting requests, ends open connections, stops the workers. */
  close(): Promise<void>;
}

/** The defaults of `startServer`, for a CLI's help text. */
export const SERVER_DEFAULTS = {
  host: '127.0.0.1',
  port: 3030,
  workers: 2,
  queueLimit: 256,
  timeoutMs: 10_000,
  maxRows: 10_000,
  maxQueryBytes: 64 * 1024,
  maxNesting: 64,
} as const;

const ENDPOINT_PATH = '/sparql';

const positive = z.number().int().positive();
const httpIri = z.string().regex(/^https?:\/\/[^\s<>"{}|\\^`]+$/, 'an absolute http(s) IRI');
const OptionsSchema = z.object({
  out: z.string().min(1),
  host: z.string().min(1).default(SERVER_DEFAULTS.host),
  port: z.number().int().min(0).max(65535).default(SERVER_DEFAULTS.port),
  workers: positive.optional(),
  maxConcurrent: positive.optional(),
  queueLimit: z.number().int().min(0).default(SERVER_DEFAULTS.queueLimit),
  timeoutMs: positive.default(SERVER_DEFAULTS.timeoutMs),
  maxRows: positive.default(SERVER_DEFAULTS.maxRows),
  maxQueryBytes: positive.default(SERVER_DEFAULTS.maxQueryBytes),
  maxNesting: positive.default(SERVER_DEFAULTS.maxNesting),
  allowService: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i, 'an absolute IRI')).default([]),
  publicUrl: httpIri.optional(),
  examples: z.string().min(1).default(fileURLToPath(new URL('../../../data/queries', import.meta.url))),
});
type Settings = z.infer<typeof OptionsSchema> & { workers: number; maxConcurrent: number };

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'X-Loa-Truncated, X-Loa-Row-Limit, X-Loa-Timeout, Retry-After',
};

/** A whole response: status, headers, body. */
interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** For the log line. */
  note?: string;
}

/**
 * Starts the endpoint over the release in `options.out`. Resolves once every
 * worker has loaded the release and the server listens; rejects with a readable
 * message when there is no release to load or the port is taken.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`invalid server options: ${z.prettifyError(parsed.error)}`);
  const workers = parsed.data.workers ?? parsed.data.maxConcurrent ?? SERVER_DEFAULTS.workers;
  const settings: Settings = { ...parsed.data, workers, maxConcurrent: Math.min(parsed.data.maxConcurrent ?? workers, workers) };
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const pool = await QueryPool.start({ out: settings.out, workers: settings.workers, maxRunning: settings.maxConcurrent, queueLimit: settings.queueLimit, log });
  let site: SiteRoutes;
  try {
    site = await SiteRoutes.open(settings.out, settings.examples, settings);
  } catch (e) {
    await pool.close();
    throw e;
  }
  const server = createServer({ maxHeaderSize: 3 * settings.maxQueryBytes + 16 * 1024 });
  // The description names the endpoint, whose port is known once listening; requests wait for it.
  let describe!: (d: Record<string, string>) => void;
  const description = new Promise<Record<string, string>>((resolve) => (describe = resolve));
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const cancelled = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) cancelled.abort();
    });
    const url = new URL(req.url ?? '/', 'http://endpoint');
    // Everything but the endpoint: the query page, the entity search and the linked-data paths.
    if (url.pathname !== ENDPOINT_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      void site
        .handle(req, res, url)
        .then((handled) => {
          if (!handled) send(res, text(404, `not found: ${url.pathname} (the SPARQL endpoint is ${ENDPOINT_PATH}, the query page /)`));
          return handled ? res.statusCode : 404;
        })
        .catch((e: unknown) => {
          send(res, text(500, `internal error: ${(e as Error).message}`));
          if (!res.writableEnded) res.destroy();
          return 500;
        })
        .then((status) => log(`${req.method} ${url.pathname} ${status} ${Math.round(performance.now() - started)} ms`));
      return;
    }
    void description
      .then((d) => respond(req, settings, pool, d, cancelled.signal))
      .catch((e: unknown) => ({ status: 500, headers: {}, body: `internal error: ${(e as Error).message}\n`, note: 'internal error' }) satisfies Reply)
      .then((reply) => {
        send(res, reply);
        const path = (req.url ?? '').split('?')[0];
        log(`${req.method} ${path} ${reply.status} ${Math.round(performance.now() - started)} ms${reply.note ? ` ${reply.note}` : ''}`);
      });
  });
  let url: string;
  try {
    url = await listen(server, settings.host, settings.port);
  } catch (e) {
    await pool.close();
    throw e;
  }
  const endpoint = `${url}${ENDPOINT_PATH}`;
  describe(
    await describeService({ endpoint: settings.publicUrl ?? endpoint, timeoutMs: settings.timeoutMs, maxRows: settings.maxRows, maxQueryBytes: settings.maxQueryBytes }),
  );
  log(`SPARQL endpoint at ${endpoint}: ${pool.quads} quads, ${settings.workers} workers, deadline ${settings.timeoutMs} ms, at most ${settings.maxRows} rows`);

  let closing: Promise<void> | undefined;
  return {
    url,
    endpoint,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await pool.close();
        await stopped;
      })();
      return closing;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}

function text(status: number, message: string, headers: Record<string, string> = {}, note?: string): Reply {
  return { status, headers, body: `${message}\n`, ...(note ? { note } : {}) };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...CORS_HEADERS, ...reply.headers };
  if (reply.body !== '' && !('Content-Type' in headers)) headers['Content-Type'] = 'text/plain; charset=utf-8';
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

async function respond(req: IncomingMessage, settings: Settings, pool: QueryPool, description: Record<string, string>, signal: AbortSignal): Promise<Reply> {
  const path = new URL(req.url ?? '/', 'http://endpoint').pathname;
  if (path !== ENDPOINT_PATH) return text(404, `not found: the SPARQL endpoint is ${ENDPOINT_PATH}`);
  if (req.method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Accept, Content-Type, X-Loa-Timeout',
        'Access-Control-Max-Age': '86400',
        Allow: 'GET, POST, OPTIONS',
      },
      body: '',
    };
  }
  if (req.method !== 'GET' && req.method !== 'POST') return text(405, `method ${req.method} not allowed: use GET or POST`, { Allow: 'GET, POST, OPTIONS' });

  let request: SparqlRequest;
  try {
    request = await readSparqlRequest(req, settings.maxQueryBytes);
  } catch (e) {
    if (e instanceof HttpError) return text(e.status, e.message, e.headers, 'refused');
    throw e;
  }
  const accept = req.headers.accept;
  if (request.query === undefined) {
    const format = negotiate(accept, GRAPH_FORMATS);
    if (format === undefined) return text(406, `the service description is ${GRAPH_FORMATS.map((f) => f.accepts[0]).join(', ')}; the Accept header allows none of them`);
    return { status: 200, headers: { 'Content-Type': MEDIA_TYPES[format], Vary: 'Accept' }, body: description[format]!, note: 'service description' };
  }
  if (nestingDepth(request.query, settings.maxNesting) > settings.maxNesting) {
    return text(400, `the query nests brackets, braces or parentheses more than ${settings.maxNesting} deep, the most this endpoint reads`, {}, 'too deep');
  }
  const results = negotiate(accept, RESULTS_FORMATS);
  const graph = negotiate(accept, GRAPH_FORMATS);
  if (results === undefined && graph === undefined) {
    const offered = [...RESULTS_FORMATS, ...GRAPH_FORMATS].map((f) => f.accepts[0]).join(', ');
    return text(406, `answers are one of ${offered}; the Accept header allows none of them`);
  }
  const timeoutMs = Math.min(settings.timeoutMs, request.timeoutMs ?? Infinity);
  const job = {
    query: request.query,
    defaultGraphs: request.defaultGraphs,
    namedGraphs: request.namedGraphs,
    maxRows: settings.maxRows,
    allowService: settings.allowService,
    results,
    graph,
  };
  return outcomeReply(await pool.run(job, timeoutMs, signal, looksLight(request.query)), settings, timeoutMs);
}

function outcomeReply(outcome: Outcome, settings: Settings, timeoutMs: number): Reply {
  const timeoutHeader = { 'X-Loa-Timeout': String(timeoutMs) };
  const retryAfter = String(Math.max(1, Math.ceil(settings.timeoutMs / 1000)));
  switch (outcome.kind) {
    case 'answer': {
      const a = outcome.answer;
      if (!a.ok) return text(a.status, a.message, timeoutHeader, a.poisoned ? 'engine trapped' : 'refused');
      return {
        status: 200,
        headers: {
          'Content-Type': a.mediaType,
          Vary: 'Accept',
          'X-Loa-Row-Limit': String(settings.maxRows),
          'X-Loa-Truncated': String(a.truncated),
          ...timeoutHeader,
        },
        body: a.body,
        note: `${a.form} ${a.rows} ${a.form === 'SELECT' ? 'rows' : a.form === 'ASK' ? 'boolean' : 'triples'}${a.truncated ? ' (truncated)' : ''}`,
      };
    }
    case 'timeout':
      return text(503, `query timeout: the query was stopped when it reached its ${timeoutMs} ms deadline`, timeoutHeader, 'timeout');
    case 'busy':
      if (outcome.expectedWaitMs !== undefined) {
        const seconds = Math.max(1, Math.ceil(outcome.expectedWaitMs / 1000));
        return text(503, `the endpoint is busy: the queries waiting ahead would hold this one for about ${seconds} s, past its ${timeoutMs} ms deadline; try again later`, { 'Retry-After': String(seconds) }, 'busy');
      }
      return text(503, `the endpoint is busy (${settings.maxConcurrent} queries running, ${settings.queueLimit} waiting): try again later`, { 'Retry-After': retryAfter }, 'busy');
    case 'saturated':
      return text(
        503,
        `the endpoint is busy: every query worker is running a long query (or reloading after one was stopped), so this request was not queued; try again in ${outcome.retryAfterSeconds} s`,
        { 'Retry-After': String(outcome.retryAfterSeconds) },
        'saturated',
      );
    case 'queue-timeout':
      return text(503, `the endpoint is busy: no worker was free within ${timeoutMs} ms; try again later`, { 'Retry-After': retryAfter, ...timeoutHeader }, 'busy');
    case 'crashed':
      return text(500, `the query worker failed (${outcome.message}); it is being replaced`, timeoutHeader, 'crashed');
    case 'cancelled':
      return text(503, 'the endpoint is shutting down, or the request was withdrawn', { 'Retry-After': retryAfter }, 'cancelled');
  }
}
