/**
 * Turns a staging folder holding the dumps into a complete release: the
 * ontology and shapes beside the data, the version, the change files against
 * the previous release, the artefacts read from the published graph (CSV,
 * embeds, entity pages, VoID and the catalogue), the checksums, and finally
 * the atomic move into `OUT/releases/<version>` with `latest` pointed at it.
 */
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IriMinter } from '../core/iri.ts';
import { StageTimes } from '../core/stage-times.ts';
import { byCodeUnits } from '../core/text.ts';
import type { TraceSettings } from './site/traces.ts';
import { writeChanges, type ChangeSummary } from './changes.ts';
import { DUMP_FILES, type DumpStats } from './dumps.ts';
import { writeFeed } from './feed.ts';
import type { Publication, ReleaseContext, ReleaseFile } from './release-context.ts';
import { CHECKSUMS, commitRelease, fileRecord, latestVersion, RELEASES, releaseVersion, writeChecksums } from './release.ts';

/** Ontology files copied into every release (`ontology/…`), from the repository's `ontology/` folder. */
const ONTOLOGY_FILES: [string, string, string][] = [
  ['loa.ttl', 'text/turtle', 'The loa ontology: terms the standards lack, aligned to them'],
  ['shapes.ttl', 'text/turtle', 'SHACL shapes every release is checked against'],
  ['context.jsonld', 'application/ld+json', 'JSON-LD context of the JSON-LD outputs'],
];

const DUMP_DESCRIPTIONS: Record<string, [string, string]> = {
  [DUMP_FILES.nquads]: ['application/n-quads', 'All statements, one named graph per announcement (N-Quads)'],
  [DUMP_FILES.jsonld]: ['application/ld+json', 'All statements, one named graph per announcement (JSON-LD, compacted with the loa context)'],
  [DUMP_FILES.ntriples]: ['application/n-triples', 'The union of all graphs (N-Triples)'],
  [DUMP_FILES.turtle]: ['text/turtle', 'The union of all graphs (Turtle)'],
};

/** The manifest at the top of every release: version, base IRI, dates, previous version. */
export const RELEASE_MANIFEST = 'release.json';

/** A writer of release artefacts read from the published graph (CSV, pages, catalogue…). */
export type ArtefactWriter = (ctx: ReleaseContext, filesSoFar: readonly ReleaseFile[]) => Promise<ReleaseFile[]>;

export interface AssembleOptions {
  out: string;
  staging: string;
  repoRoot: string;
  iris: IriMinter;
  stats: DumpStats;
  coverage: { from: string; to: string };
  publication: Publication;
  /** Run in order after the dumps, each under its label; each sees the files written before it (the catalogue comes last). */
  writers: [string, ArtefactWriter][];
  /**
   * Writers started together with the first of `writers` and run beside them (in threads of their own);
   * their files are listed before those of the last writer, which starts only once they are done. Such a
   * writer may add the times of its own parts to `ctx.times`.
   */
  alongside?: [string, (ctx: ReleaseContext) => Promise<ReleaseFile[]>][];
  /** Where the pages and embeds keep their traces, to link unchanged ones from the previous release (none when unset). */
  pageTraces?: TraceSettings;
  /**
   * Where the record of each release written is kept (`{version}.json`). When set and the output folder
   * already holds a complete release of the version being made, with its record, nothing is written
   * again: the staging folder is dropped and the record returned. Unset, every writer runs.
   */
  records?: string;
}

export interface ReleaseRecord {
  version: string;
  /** The release folder relative to the output folder. */
  path: string;
  previousVersion: string | null;
  files: ReleaseFile[];
  changes: ChangeSummary;
  /**
   * Seconds per part of the assembly, by label: the steps of this thread, each writer from its start to
   * its end (a writer run alongside overlaps the others), and the parts a writer reported itself.
   */
  seconds: Record<string, number>;
  /** Counts the writers recorded: pages and embeds rendered, and linked unchanged. */
  counts: Record<string, number>;
  /** True when the output folder already held this release complete, so this run wrote none of it. */
  alreadyReleased: boolean;
}

/** What is kept of a release written, to answer for it when the same release is made again. */
type KeptRecord = Pick<ReleaseRecord, 'version' | 'path' | 'previousVersion' | 'files' | 'changes'>;

/** The record of `releases/{version}` when that release is complete and its record was kept. */
async function keptRecord(out: string, records: string, version: string): Promise<KeptRecord | undefined> {
  try {
    await stat(join(out, RELEASES, version, CHECKSUMS));
    const kept = JSON.parse(await readFile(join(records, `${version}.json`), 'utf8')) as KeptRecord;
    return kept.version === version ? kept : undefined;
  } catch {
    return undefined;
  }
}

