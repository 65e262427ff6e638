/**
 * The build: ingest → extract → link → model and validate → dumps → release,
 * in that order. This module wires the stages and owns the output folder; the
 * stages themselves know nothing of each other.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inOrderAhead } from '../src/core/ahead.ts';
import { IriMinter } from '../src/core/iri.ts';
import { issue } from '../src/core/issues.ts';
import type { Extraction } from '../src/core/extraction.ts';
import type { Announcement, Issue } from '../src/core/types.ts';
import { WorkerPool } from '../src/core/worker-pool.ts';
import { listInputFiles, readInputFile } from '../src/ingest/read-corpus.ts';
import { extractAnnouncement } from '../src/extract/index.ts';
import { type PeopleIndex, type PersonSighting, resolvePeople, sightingsOf } from '../src/link/people.ts';
import { announcementQuads } from '../src/model/announcement.ts';
import { claimedMembership, extractionQuads, type Links, type MembershipClaim, membershipClaims, membershipPeriodQuads, namedDocumentYears } from '../src/model/extraction.ts';
import { placeQuads, placesOf } from '../src/model/places.ts';
import type { ProvinceRow } from '../src/core/reference.ts';
import { referenceQuads } from '../src/model/reference.ts';
import { runDigest, runQuads } from '../src/model/run.ts';
import { assembleRelease, type ArtefactWriter, type AssembleOptions, type ReleaseRecord } from '../src/publish/assemble.ts';
import { writeCatalog } from '../src/publish/catalog.ts';
import { writeCsv } from '../src/publish/csv.ts';
import { DumpWriter } from '../src/publish/dumps.ts';
import { writeEmbeds, writeSite } from '../src/publish/site/index.ts';
import { writeEmbedsAndSiteInWorker } from '../src/publish/site/in-worker.ts';
import { VoidCounter, type VoidStats } from '../src/publish/void.ts';
import { contextFromFile } from '../src/publish/jsonld-compact.ts';
import { defaultPublication, type Publication } from '../src/publish/release-context.ts';
import { openStaging } from '../src/publish/release.ts';
import { renderReport, type Duplicate, type RunReport, type ValidationFinding } from '../src/publish/report.ts';
import { GraphValidator, type ValidationResult } from '../src/validate/index.ts';
import { ExtractionCache, extractInto, extractionFingerprint, renderFingerprint } from './extraction-cache.ts';
import type { ExtractTask } from './extract-worker.ts';
import type { Io } from './io.ts';
import { type GraphDone, GraphWorkers, type PackedGraph, packGraph, unpackGraph } from './graph-workers.ts';
import { Progress } from './progress.ts';

export interface BuildOptions {
  input: string;
  out: string;
  base: string;
  maxFileBytes: number;
  /** Shapes other than ontology/shapes.ttl (tests of the gate). */
  shapesFile?: string;
  /**
   * Worker threads that extract while this thread reads; 0 (the default) extracts in this thread. On the
   * 10k corpus the read-and-extract stage took 11.8 s with none, 11.4 s with one and 12.3 s with two: reading
   * and what follows each extraction on this thread bound it, so the workers are not on by default.
   */
  extractionWorkers?: number;
  /** Worker threads that check and serialise the announcement graphs; 0 does both in this thread. Default: one per core from 200 announcements on. */
  validationWorkers?: number;
  /** Write the embeds and entity pages in a worker thread, beside the other release writers. Default: from 200 announcements on. */
  siteWorker?: boolean;
  /** Write the Turtle dump and count the VoID figures in a worker thread, beside the union's merge. Default: from 200 announcements on. */
  unionWorker?: boolean;
  /** Reuse extractions of unchanged announcements from `OUT/cache/` (default true). */
  cache?: boolean;
  /** How the release is described in its catalogue (licence, publisher, download base…); defaults from the base IRI. */
  publication?: Partial<Publication>;
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOFTWARE_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Writers of the release artefacts read from the published graph, in order; the
 * catalogue comes last, since it lists and checksums every file before it.
 */
