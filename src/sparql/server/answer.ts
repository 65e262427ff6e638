/**
 * One request's query, answered inside a query worker: classified (query or
 * update, the SERVICE calls it makes), refused when it must be, capped, run on
 * the worker's store and written in the negotiated format. Everything the
 * engine touches happens here, in the worker, because a query cannot be
 * interrupted once oxigraph runs it: the pool's deadline, which terminates the
 * worker, covers the parse, the run and the writing alike.
 *
 * Row cap. A SELECT runs with a top-level `LIMIT maxRows + 1` (or its own,
 * when that is lower): one row more than is sent says the result was cut. A
 * CONSTRUCT runs with the same limit on its solutions and a marker triple added
 * to its template, one per solution, so the number of solutions is known even
 * though templates yield duplicates (which the engine removes) or nothing; at
 * most `maxRows` triples are sent. A DESCRIBE runs as written (the engine
 * cannot limit the descriptions, only the resources) under the deadline alone;
 * at most `maxRows` of its triples are sent. Whenever something was left out,
 * `truncated` is true: the server says so in `X-Loa-Truncated`.
 *
 * Plan. Before it runs, a query goes through the plan pass of the query
 * facade (`query-plan.ts`, on the tree the classification parsed), so the
 * endpoint and `executeQuery` run the same text: the same solutions, the
 * patterns in an order oxigraph evaluates faster. The row cap is applied to
 * that text. A federated query goes to Comunica as written.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import type { QueryResult } from '../engine.ts';
import { Parser as NTriplesParser, Writer } from 'n3';
import { namedNode, Store } from 'oxigraph';
import { NS } from '../../core/vocab.ts';
import { planParsedQuery } from '../query-plan.ts';
import { formatResult } from '../result-formats.ts';
import { classifyQuery, type QueryForm } from './classify.ts';
import { type JsonResults, type JsonTerm, toQueryResult, UnwritableResultError } from './json-results.ts';
import { type GraphFormat, MEDIA_TYPES, type ResultsFormat, GRAPH_FORMATS, RESULTS_FORMATS } from './negotiate.ts';
import { withConstructMarker, withTopLevelLimit } from './query-text.ts';
import { writeXmlResults } from './xml-results.ts';

/** What the pool sends a worker for one request. */
export interface QueryJob {
  id: number;
  query: string;
  /** The protocol's `default-graph-uri` values; with `namedGraphs`, when either is given the dataset is exactly these graphs. */
  defaultGraphs: string[] | undefined;
  namedGraphs: string[] | undefined;
  maxRows: number;
  /** SERVICE endpoints a query may name. */
  allowService: string[];
  /** The negotiated formats (undefined: the Accept header allows none of the family). */
  results: ResultsFormat | undefined;
  graph: GraphFormat | undefined;
}

export type Answer =
  | { ok: true; form: QueryForm; mediaType: string; body: string; rows: number; truncated: boolean }
  /** `poisoned`: the engine trapped; the worker must be replaced before it answers again. */
  | { ok: false; status: number; message: string; poisoned?: boolean };

/** The most triples a CONSTRUCT may produce before they are cut (bounds memory for large templates). */
const CONSTRUCT_TRIPLE_BUDGET = 250_000;

/** The predicate of the per-solution marker triple: unguessable, so no query can produce it by chance. */
const MARKER = `urn:uuid:${randomUUID()}`;
const MARKER_LINE_END = ` <${MARKER}> "" .`;

const SPARQL_JSON = 'application/sparql-results+json';

function refuse(status: number, message: string): Answer {
  return { ok: false, status, message };
}

/**
 * Runs `job` on `store` and writes the answer; never throws.
 *
 * @example await answerQuery(store, { id: 1, query: 'ASK {}', maxRows: 10, allowService: [], results: 'json', graph: 'turtle', defaultGraphs: undefined, namedGraphs: undefined })
 */
export async function answerQuery(store: Store, job: QueryJob): Promise<Answer> {
  const found = classifyQuery(job.query);
  if (found.kind === 'unparsable') return malformed(job.query, found.message);
  if (found.kind === 'update') {
    return refuse(403, `this endpoint is read-only: SPARQL Update (${found.operations.join(', ')}) is not accepted, and nothing was run`);
  }
  const refused = found.services.filter((s) => s.iri === undefined || !job.allowService.includes(s.iri));
  if (refused.length > 0) {
    const named = refused.map((s) => (s.iri === undefined ? 'SERVICE ?variable' : `SERVICE <${s.iri}>`)).join(', ');
    const allowed = job.allowService.length === 0 ? 'none' : job.allowService.map((s) => `<${s}>`).join(', ');
    return refuse(403, `federated query refused: ${named} is not an allowed endpoint (allowed: ${allowed}); nothing was run`);
  }
  const isGraph = found.form === 'CONSTRUCT' || found.form === 'DESCRIBE';
  const format = isGraph ? job.graph : job.results;
  if (format === undefined) {
    const offered = (isGraph ? GRAPH_FORMATS : RESULTS_FORMATS).map((f) => f.accepts[0]).join(', ');
    return refuse(406, `a ${found.form} query is answered as one of ${offered}; the Accept header allows none of them`);
  }
  try {
    // A query naming allowed SERVICE endpoints is joined by Comunica (oxigraph calls no remote endpoint),
    // over this worker's store and the named endpoints, still under the pool's deadline.
    if (found.services.length > 0) return await runFederatedQuery(store, job, found.form, isGraph ? undefined : (format as ResultsFormat), isGraph ? (format as GraphFormat) : undefined);
    const planned = { ...job, query: planParsedQuery(job.query, found.query).text };
    if (!isGraph) return runResultsQuery(store, planned, found.form, found.limit, format as ResultsFormat);
    return await runGraphQuery(store, planned, found.form, found.limit, found.templateSize, format as GraphFormat);
  } catch (e) {
    return engineFailure(e);
  }
}

