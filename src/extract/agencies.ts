/**
 * Agencies named in an announcement: bodies of the gazetteer by name, alias or
 * abbreviation; other bodies by the shape of their names (a head such as "Sở",
 * "Ủy ban nhân dân", "Cục", then a field, a locality or a proper name); short
 * back-references ("Cục", "Sở") resolved to the body named last; abbreviations
 * the text defines ("Trợ giúp pháp lý (TGPL)") expanded.
 */
import type { AgencyKind, AgencyMention, Evidence } from '../core/extraction.ts';
import type { AgencyRow, ProvinceRow } from '../core/reference.ts';
import { matchKey, normaliseLine } from '../core/text.ts';
import type { Span } from '../core/types.ts';
import { gazetteer, type Gazetteer } from './gazetteer.ts';
import { ABBREVIATED_PLACE, BACK_REFERENCE_TAIL, COMPLETE_NAME_END, COUNT_UNITS, COMPOUND_BODY, MAX_NAME_WORDS, PARENT_BODY, PLURAL_AFTER, PLURAL_BEFORE, PROVINCE_SUFFIX } from './patterns/agencies.ts';
import { SURNAMES } from './patterns/names.ts';
import { isWord, KeySet, keyOf, tokenize, type Token } from './tokens.ts';

/** A text field with its tokens. */
export interface Field {
  field: Span['field'];
  text: string;
  tokens: Token[];
}

/** One place an agency is named: the token range in a field, and which agency. */
export interface AgencyHit {
  key: string;
  field: Span['field'];
  /** Token indexes, end exclusive. */
  start: number;
  end: number;
  backReference: boolean;
}

interface Candidate {
  name: string;
  end: number;
  kind: AgencyKind;
  rule: string;
  confidence: number;
  row?: AgencyRow;
  province?: ProvinceRow;
  abbreviation: boolean;
  /** The name lacks a locality it needs ("Ủy ban nhân dân tỉnh"); the article's province may complete it. */
  bareLocality?: string;
  head?: string;
}

const SURNAME_KEYS = new KeySet(SURNAMES.map(matchKey));

export interface AgencyResult {
  agencies: AgencyMention[];
  hits: AgencyHit[];
  /** Abbreviations the text defines: "TGPL" → "Trợ giúp pháp lý". */
  definitions: Map<string, string>;
}

/**
 * Finds the agencies of an announcement's fields (title first, then body). The
 * officials extractor may ask for more at a given place (`addAt`), for bodies
 * written in lower case after a title ("Thủ tướng chính phủ", "Phó Bí thư tỉnh ủy Hòa Bình").
 *
 * @example
 *   const finder = new AgencyFinder(fields, '2024-03-26');
 *   finder.scan();
 *   finder.result().agencies.map((a) => a.name)
 *   // "Thứ trưởng Bộ Tư pháp … Cục Trợ giúp pháp lý (TGPL) … Cục" → ['Bộ Tư pháp', 'Cục Trợ giúp pháp lý']
 */
export class AgencyFinder {
  private readonly gaz = gazetteer();
  readonly definitions: Map<string, string>;
  private readonly province: ArticleProvince | undefined;
  private readonly agencies: AgencyMention[] = [];
  private readonly byName = new Map<string, AgencyMention>();
  private readonly hits: AgencyHit[] = [];
  /** Hits by field and first token, for `addAt`. */
  private readonly hitAt = new Map<string, AgencyHit>();

  constructor(
    readonly fields: Field[],
    private readonly published: string,
  ) {
    this.definitions = findDefinitions(fields);
    this.province = articleProvince(fields, this.gaz, published);
  }

