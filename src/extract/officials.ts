/**
 * Officials: named persons with the titles they hold and the bodies those titles
 * belong to. Reads "Thứ trưởng Bộ Tư pháp Trần Tiến Dũng" (title chain, name),
 * "đồng chí Cù Thu Anh - Cục trưởng Cục Trợ giúp pháp lý" (name, apposed titles),
 * "các Phó Chủ tịch UBND tỉnh A, B" (a shared plural title), honorifics and degrees
 * dropped, "nguyên" and "Quyền" kept as former and acting.
 */
import type { Evidence, OfficialMention, RoleMention } from '../core/extraction.ts';
import { matchKey } from '../core/text.ts';
import type { AgencyFinder, AgencyHit, Field } from './agencies.ts';
import { gazetteer } from './gazetteer.ts';
import { ACTING_MARKER, FORMER_MARKERS, HONORIFICS, MAX_NAME_SYLLABLES, NOT_NAME_WORDS, SURNAMES } from './patterns/names.ts';
import { PLURAL_MARKERS, TITLE_VARIANTS, TITLES, type TitleEntry } from './patterns/titles.ts';
import { isWord, KeySet, PhraseTrie, type Token } from './tokens.ts';

interface Tables {
  titles: PhraseTrie<TitleEntry>;
  honorifics: PhraseTrie<true>;
  surnames: KeySet;
  notName: KeySet;
  former: KeySet;
  plural: KeySet;
}

let tables: Tables | undefined;

function compile(): Tables {
  const titles = new PhraseTrie<TitleEntry>();
  const byBase = new Map(TITLES.map((e) => [e.base, e]));
  for (const e of TITLES) titles.add(e.base, e);
  for (const [variant, base] of Object.entries(TITLE_VARIANTS)) titles.add(variant, byBase.get(base)!);
  const honorifics = new PhraseTrie<true>();
  for (const h of HONORIFICS) honorifics.add(h, true);
  return {
    titles,
    honorifics,
    surnames: new KeySet(SURNAMES.map(matchKey)),
    notName: new KeySet(NOT_NAME_WORDS.map(matchKey)),
    former: new KeySet(FORMER_MARKERS.map(matchKey)),
    plural: new KeySet(PLURAL_MARKERS.map(matchKey)),
  };
}

interface ParsedRole {
  entry: TitleEntry;
  title: string;
  former: boolean;
  acting: boolean;
  agency?: AgencyHit;
  start: number;
  end: number;
}

interface ParsedName {
  name: string;
  start: number;
  end: number;
}

/** A person as found at one place, before mentions of the same name are merged. */
interface Sighting {
  name: string;
  field: Field;
  nameAt: ParsedName;
  roles: ParsedRole[];
}

/**
 * Finds the officials in the fields, using (and adding to) the agencies `finder` found.
 *
 * @example extractOfficials(fields, finder).map((o) => [o.name, o.roles.map((r) => r.title)])
 *   // "Thứ trưởng Bộ Tư pháp Trần Tiến Dũng" → [['Trần Tiến Dũng', ['Thứ trưởng']]]
 */
