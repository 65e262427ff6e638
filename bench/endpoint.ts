/**
 * loa's endpoint under load: `startServer` over a build output (default
 * workers, queue and deadline; no request log), and a fixed mix of requests,
 * each sent by autocannon for a fixed time at 8 and then at 32 connections,
 * one request type at a time.
 *
 * The server runs in a child process, so the load generator, which parses
 * every response on its own event loop, does not share the server's HTTP
 * thread. Both still share the machine's cores: the rates are those of a client
 * and a server on one machine, not of the server alone.
 *
 * The IRIs and names come from the data: a few SELECTs through the endpoint
 * before any load (a person with dated events, an agency with officials; the
 * search the issue names, or that person's name when it finds no person), then
 * each request is sent once and its answer counted, so every loaded request is
 * known to return rows. Under load every answer is counted by status: a 503
 * with `Retry-After` is the queue shedding load ("shed": the queue is full, or
 * the request would wait past its deadline); any other non-2xx is a failure. A 2xx without rows is counted as empty. Latency percentiles are
 * those of the 2xx answers, from autocannon's per-response times.
 *
 * Last, isolation (`measureIsolation`): the lookup sent one request at a time,
 * alone; then beside two cartesian-product COUNTs sent at once, which take both
 * workers until the deadline terminates them; then from their end until it
 * answers again. The server's RSS (its workers are threads of the one process)
 * is sampled throughout, to show whether memory stays bounded.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Parser } from 'n3';
import { SERVER_DEFAULTS } from '../src/sparql/server/index.ts';
import { searchKey } from '../src/core/text.ts';
import { SCHEMA } from '../src/core/vocab.ts';
import { RELEASE_MANIFEST } from '../src/publish/assemble.ts';
import { percentile, secondsSince } from './stats.ts';
import { processMemoryMb, startServerProcess, type ServerProcess } from './server-process.ts';

/** Connections of each load, in order. */
export const ENDPOINT_CONNECTIONS = [8, 32] as const;
/** Seconds of each load unless `--endpoint-seconds` says otherwise. */
export const ENDPOINT_SECONDS = 20;
/** Requests of each type sent (2 connections) before its first load, not counted. */
export const WARM_UP_REQUESTS = 20;
/** The entity search the issue names; the chosen person's name is searched instead when it finds no person. */
const SEARCH_QUERY = 'tran tien dung';

const PREFIXES = 'PREFIX schema: <http://schema.org/>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n';
const SPARQL_JSON = 'application/sparql-results+json';

/** How the rows of an answer are counted. */
type AnswerKind = 'sparql-json' | 'search-json' | 'turtle';

/** One request type of the mix. */
interface RequestSpec {
  id: string;
  label: string;
  /** Path and query string. */
  path: string;
  accept: string;
  kind: AnswerKind;
  /** The IRI or name the data gave it. */
  subject: string;
}

/** One request type at one number of connections. */
export interface LoadFigures {
  connections: number;
  /** Duration of the load as autocannon measured it. */
  seconds: number;
  /** Answers of any status. */
  responses: number;
  ok: number;
  /** 2xx answers per second. */
  okPerSecond: number;
  /** Latencies of the 2xx answers, ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Every non-2xx answer, shed ones included. */
  non2xx: number;
  /** 503 answers with `Retry-After`: the queue was full. */
  shed: number;
  /** The distinct `Retry-After` values of the shed answers. */
  retryAfter: string[];
  /** Non-2xx answers by status. */
  statuses: Record<string, number>;
  /** The first distinct bodies of non-2xx answers that were not shed (first line each). */
  failures: string[];
  /** 2xx answers without a row. */
  empty: number;
  /** Connection errors (timeouts included) and timeouts, as autocannon counts them. */
  errors: number;
  timeouts: number;
}

/** A request type: what was sent, what the single check answer held, and its loads. */
export interface EndpointQuery {
  id: string;
  label: string;
  path: string;
  accept: string;
  subject: string;
  /** Status and rows (bindings, hits or triples) of the answer sent once before the loads. */
  probeStatus: number;
  probeRows: number;
  /** Why the request was not loaded (its check answer was not a 2xx with rows). */
  skipped?: string;
  loads: LoadFigures[];
}