function datasetOptions(job: QueryJob): { default_graph?: ReturnType<typeof namedNode>[]; named_graphs?: ReturnType<typeof namedNode>[] } {
  if (job.defaultGraphs === undefined && job.namedGraphs === undefined) return {};
  return { default_graph: (job.defaultGraphs ?? []).map((g) => namedNode(g)), named_graphs: (job.namedGraphs ?? []).map((g) => namedNode(g)) };
}

function runResultsQuery(store: Store, job: QueryJob, form: QueryForm, limit: number | undefined, format: ResultsFormat): Answer {
  const cap = job.maxRows + 1;
  const text = form === 'SELECT' && (limit === undefined || limit > cap) ? withTopLevelLimit(job.query, cap) : job.query;
  const results = JSON.parse(store.query(text, { ...datasetOptions(job), results_format: SPARQL_JSON }) as string) as JsonResults;
  let truncated = false;
  if (results.results && results.results.bindings.length > job.maxRows) {
    results.results.bindings = results.results.bindings.slice(0, job.maxRows);
    truncated = true;
  }
  let body: string;
  try {
    body = format === 'json' ? `${JSON.stringify(results)}\n` : format === 'xml' ? writeXmlResults(results) : formatResult(toQueryResult(results), format);
  } catch (e) {
    if (e instanceof UnwritableResultError) return refuse(406, e.message);
    throw e;
  }
  return { ok: true, form, mediaType: MEDIA_TYPES[format], body, rows: results.results?.bindings.length ?? 1, truncated };
}

async function runGraphQuery(store: Store, job: QueryJob, form: QueryForm, limit: number | undefined, templateSize: number, format: GraphFormat): Promise<Answer> {
  let text = job.query;
  let solutionLimit: number | undefined;
  if (form === 'CONSTRUCT') {
    const marked = withConstructMarker(text, `[] <${MARKER}> ""`);
    const solutions = Math.min(job.maxRows + 1, Math.max(1, Math.floor(CONSTRUCT_TRIPLE_BUDGET / (templateSize + 1))));
    if (marked !== undefined && (limit === undefined || limit > solutions)) {
      text = withTopLevelLimit(marked, solutions);
      solutionLimit = solutions;
    }
  }
  const lines = (store.query(text, { ...datasetOptions(job), results_format: 'application/n-triples' }) as string).split('\n');
  let markers = 0;
  const triples: string[] = [];
  for (const line of lines) {
    if (line === '') continue;
    if (solutionLimit !== undefined && line.endsWith(MARKER_LINE_END)) markers++;
    else triples.push(line);
  }
  const truncated = triples.length > job.maxRows || (solutionLimit !== undefined && markers >= solutionLimit);
  const kept = triples.slice(0, job.maxRows);
  const ntriples = kept.length === 0 ? '' : `${kept.join('\n')}\n`;
  return { ok: true, form, mediaType: MEDIA_TYPES[format], body: await writeGraph(ntriples, format), rows: kept.length, truncated };
}

/**
 * A query with SERVICE clauses to allowed endpoints, answered by Comunica over
 * the worker's store (read through an RDF/JS source view, so nothing is copied)
 * and the endpoints. Results are capped and written as the local ones are.
 */
async function runFederatedQuery(store: Store, job: QueryJob, form: QueryForm, results: ResultsFormat | undefined, graph: GraphFormat | undefined): Promise<Answer> {
  if (job.defaultGraphs !== undefined || job.namedGraphs !== undefined) {
    return refuse(400, 'default-graph-uri and named-graph-uri cannot be combined with SERVICE on this endpoint');
  }
  const { federatedQuery } = await import('../federation.ts');
  const source = storeSource(store);
  const answer = await federatedQuery(job.query, [], { release: source as never, allow: job.allowService, timeoutMs: FEDERATION_BUDGET_MS });
  if (answer.kind === 'quads') {
    const lines = answer.quads.map((q) => lineWriter.quadToString(q.subject as never, q.predicate as never, q.object as never));
    const kept = lines.slice(0, job.maxRows);
    const ntriples = kept.length === 0 ? '' : kept.join('');
    return { ok: true, form, mediaType: MEDIA_TYPES[graph!], body: await writeGraph(ntriples, graph!), rows: kept.length, truncated: lines.length > job.maxRows };
  }
  const json = toJsonResults(answer);
  let truncated = false;
  if (json.results && json.results.bindings.length > job.maxRows) {
    json.results.bindings = json.results.bindings.slice(0, job.maxRows);
    truncated = true;
  }
  const format = results!;
  const body = format === 'json' ? `${JSON.stringify(json)}\n` : format === 'xml' ? writeXmlResults(json) : formatResult(toQueryResult(json), format);
  return { ok: true, form, mediaType: MEDIA_TYPES[format], body, rows: json.results?.bindings.length ?? 1, truncated };
}

