// Lists officials whose agency differs from the gold's (development aid).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readInputFile } from '../../src/ingest/read-corpus.ts';
import { extractAnnouncement } from '../../src/extract/index.ts';
const [docs, goldFile] = process.argv.slice(2);
const gold = new Map(readFileSync(goldFile!, 'utf8').split('\n').filter(Boolean).map((l) => { const g = JSON.parse(l); return [g.doc, g]; }));
const norm = (s: string) => s.normalize('NFC').toLowerCase().trim();
for (const name of readdirSync(docs!).sort()) {
  const r = await readInputFile({ absolute: join(docs!, name), path: name }, { maxFileBytes: 1e8 });
  for (const a of r.announcements) {
    const x = extractAnnouncement(a);
    const g = gold.get(a.id);
    for (const go of g?.officials ?? []) {
      const o = x.officials.find((p) => norm(p.name) === norm(go.name));
      if (!o) continue;
      const got = o.roles.flatMap((r) => {
        const ag = x.agencies.find((g) => g.key === r.agencyKey);
        return ag ? [ag.name, ...ag.abbreviations, ...ag.surfaces.filter((f) => f.includes(' '))] : ['-'];
      });
      const want = [go.agency, ...(go.roles ?? []).flatMap((r: { agency?: string; agency_implied?: string }) => [r.agency, r.agency_implied])].filter(Boolean);
      const like = (a: string, b: string) => { const [x, y] = [norm(a), norm(b)]; if (x === y) return true; const [sh, lo] = x.length <= y.length ? [x, y] : [y, x]; return lo.includes(sh) && sh.length >= 0.6 * lo.length; };
      const ok = got.some((n) => want.some((w: string) => like(n, w)));
      if (!ok && want.length) console.log(`${a.id}: ${go.name} want ${JSON.stringify(want)} got ${JSON.stringify(got)} titles ${JSON.stringify(o.roles.map((r) => r.title))}`);
    }
  }
}
