import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../pipeline/main.ts';
import { LOA } from '../../src/core/vocab.ts';
import { defaultPublication } from '../../src/publish/release-context.ts';

const quads = new Parser().parse(readFileSync(join(REPO_ROOT, 'ontology/loa.ttl'), 'utf8'));
const LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const COMMENT = 'http://www.w3.org/2000/01/rdf-schema#comment';

describe('the vocabulary module and ontology/loa.ttl', () => {
  const terms = Object.entries(LOA).filter(([k]) => k !== 'ns');

  it.each(terms)('declares loa:%s with Vietnamese and English labels and comments', (_name, term) => {
    for (const p of [LABEL, COMMENT]) {
      const langs = quads.filter((q) => q.subject.equals(term as never) && q.predicate.value === p).map((q) => (q.object as { language: string }).language);
      expect(langs.sort()).toEqual(['en', 'vi']);
    }
  });

  it('declares nothing the code does not use', () => {
    const declared = new Set(quads.map((q) => q.subject.value).filter((s) => s.startsWith(LOA.ns)));
    expect([...declared].sort()).toEqual(terms.map(([, t]) => (t as { value: string }).value).sort());
  });

  it('states the same licence IRI as the catalogue does by default, scheme included', () => {
    const licences = quads.filter((q) => q.predicate.value === 'http://purl.org/dc/terms/license').map((q) => q.object.value);
    expect(licences).toEqual([defaultPublication('https://w3id.org/loa/').licence]);
  });
});
