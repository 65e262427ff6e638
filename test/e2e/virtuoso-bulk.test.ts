/**
 * The path for a release beyond one in-memory store, as the benchmark's
 * Virtuoso stage takes it (`bench/virtuoso.ts`): a real Virtuoso on 127.0.0.1,
 * the release's N-Quads dump bulk-loaded (`ld_dir` + `rdf_loader_run`), and the
 * SPARQL query mix answered over HTTP with the same rows as loa's own engine.
 * Virtuoso's default graph repeats a statement once per graph that states it,
 * so the stage sends the default-graph queries with DISTINCT: were that
 * missing, a lookup of an official named in several announcements would come
 * back with repeats and differ from loa's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureVirtuoso, overUnionWithRepeats, type VirtuosoMeasurement } from '../../bench/virtuoso.ts';
import { runBuild } from '../../pipeline/build.ts';
import { REPO_ROOT } from '../../pipeline/main.ts';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { captureIo } from '../support/capture-io.ts';

let work: string;
let quads: number;
let measured: VirtuosoMeasurement;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'loa-virtuoso-bulk-'));
  const out = join(work, 'out');
  const report = await runBuild({ input: join(REPO_ROOT, 'data/announcements'), out, base: DEFAULT_BASE_IRI, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, captureIo(work));
  expect(report.validation.released).toBe(true);
  quads = report.summary.quads;
  measured = await measureVirtuoso(out, join(work, 'scratch'), true);
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the release bulk-loaded into Virtuoso', () => {
  it('holds every quad of the N-Quads dump', () => {
    expect(quads).toBeGreaterThan(1000);
    expect(measured.quadsInDump).toBe(quads);
    expect(measured.quadsLoaded).toBe(quads);
  });

  it('answers every query of the mix with the rows of loa\'s engine, without timeouts', () => {
    expect(measured.queries.map((q) => q.id)).toEqual(['lookup', 'person-events', 'agency-officials', 'documents-by-type', 'three-hop', 'name-search', 'memberships']);
    for (const q of measured.queries) {
      expect(q.virtuoso.timeouts, q.id).toBe(0);
      expect(q.differences, q.id).toEqual([]);
      // Compared on real answers: every query has an instance with rows, but the events of 2016–2020,
      // which the sample corpus (announcements of later years) has none of.
      if (q.id !== 'person-events') expect(Math.max(...q.virtuoso.rows), q.id).toBeGreaterThan(0);
    }
  });

  it('times cold and warm runs', () => {
    for (const q of measured.queries) {
      expect(q.virtuoso.runs, q.id).toBeGreaterThan(q.instances.length);
      expect(q.virtuoso.warmP50, q.id).toBeGreaterThan(0);
    }
  });
});

describe('queries sent to a default graph with repeats', () => {
  it('gain DISTINCT where they read the default graph and lack it', () => {
    expect(overUnionWithRepeats('PREFIX s: <http://schema.org/>\nSELECT ?p ?o WHERE { <x:a> ?p ?o }')).toBe('PREFIX s: <http://schema.org/>\nSELECT DISTINCT ?p ?o WHERE { <x:a> ?p ?o }');
    expect(overUnionWithRepeats('SELECT DISTINCT ?p WHERE { ?p ?q ?r }')).toBe('SELECT DISTINCT ?p WHERE { ?p ?q ?r }');
    expect(overUnionWithRepeats('SELECT ?d WHERE { GRAPH ?g { ?a <x:p> ?d } }')).toBe('SELECT ?d WHERE { GRAPH ?g { ?a <x:p> ?d } }');
  });
});
