/**
 * Releases: the folder layout with `latest`, the JSON-LD dump against the
 * N-Quads dump, the change files, and incremental runs that re-extract only
 * what changed and end byte-identical to a full rebuild.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { Parser, Writer } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../pipeline/build.ts';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { renderReport, type RunReport } from '../../src/publish/report.ts';
import { listFiles, readChecksums, verifyChecksums } from '../../src/publish/release.ts';
import { captureIo } from '../support/capture-io.ts';

let work: string;

async function build(input: string, out: string, ...more: string[]): Promise<RunReport> {
  const io = captureIo(REPO_ROOT);
  const code = await main(['build', '--input', input, '--out', out, ...more], io);
  expect(io.err()).not.toMatch(/Error|loa:/);
  expect(code).toBe(0);
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
}

function lines(path: string): string[] {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  return text.split('\n').filter((l) => l !== '');
}

/** Announcements in a folder of sample files: edit, add and delete a few. */
function editCorpus(dir: string): void {
  const changed = join(dir, 'moj-2021-05-ban-hanh-thong-tu-03-2021.txt');
  writeFileSync(changed, readFileSync(changed, 'utf8').replace('Bộ Tư pháp', 'Bộ Tư pháp (bản sửa)'));
  unlinkSync(join(dir, 'kon-tum-2018-11-tong-ket-chi-thi-32.txt'));
  const added = readFileSync(join(dir, 'nghe-an-2018-06-doan-kiem-tra-tgpl.txt'), 'utf8').replace('Nghệ An', 'Hà Tĩnh');
  writeFileSync(join(dir, 'them-2018-06-doan-kiem-tra.txt'), added);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'loa-release-'));
  cpSync(join(REPO_ROOT, 'data/announcements'), join(work, 'input'), { recursive: true });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a release', () => {
  let report: RunReport;
  beforeAll(async () => {
    report = await build(join(work, 'input'), join(work, 'out'));
  });

  it('is a complete folder under releases/ with latest pointing at it', async () => {
    const version = report.release!.version;
    expect(version).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]{12}$/);
    expect(readlinkSync(join(work, 'out/latest'))).toBe(`releases/${version}`);
    const dir = join(work, 'out/releases', version);
    expect(await verifyChecksums(dir)).toEqual([]);
    const listed = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean).map((l) => l.slice(66));
    expect(listed).toEqual((await listFiles(dir)).filter((f) => f !== 'SHA256SUMS'));
    for (const f of ['dumps/loa.nq.gz', 'dumps/loa.nt.gz', 'dumps/loa.ttl.gz', 'dumps/loa.jsonld.gz', 'ontology/loa.ttl', 'ontology/shapes.ttl', 'ontology/context.jsonld', 'changes/graphs.tsv', 'changes/summary.json', 'csv/csv-metadata.json', 'csv/officials.csv', 'meta/catalog.ttl', 'meta/catalog.rdf', 'meta/void.ttl']) {
      expect(listed, f).toContain(f);
    }
    expect(readFileSync(join(dir, 'ontology/shapes.ttl')).equals(readFileSync(join(REPO_ROOT, 'ontology/shapes.ttl')))).toBe(true);
  });

  it('has a catalogue that gives every data file with the checksum SHA256SUMS has for it', () => {
    const dir = join(work, 'out/latest');
    const catalogue = readFileSync(join(dir, 'meta/catalog.ttl'), 'utf8');
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean);
    // The catalogue does not list itself, VoID, or the release manifest (written after it); the entity
    // pages and the embeds are listed by their entry points (site/index.html, embeds/SHA256SUMS), not file by file.
    const listed = sums.filter(
      (l) => !/ {2}(meta\/catalog\.ttl|meta\/catalog\.rdf|meta\/void\.ttl|release\.json)$/.test(l) && !/ {2}(site|embeds)\/(?!index\.html$|SHA256SUMS$)/.test(l),
    );
    expect(listed.some((l) => l.endsWith('  site/index.html'))).toBe(true);
    expect(listed.some((l) => l.endsWith('  embeds/SHA256SUMS'))).toBe(true);
    expect(listed.length).toBeGreaterThan(15);
    for (const line of listed) expect(catalogue, line).toContain(`"${line.slice(0, 64)}"`);
  });

  it('has a JSON-LD dump that expands to exactly the quads of the N-Quads dump', async () => {
    const dir = join(work, 'out/latest/dumps');
    const doc = JSON.parse(gunzipSync(readFileSync(join(dir, 'loa.jsonld.gz'))).toString('utf8')) as object;
    const loader = async (url: string) => {
      throw new Error(`the JSON-LD dump must be self-contained, but it asked for ${url}`);
    };
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader: loader })) as string;
    const canonical = (text: string) => {
      const w = new Writer({ format: 'N-Quads' });
      return [...new Set(new Parser({ format: 'N-Quads' }).parse(text).map((q) => w.quadToString(q.subject, q.predicate, q.object, q.graph)))].sort();
    };
    const expected = canonical(lines(join(dir, 'loa.nq.gz')).join('\n'));
    expect(expected.length).toBeGreaterThan(5000);
    expect(canonical(nquads)).toEqual(expected);
  });

  it('uses the short terms of the loa context in the JSON-LD dump', () => {
    const text = gunzipSync(readFileSync(join(work, 'out/latest/dumps/loa.jsonld.gz'))).toString('utf8');
    expect(text).toContain('"@type":"NewsArticle"');
    expect(text).toContain('"mentions":');
    expect(text).not.toContain('"http://schema.org/mentions"');
  });

  it('lists itself in the Atom feed', () => {
    const feed = readFileSync(join(work, 'out/feed.atom'), 'utf8');
    expect(feed).toContain(`<link rel="alternate" href="releases/${report.release!.version}/"/>`);
    expect(feed).toContain('First release');
  });

  it('is not written again when the same input is built again', async () => {
    const before = await readChecksums(join(work, 'out/latest'));
    const again = await build(join(work, 'input'), join(work, 'out'));
    expect(again.release!.version).toBe(report.release!.version);
    expect(again.summary.extractionsReused).toBe(again.summary.published);
    expect(again.summary.extracted).toBe(0);
    expect(readdirSync(join(work, 'out/releases')).filter((n) => !n.startsWith('.'))).toEqual([report.release!.version]);
    // The release found complete is answered for from its record: no writer runs, and the report lists the same files.
    expect(report.release!.alreadyReleased).toBe(false);
    expect(again.release!.alreadyReleased).toBe(true);
    expect(again.release!.files).toEqual(report.release!.files);
    expect(again.release!.changes).toEqual(report.release!.changes);
    expect(Object.keys(again.stageParts.release!)).toContain('already released: latest pointed at it');
    expect(Object.keys(again.stageParts.release!)).not.toContain('CSV tables');
    expect(await readChecksums(join(work, 'out/latest'))).toEqual(before);
    expect(readdirSync(join(work, 'out/releases')).filter((n) => n.startsWith('.staging'))).toEqual([]);
    expect(readFileSync(join(work, 'out/report.txt'), 'utf8')).toContain('already released, nothing written again');
  });

  it('is the same, file for file, when extraction, the graphs, the Turtle dump with the VoID count and the entity pages run in worker threads', async () => {
    // The sample is below the size from which a build uses its workers by itself.
    const out = join(work, 'in-workers');
    const io = captureIo(REPO_ROOT);
    const threads = { extractionWorkers: 2, validationWorkers: 2, siteWorker: true, unionWorker: true };
    const again = await runBuild({ input: join(work, 'input'), out, base: DEFAULT_BASE_IRI, maxFileBytes: DEFAULT_MAX_FILE_BYTES, cache: false, ...threads }, io);
    expect(io.err()).not.toMatch(/Error|loa:/);
    expect(again.summary.extracted).toBe(again.summary.published);
    expect(again.warnings).toEqual(report.warnings);
    expect(again.release!.version).toBe(report.release!.version);
    const dir = join(out, 'latest');
    const inThread = join(work, 'out/latest');
    const files = await listFiles(dir);
    expect(files).toEqual(await listFiles(inThread));
    expect(files.filter((f) => f.startsWith('site/')).length).toBeGreaterThan(100);
    for (const f of files) expect(readFileSync(join(dir, f)).equals(readFileSync(join(inThread, f))), f).toBe(true);
    expect(await verifyChecksums(dir)).toEqual([]);
    expect(Object.keys(again.stageParts.dumps!)).toEqual(expect.arrayContaining(['union worker: Turtle: write', 'union worker: VoID count']));
    expect(Object.keys(report.stageParts.dumps!)).not.toContain('union worker: Turtle: write');
    // The pages' worker reports its own parts beside the writers of this thread.
    const release = Object.keys(again.stageParts.release!);
    expect(release).toEqual(expect.arrayContaining(['CSV tables', 'catalogue and VoID', 'embeds and entity pages (worker, from its start)', 'in the pages\' worker: site graph read', 'in the pages\' worker: entity pages', 'checksums']));
    expect(release).not.toContain('entity pages');
    // Every writer reads the dumps: no thread loads a query store.
    expect(release.filter((part) => part.includes('store'))).toEqual([]);
  });

  it('reports the time of each dump format and of each release writer', () => {
    const parts = report.stageParts;
    expect(Object.keys(parts.dumps)).toEqual(expect.arrayContaining(['N-Quads: serialise', 'N-Quads: write', 'JSON-LD: serialise', 'JSON-LD: write', 'union: lines', 'union: sort and spill', 'union: merge', 'N-Triples: write', 'Turtle: write', 'union: listener (VoID)']));
    expect(Object.keys(parts.release!)).toEqual(expect.arrayContaining(['CSV tables', 'embeds', 'entity pages', 'entity pages: site graph', 'catalogue and VoID', 'checksums']));
    for (const seconds of [...Object.values(parts.dumps), ...Object.values(parts.release!)]) expect(seconds).toBeGreaterThanOrEqual(0);
    // The writers run one after another in this thread: their parts cannot exceed the stage.
    const writers = ['CSV tables', 'embeds', 'entity pages', 'catalogue and VoID'].map((k) => parts.release![k]!);
    expect(writers.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(report.stages.release! + 0.01);
    // The text of this run's report (the file is replaced by the run that builds the same input again).
    expect(renderReport(report)).toMatch(/Parts of the release stage \(seconds\) \(\d+\)\n- dumps and ontology listed: [\d.]+\n- change files: /);
  });
});

