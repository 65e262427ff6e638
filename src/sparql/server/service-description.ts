/**
 * The SPARQL 1.1 Service Description the endpoint answers a GET without a
 * query with: what it is (`sd:Service` at `sd:endpoint`), the language
 * (SPARQL 1.1 Query only: it is read-only), the result formats it writes, and
 * its default dataset, whose default graph is the union of the named graphs
 * (`sd:UnionDefaultGraph`). The limits a client meets (deadline, row cap, query
 * size) are stated in a comment, for people. Built once per server.
 */
import jsonld from 'jsonld';
import type * as RDF from '@rdfjs/types';
import { DataFactory, Writer } from 'n3';
import { RDF as RDF_NS, RDFS } from '../../core/vocab.ts';
import type { GraphFormat } from './negotiate.ts';

/** The Service Description vocabulary (W3C), the terms loa uses; move to core/vocab.ts when another module needs them. */
const SD_NS = 'http://www.w3.org/ns/sparql-service-description#';
/** The W3C's IRIs for media formats. */
const FORMATS_NS = 'http://www.w3.org/ns/formats/';

const sd = (term: string) => DataFactory.namedNode(SD_NS + term);
const format = (term: string) => DataFactory.namedNode(FORMATS_NS + term);

export interface DescriptionFacts {
  /** The endpoint's address, as clients reach it. */
  endpoint: string;
  timeoutMs: number;
  maxRows: number;
  maxQueryBytes: number;
}

function descriptionQuads(facts: DescriptionFacts): RDF.Quad[] {
  const { quad, literal, blankNode, namedNode } = DataFactory;
  const service = namedNode(facts.endpoint);
  const dataset = blankNode('dataset');
  const defaultGraph = blankNode('defaultGraph');
  const limits =
    `loa's read-only SPARQL endpoint. A query runs for at most ${facts.timeoutMs} ms (a lower "timeout" parameter or X-Loa-Timeout header, in ms, is honoured); ` +
    `at most ${facts.maxRows} rows or triples are sent, and a cut result carries the header X-Loa-Truncated: true; queries are at most ${facts.maxQueryBytes} bytes. ` +
    'Updates and SERVICE calls are refused.';
  return [
    quad(service, RDF_NS.type, sd('Service')),
    quad(service, sd('endpoint'), service),
    quad(service, sd('supportedLanguage'), sd('SPARQL11Query')),
    ...['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'JSON-LD'].map((f) =>
      quad(service, sd('resultFormat'), format(f)),
    ),
    quad(service, sd('feature'), sd('UnionDefaultGraph')),
    quad(service, sd('defaultDataset'), dataset),
    quad(service, RDFS.comment, literal(limits, 'en')),
    quad(dataset, RDF_NS.type, sd('Dataset')),
    quad(dataset, sd('defaultGraph'), defaultGraph),
    quad(defaultGraph, RDF_NS.type, sd('Graph')),
    quad(defaultGraph, RDFS.comment, literal('The union of all named graphs (each triple once): one graph per announcement, plus the reference and membership graphs.', 'en')),
  ];
}

/**
 * The description in each graph format.
 *
 * @example (await describeService({ endpoint: 'http://127.0.0.1:3030/sparql', timeoutMs: 10000, maxRows: 10000, maxQueryBytes: 65536 })).turtle
 */
export async function describeService(facts: DescriptionFacts): Promise<Record<GraphFormat, string>> {
  const quads = descriptionQuads(facts);
  const write = (options: ConstructorParameters<typeof Writer>[0]) => {
    const writer = new Writer(options);
    writer.addQuads(quads);
    let out = '';
    writer.end((_e, s: string) => (out = s));
    return out;
  };
  const ntriples = write({ format: 'N-Triples' });
  const expanded = await jsonld.fromRDF(ntriples, { format: 'application/n-quads' });
  return {
    turtle: write({ format: 'Turtle', prefixes: { sd: SD_NS, formats: FORMATS_NS, rdfs: RDFS.ns } }),
    ntriples,
    jsonld: `${JSON.stringify(expanded, null, 2)}\n`,
  };
}
