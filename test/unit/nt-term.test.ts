/**
 * The N-Triples term reader the CSV tables and the site graph use on the
 * dumps' lines gives the terms N3's own parser reads from the same lines:
 * escapes, language tags, datatypes, IRIs with query and fragment, blank nodes.
 */
import { DataFactory, Parser, Writer } from 'n3';
import { describe, expect, it } from 'vitest';
import { nqGraphAt, ntHead, parseNtTerm } from '../../src/core/nt-term.ts';
import { XSD } from '../../src/core/vocab.ts';

const { namedNode, literal, blankNode, quad } = DataFactory;

describe('parseNtTerm', () => {
  it('reads each object as N3 parses the line N3 wrote', () => {
    const s = namedNode('http://e/s');
    const p = namedNode('http://e/p');
    const objects = [
      literal('tab\tnew\nline "quoted" back\\slash', 'vi'),
      literal('Đ\u0001x\u007f'),
      literal('13', XSD.integer),
      literal('0.90', XSD.decimal),
      literal('true', XSD.boolean),
      literal('2024-02-29T08:00:00+07:00', XSD.dateTime),
      literal('Bộ Tư pháp', 'vi'),
      literal('😀 emoji \u2028 separator', 'en'),
      literal(''),
      namedNode('http://e/o?a=b#c'),
      blankNode('b1'),
    ];
    const lines = new Writer({ format: 'N-Triples' }).quadsToString(objects.map((o) => quad(s, p, o))).split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(objects.length);
    for (const line of lines) {
      const [parsed] = new Parser({ format: 'N-Triples' }).parse(line);
      const afterPredicate = line.indexOf(' ', line.indexOf(' ') + 1);
      const term = parseNtTerm(line.slice(afterPredicate + 1, line.length - 2));
      const o = parsed!.object;
      expect(term.termType, line).toBe(o.termType);
      if (o.termType === 'Literal') {
        expect([term.value, term.language, term.datatype], line).toEqual([o.value, o.language, o.datatype.value]);
      } else if (o.termType === 'NamedNode') {
        expect(term.value, line).toBe(o.value);
      }
    }
  });

  it('reads \\u and \\U escapes, and refuses what is not a term', () => {
    expect(parseNtTerm('"caf\\u00E9 \\U0001F600"@fr')).toEqual({ termType: 'Literal', value: 'café 😀', language: 'fr', datatype: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' });
    expect(() => parseNtTerm('"no end')).toThrow(/unterminated/);
    expect(() => parseNtTerm('true')).toThrow(/not an N-Triples term/);
  });

  it('splits a line into subject, predicate, object and graph, whatever spaces the literal holds', () => {
    const line = '<http://e/s> <http://e/p> "a <b> . c"@vi <http://e/g> .';
    const [subject, predicate, objectAt] = ntHead(line);
    expect([subject, predicate]).toEqual(['<http://e/s>', '<http://e/p>']);
    const graphAt = nqGraphAt(line);
    expect(parseNtTerm(line.slice(objectAt, graphAt))).toMatchObject({ value: 'a <b> . c', language: 'vi' });
    expect(line.slice(graphAt + 1, line.length - 2)).toBe('<http://e/g>');
  });
});
