/**
 * loa's own annotated set: the sample corpus with hand-made gold annotations
 * (test/fixtures/sample-gold.jsonl, written by the same rules as the evaluation
 * set). Each category must stay at or above the level reached when it was
 * recorded, so a change that loses entities fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../pipeline/main.ts';
import type { Extraction } from '../../src/core/extraction.ts';
import { extractAnnouncement } from '../../src/extract/index.ts';
import { readInputFile } from '../../src/ingest/read-corpus.ts';
import { type GoldRecord, scoreExtraction, Tally } from '../support/gold-score.ts';

const SAMPLE = join(REPO_ROOT, 'data/announcements');
const gold: GoldRecord[] = readFileSync(join(REPO_ROOT, 'test/fixtures/sample-gold.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as GoldRecord);

/** Floors per category (F1), a little under the figures measured when the set was recorded. */
const FLOORS = { officials: 0.97, agencies: 0.9, documents: 0.94, events: 0.9 } as const;

const extractions = new Map<string, Extraction>();
const tallies = { officials: new Tally(), agencies: new Tally(), documents: new Tally(), events: new Tally() };

beforeAll(async () => {
  for (const name of readdirSync(SAMPLE).sort()) {
    const read = await readInputFile({ absolute: join(SAMPLE, name), path: name }, { maxFileBytes: 1 << 24 });
    for (const a of read.announcements) extractions.set(a.id, extractAnnouncement(a));
  }
  for (const g of gold) scoreExtraction(g, extractions.get(g.doc)!, tallies);
});

describe('extraction on the annotated sample corpus', () => {
  it('has a gold record for every sample announcement and no other', () => {
    expect(gold.length).toBeGreaterThanOrEqual(30);
    expect(new Set(gold.map((g) => g.doc))).toEqual(new Set(extractions.keys()));
  });

  it.each(Object.entries(FLOORS))('keeps %s F1 at or above %s', (category, floor) => {
    const t = tallies[category as keyof typeof tallies];
    expect(t.f1, `${category}: P ${t.precision.toFixed(3)} R ${t.recall.toFixed(3)} (${t.tp}/${t.gold}/${t.pred})`).toBeGreaterThanOrEqual(floor);
  });
});