export function extractOfficials(fields: Field[], finder: AgencyFinder): OfficialMention[] {
  tables ??= compile();
  const T = tables;
  const sightings: Sighting[] = [];
  const honorificOnly: Sighting[] = [];

  for (const f of fields) {
    const t = f.tokens;
    for (let i = 0; i < t.length; i++) {
      // "các Phó Chủ tịch UBND tỉnh A, B và C": one title shared by a list of names
      if (T.plural.holds(t[i]!)) {
        let j = i + 1;
        j = skipHonorifics(t, j, T);
        const chain = parseChain(f, j, finder, T);
        if (chain) {
          let k = chain.end;
          if (t[k]?.text === ':') k++;
          const names: ParsedName[] = [];
          let last = k;
          for (;;) {
            k = skipHonorifics(t, k, T);
            const n = parseName(t, k, T, false);
            if (!n) break;
            // "… và bà X, Giám đốc Trung tâm …": a name with its own title ends the list and keeps that title.
            const own = apposedRoles(f, n.end, finder, T);
            if (own.roles.length > 0) {
              sightings.push({ name: n.name, field: f, nameAt: n, roles: own.roles });
              last = own.end;
              break;
            }
            names.push(n);
            k = last = n.end;
            if (t[k]?.text === ',' || isWord(t[k], 'và')) k++;
            else break;
          }
          if (names.length > 0 || last > chain.end + 1) {
            for (const n of names) sightings.push({ name: n.name, field: f, nameAt: n, roles: chain.roles });
            i = last - 1;
            continue;
          }
        }
      }
      const start = skipHonorifics(t, i, T);
      const hadHonorific = start > i;
      // Title chain, then the name: "Thứ trưởng Bộ Tư pháp Trần Tiến Dũng"
      const chain = parseChain(f, start, finder, T);
      if (chain) {
        const k = skipHonorifics(t, chain.end, T);
        const n = parseName(t, k, T, false);
        if (n) {
          const s: Sighting = { name: n.name, field: f, nameAt: n, roles: [...chain.roles] };
          const after = apposedRoles(f, n.end, finder, T);
          s.roles.push(...after.roles);
          sightings.push(s);
          i = after.end - 1;
          continue;
        }
        i = chain.end - 1;
        continue;
      }
      // The name, then apposed titles: "đồng chí Cù Thu Anh - Cục trưởng Cục Trợ giúp pháp lý"
      const n = parseName(t, start, T, !hadHonorific);
      if (n) {
        const after = apposedRoles(f, n.end, finder, T);
        const s: Sighting = { name: n.name, field: f, nameAt: n, roles: after.roles };
        if (after.roles.length > 0) sightings.push(s);
        else if (hadHonorific) honorificOnly.push(s);
        i = after.end - 1;
      }
    }
  }
  return mergeSightings(sightings, honorificOnly, finder);
}

/** Skips honorifics and degrees ("đồng chí", "ông", "TS.", "PGS.TS."). */
function skipHonorifics(t: Token[], i: number, T: Tables): number {
  let j = i;
  for (let guard = 0; guard < 4; guard++) {
    const h = T.honorifics.longest(t, j);
    if (!h) break;
    j = h.end;
  }
  return j;
}

/** One title with its body: "nguyên Bộ trưởng Bộ Tư pháp", "Quyền Cục trưởng", "Phó Chủ tịch UBND tỉnh". */
function parseRole(f: Field, i: number, finder: AgencyFinder, T: Tables): ParsedRole | undefined {
  const t = f.tokens;
  let j = i;
  let former = false;
  let acting = false;
  if (t[j] && T.former.holds(t[j]!)) {
    former = true;
    j++;
  }
  if (t[j]?.text === ACTING_MARKER && t[j + 1]?.capitalised) {
    acting = true;
    j++;
  }
  if (!t[j]?.capitalised) return undefined;
  const title = T.titles.longest(t, j);
  if (!title) return undefined;
  const entry = title.value;
  const role: ParsedRole = {
    entry,
    title: acting && !entry.base.startsWith(ACTING_MARKER) ? `${ACTING_MARKER} ${entry.base}` : entry.base,
    former,
    acting: acting || entry.base.startsWith(ACTING_MARKER),
    start: i,
    end: title.end,
  };
  if (entry.rank) return role;
  const at = title.end;
  const next = t[at];
  if (!next?.word) return role;
  const gaz = gazetteer();
  let hit: AgencyHit | undefined;
  if (entry.head === 'Bộ' && next.capitalised && gaz.fields.longest(t, at) && !gaz.heads.longest(t, at)) {
    hit = finder.addHeaded(f, at, 'Bộ'); // "Bộ trưởng Tư pháp"
  } else if (entry.carriesHead && next.capitalised && !gaz.heads.longest(t, at)) {
    hit = finder.addHeaded(f, at, entry.carriesHead); // "Trưởng ban Tổ chức hội thảo"
  }
  hit ??= startsName(t, at, T) ? undefined : finder.addAt(f, at);
  // "Phó Giám đốc Sở Lê Văn Tâm": a bare head between the title and a name refers back.
  if (!hit && startsName(t, at + 1, T)) hit = finder.backReferenceAt(f, at);
  if (hit) {
    role.agency = hit;
    role.end = hit.end;
  }
  return role;
}