/** Everything the endpoint stage measured. */
export interface EndpointResult {
  secondsPerLoad: number;
  connections: number[];
  server: {
    workers: number;
    queueLimit: number;
    timeoutMs: number;
    /** Spawn to listening, with every worker loaded. */
    startSeconds: number;
    /** RSS of the server process (workers included) once started, and its peak by the end, from /proc; undefined elsewhere. */
    rssAfterStartMb?: number;
    peakRssMb?: number;
  };
  /** 1-minute load average before the first load: above ~1 on 2 cores, other work was running. */
  loadBefore: number;
  queries: EndpointQuery[];
  /** Light queries beside heavy ones that run into the deadline, after the loads; undefined when it could not run (see `isolationError`). */
  isolation?: IsolationResult;
  isolationError?: string;
  /** Whether the server still answered a trivial query after the last load (asked again as Retry-After says, for up to a minute). */
  aliveAfter: boolean;
  /** What that check got: seconds until the 200 (or until it gave up), and the answers before it. */
  aliveCheck?: { seconds: number; attempts: number; refusals: string[] };
  /** How the server process ended, when it ended before it was asked to. */
  serverExit?: string;
}

const log = (text: string): void => void process.stderr.write(`bench: endpoint ${text}\n`);

// ---------------------------------------------------------------- choosing the requests from the data

type Binding = Record<string, { value: string }>;

/** `/sparql?query=…` for a query, with the prefixes of the mix. */
const sparqlPath = (query: string): string => `/sparql?query=${encodeURIComponent(PREFIXES + query)}`;

/** The rows of a SELECT sent through the endpoint (to choose the requests; not timed). */
async function select(url: string, query: string): Promise<Binding[]> {
  const res = await fetch(url + sparqlPath(query), { headers: { accept: SPARQL_JSON } });
  if (!res.ok) throw new Error(`setup query answered ${res.status}: ${(await res.text()).slice(0, 200)}\n${query}`);
  return ((await res.json()) as { results: { bindings: Binding[] } }).results.bindings;
}

/**
 * The mix, with a person who attended the most events dated by day, the
 * middle half of those dates as the range, and the agency with the most
 * officials, all found through the endpoint.
 */
