import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import type { RunReport } from '../../src/publish/report.ts';
import { captureIo } from '../support/capture-io.ts';

const BAD = join(REPO_ROOT, 'test/fixtures/bad');
let work: string;
let report: RunReport;
let exitCode: number;
let stderr: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'loa-bad-'));
  const input = join(work, 'input');
  cpSync(BAD, input, { recursive: true });
  // A 200 MB file, made sparse here rather than committed: it must be refused by size, unread.
  writeFileSync(join(input, 'huge-200mb.txt'), '');
  truncateSync(join(input, 'huge-200mb.txt'), 200 * 1024 * 1024);
  writeFileSync(join(input, '.DS_Store'), 'x');
  const io = captureIo(work);
  exitCode = await main(['build', '--input', input, '--out', join(work, 'out')], io);
  stderr = io.err();
  report = JSON.parse(readFileSync(join(work, 'out/report.json'), 'utf8'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const rejected: [string, string | RegExp][] = [
  ['empty.txt', 'empty_file'],
  ['whitespace-only.txt', /^empty_(file|announcement)$/],
  ['binary-png-named-txt.txt', 'binary_content'],
  ['gzip-bomb-named-txt.txt', 'binary_content'],
  ['gzip-bomb.txt.gz', 'unsupported_format'],
  ['zip-archive.zip', 'unsupported_format'],
  ['legacy-report.pdf', 'unsupported_format'],
  ['date-impossible-31-02.txt', 'date_impossible'],
  ['date-impossible-29-02-2023.txt', 'date_impossible'],
  ['date-zero-00-00-0000.txt', 'date_impossible'],
  ['no-date-line.txt', 'missing_publication_date'],
  ['title-and-date-only.txt', 'empty_body'],
  ['html-listing-no-date.html', 'missing_publication_date'],
  ['json-syntax-error.json', 'json_invalid'],
  ['json-record-missing-title.jsonl', 'record_invalid'],
  ['sub/same-id.txt', 'duplicate_id'],
  ['huge-200mb.txt', 'file_too_large'],
];

describe('a batch of bad input', () => {
  it('completes, says so in the exit code, and lets no exception reach the user', () => {
    expect(exitCode).toBe(3);
    expect(stderr).not.toMatch(/at .*\.ts:\d+|TypeError|RangeError/);
  });

  it.each(rejected)('rejects %s with code %s, a message and a hint', (file, code) => {
    const entries = report.rejects.filter((r) => r.file === file);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.code).toMatch(code);
    expect(entries[0]!.message.length).toBeGreaterThan(10);
    expect(entries[0]!.hint.length).toBeGreaterThan(10);
  });

  it('accounts for every file: published, rejected, duplicate or ignored', () => {
    const published = ['broken-markup', 'date-day-first-03-04', 'date-two-digit-year', 'duplicate-content-a', 'hostile-characters', 'jsonl-good', 'same-id'];
    expect(report.summary.published).toBe(published.length);
    expect(report.duplicates).toEqual([{ file: 'duplicate-content-b.txt', id: 'duplicate-content-b', duplicateOf: 'duplicate-content-a' }]);
    expect(report.ignored).toEqual([{ file: '.DS_Store', reason: 'hidden file or folder' }]);
    expect(report.summary.rejected).toBe(rejected.length);
    const ids = gunzipSync(readFileSync(join(work, 'out/latest/dumps/loa.nq.gz')))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.startsWith('<https://w3id.org/loa/announcement/') && l.includes('<http://schema.org/identifier>'))
      .map((l) => /"([^"]+)"/.exec(l)![1])
      .sort();
    expect(ids).toEqual(published);
  });

  it('reads an ambiguous-looking date day first and a two-digit year as 20yy, with a warning', () => {
    const nq = gunzipSync(readFileSync(join(work, 'out/latest/dumps/loa.nq.gz'))).toString('utf8');
    expect(nq).toMatch(/announcement\/date-day-first-03-04> <http:\/\/schema.org\/datePublished> "2024-04-03"/);
    expect(nq).toMatch(/announcement\/date-two-digit-year> <http:\/\/schema.org\/datePublished> "2024-03-05"/);
    expect(report.warnings.map((w) => [w.file, w.code])).toContainEqual(['date-two-digit-year.txt', 'date_two_digit_year']);
  });

  it('keeps markup and control characters from input inside literals', () => {
    const nt = gunzipSync(readFileSync(join(work, 'out/latest/dumps/loa.nt.gz'))).toString('utf8');
    for (const line of nt.split('\n').filter(Boolean)) {
      expect(line).toMatch(/^<[^<>"{}|\\^`\s]+> <[^<>"{}|\\^`\s]+> (<[^<>"{}|\\^`\s]+>|".*"(@[a-z-]+|\^\^<[^>]+>)?) \.$/);
    }
    expect(nt).toContain('Tiêu đề có ký tự <script>\\"{x}\\"\\\\ và > < trong tên');
  });
});
