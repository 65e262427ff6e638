/**
 * Publishes a release to an external triple store through the SPARQL 1.1 Graph
 * Store HTTP Protocol (GSP): every named graph of the N-Quads dump is sent with
 * `PUT {endpoint}?graph={graph IRI}` as N-Triples, which replaces the graph, so
 * publishing the same release again leaves the store as it was. With `prune`,
 * the graphs under the release's graph namespace that the store still holds from
 * an earlier release, but this release no longer has, are deleted afterwards.
 *
 * Why GSP, one graph per request: it is the one write protocol every SPARQL
 * store implements the same way (Virtuoso, Fuseki, GraphDB, Oxigraph server),
 * and a graph is the unit loa replaces. A batched SPARQL Update (`DROP GRAPH`
 * then `INSERT DATA` for many graphs in one request) would save round trips but
 * is store-specific in its limits and in how it reads escapes (`\u0022` is
 * decoded before a SPARQL query is parsed, not inside the string).
 *
 * The dump is read streaming (gunzip, then lines): only one graph is held at a
 * time, and the lines of one graph are consecutive in loa's dumps. The graph IRI
 * is the fourth term of each line; the rest of the line is an N-Triples line.
 * N-Triples is a subset of Turtle, so a store that refuses `application/n-triples`
 * (HTTP 415) gets the same bytes again as `text/turtle`.
 *
 * Authentication is HTTP Basic or Digest (RFC 7616, MD5 or SHA-256, `qop=auth`),
 * whichever the store asks for; credentials are sent only after a challenge, and
 * a Digest challenge is reused (with a counted `nc`) until the store calls it stale.
 * Virtuoso's `/sparql-graph-crud-auth` asks for Digest. No library does this for
 * `fetch` without pulling in another HTTP client, and it is forty lines over
 * `node:crypto`.
 *
 * Network errors and 5xx answers are retried with exponential backoff; a 4xx,
 * or a 5xx whose body is a Virtuoso SQL error that no retry can fix (bad data,
 * no permission), fails at once with the status, the store's message, the graph
 * and what to do.
 *
 * Virtuoso 7.2 takes both `?graph=` (the GSP name) and its own `?graph-uri=`;
 * `graph=` is the default, `graphParameter: 'graph-uri'` the alternative.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { DEFAULT_BASE_IRI } from '../core/config.ts';
import { dumpsFolder } from './load-release.ts';

export interface PublishOptions {
  /** loa's output folder (its `latest` release is published) or a release folder. */
  out: string;
  /** The store's Graph Store Protocol endpoint, e.g. `http://127.0.0.1:8890/sparql-graph-crud-auth`. */
  to: string;
  user?: string;
  password?: string;
  /** Retries after a network error or a 5xx, per request (default 3). */
  retries?: number;
  /** The first retry waits this long; each further one twice as long (default 500 ms). */
  retryDelayMs?: number;
  /** One request may take this long before it counts as a network error (default 5 minutes). */
  requestTimeoutMs?: number;
  /** Graphs sent at the same time (default 2). */
  concurrency?: number;
  /** The name of the graph parameter: `graph` (GSP) or `graph-uri` (Virtuoso's own). */
  graphParameter?: 'graph' | 'graph-uri';
  /** Delete the graphs under `{base}graph/` that the store has and the release has not. */
  prune?: boolean;
  /** The base IRI the release was built with (default loa's), for `prune`. */
  base?: string;
  /** The SPARQL query endpoint `prune` lists the store's graphs with (default: `/sparql` on the host of `to`, as Virtuoso has it). */
  sparql?: string;
  /** Progress and retries, one line each. */
  log?: (line: string) => void;
}

export interface PublishSummary {
  /** Named graphs sent. */
  graphs: number;
  /** Triples sent, over all graphs. */
  triples: number;
  /** Graphs deleted by `prune`. */
  pruned: number;
  /** Requests repeated after a network error or a 5xx. */
  retried: number;
  seconds: number;
}