  /** Reads every field from start to end. */
  scan(): void {
    const gaz = this.gaz;
    for (const f of this.fields) {
      const t = f.tokens;
      for (let i = 0; i < t.length; i++) {
        const tok = t[i]!;
        if (!tok.word || !tok.capitalised) continue;
        if (i > 0 && t[i - 1]!.end === tok.start && /^[/\-–]$/.test(t[i - 1]!.text)) continue; // inside a document number: "NQ/TW"
        const c = bestCandidate(t, i, gaz, this.definitions, this.published);
        if (c && isGeneric(t, i, c.end)) {
          i = c.end - 1; // "các Sở Tư pháp", "Phòng Tư pháp các huyện": many bodies, none named
          continue;
        }
        if (c) {
          const a = this.record(f, i, c);
          this.linkParent(f, c.end, a);
          i = c.end - 1;
          continue;
        }
        const back = backReference(t, i, gaz);
        if (back) {
          const target = [...this.agencies].reverse().find((a) => a.name.startsWith(`${back.head} `) && a.kind !== 'foreign');
          if (target) {
            const span: Span = { field: f.field, start: tok.start, end: t[back.end - 1]!.end };
            const surface = f.text.slice(span.start, span.end);
            if (!target.surfaces.includes(surface)) target.surfaces.push(surface);
            target.evidence.push({ span, rule: 'agency.back-reference', confidence: 0.7 });
            this.addHit({ key: target.key, field: f.field, start: i, end: back.end, backReference: true });
          }
          i = back.end - 1;
        }
      }
    }
  }

  /** The agency named at token `i` of field `f`: one found by the scan, or one read there now whatever its case. */
  addAt(f: Field, i: number): AgencyHit | undefined {
    const found = this.hitAt.get(`${f.field}:${i}`);
    if (found) return found;
    if (!f.tokens[i]?.word) return undefined;
    const c = bestCandidate(f.tokens, i, this.gaz, this.definitions, this.published);
    if (!c) return undefined;
    this.record(f, i, c);
    return this.hits[this.hits.length - 1];
  }

  /**
   * A body whose head the title has already said: "Trưởng ban | Tổ chức hội thảo" → "Ban Tổ chức hội thảo".
   * The span recorded is the name part only.
   */
  addHeaded(f: Field, i: number, head: string): AgencyHit | undefined {
    const t = f.tokens;
    if (!t[i]?.capitalised || this.gaz.heads.longest(t, i) || this.gaz.agencies.longest(t, i)) return undefined;
    const words = properName(t, i, this.gaz, this.definitions);
    if (!words) return undefined;
    const inner = compoundName(t, words.end, this.gaz, this.definitions, this.published);
    const name = inner ? `${head} ${words.text} ${inner.name}` : `${head} ${words.text}`;
    this.record(f, i, { name, end: inner ? inner.end : words.end, kind: 'state', rule: 'agency.title-head', confidence: 0.7, abbreviation: false, head });
    return this.hits[this.hits.length - 1];
  }

  /** A bare head ("Sở", "Cục") right before a name, as in "các Phó Giám đốc Sở Lê Văn Tâm": the body named last with that head. */
  backReferenceAt(f: Field, i: number): AgencyHit | undefined {
    const head = this.gaz.heads.longest(f.tokens, i);
    if (!head?.value.backReference) return undefined;
    const target = [...this.agencies].reverse().find((a) => a.name.startsWith(`${head.value.full} `) && !a.implied && a.kind !== 'foreign');
    if (!target) return undefined;
    const span: Span = { field: f.field, start: f.tokens[i]!.start, end: f.tokens[head.end - 1]!.end };
    target.evidence.push({ span, rule: 'agency.back-reference', confidence: 0.7 });
    const hit: AgencyHit = { key: target.key, field: f.field, start: i, end: head.end, backReference: true };
    this.addHit(hit);
    return hit;
  }

  /** A body the text implies without naming it ("Thủ tướng" → Chính phủ): kept out of the announcement's mentions. */
  implied(referenceId: string): AgencyMention | undefined {
    const row = this.gaz.agencyById.get(referenceId);
    if (!row) return undefined;
    const existing = this.byName.get(keyOf(row.name));
    if (existing) return existing;
    const a: AgencyMention = { key: `a${this.agencies.length + 1}`, name: row.name, abbreviations: [], surfaces: [], kind: kindOf(row.kind), evidence: [], referenceId: row.id, implied: true };
    this.agencies.push(a);
    this.byName.set(keyOf(row.name), a);
    return a;
  }

