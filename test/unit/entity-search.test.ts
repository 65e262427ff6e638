/**
 * The entity search's word index gives exactly the answers of looking at
 * every entry: over a few thousand generated names and headlines, for queries
 * of whole words, word starts, several words, diacritics typed or not, single
 * letters and words no name has.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySearch } from '../../src/sparql/search.ts';

const BASE = 'https://example.org/loa/';
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Hữu', 'Quang', 'Thanh', 'Ngọc'];
const GIVEN = ['An', 'Anh', 'Bình', 'Dũng', 'Dung', 'Hà', 'Hải', 'Hùng', 'Lan', 'Long', 'Nam', 'Tâm', 'Thắng', 'Trân', 'Trần'];
const WORDS = ['Bộ', 'Sở', 'Tư pháp', 'Tài chính', 'Y tế', 'tỉnh', 'Lào Cai', 'Hà Nội', 'họp', 'làm việc', 'dự thảo', 'Luật', 'Nghị định 144/2017/NĐ-CP'];

let work: string;
let search: EntitySearch;
const names: string[] = [];

/** A small deterministic generator, so the corpus is the same on every run. */
function generator(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'loa-search-'));
  const random = generator(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const person = `<${BASE}person/p${i}>`;
    const name = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    names.push(name);
    lines.push(`${person} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .`);
    lines.push(`${person} <http://schema.org/name> ${JSON.stringify(name)} .`);
    const headline = `${pick(WORDS)} ${pick(WORDS)} ${pick(GIVEN)} ${pick(WORDS)}`;
    names.push(headline);
    lines.push(`<${BASE}announcement/a${i}> <http://schema.org/headline> ${JSON.stringify(headline)}@vi .`);
  }
  writeFileSync(join(work, 'loa.nt.gz'), gzipSync(`${lines.sort().join('\n')}\n`));
  search = await EntitySearch.fromDump(join(work, 'loa.nt.gz'), BASE);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the entity search index', () => {
  it('answers every query as a look at every entry does', () => {
    const random = generator(11);
    const queries = ['tran', 'trần', 'n', 'ng', 'nguyen van', 'van nguyen', 'Đ', 'd', 'dung', 'dũng', 'ha noi', 'ha n', 'luat 144', '144/2017', 'nđ-cp', 'zzz', 'tran zzz', '   ', 'lào cai sở', 'ngoc tran'];
    for (let i = 0; i < 200; i++) {
      // Starts of the words of a real name or headline, one to three of them.
      const words = names[Math.floor(random() * names.length)]!.split(' ');
      const taken = words.slice(0, 1 + Math.floor(random() * Math.min(3, words.length)));
      queries.push(taken.map((w) => w.slice(0, 1 + Math.floor(random() * w.length))).join(' '));
    }
    let answered = 0;
    for (const q of queries) {
      const expected = search.scan(q, 50);
      expect(search.find(q, 50), q).toEqual(expected);
      if (expected.length > 0) answered++;
    }
    // The queries are not all empty answers: the comparison means something.
    expect(answered).toBeGreaterThan(150);
    expect(search.find('zzz')).toEqual([]);
    expect(search.find('tran tam', 5).every((h) => /Trần|Trân/.test(h.name) && /Tâm/.test(h.name))).toBe(true);
  });
});
