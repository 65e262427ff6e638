import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readInputFile } from '../../src/ingest/read-corpus.ts';
import { extractAnnouncement } from '../../src/extract/index.ts';
const dir = process.argv[2]!;
const anns = [];
for (const n of readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(txt|html|jsonl)$/.test(f)).sort().slice(0, 600)) {
  const r = await readInputFile({ absolute: join(dir, n), path: n }, { maxFileBytes: 1e8 });
  anns.push(...r.announcements);
}
extractAnnouncement(anns[0]!);
const t = performance.now();
for (const a of anns) extractAnnouncement(a);
const ms = performance.now() - t;
process.stderr.write(`${anns.length} in ${ms.toFixed(0)} ms = ${(anns.length / ms * 1000).toFixed(0)}/s\n`);