describe('an incremental run', () => {
  let first: RunReport;
  let second: RunReport;
  beforeAll(async () => {
    cpSync(join(work, 'input'), join(work, 'input2'), { recursive: true });
    first = await build(join(work, 'input2'), join(work, 'inc'));
    editCorpus(join(work, 'input2'));
    second = await build(join(work, 'input2'), join(work, 'inc'));
  });

  it('re-extracts only the added and changed announcements', () => {
    expect(second.summary.extracted).toBe(2);
    expect(second.summary.extractionsReused).toBe(second.summary.published - 2);
  });

  it('keeps the previous release and says what changed', () => {
    const v1 = first.release!.version;
    const v2 = second.release!.version;
    expect(v2).not.toBe(v1);
    expect(second.release!.previousVersion).toBe(v1);
    expect(existsSync(join(work, 'inc/releases', v1, 'SHA256SUMS'))).toBe(true);
    expect(readlinkSync(join(work, 'inc/latest'))).toBe(`releases/${v2}`);
    expect(second.release!.changes.added).toBe(1);
    expect(second.release!.changes.removed).toBe(1);
    expect(second.release!.changes.changed).toBeGreaterThanOrEqual(1);
    const feed = readFileSync(join(work, 'inc/feed.atom'), 'utf8');
    expect(feed.indexOf(v2)).toBeLessThan(feed.indexOf(v1));
  });

  it('gives change files that turn the previous dump into the new one', () => {
    const dir = (v: string) => join(work, 'inc/releases', v);
    const before = new Set(lines(join(dir(first.release!.version), 'dumps/loa.nq.gz')));
    const added = lines(join(dir(second.release!.version), 'changes/added.nq.gz'));
    const removed = lines(join(dir(second.release!.version), 'changes/removed.nq.gz'));
    expect(added.length).toBeGreaterThan(0);
    expect(removed.length).toBeGreaterThan(0);
    for (const l of removed) before.delete(l);
    for (const l of added) before.add(l);
    expect([...before].sort()).toEqual(lines(join(dir(second.release!.version), 'dumps/loa.nq.gz')).sort());
  });

  it('renders only the pages and embeds whose inputs changed, and links the others', () => {
    const pages = second.release!.pages;
    expect(first.release!.pages['entity pages linked unchanged']).toBe(0);
    expect(pages['entity pages rendered']).toBeGreaterThanOrEqual(2);
    expect(pages['entity pages linked unchanged']).toBeGreaterThan(pages['entity pages rendered']! * 3);
    expect(pages['entity pages rendered']! + pages['entity pages linked unchanged']!).toBeGreaterThan(first.release!.pages['entity pages rendered']! - 20);
    expect(pages['embeds written']).toBeGreaterThanOrEqual(1);
    expect(pages['embeds written']! + pages['embeds linked unchanged']!).toBe(second.summary.published);
  });

  it('ends byte-identical to a full rebuild without the cache', async () => {
    const full = await build(join(work, 'input2'), join(work, 'full'), '--no-cache');
    expect(full.summary.extracted).toBe(full.summary.published);
    expect(full.release!.pages['entity pages linked unchanged']).toBe(0);
    expect(full.release!.pages['embeds linked unchanged']).toBe(0);
    expect(full.release!.pages['entity pages rendered']).toBe(second.release!.pages['entity pages rendered']! + second.release!.pages['entity pages linked unchanged']!);
    expect(full.release!.version).toBe(second.release!.version);
    for (const f of ['loa.nq.gz', 'loa.nt.gz', 'loa.ttl.gz', 'loa.jsonld.gz']) {
      expect(readFileSync(join(work, 'full/latest/dumps', f)).equals(readFileSync(join(work, 'inc/latest/dumps', f))), f).toBe(true);
    }
    // Pages and embeds linked from the previous release are the same bytes as written afresh.
    const pages = async (dir: string) => (await listFiles(dir)).filter((p) => p.startsWith('site/') || p.startsWith('embeds/'));
    const files = await pages(join(work, 'full/latest'));
    expect(files).toEqual(await pages(join(work, 'inc/latest')));
    for (const f of files) {
      expect(readFileSync(join(work, 'full/latest', f)).equals(readFileSync(join(work, 'inc/latest', f))), f).toBe(true);
    }
  });

  it('links the pages and embeds the previous release has byte for byte, and writes the others', async () => {
    const dir = (v: string) => join(work, 'inc/releases', v);
    const before = await readChecksums(dir(first.release!.version));
    const after = await readChecksums(dir(second.release!.version));
    let linked = 0;
    const written: string[] = [];
    for (const [path, sha] of after) {
      if (!path.startsWith('site/') && !path.startsWith('embeds/')) continue;
      const inode = statSync(join(dir(second.release!.version), path)).ino;
      if (before.get(path) === sha) {
        expect(inode, path).toBe(statSync(join(dir(first.release!.version), path)).ino);
        linked++;
      } else {
        if (before.has(path)) expect(inode, path).not.toBe(statSync(join(dir(first.release!.version), path)).ino);
        written.push(path);
      }
    }
    // A changed, a removed and an added announcement touch a few dozen files of about two thousand.
    expect(linked).toBeGreaterThan(written.length * 5);
    expect(written.filter((p) => p.startsWith('site/announcement/') && p.endsWith('.html')).length).toBeGreaterThanOrEqual(2);
    // An entity page names no release, so it can stay the same; an index page does.
    expect(readFileSync(join(dir(second.release!.version), 'site/index.html'), 'utf8')).toContain(second.release!.version);
    const page = [...after.keys()].find((p) => p.startsWith('site/person/') && p.endsWith('.html'))!;
    expect(readFileSync(join(dir(second.release!.version), page), 'utf8')).not.toContain(second.release!.version);
    expect(await verifyChecksums(dir(first.release!.version))).toEqual([]);
    expect(await verifyChecksums(dir(second.release!.version))).toEqual([]);
  });
});