/** A refusal or failure of the store, with what to do about it. */
export class PublishError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the store answered. */
    readonly status?: number,
    /** The graph the failed request was about. */
    readonly graph?: string,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/** Where the N-Quads dump lies in an output or release folder (the same file name `src/publish/dumps.ts` writes). */
const NQUADS_DUMP = 'loa.nq.gz';
const N_TRIPLES = 'application/n-triples';
const TURTLE = 'text/turtle';
/** Log a progress line after every this many graphs. */
const PROGRESS_EVERY = 1000;

/**
 * Publishes the latest release in `out` to the Graph Store endpoint `to`.
 *
 * @example
 * const summary = await publishRelease({ out: 'dist', to: 'http://127.0.0.1:8890/sparql-graph-crud-auth', user: 'dba', password: 'dba' });
 * // { graphs: 36, triples: 12446, pruned: 0, retried: 0, seconds: 0.9 }
 */
export async function publishRelease(options: PublishOptions): Promise<PublishSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const endpoint = parseEndpoint(options.to, '--to');
  const client = new HttpClient(clientOptions(options, log));
  const graphParameter = options.graphParameter ?? 'graph';
  const dump = join(await dumpsFolder(options.out), NQUADS_DUMP);

  // loa mints every graph as `{base}graph/…` (src/core/iri.ts); pruning stays inside that namespace.
  const namespace = `${options.base ?? DEFAULT_BASE_IRI}graph/`;
  const sent = new Set<string>();
  let triples = 0;
  let contentType = N_TRIPLES;
  /** PUTs in flight, so that a graph met again waits for its first part to be in place. */
  const inFlight = new Map<string, Promise<void>>();
  const sendGraph = async (graph: NamedGraph): Promise<void> => {
    // A graph met again further on is added to (POST), not replaced; loa's dumps never do this.
    const method = graph.continued ? 'POST' : 'PUT';
    if (graph.continued) await inFlight.get(graph.iri)?.catch(() => {});
    const url = graphUrl(endpoint, graphParameter, graph.iri);
    const body = `${graph.lines.join('\n')}\n`;
    let response = await client.send(method, url, { body, contentType }, graph.iri);
    if (response.status === 415 && contentType === N_TRIPLES) {
      contentType = TURTLE;
      response = await client.send(method, url, { body, contentType }, graph.iri);
    }
    if (!response.ok) throw refusal(response, method, graph.iri, options);
  };

  await inParallel(readGraphs(dump, sent), options.concurrency ?? 2, async (graph) => {
    // Checked before the graph is sent: a wrong base fails before the first request.
    if (options.prune && !graph.iri.startsWith(namespace)) {
      throw new PublishError(`not pruning: the release's graph ${graph.iri} is not under ${namespace}; give the base IRI the release was built with (--base)`);
    }
    const sending = sendGraph(graph);
    if (!graph.continued) inFlight.set(graph.iri, sending);
    try {
      await sending;
    } finally {
      if (inFlight.get(graph.iri) === sending) inFlight.delete(graph.iri);
    }
    triples += graph.lines.length;
    if (!graph.continued && sent.size % PROGRESS_EVERY === 0) log(`published ${sent.size} graphs (${triples} triples)`);
  });

  if (options.prune && sent.size === 0) throw new PublishError('not pruning: the release has no graphs, and pruning would empty the store of loa\'s graphs');
  let pruned = 0;
  if (options.prune) pruned = await pruneGraphs(options, endpoint, graphParameter, namespace, sent, client, log);
  return { graphs: sent.size, triples, pruned, retried: client.retried, seconds: (performance.now() - started) / 1000 };
}

/**
 * Replaces one graph of a store with the given RDF (`PUT`, Graph Store Protocol):
 * what `publishRelease` does for each graph, for a single graph of other data.
 *
 * @example
 * await putGraph({ to: store, user: 'dba', password: 'dba' }, 'http://example.org/g', '<a:s> <a:p> "o" .', 'text/turtle');
 */