async function chooseRequests(url: string, base: string): Promise<RequestSpec[]> {
  const [person] = await select(
    url,
    'SELECT ?p ?name (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e schema:attendee ?p ; schema:startDate ?d . ?p schema:name ?name . FILTER(DATATYPE(?d) = xsd:date) } GROUP BY ?p ?name ORDER BY DESC(?n) ?p LIMIT 1',
  );
  const [agency] = await select(url, 'SELECT ?o (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p schema:worksFor ?o ; schema:name ?name } GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 1');
  if (!person || !agency) throw new Error('the release has no person with dated events or no agency with officials: nothing to load the endpoint with');
  const personIri = person.p!.value;
  if (!personIri.startsWith(base)) throw new Error(`${personIri} is not under the release's base ${base}`);
  const dates = (await select(url, `SELECT DISTINCT ?d WHERE { ?e schema:attendee <${personIri}> ; schema:startDate ?d . FILTER(DATATYPE(?d) = xsd:date) } ORDER BY ?d`)).map((b) => b.d!.value);
  const from = dates[Math.floor(dates.length / 4)]!;
  const to = dates[Math.min(dates.length - 1, Math.ceil((dates.length * 3) / 4))]!;
  // Each word of the query only has to start a word of a name, so "tran tien dung" also finds a circular
  // "quy định về trang bị … phương tiện … sử dụng"; the synthetic names are invented, so it may find no person.
  const hits = (await (await fetch(`${url}/search?q=${encodeURIComponent(SEARCH_QUERY)}`)).json()) as { types: string[] }[];
  const findsPerson = hits.some((h) => h.types.includes(SCHEMA.Person.value));
  // Typed as a user would: without diacritics.
  const q = findsPerson ? SEARCH_QUERY : searchKey(person.name!.value);
  const entityPath = `/${personIri.slice(base.length)}`;
  return [
    { id: 'lookup', label: 'lookup by IRI (SELECT ?p ?o)', path: sparqlPath(`SELECT ?p ?o WHERE { <${personIri}> ?p ?o }`), accept: SPARQL_JSON, kind: 'sparql-json', subject: personIri },
    {
      id: 'agency-officials',
      label: 'officials of an agency by name, LIMIT 20',
      path: sparqlPath(`SELECT DISTINCT ?person ?name WHERE { ?person schema:worksFor <${agency.o!.value}> ; schema:name ?name } ORDER BY ?name ?person LIMIT 20`),
      accept: SPARQL_JSON,
      kind: 'sparql-json',
      subject: agency.o!.value,
    },
    {
      id: 'person-events',
      label: `events of a person, ${from} to ${to}`,
      // The day of each start compared as text: a start with a time is an xsd:dateTime, which SPARQL does not compare with an xsd:date.
      path: sparqlPath(
        `SELECT ?event ?name ?date WHERE { ?event schema:attendee <${personIri}> ; schema:startDate ?date ; schema:name ?name . FILTER(SUBSTR(STR(?date), 1, 10) >= "${from}" && SUBSTR(STR(?date), 1, 10) <= "${to}") } ORDER BY ?date ?event`,
      ),
      accept: SPARQL_JSON,
      kind: 'sparql-json',
      subject: personIri,
    },
    {
      id: 'documents-by-type',
      label: 'count documents by type',
      path: sparqlPath('SELECT ?type (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?doc a schema:Legislation ; schema:legislationType ?type } GROUP BY ?type ORDER BY DESC(?n) ?type'),
      accept: SPARQL_JSON,
      kind: 'sparql-json',
      subject: 'all',
    },
    { id: 'search', label: `entity search "${q}"`, path: `/search?q=${encodeURIComponent(q)}`, accept: 'application/json', kind: 'search-json', subject: q },
    { id: 'entity-turtle', label: 'entity page as Turtle (linked data)', path: entityPath, accept: 'text/turtle', kind: 'turtle', subject: personIri },
  ];
}

/** The base the release's IRIs were minted under (the server maps `{base}{path}` to `/{path}`). */
function releaseBase(out: string): string {
  const manifest = JSON.parse(readFileSync(join(out, 'latest', RELEASE_MANIFEST), 'utf8')) as { base?: string };
  if (!manifest.base) throw new Error(`${join(out, 'latest', RELEASE_MANIFEST)} names no base`);
  return manifest.base;
}

// ---------------------------------------------------------------- answers

/** Rows of an answer: SPARQL bindings, search hits or Turtle triples. */
function countRows(kind: AnswerKind, body: string): number {
  if (kind === 'turtle') return new Parser({ format: 'text/turtle' }).parse(body).length;
  const parsed = JSON.parse(body) as unknown;
  if (kind === 'search-json') return (parsed as unknown[]).length;
  return (parsed as { results?: { bindings: unknown[] } }).results?.bindings.length ?? 0;
}

/** The cheap check made on every answer under load (a full parse would load the client more than the server). */
function hasRows(kind: AnswerKind, body: string): boolean {
  if (kind === 'turtle') return body.trim() !== '';
  if (kind === 'search-json') return body.trim() !== '[]';
  return !/"bindings"\s*:\s*\[\s*\]/.test(body);
}

/** Sends the request once; its status and rows. */
async function probe(url: string, spec: RequestSpec): Promise<{ status: number; rows: number; note: string }> {
  const res = await fetch(url + spec.path, { headers: { accept: spec.accept } });
  const body = await res.text();
  if (!res.ok) return { status: res.status, rows: 0, note: `${res.status}: ${body.trim().split('\n')[0]!.slice(0, 160)}` };
  try {
    return { status: res.status, rows: countRows(spec.kind, body), note: '' };
  } catch (e) {
    return { status: res.status, rows: 0, note: `unreadable answer: ${(e as Error).message}` };
  }
}

