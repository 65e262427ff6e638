/**
 * The SPARQL 1.1 Protocol's query operation, read from an HTTP request: the
 * query by GET (`?query=`), by POST of a form (`query=`) or by POST of the bare
 * text (`application/sparql-query`); the dataset parameters `default-graph-uri`
 * and `named-graph-uri`; and loa's `timeout` parameter (or `X-Loa-Timeout`
 * header), in milliseconds. The update operation (an `update` parameter, or a
 * POST of `application/sparql-update`) is refused here, before anything is
 * parsed. So is a query text over the size cap, by its bytes, before it is
 * parsed (and a body over it before it is read in full).
 */
import type { IncomingMessage } from 'node:http';

/** An answer other than results: the status, a plain-text message, extra headers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface SparqlRequest {
  /** The query text; undefined for a GET without one (the service description). */
  query: string | undefined;
  defaultGraphs: string[] | undefined;
  namedGraphs: string[] | undefined;
  /** The deadline the client asks for, in ms (the server applies the lower of it and its own). */
  timeoutMs: number | undefined;
}

/** Room for the other form parameters beside a query at the size cap. */
const FORM_OVERHEAD_BYTES = 16 * 1024;

/** An absolute IRI: a scheme, and none of the characters an IRI cannot hold. */
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;

/**
 * Reads the query operation of `req` (a GET or POST on the endpoint's path).
 * Throws an `HttpError` for what the protocol or the caps refuse.
 */
export async function readSparqlRequest(req: IncomingMessage, maxQueryBytes: number): Promise<SparqlRequest> {
  const url = new URL(req.url ?? '/', 'http://endpoint');
  let params = url.searchParams;
  let bodyQuery: string | undefined;
  if (req.method === 'POST') {
    const [mediaType, ...mediaParams] = (req.headers['content-type'] ?? '').split(';').map((s) => s.trim().toLowerCase());
    const charset = mediaParams.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, `only UTF-8 is read (the request says charset=${charset})`);
    switch (mediaType) {
      case 'application/x-www-form-urlencoded': {
        const body = await readBody(req, 3 * maxQueryBytes + FORM_OVERHEAD_BYTES);
        params = new URLSearchParams([...url.searchParams, ...new URLSearchParams(body)]);
        break;
      }
      case 'application/sparql-query':
        if (url.searchParams.has('query')) throw new HttpError(400, 'the query is the request body: the URL must not have a query parameter too');
        bodyQuery = await readBody(req, maxQueryBytes);
        break;
      case 'application/sparql-update':
        throw readOnly();
      default:
        throw new HttpError(
          415,
          `a POST to the endpoint is application/x-www-form-urlencoded (query=…) or application/sparql-query (the query as the body), not ${mediaType || 'without a Content-Type'}`,
        );
    }
  }
  if (params.has('update') || params.has('using-graph-uri') || params.has('using-named-graph-uri')) throw readOnly();
  const queries = bodyQuery !== undefined ? [bodyQuery] : params.getAll('query');
  if (queries.length > 1) throw new HttpError(400, 'more than one query parameter');
  const query = queries[0];
  if (query === undefined && req.method === 'POST') throw new HttpError(400, 'no query: send query=… (form) or the query as an application/sparql-query body');
  if (query !== undefined) {
    if (query.trim() === '') throw new HttpError(400, 'the query is empty');
    const bytes = Buffer.byteLength(query);
    if (bytes > maxQueryBytes) throw tooLarge(`the query is ${bytes} bytes; this endpoint reads queries of at most ${maxQueryBytes} bytes`);
  }
  return {
    query,
    defaultGraphs: graphList(params, 'default-graph-uri'),
    namedGraphs: graphList(params, 'named-graph-uri'),
    timeoutMs: requestedTimeout(params.getAll('timeout'), req.headers['x-loa-timeout']),
  };
}

function readOnly(): HttpError {
  return new HttpError(403, 'this endpoint is read-only: SPARQL Update is not accepted, and nothing was run');
}

function tooLarge(message: string): HttpError {
  return new HttpError(413, message, { Connection: 'close' });
}

function graphList(params: URLSearchParams, name: string): string[] | undefined {
  const values = params.getAll(name);
  if (values.length === 0) return undefined;
  for (const v of values) if (!ABSOLUTE_IRI.test(v)) throw new HttpError(400, `${name} must be an absolute IRI, not "${v.slice(0, 200)}"`);
  return values;
}

function requestedTimeout(values: string[], header: string | string[] | undefined): number | undefined {
  const all = [...values, ...(header === undefined ? [] : Array.isArray(header) ? header : [header])];
  let lowest: number | undefined;
  for (const v of all) {
    const ms = /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : 0;
    if (ms <= 0) throw new HttpError(400, `timeout must be a whole number of milliseconds above 0, not "${v.slice(0, 50)}"`);
    lowest = lowest === undefined ? ms : Math.min(lowest, ms);
  }
  return lowest;
}

/** The request body as UTF-8 text, refused (413) past `maxBytes` without keeping what follows. */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(`the request body is ${declared} bytes; this endpoint reads at most ${maxBytes}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) throw tooLarge(`the request body is over ${maxBytes} bytes, the most this endpoint reads`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'the request body is not valid UTF-8');
  }
}