export async function putGraph(
  options: ClientOptions & { to: string; graphParameter?: 'graph' | 'graph-uri' },
  graph: string,
  body: string,
  contentType = TURTLE,
): Promise<void> {
  const url = graphUrl(parseEndpoint(options.to, '--to'), options.graphParameter ?? 'graph', graph);
  const response = await new HttpClient(options).send('PUT', url, { body, contentType }, graph);
  if (!response.ok) throw refusal(response, 'PUT', graph, options);
}

// ---------------------------------------------------------------------------
// Reading the dump

/** The lines of one named graph as N-Triples; `continued` when the graph was met before in the dump. */
export interface NamedGraph {
  iri: string;
  lines: string[];
  continued: boolean;
}

/**
 * The named graphs of a gzipped N-Quads file, in file order, one at a time.
 * `seen` collects every graph IRI met (the caller's record of the release's graphs).
 * Blank-node labels stay as written: each request is its own document for the
 * store, so a blank node shared by two graphs would become two (loa mints no
 * blank nodes).
 */
export async function* readGraphs(path: string, seen: Set<string> = new Set()): AsyncGenerator<NamedGraph> {
  const input = createReadStream(path).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let current: NamedGraph | undefined;
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      const start = skipSpace(line, 0);
      if (start === line.length || line[start] === '#') continue;
      const split = splitQuadLine(line);
      if ('error' in split) throw new PublishError(`${path}, line ${lineNumber}: ${split.error}`);
      if (current?.iri !== split.graph) {
        if (current) yield current;
        current = { iri: split.graph, lines: [], continued: seen.has(split.graph) };
        seen.add(split.graph);
      }
      current.lines.push(split.triple);
    }
    if (current) yield current;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new PublishError(`no published release: ${path} is missing (run "npm start -- --out DIR" first)`);
    if ((e as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') throw new PublishError(`${path} is not a complete gzip file: ${(e as Error).message}`);
    throw e;
  } finally {
    lines.close();
    input.destroy();
  }
}

/**
 * Splits one N-Quads line into its triple (an N-Triples line) and its graph IRI.
 * Terms are stepped over by their syntax, so a `>` or `"` inside a literal
 * cannot be taken for the end of the object.
 *
 * @example splitQuadLine('<s> <p> "a > b"@vi <g> .') // { triple: '<s> <p> "a > b"@vi .', graph: 'g' }
 */
export function splitQuadLine(line: string): { triple: string; graph: string } | { error: string } {
  let i = skipSpace(line, 0);
  for (const term of ['subject', 'predicate', 'object'] as const) {
    const end = termEnd(line, i);
    if (end < 0) return { error: `cannot read the ${term}` };
    i = end;
    if (term !== 'object') i = skipSpace(line, i);
  }
  const objectEnd = i;
  i = skipSpace(line, i);
  if (line[i] === '.') return { error: 'a triple outside any named graph: loa publishes every triple in a named graph' };
  if (line[i] !== '<') return { error: 'the graph is not an IRI (a blank-node graph cannot be addressed through the Graph Store Protocol)' };
  const graphEnd = termEnd(line, i);
  if (graphEnd < 0 || line[skipSpace(line, graphEnd)] !== '.') return { error: 'cannot read the graph IRI' };
  return { triple: `${line.slice(0, objectEnd)} .`, graph: unescapeIri(line.slice(i + 1, graphEnd - 1)) };
}

