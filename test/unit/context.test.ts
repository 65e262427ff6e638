/**
 * ontology/context.jsonld, the JSON-LD context of every JSON-LD output: served
 * from the repository by a document loader (never fetched), it compacts loa's
 * own data and expands back to the same triples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { Parser, Writer } from 'n3';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../pipeline/main.ts';

const CONTEXT_URL = 'https://w3id.org/loa/ontology/context.jsonld';
const context = JSON.parse(readFileSync(join(REPO_ROOT, 'ontology/context.jsonld'), 'utf8')) as object;

/** Serves the bundled context; any other URL is refused, so nothing is fetched. */
const documentLoader = async (url: string) => {
  if (url !== CONTEXT_URL) throw new Error(`refusing to fetch ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: context };
};

const TURTLE = `
@prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix org: <http://www.w3.org/ns/org#> .
<https://w3id.org/loa/announcement/a1> a schema:NewsArticle ; schema:identifier "a1" ; schema:headline "Bộ Tư pháp họp"@vi ;
  schema:datePublished "2024-03-26"^^xsd:date ; schema:mentions <https://w3id.org/loa/agency/bo-tu-phap> .
<https://w3id.org/loa/agency/bo-tu-phap> a schema:GovernmentOrganization, org:Organization ; schema:name "Bộ Tư pháp"@vi, "Ministry of Justice"@en .
`;

function canonical(nquads: string): string[] {
  const w = new Writer({ format: 'N-Triples' });
  return new Parser({ format: 'N-Quads' }).parse(nquads).map((q) => w.quadToString(q.subject, q.predicate, q.object)).sort();
}

describe('the JSON-LD context', () => {
  it('compacts loa data to short terms and expands back to the same triples', async () => {
    const nquads = new Writer({ format: 'N-Quads' }).quadsToString(new Parser().parse(TURTLE));
    const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
    const compacted = await jsonld.compact(expanded, CONTEXT_URL, { documentLoader });
    expect(JSON.stringify(compacted)).toContain('"mentions"');
    expect(JSON.stringify(compacted)).not.toContain('http://schema.org/mentions');
    const back = await jsonld.toRDF(compacted, { format: 'application/n-quads', documentLoader });
    expect(canonical(back)).toEqual(canonical(nquads));
  });
});
