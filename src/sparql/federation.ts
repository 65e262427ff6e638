/**
 * Federated queries: one SPARQL query over loa's release together with other
 * SPARQL endpoints and RDF documents on the web (a Wikidata mirror, a ministry's
 * own store, a gazetteer file), evaluated by Comunica, which splits the query
 * over the sources and joins what they answer. loa's own engine (oxigraph) has
 * no network access by design; this module is the one place that has, and it is
 * fenced:
 *
 * - every source must lie under a prefix of the allow-list, checked before any
 *   request is made; a `SERVICE` clause names a source too, and is checked the
 *   same way from the parsed query (a `SERVICE ?variable` is refused);
 * - every HTTP request Comunica makes goes through a `fetch` that checks its URL
 *   again, and follows redirects itself so a redirect cannot leave the list;
 * - the query is read-only (updates are refused) and has a deadline, after which
 *   every request in flight is aborted;
 * - an answer Virtuoso cut short (its row cap, `X-SPARQL-MaxRows`, or its time
 *   limit, `X-SQL-State: S1TAT`, both sent with HTTP 200) fails the query
 *   rather than silently joining half the data.
 *
 * loa's release is given to Comunica as an in-memory N3 `Store` read from the
 * dumps: the named graphs from the N-Quads dump and, as in `loadRelease`, their
 * union (each triple once) as the default graph. That costs more memory than
 * oxigraph (see ../shared/FACTS.md), which is fine for a federation command.
 *
 * Results come back as the `QueryResult` of `engine.ts`, so the query command's
 * result formats work unchanged.
 */
import { QueryEngine } from '@comunica/query-sparql';
import type * as RDF from '@rdfjs/types';
import { Store, StreamParser } from 'n3';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { QueryResult } from './engine.ts';
import { dumpsFolder } from './load-release.ts';

/** A source: `{ type: 'sparql', value: url }` for an endpoint, `{ type: 'file', value: url }` for an RDF document, or a string (see `parseSource`). */
export type FederationSource = string | { type: 'sparql' | 'file'; value: string };

export interface FederationOptions {
  /** loa's own data as one more source: an output folder (its latest release), a release folder, or a store already loaded with `loadReleaseStore`. */
  release?: string | Store;
  /** URL prefixes the sources may lie under (`http://127.0.0.1:8890/sparql`); any other source is refused. */
  allow: string[];
  /** Deadline for the whole query, requests included (default 60 s). */
  timeoutMs?: number;
}

/** A query refused (a source outside the allow-list, an update) or failed (deadline, a cut answer). */
export class FederationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FederationError';
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Redirects followed per request. */
const MAX_REDIRECTS = 5;
/** Algebra operations that write; a federated query only reads. */
const UPDATES = new Set(['deleteinsert', 'load', 'clear', 'create', 'drop', 'add', 'move', 'copy', 'compositeupdate', 'nop']);

let sharedEngine: QueryEngine | undefined;
/** One Comunica engine per process: building it takes a while, and it keeps no state between queries. */
function engine(): QueryEngine {
  sharedEngine ??= new QueryEngine();
  return sharedEngine;
}

/**
 * Runs a SPARQL query over the given sources (and loa's release, when given).
 *
 * @example
 * const result = await federatedQuery(
 *   'PREFIX owl: <http://www.w3.org/2002/07/owl#> SELECT ?agency ?wd WHERE { ?agency owl:sameAs ?wd }',
 *   ['sparql@http://127.0.0.1:8890/sparql'],
 *   { release: 'dist', allow: ['http://127.0.0.1:8890/sparql'] },
 * );
 */