/** Titles joined by commas or "kiêm": "Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh, Trưởng ban …". */
function parseChain(f: Field, i: number, finder: AgencyFinder, T: Tables): { roles: ParsedRole[]; end: number } | undefined {
  const t = f.tokens;
  const first = parseRole(f, i, finder, T);
  if (!first) return undefined;
  const roles = [first];
  let end = first.end;
  for (let guard = 0; guard < 6; guard++) {
    const sep = t[end];
    if (!sep || !(sep.text === ',' || isWord(sep, 'kiêm') || isWord(sep, 'và'))) break;
    const next = parseRole(f, end + 1, finder, T);
    if (!next) break;
    roles.push(next);
    end = next.end;
  }
  return { roles, end };
}

/** Titles after a name, set off by a comma, a dash or a bracket: "Lại Văn Hoàn, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh". */
function apposedRoles(f: Field, i: number, finder: AgencyFinder, T: Tables): { roles: ParsedRole[]; end: number } {
  const t = f.tokens;
  const sep = t[i];
  if (!sep || !(sep.text === ',' || sep.dash || sep.text === '(')) return { roles: [], end: i };
  const chain = parseChain(f, i + 1, finder, T);
  if (!chain) return { roles: [], end: i };
  // A title chain followed by another name belongs to that next person ("A, Cục trưởng B").
  if (parseName(t, skipHonorifics(t, chain.end, T), T, false)) return { roles: [], end: i };
  const end = t[chain.end]?.text === ')' && sep.text === '(' ? chain.end + 1 : chain.end;
  return { roles: chain.roles, end };
}

/** Two to five capitalised syllables that read as a personal name. */
function parseName(t: Token[], i: number, T: Tables, requireSurname: boolean): ParsedName | undefined {
  // Most tokens cannot start a name: nothing to read.
  if (!t[i]?.word || !t[i]!.capitalised) return undefined;
  const parts: Token[] = [];
  let k = i;
  const gaz = gazetteer();
  while (k < t.length && parts.length < MAX_NAME_SYLLABLES) {
    const tok = t[k]!;
    if (!tok.word || !tok.capitalised || (tok.allCaps && tok.text.length > 1) || /\d/.test(tok.text)) break;
    if (parts.length === 0 && T.notName.holds(tok)) return undefined;
    if (parts.length > 0 && (T.titles.longest(t, k) || gaz.heads.longest(t, k))) break;
    parts.push(tok);
    k++;
  }
  if (parts.length < 2) return undefined;
  if (requireSurname && !T.surnames.holds(parts[0]!)) return undefined;
  if (gaz.agencies.longest(t, i) || gaz.provinces.longest(t, i)?.end === k) return undefined;
  // "Đoàn Luật sư", "Đoàn Thanh niên": a head of several words that starts with a family name is an agency.
  const head = gaz.heads.longest(t, i);
  if (head && head.end > i + 1) return undefined;
  return { name: parts.map((p) => p.text).join(' '), start: i, end: k };
}

function startsName(t: Token[], i: number, T: Tables): boolean {
  const a = t[i];
  const b = t[i + 1];
  if (!(a && b && a.capitalised && b.capitalised && b.word && !a.allCaps && !b.allCaps && T.surnames.holds(a))) return false;
  const gaz = gazetteer();
  const head = gaz.heads.longest(t, i);
  return !gaz.agencies.longest(t, i) && !(head && head.end > i + 1);
}