/** Comunica's own deadline for a federated query; the pool's, which stops the worker, is the one that binds. */
const FEDERATION_BUDGET_MS = 10 * 60_000;

const lineWriter = new Writer({ format: 'N-Triples' });

/**
 * The store as an RDF/JS source: `match` with variables or nothing as
 * wildcards, answered as a stream. The default graph is the union, as loaded.
 */
function storeSource(store: Store): { match: (s?: RDF.Term | null, p?: RDF.Term | null, o?: RDF.Term | null, g?: RDF.Term | null) => Readable } {
  const bound = (t: RDF.Term | null | undefined) => (t && t.termType !== 'Variable' ? (t as never) : null);
  return {
    match: (s, p, o, g) => Readable.from(store.match(bound(s), bound(p), bound(o), bound(g)), { objectMode: true }),
  };
}

/** A facade result as SPARQL JSON results, the form the endpoint caps and writes. */
function toJsonResults(result: QueryResult): JsonResults {
  if (result.kind === 'boolean') return { head: {}, boolean: result.value };
  if (result.kind !== 'bindings') throw new Error('not a results query');
  const term = (t: RDF.Term): JsonTerm => {
    if (t.termType === 'NamedNode') return { type: 'uri', value: t.value };
    if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value };
    const lit = t as RDF.Literal;
    if (lit.language) return { type: 'literal', value: lit.value, 'xml:lang': lit.language };
    return lit.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? { type: 'literal', value: lit.value } : { type: 'literal', value: lit.value, datatype: lit.datatype.value };
  };
  return {
    head: { vars: result.variables },
    results: { bindings: result.rows.map((row) => Object.fromEntries([...row].map(([k, v]) => [k, term(v)]))) },
  };
}

/** N-Triples (as the engine wrote them) in the negotiated graph format. */
async function writeGraph(ntriples: string, format: GraphFormat): Promise<string> {
  if (format === 'ntriples') return ntriples;
  if (format === 'turtle') {
    // Written here rather than by formatResult, whose graph output copies quads with a spread and so loses
    // their getter-backed terms (it writes only the prefixes).
    const writer = new Writer({ format: 'Turtle', prefixes: { ...NS } });
    writer.addQuads(new NTriplesParser({ format: 'N-Triples' }).parse(ntriples));
    let turtle = '';
    writer.end((_e, out: string) => (turtle = out));
    return turtle;
  }
  // Expanded JSON-LD: fromRDF needs no context, and the loader refuses any document it might still ask for.
  // jsonld is imported when first asked for, so that a replacement worker starts sooner.
  const { default: jsonld } = await import('jsonld');
  const documentLoader = (url: string) => Promise.reject(new Error(`loa fetches no documents (${url})`));
  return `${JSON.stringify(await jsonld.fromRDF(ntriples, { format: 'application/n-quads', documentLoader }))}\n`;
}

/**
 * A 400 for text sparqljs could not parse. The message is oxigraph's own,
 * from a parse on an empty store (nothing to run against; the results format is
 * one oxigraph refuses once the text has parsed); when oxigraph parses what
 * sparqljs does not, the query is refused all the same, with sparqljs's message.
 */
function malformed(text: string, sparqljsMessage: string): Answer {
  try {
    new Store().query(text, { results_format: 'application/x-loa-parse-check' });
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) return engineFailure(e);
    const message = (e as Error).message;
    if (!/^Not supported/i.test(message)) return refuse(400, `malformed query: ${message}`);
  }
  const excerpt = sparqljsMessage.split('\n').slice(0, 4).join('\n');
  return refuse(400, `the endpoint's safety check could not parse this query, so it was not run:\n${excerpt}`);
}

function engineFailure(e: unknown): Answer {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
    const what = /string|length/i.test(message) ? 'the result is too large to write' : `the query engine failed (${message})`;
    return { ok: false, status: 500, message: `${what}; the worker that ran it is being replaced`, poisoned: true };
  }
  if (/^error at \d+:\d+/.test(message)) return refuse(400, `malformed query: ${message}`);
  if (/service .* is not supported/i.test(message)) return refuse(501, `federated query: the engine cannot call remote endpoints (${message})`);
  return refuse(400, `the query failed: ${message}`);
}