function skipSpace(line: string, i: number): number {
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** Where the term starting at `i` ends (exclusive): an IRI, a blank node or a literal; -1 when none starts there. */
function termEnd(line: string, i: number): number {
  const c = line[i];
  if (c === '<') {
    const close = line.indexOf('>', i + 1);
    return close < 0 ? -1 : close + 1;
  }
  if (c === '_' && line[i + 1] === ':') {
    let j = i + 2;
    while (j < line.length && !' \t<"'.includes(line[j]!)) j++;
    // A label may hold dots but not end with one: the statement's final dot is not part of it.
    while (line[j - 1] === '.') j--;
    return j;
  }
  if (c !== '"') return -1;
  let j = i + 1;
  while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
  if (j >= line.length) return -1;
  j++;
  if (line[j] === '@') {
    j++;
    while (j < line.length && /[A-Za-z0-9-]/.test(line[j]!)) j++;
    return j;
  }
  if (line.startsWith('^^<', j)) {
    const close = line.indexOf('>', j + 3);
    return close < 0 ? -1 : close + 1;
  }
  return j;
}

/** An IRI as written in N-Quads, with its `\uXXXX` and `\UXXXXXXXX` escapes decoded. */
function unescapeIri(written: string): string {
  if (!written.includes('\\')) return written;
  return written.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})/g, (_, short: string | undefined, long: string | undefined) =>
    String.fromCodePoint(parseInt(short ?? long!, 16)),
  );
}

// ---------------------------------------------------------------------------
// Pruning

/** Graphs listed per SPARQL request while pruning. */
const PRUNE_PAGE = 1000;

/**
 * Deletes the graphs under `namespace` that the store has and the release has
 * not. The caller has checked that every graph of the release lies in that
 * namespace: otherwise the base given is not the one the release was built
 * with, and pruning would delete someone else's graphs.
 */
async function pruneGraphs(
  options: PublishOptions,
  endpoint: URL,
  graphParameter: string,
  namespace: string,
  release: Set<string>,
  client: HttpClient,
  log: (line: string) => void,
): Promise<number> {
  const sparql = parseEndpoint(options.sparql ?? new URL('/sparql', endpoint).href, '--sparql');
  const reader = new HttpClient(clientOptions(options, log));
  let pruned = 0;
  for (const graph of await listGraphs(reader, sparql, namespace)) {
    if (release.has(graph)) continue;
    const response = await client.send('DELETE', graphUrl(endpoint, graphParameter, graph), undefined, graph);
    // 404: gone already (another publisher, or a graph the listing saw half-deleted).
    if (!response.ok && response.status !== 404) throw refusal(response, 'DELETE', graph, options);
    pruned++;
    log(`pruned ${graph}`);
  }
  return pruned;
}

/**
 * Every graph IRI under `namespace` the store holds, a page at a time, each page
 * after the last IRI of the one before (keyset paging: Virtuoso refuses a sorted
 * OFFSET past its row cap, and cuts a result at the cap without an error; a cut
 * page is just followed by the next).
 */
export async function listGraphs(client: HttpClient, sparql: URL, namespace: string): Promise<string[]> {
  const graphs: string[] = [];
  let after = '';
  for (;;) {
    const query = `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ${sparqlString(namespace)}) && STR(?g) > ${sparqlString(after)}) } ORDER BY STR(?g) LIMIT ${PRUNE_PAGE}`;
    const response = await client.send('POST', sparql, {
      body: new URLSearchParams({ query }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      accept: 'application/sparql-results+json',
    });
    if (!response.ok) {
      const said = storeMessage(response.text);
      throw new PublishError(`not pruning: listing the store's graphs at ${sparql.href} failed with HTTP ${response.status}${said ? `: ${said}` : ''} (give the store's SPARQL query endpoint with --sparql)`, response.status);
    }
    if (response.headers.get('x-sql-state') === 'S1TAT') {
      throw new PublishError(`not pruning: ${sparql.href} timed out listing the graphs and sent a partial list`);
    }
    const json = JSON.parse(response.text) as { results: { bindings: { g?: { value: string } }[] } };
    const page = json.results.bindings.map((b) => b.g?.value).filter((g): g is string => g !== undefined);
    if (page.length === 0) return graphs;
    const last = page[page.length - 1]!;
    if (last <= after) throw new PublishError(`not pruning: ${sparql.href} does not list graphs in order`);
    graphs.push(...page);
    after = last;
  }
}

/** A string literal in SPARQL syntax. */
function sparqlString(s: string): string {
  return JSON.stringify(s);
}

// ---------------------------------------------------------------------------
// HTTP: requests with retries and authentication

/** How an `HttpClient` signs, retries and times its requests. */
export interface ClientOptions {
  user?: string;
  password?: string;
  /** Default 3. */
  retries?: number;
  /** Default 500 ms, doubled for each further retry. */
  retryDelayMs?: number;
  /** Default 5 minutes. */
  requestTimeoutMs?: number;
  log?: (line: string) => void;
}

function clientOptions(options: PublishOptions, log: (line: string) => void): ClientOptions {
  const { user, password, retries, retryDelayMs, requestTimeoutMs } = options;
  return { user, password, retries, retryDelayMs, requestTimeoutMs, log };
}

/** A response with its body read (so the connection is free again). */
export interface StoreResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  text: string;
}