/**
 * Asks `spec` until a 200, as a polite client would: after a refusal it waits as Retry-After says (at
 * most 10 s), for up to a minute. A server whose workers were all stopped at the deadline refuses while
 * they reload the store, so one refusal right after the loads is not a dead server.
 */
async function askUntilAnswered(url: string, spec: RequestSpec, ended: () => boolean): Promise<{ answered: boolean; seconds: number; attempts: number; refusals: string[] }> {
  const started = performance.now();
  const refusals: string[] = [];
  let attempts = 0;
  while (!ended() && performance.now() - started < 60_000) {
    attempts++;
    const res = await fetch(url + spec.path, { headers: { accept: spec.accept } }).catch((e: Error) => e);
    const seconds = (performance.now() - started) / 1000;
    if (!(res instanceof Error) && res.status === 200) {
      await res.text();
      return { answered: true, seconds, attempts, refusals };
    }
    const note = res instanceof Error ? `error: ${res.message}` : `${res.status}: ${(await res.text()).trim().split('\n')[0]!.slice(0, 100)}`;
    if (!refusals.includes(note)) refusals.push(note);
    const wait = res instanceof Error ? 1 : Math.min(10, Number(res.headers.get('retry-after') ?? '1') || 1);
    await new Promise((r) => setTimeout(r, wait * 1000));
  }
  return { answered: false, seconds: (performance.now() - started) / 1000, attempts, refusals };
}

// ---------------------------------------------------------------- load

function headerOf(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  const value = key ? headers![key] : undefined;
  return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

/** One autocannon run of one request type; the 2xx latencies are taken from each response. */
function load(url: string, spec: RequestSpec, connections: number, seconds: number): Promise<LoadFigures> {
  const okTimes: number[] = [];
  const retryAfter = new Set<string>();
  const statuses: Record<string, number> = {};
  const failures = new Set<string>();
  let shed = 0;
  let empty = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url + spec.path,
        connections,
        duration: seconds,
        excludeErrorStats: true,
        requests: [
          {
            method: 'GET',
            path: spec.path,
            headers: { accept: spec.accept },
            onResponse: (status, body, _context, headers) => {
              if (status >= 200 && status < 300) {
                if (!hasRows(spec.kind, body)) empty++;
                return;
              }
              statuses[status] = (statuses[status] ?? 0) + 1;
              const wait = headerOf(headers as Record<string, unknown>, 'retry-after');
              if (status === 503 && wait !== undefined) {
                shed++;
                retryAfter.add(wait);
              } else if (failures.size < 5) {
                failures.add(`${status}: ${body.trim().split('\n')[0]!.slice(0, 160)}`);
              }
            },
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err as Error);
        const ok = r['2xx'];
        resolve({
          connections,
          seconds: r.duration,
          responses: ok + r.non2xx,
          ok,
          okPerSecond: r.duration > 0 ? ok / r.duration : 0,
          p50Ms: percentile(okTimes, 50),
          p99Ms: percentile(okTimes, 99),
          // A reduce, not Math.max(...): a 20 s load can time more answers than a call takes arguments.
          maxMs: okTimes.length ? okTimes.reduce((max, t) => Math.max(max, t)) : Number.NaN,
          non2xx: r.non2xx,
          shed,
          retryAfter: [...retryAfter].sort(),
          statuses,
          failures: [...failures],
          empty,
          errors: r.errors,
          timeouts: r.timeouts,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) okTimes.push(ms);
    });
  });
}

/** A few requests before the first load, so the first figures are not those of a cold server. */
async function warmUp(url: string, spec: RequestSpec): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    autocannon({ url: url + spec.path, connections: 2, amount: WARM_UP_REQUESTS, headers: { accept: spec.accept } }, (err) => (err ? reject(err as Error) : resolve())),
  );
}

// ---------------------------------------------------------------- isolation: light queries beside heavy ones

