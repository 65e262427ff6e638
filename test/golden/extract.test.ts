/**
 * Extraction golden files: each case is a short announcement named after the
 * pattern it covers; the expected file lists what extraction finds, with the
 * exact text each statement was drawn from.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extraction, Evidence } from '../../src/core/extraction.ts';
import type { Announcement } from '../../src/core/types.ts';
import { extractAnnouncement } from '../../src/extract/index.ts';
import { readInputFile } from '../../src/ingest/read-corpus.ts';
import { compareGolden } from './golden.ts';

const DIR = join(import.meta.dirname, 'extract');
const cases = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();

/** A readable digest: entities with their attributes and the quoted evidence. */
function digest(a: Announcement, x: Extraction) {
  const quote = (e: Evidence) => (e.span.field === 'title' ? a.title : a.body).slice(e.span.start, e.span.end);
  const agency = (k?: string) => x.agencies.find((g) => g.key === k)?.name ?? null;
  const person = (k: string) => x.officials.find((o) => o.key === k)?.name;
  return {
    agencies: x.agencies.map((g) => ({ name: g.name, ...(g.implied ? { implied: true } : {}), parent: agency(g.parentKey), quotes: g.evidence.map(quote) })),
    officials: x.officials.map((o) => ({
      name: o.name,
      roles: o.roles.map((r) => `${r.former ? 'nguyên ' : ''}${r.title} @ ${agency(r.agencyKey) ?? '-'}`),
      quotes: o.evidence.map(quote),
    })),
    documents: x.documents.map((d) => ({
      type: d.type,
      number: d.number ?? null,
      date: d.date ?? null,
      issuer: d.issuer ?? null,
      title: d.title ?? null,
      relations: d.relations.map((r) => `${r.kind} ${x.documents.find((t) => t.key === r.targetKey)?.number ?? x.documents.find((t) => t.key === r.targetKey)?.title}`),
      quotes: d.evidence.map(quote),
    })),
    events: x.events.map((e) => ({
      type: e.type,
      date: e.date ?? null,
      partOfDay: e.partOfDay ?? null,
      location: e.location ?? null,
      chairs: e.chairKeys.map(person),
      participants: e.participantKeys.map(person),
      organizers: e.organizerKeys.map(agency),
    })),
    issues: x.issues.map((i) => i.code),
  };
}

describe('extraction golden files', () => {
  it.each(cases)('%s', async (name) => {
    const read = await readInputFile({ absolute: join(DIR, name), path: name }, { maxFileBytes: 1 << 20 });
    const a = read.announcements[0]!;
    const x = extractAnnouncement(a);
    for (const group of [x.agencies, x.officials, x.documents, x.events]) {
      for (const item of group) for (const e of item.evidence) expect(e.span.end).toBeLessThanOrEqual((e.span.field === 'title' ? a.title : a.body).length);
    }
    const { expected, actual } = compareGolden(join(DIR, name.replace(/\.txt$/, '.expected.json')), digest(a, x));
    expect(actual).toEqual(expected);
  });
});