  /**
   * A body named as a document's issuer ("của Ủy ban nhân dân tỉnh", "của Ban Bí thư"), found by
   * reading the issuer text as an agency name; its evidence is the document's.
   */
  issuer(name: string, evidence: Evidence[]): AgencyMention | undefined {
    const t = tokensOf(name);
    const c = t[0]?.capitalised ? bestCandidate(t, 0, this.gaz, this.definitions, this.published) : undefined;
    if (!c || c.end !== t.length) return undefined;
    const existing = this.byName.get(keyOf(c.name));
    if (existing) return existing;
    const a: AgencyMention = { key: `a${this.agencies.length + 1}`, name: c.name, abbreviations: [], surfaces: [name], kind: c.kind, evidence: [...evidence] };
    if (c.row) a.referenceId = c.row.id;
    this.agencies.push(a);
    this.byName.set(keyOf(c.name), a);
    return a;
  }

  /** The agencies found so far, in order of first mention. */
  list(): readonly AgencyMention[] {
    return this.agencies;
  }

  /** Agencies with back-references resolved and localised names merged; `keyOf` maps a key handed out earlier to its final key. */
  result(): AgencyResult & { keyOf: (key: string) => string } {
    const merged = mergeLocalised(this.agencies, this.hits);
    return { ...merged, definitions: this.definitions, keyOf: (k) => merged.into.get(k)?.key ?? k };
  }

  private addHit(hit: AgencyHit): void {
    this.hits.push(hit);
    if (!this.hitAt.has(`${hit.field}:${hit.start}`)) this.hitAt.set(`${hit.field}:${hit.start}`, hit);
  }

  private record(f: Field, start: number, c: Candidate): AgencyMention {
    let name = c.name;
    // "Văn phòng Bộ", "Đảng ủy Bộ": the unit of the body named last with that head.
    const tail = BACK_REFERENCE_TAIL.exec(name);
    if (tail) {
      const target = [...this.agencies].reverse().find((a) => a.name.startsWith(`${tail[1]} `) && !a.implied && a.kind !== 'foreign');
      if (target) name = `${name.slice(0, tail.index)} ${target.name}`;
    }
    let prov = c.province;
    const province = this.province;
    if (c.bareLocality && province && (c.bareLocality === 'tỉnh' || c.bareLocality === 'thành phố')) {
      name = `${c.name.slice(0, c.name.length - c.bareLocality.length).trimEnd()} ${province.label}`;
      prov = province.row;
    } else if (c.rule === 'agency.head-alone' && province) {
      name = `${c.name} ${province.label.replace(/^(?:tỉnh|thành phố) /u, '')}`;
      prov = province.row;
    } else if (c.head === 'Sở' && !c.bareLocality && !c.province && province) {
      name = `${c.name} ${province.label}`;
      prov = province.row;
    }
    const key = keyOf(name);
    let a = this.byName.get(key);
    if (a?.implied) delete a.implied;
    if (!a) {
      a = { key: `a${this.agencies.length + 1}`, name, abbreviations: [], surfaces: [], kind: c.kind, evidence: [] };
      if (c.row) a.referenceId = c.row.id;
      if (prov) a.provinceCode = prov.gsoCode;
      this.agencies.push(a);
      this.byName.set(key, a);
    }
    const span: Span = { field: f.field, start: f.tokens[start]!.start, end: f.tokens[c.end - 1]!.end };
    const surface = f.text.slice(span.start, span.end);
    if (!a.surfaces.includes(surface)) a.surfaces.push(surface);
    if (c.abbreviation && !a.abbreviations.includes(surface)) a.abbreviations.push(surface);
    a.evidence.push({ span, rule: c.rule, confidence: c.confidence });
    this.addHit({ key: a.key, field: f.field, start, end: c.end, backReference: false });
    return a;
  }

  /** After an agency: "– Bộ Tư pháp", "(Bộ Tài chính)", "thuộc Bộ Tư pháp" name its parent. */
  private linkParent(f: Field, end: number, child: AgencyMention): void {
    const t = f.tokens;
    const sep = t[end];
    if (!sep) return;
    const joined = sep.dash || sep.text === '(' || isWord(sep, 'thuộc') || (isWord(sep, 'trực') && isWord(t[end + 1], 'thuộc'));
    if (!joined) return;
    const at = isWord(sep, 'trực') ? end + 2 : end + 1;
    const c = t[at]?.capitalised ? bestCandidate(t, at, this.gaz, this.definitions, this.published) : undefined;
    if (!c || c.kind === 'foreign' || !PARENT_BODY.test(c.name) || keyOf(c.name) === keyOf(child.name)) return;
    const parent = this.record(f, at, c);
    if (parent === child) return;
    child.parentKey = parent.key;
    // A unit outside the gazetteer is named with the parent written beside it ("Vụ Pháp chế - Bộ Tài chính"):
    // same-named units of different bodies stay apart.
    if (!child.referenceId && !child.provinceCode && !child.name.includes(` - ${parent.name}`)) {
      const full = `${child.name} - ${parent.name}`;
      if (!child.surfaces.includes(child.name)) child.surfaces.push(child.name);
      this.byName.delete(keyOf(child.name));
      child.name = full;
      this.byName.set(keyOf(full), child);
    }
  }
}

