/**
 * The VoID counter as the build uses it: lines counted as the N-Triples dump
 * is written, the figures taken once with `finish()`, after which the counter
 * holds no distinct objects and refuses more lines rather than give figures
 * that leave them out.
 */
import { describe, expect, it } from 'vitest';
import { VoidCounter } from '../../src/publish/void.ts';

const BASE = 'https://w3id.org/loa/';
const TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const NAME = '<http://schema.org/name>';

const lines = [
  `<${BASE}agency/bo-tu-phap> ${NAME} "Bộ Tư pháp"@vi .`,
  `<${BASE}agency/bo-tu-phap> ${TYPE} <http://schema.org/GovernmentOrganization> .`,
  `<${BASE}person/nguyen-van-an> ${NAME} "Nguyễn Văn An"@vi .`,
  `<${BASE}person/nguyen-van-an> ${TYPE} <http://schema.org/Person> .`,
  `<${BASE}person/tran-thi-binh> ${NAME} "Bộ Tư pháp"@vi .`,
  `<${BASE}person/tran-thi-binh> ${TYPE} <http://schema.org/Person> .`,
];

describe('VoidCounter.finish', () => {
  it('gives the figures of the lines counted', () => {
    const counter = new VoidCounter(BASE);
    for (const line of lines) counter.addLine(`${line}\n`);
    const stats = counter.finish();
    expect(stats.triples).toBe(6);
    expect(stats.distinctSubjects).toBe(3);
    // Two names are the same literal; the two classes are objects too.
    expect(stats.distinctObjects).toBe(4);
    expect(stats.entities).toBe(3);
    expect(stats.classPartitions).toEqual([
      { class: 'http://schema.org/GovernmentOrganization', entities: 1 },
      { class: 'http://schema.org/Person', entities: 2 },
    ]);
  });

  it('takes no line and gives no figures once finished', () => {
    const counter = new VoidCounter(BASE);
    counter.addLine(lines[0]!);
    counter.finish();
    expect(() => counter.addLine(lines[1]!)).toThrow(/finished/);
    expect(() => counter.stats()).toThrow(/finished/);
  });
});
