// Times the dump writer alone: feeds the named graphs of a built release's N-Quads dump to a fresh
// DumpWriter and prints the seconds spent adding graphs and closing (union sort, N-Triples, Turtle).
// Usage: npx tsx scripts/dev/time-dumps.mts OUT_DIR SCRATCH_DIR   (OUT_DIR as `loa build --out` wrote it;
// the dump must fit in one string: use a 1k build)
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Parser, type Quad } from 'n3';
import { DumpWriter } from '../../src/publish/dumps.ts';
import { contextFromFile } from '../../src/publish/jsonld-compact.ts';

const [out, scratch] = process.argv.slice(2);
if (!out || !scratch) throw new Error('usage: time-dumps.mts OUT_DIR SCRATCH_DIR');
const text = gunzipSync(readFileSync(join(out, 'latest/dumps/loa.nq.gz'))).toString('utf8');
const quads = new Parser({ format: 'N-Quads' }).parse(text);
const graphs = new Map<string, Quad[]>();
for (const q of quads) {
  const g = graphs.get(q.graph.value) ?? [];
  g.push(q);
  graphs.set(q.graph.value, g);
}
mkdirSync(scratch, { recursive: true });
const writer = new DumpWriter(scratch, contextFromFile(new URL('../../ontology/context.jsonld', import.meta.url).pathname));
let t = performance.now();
for (const g of graphs.values()) await writer.addGraph(g);
process.stderr.write(`${quads.length} quads; addGraph ${((performance.now() - t) / 1000).toFixed(2)} s\n`);
t = performance.now();
await writer.close();
process.stderr.write(`close ${((performance.now() - t) / 1000).toFixed(2)} s\n`);