/** One official per name: roles gathered from every sighting, bare titles given the body the context names. */
function mergeSightings(sightings: Sighting[], honorificOnly: Sighting[], finder: AgencyFinder): OfficialMention[] {
  const byName = new Map<string, OfficialMention>();
  const out: OfficialMention[] = [];
  const evidence = (s: Sighting, rule: string): Evidence => ({
    span: { field: s.field.field, start: s.field.tokens[s.nameAt.start]!.start, end: s.field.tokens[s.nameAt.end - 1]!.end },
    rule,
    confidence: 0.9,
  });
  const bare: { o: OfficialMention; role: RoleMention; r: ParsedRole; s: Sighting }[] = [];
  for (const s of sightings) {
    let o = byName.get(s.name);
    if (!o) {
      o = { key: `p${out.length + 1}`, name: s.name, roles: [], evidence: [] };
      byName.set(s.name, o);
      out.push(o);
    }
    o.evidence.push(evidence(s, 'official.name'));
    for (const r of s.roles) {
      const t = s.field.tokens;
      const role: RoleMention = {
        title: r.title,
        former: r.former,
        acting: r.acting,
        evidence: { span: { field: s.field.field, start: t[r.start]!.start, end: t[r.end - 1]!.end }, rule: r.agency ? 'official.title-with-agency' : 'official.title', confidence: r.agency ? 0.9 : 0.8 },
      };
      if (r.agency) role.agencyKey = r.agency.key;
      else bare.push({ o, role, r, s });
      o.roles.push(role);
    }
  }
  // A bare title takes the body the same person's same title is given elsewhere in the text; else the context's.
  const namedBody = new Map<string, string>(); // official key + title → a body the text names for it
  for (const o of out) for (const x of o.roles) if (x.agencyKey && !namedBody.has(`${o.key}\u0000${x.title}`)) namedBody.set(`${o.key}\u0000${x.title}`, x.agencyKey);
  for (const { o, role, r, s } of bare) {
    const namedKey = namedBody.get(`${o.key}\u0000${role.title}`);
    const named = namedKey ? { agencyKey: namedKey } : undefined;
    const agencyKey = named?.agencyKey ?? contextAgency(r, s, finder);
    if (agencyKey) {
      role.agencyKey = agencyKey;
      if (!named) role.evidence = { ...role.evidence, rule: 'official.title-context-agency', confidence: 0.6 };
    }
  }
  // "ông Khôi" after "ông Nguyễn Văn Khôi": the same person, if the short form is unambiguous.
  for (const s of honorificOnly) {
    const o = byName.get(s.name);
    if (o) o.evidence.push(evidence(s, 'official.name-again'));
  }
  for (const o of out) o.roles = dedupeRoles(o.roles);
  return out;
}

/** The body of a bare title: the nearest body with the title's head before it (or after it), or the body it implies. */
function contextAgency(r: ParsedRole, s: Sighting, finder: AgencyFinder): string | undefined {
  if (r.entry.implied) return finder.implied(r.entry.implied)?.key;
  const head = r.entry.head;
  if (!head) return undefined;
  const candidates = finder.list().filter((a) => a.name.startsWith(`${head} `) && a.kind !== 'foreign' && !a.implied);
  if (candidates.length === 0) return undefined;
  const position = s.field.tokens[r.start]!.start;
  const sameField = (a: (typeof candidates)[number]) => a.evidence.filter((e) => e.span.field === s.field.field).map((e) => e.span.start);
  const before = candidates
    .map((a) => ({ a, at: Math.max(-1, ...sameField(a).filter((p) => p < position)) }))
    .filter((x) => x.at >= 0)
    .sort((x, y) => y.at - x.at)[0];
  if (before) return before.a.key;
  // Nothing with that head before the title: the nearest one after it.
  const after = candidates
    .map((a) => ({ a, at: Math.min(Number.POSITIVE_INFINITY, ...sameField(a).filter((p) => p > position)) }))
    .filter((x) => Number.isFinite(x.at))
    .sort((x, y) => x.at - y.at)[0];
  return (after?.a ?? candidates[0]!).key;
}

/** One role per title and body; a title without a body is dropped when the same title with a body is known. */
function dedupeRoles(roles: RoleMention[]): RoleMention[] {
  const out: RoleMention[] = [];
  const index = new Map<string, number>();
  for (const r of roles) {
    const key = `${r.title}\u0000${r.agencyKey ?? ''}\u0000${r.former}`;
    const same = index.get(key);
    // Of two mentions of one office, the one that names the body itself is the better evidence.
    if (same !== undefined) {
      if (r.evidence.confidence > out[same]!.evidence.confidence) out[same] = r;
      continue;
    }
    index.set(key, out.length);
    out.push(r);
  }
  const titledWithBody = new Set(out.filter((r) => r.agencyKey).map((r) => r.title));
  return out.filter((r) => r.agencyKey || !titledWithBody.has(r.title));
}