function artefactWriters(voidStats: VoidStats, siteInWorker: boolean): Pick<AssembleOptions, 'writers' | 'alongside'> {
  const catalog: ArtefactWriter = (ctx, files) => writeCatalog(ctx, [...files], voidStats);
  // The pages are the largest writer: in a large run they and the embeds (which read the same site graph)
  // are written in a worker thread, beside the CSV tables.
  const csv: [string, ArtefactWriter] = ['CSV tables', writeCsv];
  const metadata: [string, ArtefactWriter] = ['catalogue and VoID', catalog];
  if (siteInWorker) return { writers: [csv, metadata], alongside: [['embeds and entity pages (worker, from its start)', writeEmbedsAndSiteInWorker]] };
  return { writers: [csv, ['embeds', writeEmbeds], ['entity pages', writeSite], metadata] };
}

/** The JSON-LD context the JSON-LD dump is compacted with. */
const CONTEXT_FILE = join(REPO_ROOT, 'ontology/context.jsonld');

/** Announcements sent to extraction and not yet taken back, beyond which the main thread takes before it reads more. */
const EXTRACT_BEHIND = 128;

/**
 * Input files, and cache entries, read ahead of the one being taken. Each small file costs an open, a
 * stat, a read and a close on the thread pool; awaited one at a time, the thread mostly waited.
 */
const READ_AHEAD = 16;

/** Graphs sent to the workers and not yet written, beyond which the main thread writes before it models more. */
const WRITE_BEHIND = 64;

/** From this many announcements on, validation and the entity pages run in worker threads (starting one costs about a second). */
const POOL_THRESHOLD = 200;