export async function federatedQuery(query: string, sources: FederationSource[], options: FederationOptions): Promise<QueryResult> {
  const allow = options.allow.map(parseAllowed);
  const remote = sources.map(parseSource);
  const refused = remote.filter((s) => !allowedBy(s.value, allow));
  if (refused.length > 0) {
    throw new FederationError(`refused: ${refused.map((s) => s.value).join(', ')} ${refused.length === 1 ? 'is' : 'are'} not under an allowed prefix (${allowList(allow)}); add ${refused.length === 1 ? 'it' : 'them'} with --allow`);
  }
  if (remote.length === 0 && options.release === undefined) throw new FederationError('no source to query: give a source URL or loa\'s release');

  await checkQuery(query, allow);
  // Read before the clock starts: the deadline is the query's, not the loading's.
  const own = options.release === undefined ? [] : [typeof options.release === 'string' ? await loadReleaseStore(options.release) : options.release];

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new FederationError(`the query took longer than ${timeoutMs} ms and was stopped`)), timeoutMs);
  try {
    const context = {
      sources: [...own, ...remote] as unknown as [RDF.Source],
      fetch: guardedFetch(allow, deadline.signal),
      httpTimeout: timeoutMs,
      httpBodyTimeout: true,
      readOnly: true,
    };
    return await withDeadline(runQuery(query, context, deadline.signal), deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A source from the command line: a bare URL or `sparql@URL` is a SPARQL
 * endpoint, `file@URL` an RDF document (Comunica's notation). Nothing is left
 * to Comunica's guess: given Virtuoso's `/sparql` untyped, it reads the
 * service description found there as a small RDF document and answers from
 * that, without an error.
 */
export function parseSource(source: FederationSource): { type: 'sparql' | 'file'; value: string } {
  if (typeof source !== 'string') return { type: source.type, value: checkUrl(source.value) };
  const typed = /^(sparql|file)@(.+)$/.exec(source);
  if (typed) return { type: typed[1] as 'sparql' | 'file', value: checkUrl(typed[2]!) };
  return { type: 'sparql', value: checkUrl(source) };
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FederationError(`a source must be an absolute http(s) URL, not "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FederationError(`a source must be an http(s) URL, not "${url}"`);
  return parsed.href;
}

function parseAllowed(prefix: string): URL {
  try {
    const url = new URL(prefix);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new FederationError(`--allow takes http(s) URL prefixes, not "${prefix}"`);
}

function allowList(allow: URL[]): string {
  return allow.length === 0 ? 'the allow-list is empty' : allow.map((a) => a.href).join(', ');
}

/**
 * Whether `url` lies under one of the allowed prefixes: the same scheme, host
 * and port, and a path that is the prefix's path or continues it at a `/` or `?`
 * (`http://h/sparql` allows `http://h/sparql?x` but not `http://h/sparql-admin`,
 * and `http://h` does not allow `http://h.evil.example`).
 */
export function allowedBy(url: string, allow: URL[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username || target.password) return false;
  const path = target.pathname + target.search;
  return allow.some((prefix) => {
    if (prefix.origin !== target.origin) return false;
    const base = prefix.pathname + prefix.search;
    if (base === '/' || path === base) return true;
    return path.startsWith(base) && (base.endsWith('/') || '/?'.includes(path[base.length]!));
  });
}

/**
 * Refuses updates, and `SERVICE` clauses outside the allow-list, before any
 * source is contacted (Comunica parses the query here; no source is given).
 */
async function checkQuery(query: string, allow: URL[]): Promise<void> {
  let parsed: { data: unknown };
  try {
    parsed = (await engine().explain(query, { sources: [] as unknown as [RDF.Source] }, 'parsed')) as { data: unknown };
  } catch (e) {
    throw new FederationError(`the query does not parse: ${(e as Error).message}`);
  }
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const op = node as { type?: unknown; name?: RDF.Term };
    if (typeof op.type === 'string' && UPDATES.has(op.type)) throw new FederationError('a federated query only reads: updates are refused');
    if (op.type === 'service') {
      if (op.name?.termType !== 'NamedNode') throw new FederationError('SERVICE needs a fixed IRI here (a variable could lead anywhere)');
      if (!allowedBy(op.name.value, allow)) throw new FederationError(`refused: SERVICE <${op.name.value}> is not under an allowed prefix (${allowList(allow)})`);
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(parsed.data);
}

/** Runs the query and collects its result in the shape of `engine.ts`. */
async function runQuery(query: string, context: Record<string, unknown>, signal: AbortSignal): Promise<QueryResult> {
  const result = await engine().query(query, context as never);
  switch (result.resultType) {
    case 'bindings': {
      const metadata = await result.metadata();
      // Comunica 4 gives `{ variable, canBeUndef }` where the RDF/JS typings say a bare variable.
      const variables = (metadata.variables as unknown as ({ variable: RDF.Variable } | RDF.Variable)[]).map((v) => ('variable' in v ? v.variable : v).value);
      const stream = await result.execute();
      signal.addEventListener('abort', () => stream.destroy(), { once: true });
      const rows: Map<string, RDF.Term>[] = [];
      for await (const bindings of stream) rows.push(new Map([...bindings].map(([variable, term]) => [variable.value, term])));
      return { kind: 'bindings', variables, rows };
    }
    case 'quads': {
      const stream = await result.execute();
      signal.addEventListener('abort', () => stream.destroy(), { once: true });
      const quads: RDF.Quad[] = [];
      for await (const quad of stream) quads.push(quad);
      return { kind: 'quads', quads };
    }
    case 'boolean':
      return { kind: 'boolean', value: await result.execute() };
    default:
      throw new FederationError('a federated query only reads: updates are refused');
  }
}

/** The work's result, or the deadline's error as soon as the signal fires. */
async function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } catch (e) {
    // Comunica reports an aborted request in its own words; the deadline is the cause.
    throw signal.aborted ? signal.reason : e;
  } finally {
    signal.removeEventListener('abort', onAbort);
    work.catch(() => {});
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The `fetch` Comunica is given: refuses URLs outside the allow-list, follows
 * redirects itself (each hop checked), aborts with the deadline, and fails on an
 * answer Virtuoso marks as cut.
 */
function guardedFetch(allow: URL[], deadline: AbortSignal): typeof fetch {
  return async (input, init) => {
    let url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    let request: RequestInit = { ...init, redirect: 'manual', signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline };
    let first = input instanceof Request ? input : undefined;
    for (let hop = 0; ; hop++) {
      if (!allowedBy(url, allow)) throw new FederationError(`refused to contact ${url}: not under an allowed prefix (${allowList(allow)})`);
      const response = await fetch(first ?? url, request);
      first = undefined;
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || location === null) return standardAsk(checkComplete(response, url), url, request);
      if (hop >= MAX_REDIRECTS) throw new FederationError(`${url}: more than ${MAX_REDIRECTS} redirects`);
      await response.body?.cancel();
      url = new URL(location, url).href;
      const method = (request.method ?? 'GET').toUpperCase();
      if (response.status === 303 || (response.status !== 307 && response.status !== 308 && method === 'POST')) {
        request = { ...request, method: 'GET', body: undefined };
      }
    }
  };
}

/** Fails on an answer Virtuoso sent with HTTP 200 but incomplete. */
function checkComplete(response: Response, url: string): Response {
  const where = new URL(url).origin + new URL(url).pathname;
  const maxRows = response.headers.get('x-sparql-maxrows');
  if (maxRows !== null) throw new FederationError(`${where} cut its answer at ${maxRows} rows (its result cap): the federated result would be incomplete`);
  if (response.headers.get('x-sql-state') === 'S1TAT') throw new FederationError(`${where} hit its time limit and sent a partial answer: the federated result would be incomplete`);
  return response;
}

/** Virtuoso's name for the one column it answers an ASK with. */
const VIRTUOSO_ASK_COLUMN = '__ASK_RETVAL';

/**
 * Virtuoso 7.2 answers an ASK in JSON as if it were a SELECT: one column
 * `__ASK_RETVAL`, one row holding 1 when true, no row when false. Comunica
 * asks endpoints such questions to skip sources without matches, and fails on
 * that answer; it gets the standard `{ "boolean": … }` instead. Only the
 * (small) answers to ASK queries are read here; others stream through.
 */
async function standardAsk(response: Response, url: string, request: RequestInit): Promise<Response> {
  if (!response.ok || !/^application\/sparql-results\+json/.test(response.headers.get('content-type') ?? '')) return response;
  if (!isAsk(requestQuery(url, request))) return response;
  const text = await response.text();
  let answer: { head?: { vars?: string[] }; results?: { bindings?: Record<string, { value: string }>[] } };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return sameAnswer(response, text);
  }
  const vars = answer.head?.vars;
  if (vars?.length !== 1 || vars[0] !== VIRTUOSO_ASK_COLUMN) return sameAnswer(response, text);
  const value = answer.results?.bindings?.[0]?.[VIRTUOSO_ASK_COLUMN]?.value;
  const boolean = value !== undefined && value !== '0' && value !== 'false';
  return new Response(JSON.stringify({ head: {}, boolean }), { status: response.status, headers: { 'content-type': 'application/sparql-results+json' } });
}

/** A response again from its body, already read and decoded (so without its length and encoding headers). */
function sameAnswer(response: Response, text: string): Response {
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(text, { status: response.status, headers });
}

/** The query text of a SPARQL protocol request: the `query` parameter of the URL or form body, or a `application/sparql-query` body. */
function requestQuery(url: string, request: RequestInit): string {
  const inUrl = new URL(url).searchParams.get('query');
  if (inUrl !== null) return inUrl;
  const body = request.body;
  if (body instanceof URLSearchParams) return body.get('query') ?? '';
  if (typeof body !== 'string') return '';
  const type = new Headers(request.headers).get('content-type') ?? '';
  return type.startsWith('application/x-www-form-urlencoded') ? (new URLSearchParams(body).get('query') ?? '') : body;
}

/** Whether a query is an ASK: its first keyword after the prologue (comments, BASE and PREFIX declarations). */
function isAsk(query: string): boolean {
  let rest = query;
  for (;;) {
    rest = rest.replace(/^(?:\s|#[^\n]*)+/, '');
    const declaration = /^(?:BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)/i.exec(rest);
    if (!declaration) return /^ASK\b/i.test(rest);
    rest = rest.slice(declaration[0].length);
  }
}

/**
 * loa's release as an N3 `Store` for Comunica: the named graphs of the N-Quads
 * dump, and their union (the N-Triples dump) as the default graph, so a query
 * needs no GRAPH clause and sees each triple once, as with `loadRelease`.
 */
export async function loadReleaseStore(outDir: string): Promise<Store> {
  const dumps = await dumpsFolder(outDir);
  const files = [join(dumps, 'loa.nq.gz'), join(dumps, 'loa.nt.gz')];
  try {
    for (const path of files) await access(path);
  } catch {
    throw new FederationError(`no published release in ${outDir}: run "npm start -- --out ${outDir}" first`);
  }
  const store = new Store();
  for (const [path, format] of [[files[0]!, 'N-Quads'], [files[1]!, 'N-Triples']] as const) {
    const quads = createReadStream(path).pipe(createGunzip()).pipe(new StreamParser({ format }));
    for await (const quad of quads) store.addQuad(quad as RDF.Quad);
  }
  return store;
}