/** What a request carries besides method and URL. */
export interface Payload {
  /** Sent as UTF-8. */
  body: string;
  contentType: string;
  accept?: string;
}

/**
 * Sends requests to one endpoint: answers an authentication challenge once,
 * retries transient failures, and counts the retries. Exported for tests and
 * for loading test data into a store.
 */
export class HttpClient {
  retried = 0;
  private credentials: Credentials | undefined;

  private readonly options: Required<Omit<ClientOptions, 'user' | 'password'>> & Pick<ClientOptions, 'user' | 'password'>;

  constructor(options: ClientOptions = {}) {
    const { user, password, retries = 3, retryDelayMs = 500, requestTimeoutMs = 5 * 60_000, log = () => {} } = options;
    this.options = { user, password, retries, retryDelayMs, requestTimeoutMs, log };
  }

  /** Sends one request, retrying network errors and transient 5xx answers; `graph` only names the graph in errors. */
  async send(method: string, url: URL, payload?: Payload, graph?: string): Promise<StoreResponse> {
    const { retries, retryDelayMs, log } = this.options;
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      try {
        const response = await this.authenticated(method, url, payload);
        if (!transient(response) || attempt >= retries) return response;
        const said = storeMessage(response.text);
        failure = `HTTP ${response.status}${said ? `: ${said}` : ''}`;
      } catch (e) {
        if (e instanceof PublishError) throw e;
        failure = networkError(e);
        if (attempt >= retries) {
          throw new PublishError(
            `cannot reach ${url.origin}${url.pathname} (${failure}) after ${attempt + 1} attempts${graph ? `, sending graph ${graph}` : ''}: is the store running, and is the URL right?`,
            undefined,
            graph,
          );
        }
      }
      const wait = retryDelayMs * 2 ** attempt;
      this.retried++;
      log(`retry ${attempt + 1}/${retries} of ${method} ${graph ?? url.href} in ${wait} ms: ${failure}`);
      await new Promise((done) => setTimeout(done, wait));
    }
  }

  /**
   * One request; on a challenge, once more with credentials. A challenge to a
   * request that carried credentials is a refusal, unless it only says the nonce
   * went stale.
   */
  private async authenticated(method: string, url: URL, payload?: Payload): Promise<StoreResponse> {
    const { user, password } = this.options;
    const first = await this.fetchOnce(method, url, payload);
    if (first.response.status !== 401 || user === undefined || password === undefined) return first.response;
    const challenge = pickChallenge(first.response.headers.get('www-authenticate') ?? '');
    if (!challenge || (first.signed && !challenge.stale)) return first.response;
    this.credentials = new Credentials(challenge, user, password);
    return (await this.fetchOnce(method, url, payload)).response;
  }

  private async fetchOnce(method: string, url: URL, payload?: Payload): Promise<{ response: StoreResponse; signed: boolean }> {
    const headers: Record<string, string> = {};
    if (payload) headers['content-type'] = payload.contentType;
    if (payload?.accept) headers.accept = payload.accept;
    if (this.credentials) headers.authorization = this.credentials.header(method, url);
    const response = await fetch(url, {
      method,
      headers,
      body: payload?.body,
      signal: AbortSignal.timeout(this.options.requestTimeoutMs),
    });
    const text = await response.text();
    return { response: { status: response.status, ok: response.ok, headers: response.headers, text }, signed: headers.authorization !== undefined };
  }
}

