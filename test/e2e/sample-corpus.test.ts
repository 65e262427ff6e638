import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, REPO_ROOT } from '../../pipeline/main.ts';
import { captureIo } from '../support/capture-io.ts';

const SAMPLE = join(REPO_ROOT, 'data/announcements');
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'loa-e2e-'));
  const io = captureIo(REPO_ROOT);
  const code = await main(['build', '--out', out], io);
  expect(io.err()).not.toMatch(/Error/);
  expect(code).toBe(0);
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

function countSampleAnnouncements(): number {
  let n = 0;
  for (const f of readdirSync(SAMPLE)) {
    if (f.endsWith('.json')) n += (JSON.parse(readFileSync(join(SAMPLE, f), 'utf8')) as unknown[]).length;
    else if (f.endsWith('.jsonl')) n += readFileSync(join(SAMPLE, f), 'utf8').split('\n').filter((l) => l.trim()).length;
    else n += 1;
  }
  return n;
}

describe('the pipeline on the bundled sample corpus', () => {
  it('publishes every announcement and rejects none', () => {
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.rejects).toEqual([]);
    expect(report.summary.published).toBe(countSampleAnnouncements());
    expect(report.summary.published).toBeGreaterThanOrEqual(26);
  });

  it('writes the four dumps and their checksums', () => {
    const files = readdirSync(join(out, 'latest/dumps')).sort();
    expect(files).toEqual(['loa.jsonld.gz', 'loa.nq.gz', 'loa.nt.gz', 'loa.ttl.gz']);
    const sums = readFileSync(join(out, 'latest/SHA256SUMS'), 'utf8');
    for (const f of files) expect(sums).toMatch(new RegExp(`^[0-9a-f]{64} {2}dumps/${f.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('answers SPARQL over the published output: the seed article by its identifier', async () => {
    const io = captureIo(REPO_ROOT);
    const query = `PREFIX schema: <http://schema.org/>
      SELECT ?headline ?date WHERE { ?a schema:identifier "000_3c8414fbfcf5914d" ; schema:headline ?headline ; schema:datePublished ?date }`;
    const code = await main(['query', '--out', out, '--format', 'json', query], io);
    expect(code).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.results.bindings).toHaveLength(1);
    expect(json.results.bindings[0].headline.value).toBe('Cục Trợ giúp pháp lý tập trung triển khai hiệu quả các nhóm nhiệm vụ, bảo đảm đúng tiến độ, chất lượng');
    expect(json.results.bindings[0].date).toEqual({ type: 'literal', value: '2024-03-26', datatype: 'http://www.w3.org/2001/XMLSchema#date' });
  });

  it('counts announcements per input format in CSV', async () => {
    const io = captureIo(REPO_ROOT);
    const query = `PREFIX schema: <http://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#>
      SELECT ?format (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle ; prov:wasDerivedFrom ?s . ?s schema:encodingFormat ?format }
      GROUP BY ?format ORDER BY ?format`;
    expect(await main(['query', '--out', out, '--format', 'csv', query], io)).toBe(0);
    const lines = io.out().trim().split('\r\n');
    expect(lines[0]).toBe('format,n');
    const formats = lines.slice(1).map((l) => l.split(',')[0]);
    expect(formats).toEqual(expect.arrayContaining(['application/json', 'text/html', 'text/plain']));
  });

  it('writes CONSTRUCT results as Turtle and N-Triples that hold the triples', async () => {
    const query = 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(?s = <https://w3id.org/loa/agency/bo-tu-phap>) }';
    const turtle = captureIo(REPO_ROOT);
    expect(await main(['query', '--out', out, '--format', 'turtle', query], turtle)).toBe(0);
    expect(turtle.out()).toContain('"Bộ Tư pháp"@vi');
    const nt = captureIo(REPO_ROOT);
    expect(await main(['query', '--out', out, '--format', 'ntriples', query], nt)).toBe(0);
    expect(nt.out()).toMatch(/^<https:\/\/w3id\.org\/loa\/agency\/bo-tu-phap> <http:\/\/schema\.org\/name> "Bộ Tư pháp"@vi \.$/m);
  });

  it('gives byte-identical dumps when run again', async () => {
    const again = mkdtempSync(join(tmpdir(), 'loa-e2e-again-'));
    try {
      expect(await main(['build', '--out', again], captureIo(REPO_ROOT))).toBe(0);
      for (const f of ['dumps/loa.nq.gz', 'dumps/loa.nt.gz', 'dumps/loa.ttl.gz', 'dumps/loa.jsonld.gz', 'SHA256SUMS']) {
        expect(readFileSync(join(again, 'latest', f)).equals(readFileSync(join(out, 'latest', f))), f).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});