export async function assembleRelease(o: AssembleOptions): Promise<ReleaseRecord> {
  const times = new StageTimes();
  let t = performance.now();
  const lap = (part: string) => {
    const now = performance.now();
    times.add(part, now - t);
    t = now;
  };
  const files: ReleaseFile[] = [];
  for (const name of [DUMP_FILES.nquads, DUMP_FILES.jsonld, DUMP_FILES.ntriples, DUMP_FILES.turtle]) {
    const [mediaType, title] = DUMP_DESCRIPTIONS[name]!;
    files.push(await fileRecord(o.staging, `dumps/${name}`, mediaType, title, true));
  }
  await mkdir(join(o.staging, 'ontology'), { recursive: true });
  for (const [name, mediaType, title] of ONTOLOGY_FILES) {
    await copyFile(join(o.repoRoot, 'ontology', name), join(o.staging, 'ontology', name));
    files.push(await fileRecord(o.staging, `ontology/${name}`, mediaType, title));
  }

  // The version hashes what the release is made of: the data, the ontology and how it is described.
  const version = releaseVersion(o.coverage.to, files[0]!.sha256, ...files.slice(4).map((f) => f.sha256), JSON.stringify(o.publication));
  const latest = await latestVersion(o.out);
  const previousVersion = latest !== undefined && latest !== version ? latest : undefined;
  const previous = previousVersion ? { version: previousVersion, dir: join(o.out, RELEASES, previousVersion) } : undefined;
  lap('dumps and ontology listed');

  // The same data, ontology and settings make the same release: one already complete is kept as it is
  // (as `commitRelease` would keep it), so none of it is written again.
  const kept = o.records === undefined ? undefined : await keptRecord(o.out, o.records, version);
  if (kept) {
    await commitRelease(o.out, o.staging, version);
    await writeFeed(o.out, o.iris.base, o.publication.title.en);
    lap('already released: latest pointed at it');
    return { ...kept, seconds: times.seconds(), counts: {}, alreadyReleased: true };
  }

  // The pages and embeds (most of a release's files) are hashed as they are written, not read back.
  const checksums = new Map<string, string>();
  const counts = new Map<string, number>();
  const ctx: ReleaseContext | undefined =
    o.writers.length === 0 ? undefined : { dir: o.staging, dumps: join(o.staging, 'dumps'), iris: o.iris, version, issued: o.coverage.to, coverage: o.coverage, publication: o.publication, checksums, times, counts };
  if (ctx && o.pageTraces) ctx.pageTraces = o.pageTraces;
  if (ctx && previous) {
    ctx.previousVersion = previous.version;
    ctx.previousDir = previous.dir;
  }
  // The writers beside the others start first, so the change files (two passes over the N-Quads dumps
  // when there is a previous release) are written while they run.
  const alongside = ctx ? (o.alongside ?? []).map(([label, write]) => times.time(label, () => write(ctx))) : [];
  // A writer beside the others that fails must not be left unobserved while they run.
  for (const p of alongside) p.catch(() => undefined);
  const changes = await writeChanges(o.staging, version, o.stats.digests, previous);
  files.push(...changes.files);
  lap('change files');

  if (ctx) {
    for (const [i, [label, write]] of o.writers.entries()) {
      if (i === o.writers.length - 1) {
        for (const p of alongside) files.push(...(await p));
        lap('waiting for the writers alongside');
      }
      files.push(...(await write(ctx, files)));
      lap(label);
    }
  }

  // A small manifest, so tools (the server among them) know the release without parsing its RDF.
  const manifest = { version, base: o.iris.base, issued: o.coverage.to, coverage: o.coverage, previousVersion: previousVersion ?? null };
  await writeFile(join(o.staging, RELEASE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeChecksums(o.staging, checksums);
  lap('checksums');
  const isNew = await stat(join(o.out, RELEASES, version, CHECKSUMS)).then(
    () => false,
    () => true,
  );
  await commitRelease(o.out, o.staging, version);
  const record: KeptRecord = { version, path: `${RELEASES}/${version}`, previousVersion: previousVersion ?? null, files, changes: changes.summary };
  // Kept only for a release this run put in place: a release found there already was made by another run.
  if (isNew && o.records !== undefined) {
    await mkdir(o.records, { recursive: true });
    const path = join(o.records, `${version}.json`);
    await writeFile(`${path}.tmp-${process.pid}`, `${JSON.stringify(record)}\n`);
    await rename(`${path}.tmp-${process.pid}`, path);
  }
  await writeFeed(o.out, o.iris.base, o.publication.title.en);
  lap('moved into place, feed');
  return { ...record, seconds: times.seconds(), counts: Object.fromEntries([...counts].sort(([a], [b]) => byCodeUnits(a, b))), alreadyReleased: false };
}