/** Worth retrying: a 5xx, except a Virtuoso SQL error of a class no retry changes (bad data, syntax, access). */
function transient(response: StoreResponse): boolean {
  if (response.status < 500) return false;
  const state = /Error ([0-9A-Z]{5})/.exec(response.text)?.[1];
  return state === undefined || !/^(22|37|42)/.test(state);
}

/** The cause of a failed fetch, as short as the system gives it (ECONNREFUSED, a timeout…). */
function networkError(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'timed out';
  return err.cause?.code ?? err.cause?.message ?? err.message;
}

/** The error for a refused request: status, the store's own words, the graph, and what to do. */
function refusal(response: StoreResponse, method: string, graph: string | undefined, options: { to: string; user?: string }): PublishError {
  const said = storeMessage(response.text);
  const where = graph ? ` for graph ${graph}` : '';
  const hint =
    response.status === 401
      ? options.user === undefined
        ? 'the store wants credentials: give --user and --password'
        : 'the store refused the credentials: check --user and --password'
      : response.status === 403
        ? 'the user may not write to this store: use an account with write permission (on Virtuoso, the /sparql-graph-crud-auth endpoint and a user with SPARQL_UPDATE)'
        : response.status === 404 || response.status === 405
          ? `is ${options.to} a Graph Store Protocol endpoint?`
          : response.status === 413
            ? 'the graph is larger than the store accepts in one request: raise its request size limit'
            : response.status >= 500
              ? 'the store failed; its log may say more'
              : 'the store refused the request';
  return new PublishError(`${method} refused by the store with HTTP ${response.status}${where}${said ? `: ${said}` : ''} (${hint})`, response.status, graph);
}

