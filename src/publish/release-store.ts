/**
 * The store the entity pages and embeds query: the published graph without
 * what they read another way, so that a large release fits in oxigraph's
 * memory (its WebAssembly heap ends at 4 GB). The CSV tables read the dumps
 * themselves (`csv/graph-reader.ts`).
 *
 * - The default graph is the union (the N-Triples dump) without the NIF spans
 *   (`…#char=b,e` subjects, about two thirds of all triples) and without the
 *   article bodies (most of the bytes). The entity pages read those from the
 *   N-Quads dump, one announcement graph at a time (`announcement-texts.ts`).
 * - The named graphs hold only the statements a writer asks per graph: the
 *   memberships with their `loa:former` and `loa:acting` flags (which
 *   announcement says what of an office, for the pages).
 *
 * A writer that needs more per graph adds its predicate to `PER_GRAPH`.
 */
import { join } from 'node:path';
import { Store } from 'oxigraph';
import { LOA, ORG, RDF, SCHEMA } from '../core/vocab.ts';
import { loadInto } from '../sparql/load-release.ts';
import { DUMP_FILES } from './dumps.ts';

/** Predicates whose statements are kept in their named graphs, written as in N-Quads. */
const PER_GRAPH = new Set([LOA.former, LOA.acting].map((p) => `<${p.value}>`));
const TYPE = `<${RDF.type.value}>`;
const MEMBERSHIP = `<${ORG.Membership.value}>`;
const ARTICLE_BODY = `<${SCHEMA.articleBody.value}>`;

/** The subject and predicate of an N-Triples or N-Quads line, and where the object starts. */
function head(line: string): { subject: string; predicate: string; objectAt: number } {
  const afterSubject = line.indexOf(' ');
  const afterPredicate = line.indexOf(' ', afterSubject + 1);
  return { subject: line.slice(0, afterSubject), predicate: line.slice(afterSubject + 1, afterPredicate), objectAt: afterPredicate + 1 };
}

/** Whether a subject (as written in N-Triples) is a NIF span: an IRI with an RFC 5147 `#char=` fragment. */
export function isSpanSubject(subject: string): boolean {
  return subject.startsWith('<') && subject.includes('#char=');
}

/** A union line the writers query. */
function keepInDefault(line: string): boolean {
  const { subject, predicate } = head(line);
  return predicate !== ARTICLE_BODY && !isSpanSubject(subject);
}

/** A named-graph line the writers ask per graph. */
function keepInGraph(line: string): boolean {
  const { predicate, objectAt } = head(line);
  return PER_GRAPH.has(predicate) || (predicate === TYPE && line.startsWith(MEMBERSHIP, objectAt));
}

/** Loads the writers' store from the dumps folder of a release (see the top of this file). */
export async function loadReleaseStore(dumps: string): Promise<Store> {
  const store = new Store();
  await loadInto(store, join(dumps, DUMP_FILES.ntriples), 'application/n-triples', keepInDefault);
  await loadInto(store, join(dumps, DUMP_FILES.nquads), 'application/n-quads', keepInGraph);
  return store;
}