/** Runs the whole pipeline; returns the report (also written to OUT/report.json and OUT/report.txt). */
export async function runBuild(options: BuildOptions, io: Io, clock: () => number = () => performance.now()): Promise<RunReport> {
  const started = clock();
  const timer = new StageTimer(clock);
  const iris = new IriMinter(options.base);
  const { files, ignored } = await listInputFiles(options.input);

  const rejects: Issue[] = [];
  const warnings: Issue[] = [];
  const duplicates: Duplicate[] = [];
  let announcementsRead = 0;

  // One pass over the input: each announcement is read, checked for duplicates and extracted (or its
  // extraction taken from the cache), and written to the cache; only what linking needs stays in memory.
  await mkdir(options.out, { recursive: true });
  const fingerprint = await extractionFingerprint(REPO_ROOT);
  const cache = new ExtractionCache(join(options.out, 'cache', 'extract'), fingerprint, options.cache !== false);
  const byId = new Map<string, Pending>();
  const byContent = new Map<string, string>();
  const sightings: PersonSighting[] = [];
  const referenced = new Set<string>();
  const places = new Set<ProvinceRow>();
  /** Documents named with a year and no number: the years seen, by the IRI the name has without a year. */
  const documentYears = new Map<string, Set<number>>();
  const progress = new Progress(io, 'read and extract', files.length);
  // With extraction workers, this thread reads on while they extract. Extractions are taken back in the
  // order the announcements were read, so what follows from them does not depend on the threads.
  const extractWorkers = options.extractionWorkers ?? 0;
  const extractPool = extractWorkers > 0 ? new WorkerPool<ExtractTask, Extraction>(new URL('./extract-worker.ts', import.meta.url), undefined, extractWorkers) : undefined;
  const extracting: { a: Announcement; pending: Pending; extraction: Promise<Extraction> }[] = [];
  const takeOldest = async () => {
    const { a, pending, extraction: next } = extracting.shift()!;
    try {
      const extraction = await next;
      warnings.push(...extraction.issues);
      sightings.push(...sightingsOf(a.id, extraction));
      for (const ag of extraction.agencies) if (ag.referenceId) referenced.add(ag.referenceId);
      for (const row of placesOf(a, extraction)) places.add(row);
      pending.claims = membershipClaims(extraction);
      for (const [iri, year] of namedDocumentYears(extraction, iris)) (documentYears.get(iri) ?? documentYears.set(iri, new Set()).get(iri)!).add(year);
    } catch (e) {
      // A fault in a rule must not cost the announcement: it is published without entities, and reported.
      pending.failed = true;
      warnings.push(issue('extraction_failed', a.source.path, `extraction stopped on announcement ${a.id}: ${(e as Error).message}`, 'report this as a bug in loa, with the file; the announcement itself was published'));
    }
    timer.end('extract');
  };
  try {
    // The next files are read, and their announcements looked up in the cache, while this one is taken.
    const reads = inOrderAhead(files, READ_AHEAD, async (file) => {
      const result = await readInputFile(file, { maxFileBytes: options.maxFileBytes });
      return { result, lookups: result.announcements.map((a) => cache.lookup(a)) };
    });
    let filesTaken = 0;
    for await (const { result, lookups } of reads) {
      for (const found of result.issues) (found.severity === 'error' ? rejects : warnings).push(found);
      timer.end('ingest');
      for (const [j, a] of result.announcements.entries()) {
        announcementsRead++;
        const sameContent = byContent.get(a.contentHash);
        if (sameContent !== undefined) {
          duplicates.push({ file: a.source.path, id: a.id, duplicateOf: sameContent });
          continue;
        }
        const sameId = byId.get(a.id);
        if (sameId) {
          rejects.push(
            issue('duplicate_id', a.source.path, `the id "${a.id}" is already used by ${sameId.path}, with different content`, 'rename one of the files, or give the JSON record its own "id"'),
          );
          continue;
        }
        byContent.set(a.contentHash, a.id);
        const found = cache.take(await lookups[j]!);
        const pending: Pending = { id: a.id, key: found.key, path: a.source.path, date: a.published.date, contentHash: a.contentHash, claims: [] };
        byId.set(a.id, pending);
        let extraction: Promise<Extraction>;
        if (found.extraction) extraction = Promise.resolve(found.extraction);
        else if (extractPool) extraction = (await extractPool.submit({ announcement: a, key: found.key, dir: cache.dir })).done;
        else extraction = extractInto(cache.dir, found.key, a, extractAnnouncement);
        // Its failure is met when it is taken; until then it must not count as unobserved.
        extraction.catch(() => undefined);
        extracting.push({ a, pending, extraction });
        timer.end('extract');
        while (extracting.length > EXTRACT_BEHIND) await takeOldest();
      }
      progress.update(++filesTaken);
    }
    while (extracting.length > 0) await takeOldest();
  } finally {
    await extractPool?.close();
  }
  progress.finish();

  const announcements = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const staging = await openStaging(options.out);
  await mkdir(join(staging, 'dumps'));
  // The VoID figures are counted from the union lines as the N-Triples dump is written.
  // In a large run they are counted in the worker that writes the Turtle dump beside the union's merge.
  const unionWorker = options.unionWorker ?? announcements.length >= POOL_THRESHOLD;
  const voidCounter = unionWorker ? undefined : new VoidCounter(iris.base);
  const dumps = new DumpWriter(join(staging, 'dumps'), contextFromFile(CONTEXT_FILE), voidCounter && ((line) => voidCounter.addLine(line)), unionWorker ? { unionWorker: { voidBase: iris.base } } : {});

  let people: PeopleIndex | undefined = resolvePeople(sightings);
  // Linking is done with them: at 100k announcements the sightings are a million objects.
  sightings.length = 0;
  const links: Links = {
    personId: (id: string, key: string) => people!.idOf(id, key),
    // A document named without number or year is the latest of that name the corpus names with a year
    // before the announcement's year: the one then in force. When one of that name dates from the
    // announcement's own year, the text may mean either, and the name is left as written.
    documentYear: (iri: string, announcementYear: number) => {
      const years = [...(documentYears.get(iri) ?? [])];
      if (years.includes(announcementYear)) return undefined;
      const earlier = years.filter((y) => y < announcementYear);
      return earlier.length === 0 ? undefined : Math.max(...earlier);
    },
  };
  const periods = new Map<string, { from: string; to: string }>();
  for (const a of announcements) {
    for (const claim of a.claims) {
      const m = claimedMembership(a.id, claim, iris, links);
      const p = periods.get(m.value);
      if (!p) periods.set(m.value, { from: a.date, to: a.date });
      else {
        if (a.date < p.from) p.from = a.date;
        if (a.date > p.to) p.to = a.date;
      }
    }
    a.claims = [];
  }
  // The shared graphs are kept packed (each distinct term once) until they are written last: at 100k
  // announcements they are 1.3 million quads, which as quad objects would be held through the whole publish.
  let shared = packGraph([
    ...referenceQuads(referenced, iris),
    ...placeQuads(places, iris),
    ...membershipPeriodQuads(periods, iris),
    ...runQuads(announcements, runDigest(announcements, fingerprint), SOFTWARE_VERSION, iris),
  ]);
  periods.clear();
  timer.end('link');

  // Every graph is checked against the shapes as it is written; one violation and the release is refused.
  // Large runs check in worker threads, beside modelling and dump writing.
  const shapes = options.shapesFile ? { shapesFile: options.shapesFile } : {};
  const workers = options.validationWorkers ?? (announcements.length >= POOL_THRESHOLD ? availableParallelism() : 0);
  const pool = workers > 0 ? new GraphWorkers(shared, workers, { ...shapes, contextFile: CONTEXT_FILE }) : undefined;
  const gate = pool ? undefined : new GraphValidator(unpackGraph(shared), shapes);
  const findings = (await (pool ? pool.validateShared() : gate!.validateShared())).map((r) => finding(r, undefined));
  // Graphs in the workers' hands, oldest first: each is written to the dumps in turn, in the order it was sent.
  const inWorkers: { done: Promise<GraphDone>; a: Announcement }[] = [];
  const writeOldest = async () => {
    const { done, a } = inWorkers.shift()!;
    const { results, serialized } = await done;
    timer.end('validate');
    findings.push(...results.map((r) => finding(r, a)));
    if (serialized) await dumps.addSerialized(serialized);
    timer.end('dumps');
  };
  const modelProgress = new Progress(io, 'publish', announcements.length);
  timer.end('validate');
  try {
    // Entries are read a few ahead: one at a time, the thread mostly waited on the file system.
    const entries = inOrderAhead(announcements, READ_AHEAD, (pending) => cache.read(pending.key));
    let i = 0;
    for await (const entry of entries) {
      const pending = announcements[i]!;
      const a = entry.announcement;
      const extraction = pending.failed ? null : entry.extraction;
      const quads = announcementQuads(a, iris);
      try {
        if (extraction) quads.push(...extractionQuads(a, extraction, iris, links));
      } catch (e) {
        // As with extraction: the announcement is published without its entities, and the fault reported.
        warnings.push(issue('model_failed', a.source.path, `modelling stopped on announcement ${a.id}: ${(e as Error).message}`, 'report this as a bug in loa, with the file; the announcement itself was published'));
        quads.splice(0, quads.length, ...announcementQuads(a, iris));
      }
      timer.end('model');
      if (pool) {
        const { done } = await pool.submit(quads);
        // Its failure is met when it is written; until then it must not count as unobserved.
        done.catch(() => undefined);
        inWorkers.push({ done, a });
        timer.end('validate');
        while (inWorkers.length > WRITE_BEHIND) await writeOldest();
      } else {
        findings.push(...(await gate!.validateGraph(quads)).map((r) => finding(r, a)));
        timer.end('validate');
        await dumps.addGraph(quads);
        timer.end('dumps');
      }
      modelProgress.update(++i);
    }
    while (inWorkers.length > 0) await writeOldest();
  } finally {
    // Whatever happened, no worker may keep the process alive.
    await pool?.close();
  }
  await writeSharedGraphs(dumps, shared, iris);
  // Nothing reads the shared graphs after this: what a suspended async function's scope holds stays alive,
  // so they are let go of explicitly rather than held through the release.
  shared = EMPTY_GRAPH;
  people = undefined;
  documentYears.clear();
  const stats = await dumps.close();
  // Taken now, so the distinct objects the counter kept are not held through the release.
  const voidStats = stats.voidStats ?? voidCounter?.finish();
  if (voidStats === undefined) throw new Error('the union worker gave no VoID figures');
  modelProgress.finish();
  timer.end('dumps');
  const violations = findings.filter((f) => f.severity === 'Violation');
  // What is left of the announcements and input files for the report; the rest is let go of before the release.
  const published = announcements.length;
  const fileCount = files.length;
  const dates = announcements.map((a) => a.date).sort();
  const coverage = { from: dates[0] ?? '1970-01-01', to: dates[dates.length - 1] ?? '1970-01-01' };
  announcements.length = 0;
  files.length = 0;
  byId.clear();
  byContent.clear();
  let release: ReleaseRecord | undefined;
  if (violations.length === 0) {
    const publication = { ...defaultPublication(iris.base), ...options.publication };
    const siteInWorker = options.siteWorker ?? published >= POOL_THRESHOLD;
    // With the cache, the pages and embeds keep what each read, so the next release links those whose inputs did not change.
    const pageTraces = options.cache === false ? undefined : { dir: join(options.out, 'cache', 'pages'), fingerprint: await renderFingerprint(REPO_ROOT) };
    release = await assembleRelease({ out: options.out, staging, repoRoot: REPO_ROOT, iris, stats, coverage, publication, ...artefactWriters(voidStats, siteInWorker), ...(pageTraces ? { pageTraces, records: join(options.out, 'cache', 'releases') } : {}) });
    timer.end('release');
  } else {
    await rm(staging, { recursive: true, force: true });
  }
  await cache.prune();

  const report: RunReport = {
    summary: {
      files: fileCount,
      announcements: announcementsRead,
      published,
      rejected: rejects.length,
      duplicates: duplicates.length,
      ignored: ignored.length,
      warnings: warnings.length,
      violations: violations.length,
      extracted: cache.misses,
      extractionsReused: cache.hits,
      graphs: stats.graphs,
      quads: stats.quads,
      triples: stats.triples,
      seconds: (clock() - started) / 1000,
    },
    rejects,
    duplicates,
    warnings,
    ignored,
    stages: timer.seconds(),
    stageParts: {
      dumps: stats.seconds,
      ...(release ? { release: release.seconds } : {}),
    },
    validation: { released: violations.length === 0, violations, warnings: findings.filter((f) => f.severity !== 'Violation') },
    release: release ? { version: release.version, path: release.path, previousVersion: release.previousVersion, changes: release.changes.graphs, pages: release.counts, alreadyReleased: release.alreadyReleased, files: release.files } : null,
  };
  await writeFile(join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(options.out, 'report.txt'), renderReport(report));
  return report;
}