/** The heavy query of the isolation measurement: a three-way cartesian product of every triple, counted. */
export const ISOLATION_HEAVY_QUERY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
/** Heavy requests sent at once (the default pool has 2 workers: both are taken). */
export const ISOLATION_HEAVY_REQUESTS = 2;
/** Sequential light requests alone, before the heavy ones, and again once the server answers after them. */
export const ISOLATION_LIGHT_REQUESTS = 200;
/** How long light requests are sent while the heavy ones run (a little past their deadline). */
export const ISOLATION_DURING_SECONDS = 12;
/** How long the harness waits, after the heavy ones ended, for a light request to succeed again. */
export const ISOLATION_RECOVERY_LIMIT_SECONDS = 180;
/** A light request not answered within this is abandoned and counted as hung. */
export const LIGHT_CLIENT_TIMEOUT_MS = 30_000;
/** Pause after a refused light request, so that a server refusing at once is not asked in a tight loop. */
export const PAUSE_AFTER_REFUSAL_MS = 50;
/** Interval of the RSS samples of the server process. */
const RSS_SAMPLE_MS = 200;

/** Sequential light requests of one phase. */
export interface LightFigures {
  requests: number;
  ok: number;
  /** Latencies of the 2xx answers, ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** 503 answers with `Retry-After` (full queue, or no worker free within the deadline). */
  shed: number;
  /** The first line of each distinct shed answer. */
  shedBodies: string[];
  /** Time from sending to the shed answer, ms (a queued request is refused only at its deadline). */
  shedP50Ms: number;
  /** Answers by status (2xx included). */
  statuses: Record<string, number>;
  /** Requests without an answer within the client's limit, or whose connection failed. */
  hung: number;
  /** The first distinct bodies of non-2xx answers that were not shed, and client errors. */
  failures: string[];
  /** 2xx answers without a row. */
  empty: number;
}

/** One heavy request. */
export interface HeavyOutcome {
  status: number;
  /** First line of the answer. */
  body: string;
  /** From sending to the answer. */
  seconds: number;
  retryAfter?: string;
}

/** What the isolation measurement saw. */
export interface IsolationResult {
  /** The light request (its id in the mix) and the heavy query. */
  light: string;
  heavyQuery: string;
  heavyRequests: number;
  alone: LightFigures;
  /** Light requests sent one after another from the start of the heavy ones for `duringSeconds`. */
  during: LightFigures & {
    seconds: number;
    /** Light answers (any status, and 2xx) that came before the first heavy answer, i.e. while both heavy queries still held the workers. */
    answeredWhileHeavyRan: number;
    okWhileHeavyRan: number;
  };
  heavy: HeavyOutcome[];
  recovery: {
    /** From the last heavy answer (its worker was terminated then) to the first 2xx light answer after it; undefined when none came. */
    firstOkSeconds?: number;
    /** Light requests sent after the last heavy answer until the first 2xx (that one included), and their statuses. */
    attempts: number;
    statusesBefore: Record<string, number>;
    /** Sequential light requests once the first one succeeded again. */
    after?: LightFigures;
  };
  rss?: {
    /** Server RSS (its workers are threads of the process) when the measurement began, its peak over samples every `sampleMs`, and at the end. */
    beforeMb: number;
    peakMb: number;
    /** When the peak was sampled, seconds after the heavy requests were sent. */
    peakAtSeconds: number;
    afterMb: number;
    samples: number;
    sampleMs: number;
    /** One sample a second from the heavy requests on: [seconds after they were sent, MB]. */
    series: [number, number][];
  };
}

interface LightAnswer {
  /** 0 when the client gave up or the connection failed. */
  status: number;
  ms: number;
  /** performance.now() when the answer (or the failure) came. */
  at: number;
  retryAfter?: string;
  body: string;
  rows: boolean;
}

async function sendLight(url: string, spec: RequestSpec): Promise<LightAnswer> {
  const start = performance.now();
  try {
    const res = await fetch(url + spec.path, { headers: { accept: spec.accept }, signal: AbortSignal.timeout(LIGHT_CLIENT_TIMEOUT_MS) });
    const body = await res.text();
    const end = performance.now();
    const retryAfter = res.headers.get('retry-after') ?? undefined;
    return { status: res.status, ms: end - start, at: end, ...(retryAfter !== undefined ? { retryAfter } : {}), body, rows: res.ok && hasRows(spec.kind, body) };
  } catch (e) {
    const end = performance.now();
    return { status: 0, ms: end - start, at: end, body: `${(e as Error).name}: ${(e as Error).message}`, rows: false };
  }
}

