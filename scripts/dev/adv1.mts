import { extractAnnouncement } from '../../src/extract/index.ts';
const unit = process.argv[2]!;
const body = unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);
const a = { id: 'x', source: { path: 'x', format: 'text' as const, encoding: 'utf-8', sha256: '', byteSize: 0 }, title: 'T', published: { date: '2024-01-02' }, body, contentHash: '' };
extractAnnouncement({ ...a, body: 'x' });
const t = performance.now();
extractAnnouncement(a);
process.stderr.write(`${(performance.now() - t).toFixed(0)} ms\n`);
