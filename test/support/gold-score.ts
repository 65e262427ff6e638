/**
 * Scores extractions against gold annotations in the development-set format,
 * matching as the evaluation rules describe: names after NFC and lower-casing,
 * agencies by name or listed alias, documents by number (else by title), events
 * by date; one-to-one; optional items neither count for nor against.
 */
import type { Extraction } from '../../src/core/extraction.ts';

export interface GoldRecord {
  doc: string;
  officials?: { name: string; titles?: string[]; agency?: string | null }[];
  agencies?: string[];
  aliases?: Record<string, string[]>;
  legal_documents?: { type?: string; number?: string | null; title?: string; date?: string | null }[];
  events?: { date?: string | null; participants?: string[] }[];
  optional?: {
    officials?: { name: string }[];
    agencies?: { name: string; surface?: string[] }[];
    legal_documents?: { number?: string | null; title?: string; type?: string }[];
    events?: { date?: string | null; participants?: string[] }[];
  };
}

export class Tally {
  tp = 0;
  gold = 0;
  pred = 0;
  get precision(): number {
    return this.pred ? this.tp / this.pred : 0;
  }
  get recall(): number {
    return this.gold ? this.tp / this.gold : 0;
  }
  get f1(): number {
    const p = this.precision;
    const r = this.recall;
    return p + r ? (2 * p * r) / (p + r) : 0;
  }
}

/** Names compared as the evaluation compares them: NFC, lower case, spaces folded, surrounding punctuation trimmed. */
export const norm = (s: string | null | undefined) =>
  (s ?? '').normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').replace(/^[\s"'“”‘’.,;:()\-–—]+|[\s"'“”‘’.,;:()\-–—]+$/g, '').trim();
/** A document number without a leading "số" and without spaces. */
export const normNumber = (s: string) => norm(s).replace(/^số\s*/u, '').replace(/\s+/g, '');

/** Equal titles, or one containing the other and at least 60% of its length. */
export function titleLike(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.includes(short) && short.length >= 0.6 * long.length;
}

/** Greedy one-to-one matching in gold order: pairs of [gold index, prediction index]. */
export function matchOneToOne<G, P>(gold: G[], pred: P[], same: (g: G, p: P) => boolean): [number, number][] {
  const used = new Set<number>();
  const pairs: [number, number][] = [];
  gold.forEach((g, i) => {
    const j = pred.findIndex((p, k) => !used.has(k) && same(g, p));
    if (j >= 0) {
      used.add(j);
      pairs.push([i, j]);
    }
  });
  return pairs;
}

function tallyCategory<G, P, O>(t: Tally, gold: G[], pred: P[], optional: O[], same: (g: G | O, p: P) => boolean): void {
  const pairs = matchOneToOne(gold, pred, same);
  const unmatched = pred.filter((_, j) => !pairs.some(([, b]) => b === j));
  const falsePositives = unmatched.filter((p) => !optional.some((o) => same(o, p))).length;
  t.tp += pairs.length;
  t.gold += gold.length;
  t.pred += pairs.length + falsePositives;
}

export function scoreExtraction(g: GoldRecord, x: Extraction, tallies: Record<'officials' | 'agencies' | 'documents' | 'events', Tally>): void {
  const opt = g.optional ?? {};
  const persons = x.officials.map((o) => o.name);
  tallyCategory(tallies.officials, g.officials ?? [], persons, opt.officials ?? [], (o, p) => norm(o.name) === norm(p));

  const orgs = x.agencies.filter((a) => !a.implied).map((a) => [a.name, ...a.abbreviations, ...a.surfaces.filter((s) => s.includes(' '))]);
  const namesOf = (a: string | { name: string; surface?: string[] }) =>
    typeof a === 'string' ? [a, ...(g.aliases?.[a] ?? [])] : [a.name, ...(a.surface ?? [])];
  tallyCategory(tallies.agencies, g.agencies ?? [], orgs, opt.agencies ?? [], (a, names) => namesOf(a).some((n) => names.some((m) => norm(m) === norm(n))));

  const docs = x.documents.map((d) => ({ number: d.number, names: [d.title ?? ''].filter(Boolean) }));
  tallyCategory(tallies.documents, g.legal_documents ?? [], docs, opt.legal_documents ?? [], (gd, pd) =>
    gd.number ? pd.number !== undefined && normNumber(pd.number) === normNumber(gd.number) : pd.names.some((n) => titleLike(n, gd.title ?? '') || (gd.type ? titleLike(n, `${gd.type} ${gd.title ?? ''}`) : false)),
  );

  const events = x.events.map((e) => ({ date: e.date, participants: [...e.chairKeys, ...e.participantKeys].map((k) => x.officials.find((o) => o.key === k)?.name ?? '') }));
  tallyCategory(tallies.events, g.events ?? [], events, opt.events ?? [], (ge, pe) =>
    ge.date ? pe.date === ge.date : ge.participants?.length ? ge.participants.some((n) => pe.participants.some((m) => norm(m) === norm(n))) : pe.date === undefined,
  );
}