const firstLine = (body: string): string => body.trim().split('\n')[0]!.slice(0, 160);

function lightFigures(answers: LightAnswer[]): LightFigures {
  const okTimes = answers.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.ms);
  const shedAnswers = answers.filter((a) => a.status === 503 && a.retryAfter !== undefined);
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const failures = new Set<string>();
  for (const a of answers) {
    if ((a.status >= 200 && a.status < 300) || (a.status === 503 && a.retryAfter !== undefined)) continue;
    if (failures.size < 5) failures.add(a.status === 0 ? a.body : `${a.status}: ${firstLine(a.body)}`);
  }
  return {
    requests: answers.length,
    ok: okTimes.length,
    p50Ms: percentile(okTimes, 50),
    p99Ms: percentile(okTimes, 99),
    maxMs: okTimes.length ? okTimes.reduce((max, t) => Math.max(max, t)) : Number.NaN,
    shed: shedAnswers.length,
    shedBodies: [...new Set(shedAnswers.map((a) => `${firstLine(a.body)} (Retry-After ${a.retryAfter})`))].slice(0, 5),
    shedP50Ms: percentile(shedAnswers.map((a) => a.ms), 50),
    statuses,
    hung: answers.filter((a) => a.status === 0).length,
    failures: [...failures],
    empty: answers.filter((a) => a.status >= 200 && a.status < 300 && !a.rows).length,
  };
}

/** Sends the light request one after another, `count` times or until `until` (a performance.now() reading) has passed. */
async function lightSeries(url: string, spec: RequestSpec, stop: { count?: number; until?: number; untilOk?: boolean }): Promise<LightAnswer[]> {
  const answers: LightAnswer[] = [];
  while ((stop.count === undefined || answers.length < stop.count) && (stop.until === undefined || performance.now() < stop.until)) {
    const answer = await sendLight(url, spec);
    answers.push(answer);
    if (stop.untilOk && answer.status >= 200 && answer.status < 300) break;
    if (answer.status < 200 || answer.status >= 300) await new Promise((r) => setTimeout(r, PAUSE_AFTER_REFUSAL_MS));
  }
  return answers;
}

/**
 * Light requests alone, then beside `ISOLATION_HEAVY_REQUESTS` cartesian
 * products that run into the deadline, then until the server answers again;
 * the server's RSS is sampled throughout.
 */
