import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Parser, type Quad } from 'n3';
import { DumpWriter } from '../../src/publish/dumps.ts';
import { contextFromFile } from '../../src/publish/jsonld-compact.ts';
const text = gunzipSync(readFileSync('/tmp/b1k/latest/dumps/loa.nq.gz')).toString('utf8');
const quads = new Parser({ format: 'N-Quads' }).parse(text);
const graphs = new Map<string, Quad[]>();
for (const q of quads) { const g = graphs.get(q.graph.value) ?? []; g.push(q); graphs.set(q.graph.value, g); }
console.log('parsed', quads.length);
const w = new DumpWriter('/tmp/prof/out', contextFromFile(new URL('../../ontology/context.jsonld', import.meta.url).pathname));
const { mkdirSync } = await import('node:fs'); mkdirSync('/tmp/prof/out', { recursive: true });
let t = performance.now();
for (const g of graphs.values()) await w.addGraph(g);
console.log('addGraph s', (performance.now() - t) / 1000);
t = performance.now();
await w.close();
console.log('close s', (performance.now() - t) / 1000);