/**
 * "Trung tâm Trợ giúp pháp lý nhà nước số 1" and, later, "… số 1 tỉnh Thái Nguyên" are one body:
 * a name that another name extends with a province is merged into the longer one.
 */
function mergeLocalised(agencies: AgencyMention[], hits: AgencyHit[]): { agencies: AgencyMention[]; hits: AgencyHit[]; into: Map<string, AgencyMention> } {
  const into = new Map<string, AgencyMention>();
  for (const a of agencies) {
    if (a.provinceCode) continue;
    const longer = agencies.find((b) => b !== a && b.provinceCode && b.name.startsWith(`${a.name} `) && PROVINCE_SUFFIX.test(b.name.slice(a.name.length + 1)));
    if (!longer) continue;
    into.set(a.key, longer);
    longer.surfaces.push(...a.surfaces.filter((x) => !longer.surfaces.includes(x)));
    longer.abbreviations.push(...a.abbreviations.filter((x) => !longer.abbreviations.includes(x)));
    longer.evidence.push(...a.evidence);
  }
  if (into.size === 0) return { agencies, hits, into };
  const kept = agencies.filter((a) => !into.has(a.key));
  for (const a of kept) if (a.parentKey && into.has(a.parentKey)) a.parentKey = into.get(a.parentKey)!.key;
  return { agencies: kept, hits: hits.map((h) => (into.has(h.key) ? { ...h, key: into.get(h.key)!.key } : h)), into };
}

/** The longest reading of an agency name starting at token i, by gazetteer or by shape. */
function bestCandidate(t: Token[], i: number, gaz: Gazetteer, definitions: Map<string, string>, published: string): Candidate | undefined {
  const known = gaz.agencies.longest(t, i, (_v, end) => wholeWordsEnd(t, end));
  let fromKnown: Candidate | undefined;
  if (known) {
    const row = validRow(known.value.rows, published);
    // A former name listed as an alias ("Vụ Phổ biến, giáo dục pháp luật" of today's "Cục …") is kept as the text gives it.
    const formerName = !known.value.abbreviation && t[i]!.key !== tokensOf(row.name)[0]!.key;
    const name = formerName ? normaliseLine(t.slice(i, known.end).map((x, k) => (k > 0 && x.start > t[i + k - 1]!.end ? ' ' : '') + x.text).join('')) : row.name;
    fromKnown = { name, end: known.end, kind: kindOf(row.kind), rule: known.value.abbreviation ? 'agency.gazetteer-abbreviation' : 'agency.gazetteer', confidence: 0.95, row, abbreviation: known.value.abbreviation };
    const country = t[known.end] ? gaz.countries.longest(t, known.end) : undefined;
    if (country && t[known.end]!.capitalised) {
      fromKnown = { name: `${row.name} ${country.value}`, end: country.end, kind: 'foreign', rule: 'agency.foreign', confidence: 0.85, abbreviation: false };
    }
  }
  const defined = definitions.get(t[i]!.text);
  if (!fromKnown && defined && t[i]!.allCaps) {
    const inner = gaz.agencies.longest(tokensOf(defined), 0);
    if (inner) {
      const row = validRow(inner.value.rows, published);
      fromKnown = { name: row.name, end: i + 1, kind: kindOf(row.kind), rule: 'agency.defined-abbreviation', confidence: 0.9, row, abbreviation: true };
    }
  }
  const shaped = byShape(t, i, gaz, definitions, published);
  if (!fromKnown) return shaped;
  // A known name wins unless the shape adds a locality or a country to it ("Hội Luật gia tỉnh …"),
  // or continues it with "và" and a capitalised part ("Cục PBGDPL và Trợ giúp pháp lý").
  if (shaped && shaped.end > fromKnown.end) {
    if (/locality|foreign|compound/.test(shaped.rule)) return shaped;
    if (isWord(t[fromKnown.end], 'và') && t[fromKnown.end + 1]?.capitalised && !COMPLETE_NAME_END.test(fromKnown.name)) return shaped;
  }
  return fromKnown;
}

