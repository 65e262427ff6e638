/**
 * A CSV table written a few thousand records at a time: the file, its size and
 * its SHA-256 are those of the whole text written at once.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IriMinter } from '../../src/core/iri.ts';
import { parseCsv } from '../../src/core/csv.ts';
import { CSV_FOLDER, writeTableFile } from '../../src/publish/csv.ts';
import { BOM, csvRecord } from '../../src/publish/csv/rfc4180.ts';
import { defaultPublication, type ReleaseContext } from '../../src/publish/release-context.ts';

const work = mkdtempSync(join(tmpdir(), 'loa-csv-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeTableFile', () => {
  it('writes a table of many chunks as the whole text at once would be, with its size and SHA-256', async () => {
    const base = 'https://w3id.org/loa/';
    const ctx: ReleaseContext = {
      dir: work,
      dumps: join(work, 'dumps'),
      iris: new IriMinter(base),
      version: 'v1',
      issued: '2026-01-01',
      coverage: { from: '2026-01-01', to: '2026-01-01' },
      publication: defaultPublication(base),
    };
    mkdirSync(join(work, CSV_FOLDER));
    // 30,000 records: several chunks, with quoted fields, line breaks and Vietnamese text in them.
    const records = Array.from({ length: 30_000 }, (_, i) => [`${base}person/p-${i}`, i % 7 === 0 ? `Nguyễn Văn "${i}", Hà Nội` : `Bộ Tư pháp\n${i}`]);
    const header = ['person', 'name'];
    const file = await writeTableFile(ctx, 'people.csv', header, records.length, (i) => records[i]!, 'People');
    const whole = Buffer.from(BOM + csvRecord(header) + records.map(csvRecord).join(''), 'utf8');
    const written = readFileSync(join(work, CSV_FOLDER, 'people.csv'));
    expect(written.equals(whole)).toBe(true);
    expect(file).toEqual({ path: 'csv/people.csv', bytes: whole.length, sha256: createHash('sha256').update(whole).digest('hex'), mediaType: 'text/csv', title: 'People' });
    const rows = parseCsv(written.toString('utf8').slice(1));
    expect(rows.length).toBe(records.length + 1);
    expect(rows[29_999 + 1]).toEqual(records[29_999]);
  });
});