async function measureIsolation(server: ServerProcess, spec: RequestSpec): Promise<IsolationResult> {
  const pid = server.child.pid;
  const rssBefore = processMemoryMb(pid, 'VmRSS');
  let peak = { mb: rssBefore ?? 0, at: performance.now() };
  let samples = 0;
  let heavyStart: number | undefined;
  const series: [number, number][] = [];
  const sampler = setInterval(() => {
    const mb = processMemoryMb(pid, 'VmRSS');
    if (mb === undefined) return;
    samples++;
    const now = performance.now();
    if (mb > peak.mb) peak = { mb, at: now };
    if (heavyStart !== undefined && (now - heavyStart) / 1000 >= series.length) series.push([Math.round((now - heavyStart) / 100) / 10, Math.round(mb)]);
  }, RSS_SAMPLE_MS);
  try {
    const alone = lightFigures(await lightSeries(server.url, spec, { count: ISOLATION_LIGHT_REQUESTS }));
    log(`isolation: ${spec.id} alone p50 ${alone.p50Ms.toFixed(1)} ms, p99 ${alone.p99Ms.toFixed(1)} ms (${alone.ok}/${alone.requests} 2xx)`);

    heavyStart = performance.now();
    const sent = heavyStart;
    const heavyPath = sparqlPath(ISOLATION_HEAVY_QUERY);
    const heavyEnds: number[] = [];
    const heavyRuns = Array.from({ length: ISOLATION_HEAVY_REQUESTS }, async (): Promise<HeavyOutcome> => {
      const start = performance.now();
      try {
        // No client limit short of the server's deadline: the point is to see whether the server ends it.
        const res = await fetch(server.url + heavyPath, { headers: { accept: SPARQL_JSON }, signal: AbortSignal.timeout(ISOLATION_RECOVERY_LIMIT_SECONDS * 1000) });
        const body = await res.text();
        heavyEnds.push(performance.now());
        const retryAfter = res.headers.get('retry-after') ?? undefined;
        return { status: res.status, body: firstLine(body), seconds: secondsSince(start), ...(retryAfter !== undefined ? { retryAfter } : {}) };
      } catch (e) {
        heavyEnds.push(performance.now());
        return { status: 0, body: `${(e as Error).name}: ${(e as Error).message}`, seconds: secondsSince(start) };
      }
    });
    // Let both heavy requests reach the server (and a worker) before the first light one.
    await new Promise((r) => setTimeout(r, 100));
    const duringAnswers = await lightSeries(server.url, spec, { until: sent + ISOLATION_DURING_SECONDS * 1000 });
    const heavy = await Promise.all(heavyRuns);
    const firstHeavyEnd = Math.min(...heavyEnds);
    const whileHeavyRan = duringAnswers.filter((a) => a.at < firstHeavyEnd);
    const during = {
      ...lightFigures(duringAnswers),
      seconds: secondsSince(sent),
      answeredWhileHeavyRan: whileHeavyRan.length,
      okWhileHeavyRan: whileHeavyRan.filter((a) => a.status >= 200 && a.status < 300).length,
    };
    log(
      `isolation: during ${during.seconds.toFixed(1)} s of heavy queries ${during.ok}/${during.requests} 2xx, ${during.shed} shed, ${during.hung} hung; heavy: ${heavy.map((h) => `${h.status} after ${h.seconds.toFixed(1)} s`).join(', ')}`,
    );

    // Recovery: from the last heavy answer, when both workers had been terminated.
    const killedAt = Math.max(...heavyEnds);
    const afterKill = duringAnswers.filter((a) => a.at > killedAt);
    const firstOkDuring = afterKill.find((a) => a.status >= 200 && a.status < 300);
    const waited = firstOkDuring
      ? afterKill.slice(0, afterKill.indexOf(firstOkDuring) + 1)
      : [...afterKill, ...(await lightSeries(server.url, spec, { until: killedAt + ISOLATION_RECOVERY_LIMIT_SECONDS * 1000, untilOk: true }))];
    const firstOk = waited.find((a) => a.status >= 200 && a.status < 300);
    const statusesBefore: Record<string, number> = {};
    for (const a of waited) if (a !== firstOk) statusesBefore[a.status] = (statusesBefore[a.status] ?? 0) + 1;
    const after = firstOk ? lightFigures(await lightSeries(server.url, spec, { count: ISOLATION_LIGHT_REQUESTS })) : undefined;
    const recovery = {
      ...(firstOk ? { firstOkSeconds: (firstOk.at - killedAt) / 1000 } : {}),
      attempts: waited.length,
      statusesBefore,
      ...(after ? { after } : {}),
    };
    log(
      firstOk && after
        ? `isolation: first 2xx ${recovery.firstOkSeconds!.toFixed(1)} s after the heavy queries were stopped; then p50 ${after.p50Ms.toFixed(1)} ms, p99 ${after.p99Ms.toFixed(1)} ms`
        : `isolation: no 2xx within ${ISOLATION_RECOVERY_LIMIT_SECONDS} s after the heavy queries were stopped`,
    );
    clearInterval(sampler);
    const rssAfter = processMemoryMb(pid, 'VmRSS');
    return {
      light: spec.id,
      heavyQuery: ISOLATION_HEAVY_QUERY,
      heavyRequests: ISOLATION_HEAVY_REQUESTS,
      alone,
      during,
      heavy,
      recovery,
      ...(rssBefore !== undefined && rssAfter !== undefined
        ? { rss: { beforeMb: rssBefore, peakMb: peak.mb, peakAtSeconds: (peak.at - sent) / 1000, afterMb: rssAfter, samples, sampleMs: RSS_SAMPLE_MS, series } }
        : {}),
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Starts loa's server over the release in `out`, picks the requests from its
 * data and loads each at 8 and 32 connections for `seconds` (default 20);
 * then measures the lookup beside heavy queries (`measureIsolation`).
 *
 * @example (await measureEndpoint('bench/out/build-1k', { seconds: 3 })).queries.map((q) => q.loads[0]?.okPerSecond)
 */
export async function measureEndpoint(out: string, options: { seconds?: number } = {}): Promise<EndpointResult> {
  const seconds = options.seconds ?? ENDPOINT_SECONDS;
  const base = releaseBase(out);
  const loadBefore = loadavg()[0]!;
  const started = performance.now();
  const server = await startServerProcess(out);
  const startSeconds = secondsSince(started);
  const rssAfterStart = processMemoryMb(server.child.pid, 'VmRSS');
  log(`server at ${server.url} after ${startSeconds.toFixed(1)} s`);
  const queries: EndpointQuery[] = [];
  let aliveAfter = false;
  let aliveCheck: (EndpointResult['aliveCheck'] & { answered: boolean }) | undefined;
  let peak: number | undefined;
  let serverExit: string | undefined;
  let isolation: IsolationResult | undefined;
  let isolationError: string | undefined;
  try {
    const specs = await chooseRequests(server.url, base);
    for (const spec of specs) {
      const checked = await probe(server.url, spec);
      const query: EndpointQuery = { id: spec.id, label: spec.label, path: spec.path, accept: spec.accept, subject: spec.subject, probeStatus: checked.status, probeRows: checked.rows, loads: [] };
      queries.push(query);
      if (checked.rows === 0) {
        query.skipped = checked.note || 'the answer has no rows';
        log(`${spec.id}: not loaded (${query.skipped})`);
        continue;
      }
      await warmUp(server.url, spec);
      for (const connections of ENDPOINT_CONNECTIONS) {
        if (server.exit()) break;
        const figures = await load(server.url, spec, connections, seconds);
        query.loads.push(figures);
        log(
          `${spec.id} × ${connections}: ${figures.okPerSecond.toFixed(0)} ok/s, p50 ${figures.p50Ms.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms, ${figures.non2xx} non-2xx (${figures.shed} shed), ${figures.errors} errors`,
        );
      }
    }
    const light = specs.find((s) => s.id === 'lookup')!;
    if (server.exit()) isolationError = 'the server had ended before it';
    else if (queries.find((q) => q.id === light.id)?.skipped) isolationError = `the light request (${light.id}) did not answer rows`;
    else {
      try {
        isolation = await measureIsolation(server, light);
      } catch (e) {
        isolationError = (e as Error).message;
      }
    }
    const ask: RequestSpec = { id: 'ask', label: 'ASK {}', path: sparqlPath('ASK {}'), accept: SPARQL_JSON, kind: 'sparql-json', subject: '' };
    aliveCheck = await askUntilAnswered(server.url, ask, () => server.exit() !== undefined);
    aliveAfter = aliveCheck.answered;
  } finally {
    peak = processMemoryMb(server.child.pid, 'VmHWM');
    serverExit = server.exit();
    await server.stop();
  }
  return {
    secondsPerLoad: seconds,
    connections: [...ENDPOINT_CONNECTIONS],
    server: { workers: SERVER_DEFAULTS.workers, queueLimit: SERVER_DEFAULTS.queueLimit, timeoutMs: SERVER_DEFAULTS.timeoutMs, startSeconds,
      ...(rssAfterStart !== undefined ? { rssAfterStartMb: rssAfterStart } : {}),
      ...(peak !== undefined ? { peakRssMb: peak } : {}),
    },
    loadBefore,
    queries,
    ...(isolation ? { isolation } : {}),
    ...(isolationError ? { isolationError } : {}),
    aliveAfter,
    ...(aliveCheck ? { aliveCheck: { seconds: aliveCheck.seconds, attempts: aliveCheck.attempts, refusals: aliveCheck.refusals } } : {}),
    ...(serverExit ? { serverExit } : {}),
  };
}