function byShape(t: Token[], i: number, gaz: Gazetteer, definitions: Map<string, string>, published: string): Candidate | undefined {
  const head = gaz.heads.longest(t, i);
  if (!head) return undefined;
  const h = head.value;
  const abbreviation = t[i]!.allCaps;
  // "HỘI NGHỊ", "NGÀY HỘI": a heading in capitals, not an abbreviation of a head.
  if (abbreviation && keyOf(t[i]!.text) === keyOf(h.full.split(' ')[0]!)) return undefined;
  let end = head.end;
  let name = h.full;
  let kind = h.kind;
  const field = h.rule === 'field' && t[end]?.capitalised ? gaz.fields.longest(t, end) : undefined;
  if (h.rule === 'field' && (field || !h.orName)) {
    if (!field) return undefined;
    name = `${h.full} ${field.value}`;
    end = field.end;
    const loc = locality(t, end, gaz, published);
    if (loc && h.full !== 'Bộ') return { name: `${name} ${loc.label}`, end: loc.end, kind, rule: 'agency.head-field-locality', confidence: 0.9, province: loc.province, abbreviation, ...(loc.bare ? { bareLocality: loc.bare } : {}), head: h.full };
    const country = t[end]?.capitalised ? gaz.countries.longest(t, end) : undefined;
    if (country) return { name: `${name} ${country.value}`, end: country.end, kind: 'foreign', rule: 'agency.foreign', confidence: 0.85, abbreviation };
    return { name, end, kind, rule: 'agency.head-field', confidence: 0.85, abbreviation, head: h.full };
  }
  if (h.rule === 'locality') {
    const supreme = gaz.supremeSuffixes.longest(t, end);
    if (supreme && (kind === 'court' || kind === 'procuracy')) {
      return { name: `${h.full} ${supreme.value}`, end: supreme.end, kind, rule: 'agency.head-supreme', confidence: 0.95, abbreviation };
    }
    const loc = locality(t, end, gaz, published);
    if (loc) return { name: `${h.full} ${loc.label}`, end: loc.end, kind, rule: 'agency.head-locality', confidence: 0.9, province: loc.province, abbreviation, ...(loc.bare ? { bareLocality: loc.bare } : {}), head: h.full };
    // "Tỉnh ủy" alone is the article's provincial Party committee; "Tỉnh ủy viên" is a title.
    if (/ủy$/u.test(h.full) && !isWord(t[end], 'viên')) return { name: h.full, end, kind, rule: 'agency.head-alone', confidence: 0.6, abbreviation, head: h.full };
    return undefined;
  }
  // A unit named after its body: "Ban Pháp chế HĐND tỉnh", "Thanh tra Bộ Tư pháp", "Văn phòng UBND tỉnh".
  const compound = gaz.compoundHeads.has(h.full) ? compoundName(t, end, gaz, definitions, published) : undefined;
  if (compound) return { name: `${h.full} ${compound.name}`, end: compound.end, kind: compound.kind === 'party' ? 'party' : kind, rule: 'agency.compound', confidence: 0.85, abbreviation, head: h.full };
  // A proper name follows the head.
  const words = properName(t, end, gaz, definitions);
  if (!words) {
    // "Ban cán sự đảng", "Ban Thường vụ" alone: a body of the organisation the context names.
    if (gaz.compoundHeads.has(h.full) && h.full.split(' ').length >= 3) return { name: h.full, end, kind, rule: 'agency.head-alone', confidence: 0.5, abbreviation, head: h.full };
    return undefined;
  }
  if (gaz.compoundHeads.has(h.full)) {
    const inner = compoundName(t, words.end, gaz, definitions, published);
    if (inner) return { name: `${h.full} ${words.text} ${inner.name}`, end: inner.end, kind, rule: 'agency.compound', confidence: 0.85, abbreviation, head: h.full };
  }
  name = `${h.full} ${words.text}`;
  end = words.end;
  const loc = locality(t, end, gaz, published);
  if (loc) return { name: `${name} ${loc.label}`, end: loc.end, kind, rule: 'agency.head-name-locality', confidence: 0.8, province: loc.province, abbreviation, ...(loc.bare ? { bareLocality: loc.bare } : {}), head: h.full };
  const country = t[end]?.capitalised ? gaz.countries.longest(t, end) : undefined;
  if (country) return { name: `${name} ${country.value}`, end: country.end, kind: 'foreign', rule: 'agency.foreign', confidence: 0.8, abbreviation };
  return { name, end, kind, rule: 'agency.head-name', confidence: 0.7, abbreviation, head: h.full };
}

