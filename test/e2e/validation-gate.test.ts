/**
 * The SHACL gate in the build: output that breaks a shape is never released,
 * the previous dumps stay, and the report names the node, the shape and the announcement.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../pipeline/build.ts';
import { REPO_ROOT } from '../../pipeline/main.ts';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { captureIo } from '../support/capture-io.ts';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'loa-gate-'));
  cpSync(join(REPO_ROOT, 'data/announcements/000_3c8414fbfcf5914d.txt'), join(work, 'input/000_3c8414fbfcf5914d.txt'));
  // The shipped shapes plus one the output cannot meet: every announcement must name an author.
  const strict = `${readFileSync(join(REPO_ROOT, 'ontology/shapes.ttl'), 'utf8')}
<https://w3id.org/loa/shapes#TestNeedsAuthor> a <http://www.w3.org/ns/shacl#NodeShape> ;
  <http://www.w3.org/ns/shacl#targetClass> <http://schema.org/NewsArticle> ;
  <http://www.w3.org/ns/shacl#property> <https://w3id.org/loa/shapes#TestNeedsAuthor-author> .
<https://w3id.org/loa/shapes#TestNeedsAuthor-author> <http://www.w3.org/ns/shacl#path> <http://schema.org/author> ;
  <http://www.w3.org/ns/shacl#minCount> 1 ; <http://www.w3.org/ns/shacl#message> "an announcement needs an author" .
`;
  writeFileSync(join(work, 'strict-shapes.ttl'), strict);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const options = (extra: object = {}) => ({ input: join(work, 'input'), out: join(work, 'out'), base: DEFAULT_BASE_IRI, maxFileBytes: DEFAULT_MAX_FILE_BYTES, ...extra });

describe('the validation gate', () => {
  it('releases output that meets the shapes', async () => {
    const report = await runBuild(options(), captureIo(work));
    expect(report.validation).toEqual({ released: true, violations: [], warnings: [] });
  });

  it('refuses output that breaks a shape, keeps the previous dumps, and says where', async () => {
    const before = readFileSync(join(work, 'out/latest/dumps/loa.nq.gz'));
    const report = await runBuild(options({ shapesFile: join(work, 'strict-shapes.ttl') }), captureIo(work));
    expect(report.validation.released).toBe(false);
    expect(report.validation.violations).toEqual([
      expect.objectContaining({
        announcement: '000_3c8414fbfcf5914d',
        file: '000_3c8414fbfcf5914d.txt',
        focusNode: 'https://w3id.org/loa/announcement/000_3c8414fbfcf5914d',
        path: 'http://schema.org/author',
        message: 'an announcement needs an author',
      }),
    ]);
    expect(readFileSync(join(work, 'out/latest/dumps/loa.nq.gz')).equals(before)).toBe(true);
    expect(readFileSync(join(work, 'out/report.txt'), 'utf8')).toContain('NOT RELEASED');
  });

  it('finds the same violations when it checks in worker threads', async () => {
    const inThread = await runBuild(options({ shapesFile: join(work, 'strict-shapes.ttl'), validationWorkers: 0 }), captureIo(work));
    const inWorkers = await runBuild(options({ shapesFile: join(work, 'strict-shapes.ttl'), validationWorkers: 2 }), captureIo(work));
    expect(inWorkers.validation).toEqual(inThread.validation);
    expect(inWorkers.validation.violations).toHaveLength(1);
  });

  it('writes the same dumps when the graphs are checked and serialised in worker threads', async () => {
    const input = join(REPO_ROOT, 'data/announcements');
    const inThread = await runBuild(options({ input, out: join(work, 'thread'), validationWorkers: 0, cache: false }), captureIo(work));
    const inWorkers = await runBuild(options({ input, out: join(work, 'workers'), validationWorkers: 2, cache: false }), captureIo(work));
    expect(inThread.validation.released).toBe(true);
    expect(inWorkers.validation).toEqual(inThread.validation);
    expect(inWorkers.summary.quads).toBe(inThread.summary.quads);
    expect(inWorkers.release!.version).toBe(inThread.release!.version);
    for (const f of ['loa.nq.gz', 'loa.nt.gz', 'loa.ttl.gz', 'loa.jsonld.gz']) {
      expect(readFileSync(join(work, 'workers/latest/dumps', f)).equals(readFileSync(join(work, 'thread/latest/dumps', f))), f).toBe(true);
    }
  });
});
