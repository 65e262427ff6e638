/**
 * Scores the legal-document extractor on the development set, the way
 * `../shared/eval/score.mjs` scores legal documents: a gold document with a
 * number matches a prediction with the same number (a leading "số" and spaces
 * ignored, case folded), one without matches by title (equal, or one containing
 * the other and at least 60% of its length); matching is one-to-one and greedy;
 * an unmatched prediction that matches an optional gold item counts neither way.
 * Attribute accuracies (type, date, issuer) are measured on matched documents
 * whose gold states the attribute.
 *
 *   npx tsx scripts/dev/score-legal-documents.ts [--verbose] [--dev DIR]
 *
 * Exits 2 when the development folder is missing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DocumentMention } from '../../src/core/extraction.ts';
import { extractDocuments } from '../../src/extract/legal-documents.ts';
import { readInputFile } from '../../src/ingest/read-corpus.ts';
import { matchOneToOne as match, norm, normNumber, titleLike } from '../../test/support/gold-score.ts';

interface GoldDocument {
  type?: string | null;
  number?: string | null;
  date?: string | null;
  issuer?: string | null;
  title?: string | null;
}

interface GoldRecord {
  doc: string;
  robustness?: unknown;
  legal_documents?: GoldDocument[];
  optional?: { legal_documents?: GoldDocument[] };
}

/** A prediction as the scorer sees it after publishing (schema:Legislation). */
interface Predicted {
  ids: string[];
  names: string[];
  types: string[];
  dates: string[];
  issuers: string[];
}

const DEFAULT_DEV = resolve(import.meta.dirname, '../../../shared/eval/dev');

function sameDocument(gold: GoldDocument, p: Predicted): boolean {
  if (gold.number) return p.ids.some((n) => normNumber(n) === normNumber(gold.number!));
  return p.names.some((n) => titleLike(n, gold.title ?? '') || (gold.type ? titleLike(n, `${gold.type} ${gold.title ?? ''}`) : false));
}

function predictedOf(m: DocumentMention): Predicted {
  return {
    ids: m.number ? [m.number] : [],
    names: m.title ? [m.title] : [],
    types: [m.type],
    dates: m.date ? [m.date] : [],
    issuers: m.issuer ? [m.issuer] : [],
  };
}

class Ratio {
  ok = 0;
  n = 0;
  add(ok: boolean): void {
    this.n++;
    if (ok) this.ok++;
  }
  get value(): number {
    return this.n ? this.ok / this.n : 0;
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { verbose: { type: 'boolean', default: false }, dev: { type: 'string' } } });
  const dev = resolve(values.dev ?? DEFAULT_DEV);
  const docsDir = join(dev, 'docs');
  const goldFile = join(dev, 'gold.jsonl');
  if (!existsSync(docsDir) || !existsSync(goldFile)) {
    console.error(`score-legal-documents: no development set at ${dev} (expected docs/ and gold.jsonl); pass --dev DIR`);
    return 2;
  }
  const golds = readFileSync(goldFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldRecord);
  const files = new Map(readdirSync(docsDir).map((name) => [name.replace(/\.[^.]+$/, ''), name]));
  let tp = 0;
  let goldCount = 0;
  let predCount = 0;
  const type = new Ratio();
  const date = new Ratio();
  const issuerRatio = new Ratio();
  let issueCount = 0;
  for (const g of golds) {
    if (g.robustness) continue;
    const name = files.get(g.doc);
    let mentions: DocumentMention[] = [];
    if (name) {
      const read = await readInputFile({ absolute: join(docsDir, name), path: name }, { maxFileBytes: 20 * 1024 * 1024 });
      for (const a of read.announcements) {
        const out = extractDocuments(a);
        mentions = mentions.concat(out.documents);
        issueCount += out.issues.length;
      }
    }
    const pred = mentions.map(predictedOf);
    const gold = g.legal_documents ?? [];
    const optional = g.optional?.legal_documents ?? [];
    const pairs = match(gold, pred, sameDocument);
    const unmatched = pred.map((p, j) => ({ p, j, m: mentions[j]! })).filter(({ j }) => !pairs.some(([, b]) => b === j));
    const extra = unmatched.filter(({ p }) => !optional.some((o) => sameDocument(o, p)));
    tp += pairs.length;
    goldCount += gold.length;
    predCount += pairs.length + extra.length;
    const wrong: string[] = [];
    for (const [i, j] of pairs) {
      const x = gold[i]!;
      const p = pred[j]!;
      const label = x.number ?? x.title ?? '?';
      if (x.type) {
        const ok = p.types.some((t) => norm(t) === norm(x.type));
        type.add(ok);
        if (!ok) wrong.push(`type of ${label}: ${JSON.stringify(p.types[0])} ≠ ${JSON.stringify(x.type)}`);
      }
      if (x.date) {
        const ok = p.dates.some((d) => d.slice(0, 10) === x.date);
        date.add(ok);
        if (!ok) wrong.push(`date of ${label}: ${JSON.stringify(p.dates[0] ?? null)} ≠ ${x.date}`);
      }
      if (x.issuer) {
        const ok = p.issuers.some((n) => titleLike(n, x.issuer ?? ''));
        issuerRatio.add(ok);
        if (!ok) wrong.push(`issuer of ${label}: ${JSON.stringify(p.issuers[0] ?? null)} ≠ ${JSON.stringify(x.issuer)}`);
      }
    }
    if (values.verbose) {
      const missed = gold.filter((_, i) => !pairs.some(([a]) => a === i)).map((x) => x.number ?? x.title);
      const neutral = unmatched.length - extra.length;
      console.log(`${g.doc}${name ? '' : ' (no file)'}: ${pairs.length}/${gold.length} matched, ${extra.length} extra${neutral ? `, ${neutral} optional` : ''}`);
      if (missed.length) console.log(`  missed: ${JSON.stringify(missed)}`);
      if (extra.length) console.log(`  extra:  ${JSON.stringify(extra.map(({ m }) => `${m.type}: ${m.number ?? m.title ?? '?'}`))}`);
      for (const w of wrong) console.log(`  ${w}`);
    }
  }
  const p = predCount ? tp / predCount : 0;
  const r = goldCount ? tp / goldCount : 0;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  const f3 = (x: number): string => x.toFixed(3);
  console.log(`legal documents  P ${f3(p)}  R ${f3(r)}  F1 ${f3(f)}  (tp ${tp} / gold ${goldCount} / pred ${predCount})`);
  console.log(`  type   ${f3(type.value)} (${type.ok}/${type.n})`);
  console.log(`  date   ${f3(date.value)} (${date.ok}/${date.n})`);
  console.log(`  issuer ${f3(issuerRatio.value)} (${issuerRatio.ok}/${issuerRatio.n})`);
  console.log(`  issues reported: ${issueCount}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