/** The body a unit is named after, when one starts right here: a ministry, a people's committee or council, a Party committee. */
function compoundName(t: Token[], i: number, gaz: Gazetteer, definitions: Map<string, string>, published: string): Candidate | undefined {
  if (!t[i]?.capitalised) return undefined;
  const c = bestCandidate(t, i, gaz, definitions, published);
  if (!c || !COMPOUND_BODY.test(c.name)) return undefined;
  return c;
}

/**
 * The proper-name part after a head: a capitalised first word, then words up to a
 * stop word, punctuation, a title or a person's name. Abbreviations are expanded.
 */
function properName(t: Token[], i: number, gaz: Gazetteer, definitions: Map<string, string>): { text: string; end: number } | undefined {
  const first = t[i];
  if (!first?.word || !first.capitalised) return undefined;
  // A capitalised first word is part of the name even when it could be a verb elsewhere ("Vụ Tổ chức cán bộ").
  if (gaz.stopWords.longest(t, i) && !first.capitalised) return undefined;
  if (startsPersonName(t, i)) return undefined;
  const parts: string[] = [];
  let j = i;
  while (j < t.length && parts.length < MAX_NAME_WORDS) {
    const tok = t[j]!;
    if (tok.text === '&' && t[j + 1]?.capitalised && parts.length > 0) {
      parts.push('và'); // "Cục PBGDPL & TGPL"
      j++;
      continue;
    }
    if (!tok.word) {
      // "Lao động - Thương binh": a dash between capitalised parts stays inside the name
      if (tok.dash && t[j + 1]?.capitalised && !gaz.heads.longest(t, j + 1) && !gaz.agencies.longest(t, j + 1) && parts.length > 0) {
        parts.push('-');
        j++;
        continue;
      }
      break;
    }
    const inner = j > i ? gaz.innerPhrases.longest(t, j) : undefined;
    if (inner) {
      for (let k = j; k < inner.end; k++) parts.push(t[k]!.text);
      j = inner.end;
      continue;
    }
    if (j > i) {
      if (isWord(tok, 'và')) {
        if (!t[j + 1]?.capitalised) break;
      } else if (gaz.stopWords.longest(t, j) || (!tok.capitalised && gaz.localityWords.longest(t, j))) break;
      // A lower-case word continues a name only if agency names use it ("pháp lý", "nhà nước"), never a verb ("kịp đưa vào").
      if (!tok.capitalised && !tok.allCaps && !/\d/.test(tok.text) && !gaz.nameWords.has(tok.key)) {
        // Stopping inside a two-syllable word ("hội | thảo") leaves half a word: drop it too.
        if (parts.length > 1 && !t[j - 1]!.capitalised && gaz.nameBigrams.has(`${t[j - 1]!.key} ${tok.key}`)) {
          parts.pop();
          j--;
        }
        break;
      }
      // A number belongs to a name ("Vụ Nghiệp vụ 1", "… nhà nước số 2") unless a unit follows it: "3 tháng" is a count.
      if (/^\d/.test(tok.text) && (tok.text.length > 2 || COUNT_UNITS.some((w) => isWord(t[j + 1], w)))) break;
      if (tok.capitalised && (gaz.heads.longest(t, j) || startsPersonName(t, j))) break;
    }
    const expansion = tok.allCaps || tok.text.includes('.') ? (definitions.get(tok.text) ?? gaz.abbreviations.get(tok.text)) : undefined;
    parts.push(expansion ? (parts.length === 0 ? capitalise(expansion) : expansion) : tok.text);
    j++;
  }
  if (parts.length === 0) return undefined;
  while (parts.length > 0 && (parts[parts.length - 1] === '-' || parts[parts.length - 1] === 'và')) {
    parts.pop();
    j--;
  }
  if (parts.length === 0) return undefined;
  return { text: parts.join(' ').replace(/ - /g, ' - '), end: j };
}

