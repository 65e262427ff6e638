/**
 * Development aid: extraction on the development set beside the gold, per document.
 *   npx tsx scripts/dev/show-extraction.ts officials|agencies|events|documents [DOC_ID …]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readInputFile } from '../../src/ingest/read-corpus.ts';
import { extractAnnouncement } from '../../src/extract/index.ts';

const DEV = join(import.meta.dirname, '../../../shared/eval/dev');
const [what = 'officials', ...only] = process.argv.slice(2);
const gold = new Map(readFileSync(join(DEV, 'gold.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => { const g = JSON.parse(l); return [g.doc, g]; }));
for (const name of readdirSync(join(DEV, 'docs')).sort()) {
  const id = name.replace(/\.txt$/, '');
  if (only.length && !only.includes(id)) continue;
  const r = await readInputFile({ absolute: join(DEV, 'docs', name), path: name }, { maxFileBytes: 1e8 });
  const x = extractAnnouncement(r.announcements[0]!);
  const g = gold.get(id);
  const agencyName = (k?: string) => x.agencies.find((a) => a.key === k)?.name ?? '-';
  console.log(`== ${id}`);
  if (what === 'officials') {
    console.log('  gold:', JSON.stringify((g.officials ?? []).map((o: { name: string; titles: string[]; agency: string }) => `${o.name} [${o.titles.join('; ')}] @${o.agency}`)));
    console.log('  got: ', JSON.stringify(x.officials.map((o) => `${o.name} [${o.roles.map((r) => `${r.former ? 'nguyên ' : ''}${r.title}@${agencyName(r.agencyKey)}`).join('; ')}]`)));
  } else if (what === 'events') {
    console.log('  gold:', JSON.stringify((g.events ?? []).map((e: { type: string; date: string; participants: string[] }) => `${e.type}@${e.date} ${e.participants.join(',')}`)), ' optional:', JSON.stringify((g.optional?.events ?? []).map((e: { date: string }) => e.date)));
    console.log('  got: ', JSON.stringify(x.events.map((e) => `${e.type}@${e.date ?? null} ${e.participantKeys.map((k) => x.officials.find((o) => o.key === k)?.name).join(',')} | ${e.name.slice(0, 60)}`)));
  } else if (what === 'documents') {
    console.log('  gold:', JSON.stringify((g.legal_documents ?? []).map((d: { type: string; number: string; title: string; date: string; issuer: string }) => `${d.type} ${d.number ?? ''} ${d.date ?? ''} ${d.issuer ?? ''} :: ${d.title}`)));
    console.log('  got: ', JSON.stringify(x.documents.map((d) => `${d.type} ${d.number ?? ''} ${d.date ?? ''} ${d.issuer ?? ''} :: ${d.title ?? ''}`)));
  } else {
    console.log('  gold:', JSON.stringify(g.agencies ?? []));
    console.log('  got: ', JSON.stringify(x.agencies.filter((a) => !a.implied).map((a) => a.name)));
  }
}