/** The store's message from an error body: Virtuoso's `<xmp>` text, or the body without markup, trimmed. */
function storeMessage(body: string): string {
  const xmp = /<xmp>([^<]*)<\/xmp>/i.exec(body)?.[1];
  const text = (xmp ?? body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function parseEndpoint(url: string, option: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PublishError(`${option} takes an http(s) URL, not "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new PublishError(`${option} takes an http(s) URL, not "${url}"`);
  return parsed;
}

/** The endpoint with the graph named by indirect identification (`?graph=IRI`), other parameters kept. */
function graphUrl(endpoint: URL, parameter: string, graph: string): URL {
  const url = new URL(endpoint);
  url.searchParams.set(parameter, graph);
  return url;
}

/** Runs `work` over the items, at most `limit` at a time; the first failure stops taking new items and is thrown. */
async function inParallel<T>(items: AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed) {
      const next = await iterator.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, limit) }, worker));
  await iterator.return?.(undefined);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

// ---------------------------------------------------------------------------
// Authentication challenges and answers (RFC 7235, 7617, 7616)

export interface Challenge {
  scheme: 'basic' | 'digest';
  params: Map<string, string>;
  stale: boolean;
}

/**
 * Reads `WWW-Authenticate` (which may carry several challenges) and picks Digest
 * over Basic; undefined when neither is offered.
 */
export function pickChallenge(header: string): Challenge | undefined {
  const challenges = parseChallenges(header);
  const digest = challenges.find((c) => c.scheme === 'digest');
  const basic = challenges.find((c) => c.scheme === 'basic');
  return digest ?? basic;
}

function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let current: Challenge | undefined;
  let i = 0;
  while (i < header.length) {
    while (i < header.length && (header[i] === ' ' || header[i] === ',' || header[i] === '\t')) i++;
    let j = i;
    while (j < header.length && !' \t,="'.includes(header[j]!)) j++;
    const token = header.slice(i, j);
    if (!token) break;
    let k = j;
    while (header[k] === ' ' || header[k] === '\t') k++;
    if (header[k] === '=' && current) {
      k++;
      while (header[k] === ' ' || header[k] === '\t') k++;
      let value = '';
      if (header[k] === '"') {
        k++;
        while (k < header.length && header[k] !== '"') {
          if (header[k] === '\\') k++;
          value += header[k] ?? '';
          k++;
        }
        k++;
      } else {
        const start = k;
        while (k < header.length && header[k] !== ',' && header[k] !== ' ') k++;
        value = header.slice(start, k);
      }
      current.params.set(token.toLowerCase(), value);
      i = k;
    } else {
      const scheme = token.toLowerCase();
      current = { scheme: scheme === 'digest' ? 'digest' : 'basic', params: new Map(), stale: false };
      if (scheme === 'digest' || scheme === 'basic') out.push(current);
      i = j;
    }
  }
  for (const c of out) c.stale = c.params.get('stale')?.toLowerCase() === 'true';
  return out;
}

/** Hash functions a Digest challenge may name (RFC 7616 §3.2); `-sess` variants use the same hash. */
const DIGEST_HASHES: Record<string, string> = { 'md5': 'md5', 'sha-256': 'sha256', 'sha-512-256': 'sha512-256' };

/** The answer to one challenge, ready to sign request after request. */
class Credentials {
  private count = 0;

  constructor(
    private readonly challenge: Challenge,
    private readonly user: string,
    private readonly password: string,
  ) {
    if (challenge.scheme === 'digest') {
      const algorithm = (challenge.params.get('algorithm') ?? 'MD5').toLowerCase();
      if (!(algorithm.replace(/-sess$/, '') in DIGEST_HASHES)) throw new PublishError(`the store asks for Digest with ${algorithm}, which loa does not implement (MD5 and SHA-256 are)`);
      const qop = challenge.params.get('qop');
      if (qop !== undefined && !qop.split(',').map((q) => q.trim()).includes('auth')) {
        throw new PublishError(`the store asks for Digest with qop=${qop}; loa implements qop=auth`);
      }
    }
  }

  /** The Authorization header for one request. */
  header(method: string, url: URL): string {
    if (this.challenge.scheme === 'basic') return `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}`;
    const p = this.challenge.params;
    const realm = p.get('realm') ?? '';
    const nonce = p.get('nonce') ?? '';
    const algorithm = p.get('algorithm') ?? 'MD5';
    const hash = DIGEST_HASHES[algorithm.toLowerCase().replace(/-sess$/, '')]!;
    const h = (s: string) => createHash(hash).update(s, 'utf8').digest('hex');
    const uri = url.pathname + url.search;
    const cnonce = randomBytes(16).toString('hex');
    const nc = (++this.count).toString(16).padStart(8, '0');
    let ha1 = h(`${this.user}:${realm}:${this.password}`);
    if (algorithm.toLowerCase().endsWith('-sess')) ha1 = h(`${ha1}:${nonce}:${cnonce}`);
    const ha2 = h(`${method}:${uri}`);
    const withQop = p.has('qop');
    const response = withQop ? h(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`);
    const fields = [
      `username=${quoted(this.user)}`,
      `realm=${quoted(realm)}`,
      `nonce=${quoted(nonce)}`,
      `uri=${quoted(uri)}`,
      `algorithm=${algorithm}`,
      `response="${response}"`,
    ];
    if (withQop) fields.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
    if (p.has('opaque')) fields.push(`opaque=${quoted(p.get('opaque')!)}`);
    return `Digest ${fields.join(', ')}`;
  }
}

function quoted(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&')}"`;
}