/** A capitalised family name followed by one or more capitalised syllables: a person, not part of an agency name. */
function startsPersonName(t: Token[], i: number): boolean {
  const a = t[i];
  const b = t[i + 1];
  return Boolean(a && b && a.capitalised && !a.allCaps && SURNAME_KEYS.holds(a) && b.word && b.capitalised && !b.allCaps);
}

/** The one province an article is about, with the label the article gives it. */
interface ArticleProvince {
  row: ProvinceRow;
  label: string;
}

interface Locality {
  label: string;
  end: number;
  province?: ProvinceRow;
  /** Set when only the locality word was written ("tỉnh"): the label is that word. */
  bare?: string;
}

/** "tỉnh Hà Tĩnh", "thành phố Cần Thơ", "TP. Hồ Chí Minh", "huyện Kỳ Anh", or a bare "tỉnh". */
function locality(t: Token[], i: number, gaz: Gazetteer, published: string): Locality | undefined {
  if (i >= t.length) return undefined;
  // "tỉnh", "xã" are written in lower case inside a name; a capitalised "Tỉnh ủy", "Xã hội" is something else ("TP." excepted).
  const word = !t[i]!.capitalised || /^(?:TP|Tp)$/u.test(t[i]!.text) ? gaz.localityWords.longest(t, i) : undefined;
  if (!word) {
    const p = t[i]!.capitalised ? gaz.provinces.longest(t, i) : undefined;
    if (p && !startsPersonName(t, i)) {
      const row = validProvince(p.value, published);
      return { label: provinceLabel(row, undefined, provinceForm(t, i, p.end, row)), end: p.end, province: row };
    }
    return undefined;
  }
  const j = word.end;
  if (word.value === 'tỉnh' || word.value === 'thành phố') {
    const p = t[j]?.capitalised ? gaz.provinces.longest(t, j) : undefined;
    if (p) {
      const row = validProvince(p.value, published);
      return { label: provinceLabel(row, word.value, provinceForm(t, j, p.end, row)), end: p.end, province: row };
    }
    return { label: word.value, end: j, bare: word.value };
  }
  let k = j;
  while (k < t.length && k - j < 4 && t[k]!.word && t[k]!.capitalised && !t[k]!.allCaps) {
    if (k - j >= 2 && startsPersonName(t, k)) break;
    k++;
  }
  if (k === j) return { label: word.value, end: j, bare: word.value };
  return { label: `${word.value} ${t.slice(j, k).map((x) => x.text).join(' ')}`, end: k };
}

/**
 * "tỉnh Hà Tĩnh", "thành phố Hà Nội", "Thành phố Hồ Chí Minh". The province keeps the name the text
 * gives it (in the gazetteer's spelling), so an article of 2019 says "tỉnh Thừa Thiên Huế", not the later name.
 */
export function provinceLabel(p: ProvinceRow, word?: string, form?: string): string {
  const name = form ?? p.name;
  if (name === 'Hồ Chí Minh') return 'Thành phố Hồ Chí Minh';
  return `${word ?? p.kind} ${name}`;
}

/** The gazetteer form (name or alias) of the province written at tokens [i, end); abbreviated forms give the name. */
function provinceForm(t: Token[], i: number, end: number, row: ProvinceRow): string {
  const key = t.slice(i, end).map((x) => x.key).join(' ');
  const form = [row.name, ...row.aliases].find((f) => tokensOf(f).map((x) => x.key).join(' ') === key);
  return form && !ABBREVIATED_PLACE.test(form) ? form : row.name;
}

