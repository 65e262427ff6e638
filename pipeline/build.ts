/**
 * The build: ingest → model → publish, in that order. This module wires the
 * stages and owns the output folder; the stages themselves know nothing of each other.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IriMinter } from '../src/core/iri.ts';
import { issue } from '../src/core/issues.ts';
import type { Announcement, Issue } from '../src/core/types.ts';
import { listInputFiles, readInputFile } from '../src/ingest/read-corpus.ts';
import type { Extraction } from '../src/core/extraction.ts';
import { extractAnnouncement } from '../src/extract/index.ts';
import { type PersonSighting, resolvePeople, sightingsOf } from '../src/link/people.ts';
import { announcementQuads } from '../src/model/announcement.ts';
import { attestedMemberships, extractionQuads, membershipPeriodQuads } from '../src/model/extraction.ts';
import { referenceQuads } from '../src/model/reference.ts';
import { DumpWriter } from '../src/publish/dumps.ts';
import { renderReport, type Duplicate, type RunReport } from '../src/publish/report.ts';
import type { Io } from './io.ts';
import { Progress } from './progress.ts';

export interface BuildOptions {
  input: string;
  out: string;
  base: string;
  maxFileBytes: number;
}

/** Runs the whole pipeline; returns the report (also written to OUT/report.json and OUT/report.txt). */
export async function runBuild(options: BuildOptions, io: Io, clock: () => number = () => performance.now()): Promise<RunReport> {
  const started = clock();
  const iris = new IriMinter(options.base);
  const { files, ignored } = await listInputFiles(options.input);

  const rejects: Issue[] = [];
  const warnings: Issue[] = [];
  const duplicates: Duplicate[] = [];
  const byId = new Map<string, Announcement>();
  const byContent = new Map<string, string>();
  let announcementsRead = 0;

  const progress = new Progress(io, 'ingest', files.length);
  for (const [i, file] of files.entries()) {
    const result = await readInputFile(file, { maxFileBytes: options.maxFileBytes });
    for (const found of result.issues) (found.severity === 'error' ? rejects : warnings).push(found);
    for (const a of result.announcements) {
      announcementsRead++;
      const sameContent = byContent.get(a.contentHash);
      if (sameContent !== undefined) {
        duplicates.push({ file: a.source.path, id: a.id, duplicateOf: sameContent });
        continue;
      }
      const sameId = byId.get(a.id);
      if (sameId) {
        rejects.push(
          issue('duplicate_id', a.source.path, `the id "${a.id}" is already used by ${sameId.source.path}, with different content`, 'rename one of the files, or give the JSON record its own "id"'),
        );
        continue;
      }
      byId.set(a.id, a);
      byContent.set(a.contentHash, a.id);
    }
    progress.update(i + 1);
  }
  progress.finish();

  const announcements = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await mkdir(options.out, { recursive: true });
  const staging = join(options.out, `.dumps-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const dumps = new DumpWriter(staging);
  // Extract every announcement first: linking needs to see all of them before any is written.
  const extractProgress = new Progress(io, 'extract', announcements.length);
  const extractions = new Map<string, Extraction>();
  const sightings: PersonSighting[] = [];
  for (const [i, a] of announcements.entries()) {
    try {
      const extraction = extractAnnouncement(a);
      warnings.push(...extraction.issues);
      extractions.set(a.id, extraction);
      sightings.push(...sightingsOf(a.id, extraction));
    } catch (e) {
      // A fault in a rule must not cost the announcement: it is published without entities, and reported.
      warnings.push(issue('extraction_failed', a.source.path, `extraction stopped on announcement ${a.id}: ${(e as Error).message}`, 'report this as a bug in loa, with the file; the announcement itself was published'));
    }
    extractProgress.update(i + 1);
  }
  extractProgress.finish();

  const people = resolvePeople(sightings);
  const links = { personId: (id: string, key: string) => people.idOf(id, key) };
  const periods = new Map<string, { from: string; to: string }>();
  for (const a of announcements) {
    const extraction = extractions.get(a.id);
    if (!extraction) continue;
    for (const m of attestedMemberships(a, extraction, iris, links)) {
      const p = periods.get(m.value);
      const date = a.published.date;
      if (!p) periods.set(m.value, { from: date, to: date });
      else {
        if (date < p.from) p.from = date;
        if (date > p.to) p.to = date;
      }
    }
  }
  const modelProgress = new Progress(io, 'publish', announcements.length);
  const referenced = new Set<string>();
  for (const [i, a] of announcements.entries()) {
    const quads = announcementQuads(a, iris);
    const extraction = extractions.get(a.id);
    if (extraction) {
      quads.push(...extractionQuads(a, extraction, iris, links));
      for (const ag of extraction.agencies) if (ag.referenceId) referenced.add(ag.referenceId);
    }
    await dumps.addGraph(quads);
    modelProgress.update(i + 1);
  }
  await dumps.addGraph(referenceQuads(referenced, iris));
  await dumps.addGraph(membershipPeriodQuads(periods, iris));
  const stats = await dumps.close();
  modelProgress.finish();
  await writeFile(join(staging, 'SHA256SUMS'), stats.files.map((f) => `${f.sha256}  ${f.path.slice(staging.length + 1)}\n`).join(''));
  await replaceFolder(staging, join(options.out, 'dumps'));

  const report: RunReport = {
    summary: {
      files: files.length,
      announcements: announcementsRead,
      published: announcements.length,
      rejected: rejects.length,
      duplicates: duplicates.length,
      ignored: ignored.length,
      warnings: warnings.length,
      graphs: stats.graphs,
      quads: stats.quads,
      triples: stats.triples,
      seconds: (clock() - started) / 1000,
    },
    rejects,
    duplicates,
    warnings,
    ignored,
    dumps: stats.files.map((f) => ({ file: `dumps/${f.path.slice(staging.length + 1)}`, bytes: f.bytes, sha256: f.sha256 })),
  };
  await writeFile(join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(options.out, 'report.txt'), renderReport(report));
  return report;
}

/** Puts a finished folder in place of an older one: the old one is moved aside first, then removed. */
async function replaceFolder(fresh: string, target: string): Promise<void> {
  const old = `${target}.old-${process.pid}`;
  await rm(old, { recursive: true, force: true });
  await rename(target, old).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  await rename(fresh, target);
  await rm(old, { recursive: true, force: true });
}
