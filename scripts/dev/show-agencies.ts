/**
 * Development aid: runs the agency extractor over the development set and prints
 * what it found beside the gold agencies, document by document.
 *   npx tsx scripts/dev/show-agencies.ts [DOC_ID …]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readInputFile } from '../../src/ingest/read-corpus.ts';
import { AgencyFinder } from '../../src/extract/agencies.ts';
import { tokenize } from '../../src/extract/tokens.ts';

const DEV = join(import.meta.dirname, '../../../shared/eval/dev');
const gold = new Map(readFileSync(join(DEV, 'gold.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => { const g = JSON.parse(l); return [g.doc, g]; }));
const only = process.argv.slice(2);
for (const name of readdirSync(join(DEV, 'docs')).sort()) {
  const id = name.replace(/\.txt$/, '');
  if (only.length && !only.includes(id)) continue;
  const r = await readInputFile({ absolute: join(DEV, 'docs', name), path: name }, { maxFileBytes: 1e8 });
  const a = r.announcements[0]!;
  const fields = [
    { field: 'title' as const, text: a.title, tokens: tokenize(a.title) },
    { field: 'body' as const, text: a.body, tokens: tokenize(a.body) },
  ];
  const finder = new AgencyFinder(fields, a.published.date);
  finder.scan();
  const res = finder.result();
  const g = gold.get(id);
  console.log(`== ${id}`);
  console.log('  gold:', JSON.stringify(g?.agencies ?? []), ' optional:', JSON.stringify((g?.optional?.agencies ?? []).map((x: { name: string }) => x.name)));
  console.log('  got: ', JSON.stringify(res.agencies.map((x) => x.name + (x.surfaces.length ? ` {${x.surfaces.join('|')}}` : ''))));
}