/** An agency name used for a class of bodies: after "các", or before "các"/"cấp" ("Phòng Tư pháp cấp huyện"). */
function isGeneric(t: Token[], start: number, end: number): boolean {
  if (PLURAL_BEFORE.some((w) => isWord(t[start - 1], w))) return true;
  return PLURAL_AFTER.some((w) => isWord(t[end], w)) && !isWord(t[end + 1], 'cao');
}

/** A head that stands alone, capitalised, refers back to the body named last with that head: "Cục", "Sở", "Bộ". */
function backReference(t: Token[], i: number, gaz: Gazetteer): { head: string; end: number } | undefined {
  const head = gaz.heads.longest(t, i);
  if (!head || !head.value.backReference) return undefined;
  const next = t[head.end];
  if (next?.word && next.capitalised) return undefined;
  // "Cục trưởng", "Bộ trưởng", "Vụ trưởng" are titles, not back-references.
  if (isWord(next, 'trưởng') || isWord(next, 'phó')) return undefined;
  return { head: head.value.full, end: head.end };
}

/** "Trợ giúp pháp lý (TGPL)": an all-capitals word in brackets after words whose initials spell it. */
function findDefinitions(fields: Field[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fields) {
    const t = f.tokens;
    for (let i = 2; i + 1 < t.length; i++) {
      if (t[i - 1]!.text !== '(' || t[i + 1]!.text !== ')' || !t[i]!.allCaps) continue;
      const letters = [...t[i]!.text.replace(/[&.\-]/g, '')].map((c) => c.toLocaleUpperCase('vi'));
      if (letters.length < 2 || letters.length > 10) continue;
      for (let n = letters.length; n <= Math.min(letters.length + 3, 12); n++) {
        const start = i - 1 - n;
        if (start < 0) break;
        const words = t.slice(start, i - 1);
        if (!words.every((w) => w.word)) continue;
        const initials = words.filter((w) => !['và', 'của', 'các'].includes(w.key)).map((w) => w.text[0]!.toLocaleUpperCase('vi'));
        if (initials.join('') === letters.join('') || words.map((w) => w.text[0]!.toLocaleUpperCase('vi')).join('') === letters.join('')) {
          out.set(t[i]!.text, f.text.slice(words[0]!.start, words[words.length - 1]!.end));
          break;
        }
      }
    }
  }
  return out;
}

/** The one province an article is about, when it names exactly one (used for bare "UBND tỉnh", "Sở Tư pháp"). */
function articleProvince(fields: Field[], gaz: Gazetteer, published: string): ArticleProvince | undefined {
  const seen = new Map<string, ArticleProvince>();
  for (const f of fields) {
    const t = f.tokens;
    for (let i = 0; i < t.length; i++) {
      const w = gaz.localityWords.longest(t, i);
      if (!w || (w.value !== 'tỉnh' && w.value !== 'thành phố')) continue;
      const p = t[w.end]?.capitalised ? gaz.provinces.longest(t, w.end) : undefined;
      if (p) {
        const row = validProvince(p.value, published);
        seen.set(row.gsoCode, { row, label: provinceLabel(row, w.value, provinceForm(t, w.end, p.end, row)) });
      }
    }
  }
  return seen.size === 1 ? [...seen.values()][0] : undefined;
}

function validRow(rows: AgencyRow[], date: string): AgencyRow {
  return rows.find((r) => (!r.validFrom || r.validFrom <= date) && (!r.validTo || date <= r.validTo)) ?? rows[0]!;
}

function validProvince(rows: ProvinceRow[], date: string): ProvinceRow {
  return rows.find((r) => (!r.validFrom || r.validFrom <= date) && (!r.validTo || date <= r.validTo)) ?? rows[0]!;
}

function kindOf(kind: string): AgencyKind {
  return (['state', 'party', 'mass', 'court', 'procuracy', 'professional', 'foreign', 'international'] as const).find((k) => k === kind) ?? 'other';
}

function wholeWordsEnd(t: Token[], end: number): boolean {
  const next = t[end];
  const last = t[end - 1]!;
  return !next || next.start > last.end || !next.word;
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

const tokenCache = new Map<string, Token[]>();

/** Tokens of a short phrase from the tables, kept for the next lookup. */
function tokensOf(s: string): Token[] {
  let t = tokenCache.get(s);
  if (!t) tokenCache.set(s, (t = tokenize(s)));
  return t;
}