const EMPTY_GRAPH: PackedGraph = { terms: [], quads: new Uint32Array(0) };

/** Writes the shared graphs to the dumps last, each graph whole (its quads live only in this call). */
async function writeSharedGraphs(dumps: DumpWriter, shared: PackedGraph, iris: IriMinter): Promise<void> {
  const quads = unpackGraph(shared);
  for (const graph of [iris.referenceGraph(), iris.membershipGraph(), iris.metadataGraph()]) await dumps.addGraph(quads.filter((q) => q.graph.equals(graph)));
}

/** What the build keeps of an announcement between reading it and modelling it (the rest is in the cache). */
interface Pending {
  id: string;
  /** Its cache entry: the announcement and its extraction. */
  key: string;
  path: string;
  date: string;
  contentHash: string;
  claims: MembershipClaim[];
  failed?: boolean;
}

/** Seconds spent per stage (a stage may be entered many times), and the process's peak memory. */
class StageTimer {
  private last: number;
  private readonly spent = new Map<string, number>();

  constructor(private readonly clock: () => number) {
    this.last = clock();
  }

  /** Charges the time since the previous call to `stage`. */
  end(stage: string): void {
    const now = this.clock();
    this.spent.set(stage, (this.spent.get(stage) ?? 0) + (now - this.last));
    this.last = now;
  }

  seconds(): RunReport['stages'] {
    const out: RunReport['stages'] = { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
    for (const [stage, ms] of this.spent) out[stage] = Math.round(ms) / 1000;
    return out;
  }
}

/** A shape result as the report gives it: which announcement (and file) the node came from. */
function finding(r: ValidationResult, a: Announcement | undefined): ValidationFinding {
  const out: ValidationFinding = { severity: r.severity, focusNode: r.focusNode, shape: r.shape, message: r.message };
  if (r.path) out.path = r.path;
  if (r.value) out.value = r.value;
  if (a) {
    out.announcement = a.id;
    out.file = a.source.path;
  } else if (r.graph) out.graph = r.graph;
  return out;
}
