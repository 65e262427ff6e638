/**
 * Legal documents named in an announcement → `DocumentMention`s.
 *
 * One pass per field finds references: a type word from the type table
 * ("Nghị định", "Thông tư liên tịch", or "Dự thảo Luật" …) followed by its
 * number, date, issuer and title, or a bare number whose code names the type
 * ("144/2017/NĐ-CP"). The references are then merged into documents (same
 * number, same name, back-references), related to each other by the cues the
 * text states ("sửa đổi, bổ sung", "quy định chi tiết", "căn cứ" …), and
 * completed from `known-documents.csv` where the text is silent. Pure: reference
 * tables are read once and cached.
 */
import type { DocumentMention, DocumentRelationKind, Evidence } from '../core/extraction.ts';
import { issue } from '../core/issues.ts';
import { referenceData, type KnownDocumentRow } from '../core/reference.ts';
import { matchKey } from '../core/text.ts';
import type { Announcement, Issue, Span } from '../core/types.ts';
import { readDayAt } from './dates.ts';
import {
  ABBREVIATION_AFTER_AT,
  ABBREVIATION_DEFINITION,
  ABBREVIATION_TOKEN,
  ADOPTION_AFTER_AT,
  AMENDED_NAME_SUFFIX_AT,
  BACK_REFERENCE_AT,
  CAPITALISED,
  CLAUSE_BREAK_CHARACTERS,
  COMMA_ISSUER_INTRO_AT,
  CONSTITUTION_SET_PHRASE_AT,
  DAMAGED_NUMBER_AT,
  DATE_INTRO_AT,
  DATE_ISSUER_GAP,
  DOCUMENT_NUMBER_AT,
  DOCUMENT_NUMBER_SCAN,
  DRAFT_BEFORE,
  GENERIC_BEFORE,
  ISSUER_HEAD_AT,
  ISSUER_INTRO_AT,
  ISSUER_STOP_AT,
  LAW_WORD_NOT_A_LAW_AFTER,
  LAW_WORD_NOT_A_LAW_BEFORE,
  LIST_GAP,
  LIST_SEPARATOR_AT,
  NAME_COMMA_CONTINUATION_AT,
  NAME_STOP_AT,
  NAME_STOP_IN_FORCE_AT,
  NAME_YEAR_AT,
  NUMBER_CHARACTERS,
  NUMBER_DAMAGE_SIGN,
  NUMBER_INTRO_AT,
  NUMBER_SEGMENT,
  PLACE_WORD_AT,
  PLENUM_INTRO_AT,
  POST_DATE_AT,
  POST_ISSUER_INTRO_AT,
  POST_ISSUER_VERB_AT,
  PRE_DATE,
  PRE_ISSUANCE_VERB,
  QUOTE_OPEN_AT,
  RELATION_CUE,
  SEQUENCE_ONLY_AT,
  TERM_IN_BRACKETS_AT,
  TERM_SUFFIX_AT,
  TITLE_BLOCKED_AT,
  TITLE_CUE_AT,
  TITLE_STOP_AT,
  UPPER_CASE_WORD,
  WORD,
  WORD_AT,
} from './patterns/legal.ts';
import { cuedMatches, type Cue } from './scan.ts';
import { isLoneSurrogate, KeySet, keyOf, LETTER_OR_MARK, SliceTable, tokenize, type Token } from './tokens.ts';

// ───────────────────────────── rule tables ─────────────────────────────

/** Evidence rules and their confidence. */
const RULES = {
  /** A type word with a full number: "Nghị định số 144/2017/NĐ-CP". */
  'doc.number-with-type': 0.95,
  /** A full number alone, the type read from its code: "số 144/2017/NĐ-CP". */
  'doc.number-only': 0.85,
  /** A type word with a bare sequence number: "Nghị quyết 66". */
  'doc.sequence-with-type': 0.7,
  /** A law, code or ordinance whose name is in the reference table. */
  'doc.named-known': 0.9,
  /** A law, code or ordinance whose name is read from the text alone. */
  'doc.named': 0.75,
  /** The Constitution, with or without its year. */
  'doc.constitution': 0.85,
  /** An unnumbered document identified by its subject: "Thông tư quy định …". */
  'doc.titled': 0.7,
  /** An unnumbered plan or project with a quoted name: "Đề án “…”". */
  'doc.quoted': 0.65,
  /** A Party congress resolution: "Nghị quyết Đại hội XII của Đảng". */
  'doc.congress-resolution': 0.8,
  /** "Nghị định này", attached to the last decree mentioned. */
  'doc.back-reference': 0.6,
  /** Type, date or title completed from `known-documents.csv`. */
  'doc.known-documents': 0.9,
} as const;
type RuleName = keyof typeof RULES;

/**
 * How each type may be written without a number. `named`: a name follows
 * ("Luật Đất đai"); `titled`: a specific one only with a subject phrase
 * ("Thông tư quy định …"); `optional`: plans and projects, only with a subject
 * or a quoted name (the gold treats them as optional); `never`: only with a
 * number. `lowerCase`: a lower-case type word may stand for a document without a
 * number ("nghị quyết của Quốc hội về …"); for the others a lower-case word is
 * a verb or a common noun ("quyết định ban hành", "kế hoạch làm …").
 */
const TYPE_POLICY: Record<string, { unnumbered: 'named' | 'titled' | 'optional' | 'never'; lowerCase: boolean }> = {
  'Hiến pháp': { unnumbered: 'named', lowerCase: true },
  Luật: { unnumbered: 'named', lowerCase: true },
  'Bộ luật': { unnumbered: 'named', lowerCase: true },
  'Pháp lệnh': { unnumbered: 'named', lowerCase: true },
  'Nghị định': { unnumbered: 'titled', lowerCase: true },
  'Nghị quyết': { unnumbered: 'titled', lowerCase: true },
  'Nghị quyết liên tịch': { unnumbered: 'titled', lowerCase: true },
  'Thông tư': { unnumbered: 'titled', lowerCase: true },
  'Thông tư liên tịch': { unnumbered: 'titled', lowerCase: true },
  'Thông tư liên bộ': { unnumbered: 'titled', lowerCase: true },
  'Quyết định': { unnumbered: 'titled', lowerCase: false },
  'Chỉ thị': { unnumbered: 'titled', lowerCase: false },
  'Sắc lệnh': { unnumbered: 'titled', lowerCase: false },
  'Kế hoạch': { unnumbered: 'optional', lowerCase: false },
  'Đề án': { unnumbered: 'optional', lowerCase: false },
  'Chương trình': { unnumbered: 'optional', lowerCase: false },
};
const NEVER_UNNUMBERED = { unnumbered: 'never', lowerCase: false } as const;

/** The type given to a number whose code names no type: an official letter ("123/BTP-TGPL") or, for an Assembly number, unknown. */
const LETTER_TYPE = 'Công văn';
const UNKNOWN_TYPE = 'Văn bản';
const DRAFT_PREFIX = 'Dự thảo ';
const CONSTITUTION = 'Hiến pháp';
/** Abbreviation contexts of `abbreviations.csv` that may be expanded inside titles and issuers. */
const EXPANDABLE_CONTEXTS = new Set(['agency', 'party', 'justice', 'general', 'social', 'security', 'economy', 'legislature', 'place']);

/** Relation cues (as matched by `RELATION_CUE`, lower-cased) → relation. */
const RELATION_OF_CUE: Record<string, DocumentRelationKind> = {
  'sửa đổi, bổ sung': 'amends',
  'sửa đổi': 'amends',
  'bổ sung': 'amends',
  'quy định chi tiết': 'details',
  'hướng dẫn': 'guides',
  'thay thế': 'replaces',
  'bãi bỏ': 'repeals',
  'căn cứ': 'basedOn',
  'thực hiện': 'implements',
  'triển khai': 'implements',
  'thi hành': 'implements',
};
/**
 * Relations whose source, outside any title, is the clause's subject before the
 * cue ("Luật … số 11/2017/QH14 …, thay thế Luật … năm 2006"). Based-on and
 * implements point forward to the document issued after the cue; amends,
 * details and guides are read only inside a title, where "sửa đổi" cannot be
 * talk about drafting.
 */
const SUBJECT_BEFORE: ReadonlySet<DocumentRelationKind> = new Set(['replaces', 'repeals']);
const ISSUED_AFTER: ReadonlySet<DocumentRelationKind> = new Set(['basedOn', 'implements']);

/** Abbreviations are keyed as written in the phrase indexes, so "TƯ" (Trung ương) is not the word "Tư". */
const ABBREVIATION_KEY = '=';

/** Bounds of the windows and phrases read around a reference (characters or words). */
const LIMITS = { quotedName: 300, title: 400, issuerWords: 16, nameWords: 14, preWindow: 160, cueWindow: 110, nameIndexWords: 16 } as const;

// ───────────────────────────── reference tables ─────────────────────────────

interface TypeInfo {
  name: string;
  code: string;
  policy: { unnumbered: 'named' | 'titled' | 'optional' | 'never'; lowerCase: boolean };
}

interface TypeTrie {
  next: Map<string, TypeTrie>;
  type?: TypeInfo;
}

/** Phrases (law names, agencies, offices) as a trie of word keys; a node that ends a phrase has its canonical spelling. */
interface PhraseIndex {
  next: Map<string, PhraseIndex>;
  canonical?: string;
}

interface Tables {
  typeTrie: TypeTrie;
  /** The first words of type words, in lower case. */
  typeFirsts: KeySet;
  typeByName: Map<string, TypeInfo>;
  typesByCode: Map<string, TypeInfo[]>;
  draftTypeOf: Map<string, string>;
  /** Type codes that lost their diacritic ("ND") → the code ("NĐ"). */
  codeRepairs: Map<string, string>;
  issuerCodes: Set<string>;
  known: Map<string, KnownDocumentRow>;
  lawNames: PhraseIndex;
  issuerNames: PhraseIndex;
  /** matchKey → canonical spelling of agencies and offices. */
  canonicalIssuer: Map<string, string>;
  abbreviations: Map<string, string>;
}

let cachedTables: Tables | undefined;

function tables(): Tables {
  cachedTables ??= buildTables();
  return cachedTables;
}

function buildTables(): Tables {
  const ref = referenceData();
  const typeTrie: TypeTrie = { next: new Map() };
  const typeByName = new Map<string, TypeInfo>();
  const typesByCode = new Map<string, TypeInfo[]>();
  const draftTypeOf = new Map<string, string>();
  for (const row of ref.documentTypes) {
    if (row.name.startsWith(DRAFT_PREFIX)) {
      draftTypeOf.set(row.name.slice(DRAFT_PREFIX.length), row.name);
      continue;
    }
    const info: TypeInfo = { name: row.name, code: row.code, policy: TYPE_POLICY[row.name] ?? NEVER_UNNUMBERED };
    typeByName.set(row.name.toLowerCase(), info);
    if (row.code) typesByCode.set(row.code, [...(typesByCode.get(row.code) ?? []), info]);
    for (const surface of [row.name, ...row.aliases]) {
      // Aliases that are codes ("QCVN") stay codes: a type word is written in words.
      if (UPPER_CASE_WORD.test(surface)) continue;
      let node = typeTrie;
      for (const m of surface.matchAll(WORD)) {
        const key = m[0].toLowerCase();
        let child = node.next.get(key);
        if (!child) node.next.set(key, (child = { next: new Map() }));
        node = child;
      }
      node.type ??= info;
    }
  }
  const codeRepairs = new Map<string, string>();
  for (const code of typesByCode.keys()) {
    const ascii = code.replaceAll('Đ', 'D').replaceAll('đ', 'd');
    if (ascii !== code && !typesByCode.has(ascii)) codeRepairs.set(ascii, code);
  }
  const known = new Map<string, KnownDocumentRow>();
  for (const row of ref.knownDocuments) known.set(numberKey(row.number), row);

  const lawNames: PhraseIndex = { next: new Map() };
  for (const row of ref.knownDocuments) {
    const policy = TYPE_POLICY[row.type];
    if (policy?.unnumbered !== 'named' || !row.title) continue;
    const name = stripTypePrefix(row.title, row.type);
    if (name.length < 3 || name.length > 120 || name.includes('"') || matchKey(name).startsWith('sửa đổi')) continue;
    addPhrase(lawNames, name, capitaliseFirst(name));
  }

  const canonicalIssuer = new Map<string, string>();
  const issuerNames: PhraseIndex = { next: new Map() };
  const addIssuer = (surface: string, canonical: string): void => {
    if (!surface) return;
    addPhrase(issuerNames, surface, canonical);
    if (!canonicalIssuer.has(matchKey(canonical))) canonicalIssuer.set(matchKey(canonical), canonical);
  };
  for (const a of ref.agencies) {
    for (const s of [a.name, ...a.aliases]) addIssuer(s, a.name);
    for (const abbreviation of a.abbreviations) if (!abbreviation.includes(' ')) addPhraseKeys(issuerNames, [ABBREVIATION_KEY + abbreviation], a.name);
  }
  for (const t of ref.titles) for (const s of [t.title, ...t.aliases]) addIssuer(s, t.title);
  for (const c of ref.issuerCodes) addIssuer(c.issuer, c.issuer);

  const expansions = new Map<string, Set<string>>();
  for (const row of ref.abbreviations) {
    if (!EXPANDABLE_CONTEXTS.has(row.context)) continue;
    expansions.set(row.abbreviation, (expansions.get(row.abbreviation) ?? new Set()).add(row.expansion));
  }
  const abbreviations = new Map<string, string>();
  for (const [abbreviation, set] of expansions) if (set.size === 1) abbreviations.set(abbreviation, [...set][0]!);
  // An abbreviation also opens the longer names its expansion opens: "TAND tối cao" → "Tòa án nhân dân tối cao".
  const issuerCanonicals = [...new Set(canonicalIssuer.values())].map((name) => ({ name, keys: phraseKeys(name) }));
  for (const [abbreviation, expansion] of abbreviations) {
    if (!CAPITALISED.test(expansion)) continue;
    const key = ABBREVIATION_KEY + abbreviation;
    addPhraseKeys(issuerNames, [key], expansion);
    const head = phraseKeys(expansion);
    for (const { name, keys } of issuerCanonicals) {
      if (keys.length > head.length && head.every((k, i) => keys[i] === k)) addPhraseKeys(issuerNames, [key, ...keys.slice(head.length)], name);
    }
  }
  return {
    typeTrie,
    typeFirsts: new KeySet(typeTrie.next.keys(), 'lower'),
    typeByName,
    typesByCode,
    draftTypeOf,
    codeRepairs,
    issuerCodes: new Set(ref.issuerCodes.map((c) => c.code)),
    known,
    lawNames,
    issuerNames,
    canonicalIssuer,
    abbreviations,
  };
}

function addPhrase(index: PhraseIndex, surface: string, canonical: string): void {
  addPhraseKeys(index, phraseKeys(surface), canonical);
}

function addPhraseKeys(index: PhraseIndex, keys: string[], canonical: string): void {
  if (keys.length === 0 || keys.length > LIMITS.nameIndexWords) return;
  let node = index;
  for (const k of keys) {
    let child = node.next.get(k);
    if (!child) node.next.set(k, (child = { next: new Map() }));
    node = child;
  }
  node.canonical ??= canonical;
}

/** Word keys of a phrase; a word after a comma carries the comma so "A, B" and "A B" stay apart. */
function phraseKeys(s: string): string[] {
  const keys: string[] = [];
  let last = 0;
  for (const m of s.matchAll(WORD)) {
    const comma = s.slice(last, m.index).includes(',');
    keys.push((comma ? ',' : '') + matchKey(m[0]));
    last = m.index + m[0].length;
  }
  return keys;
}

function stripTypePrefix(title: string, type: string): string {
  const t = title.trim();
  return matchKey(t).startsWith(`${matchKey(type)} `) ? t.slice(type.length + 1).trim() : t;
}

// ───────────────────────────── reading words ─────────────────────────────

/**
 * The longest phrase of `index` written at `pos`, read word by word (words are
 * separated by a space, ", " or " - "; a word after a comma is keyed with a
 * leading ","): its end and canonical spelling.
 */
function longestPhraseAt(index: PhraseIndex, text: string, pos: number): { end: number; canonical: string; words: number } | null {
  let node: PhraseIndex | undefined = index;
  let best: { end: number; canonical: string; words: number } | null = null;
  let i = pos;
  let comma = false;
  for (let words = 1; words <= LIMITS.nameIndexWords; words++) {
    const m = stickyTest(WORD_AT, text, i);
    if (!m) break;
    const prefix = comma ? ',' : '';
    node = node.next.get(prefix + keyOf(m[0])) ?? node.next.get(prefix + ABBREVIATION_KEY + m[0]);
    if (!node) break;
    const end = i + m[0].length;
    if (node.canonical !== undefined) best = { end, canonical: node.canonical, words };
    comma = false;
    if (text[end] === ' ') i = end + 1;
    else if (text.startsWith(', ', end)) {
      comma = true;
      i = end + 2;
    } else if (text.startsWith(' - ', end)) i = end + 3;
    else break;
  }
  return best;
}

function stickyTest(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function capitaliseFirst(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

// ───────────────────────────── numbers ─────────────────────────────

interface ParsedNumber {
  number: string;
  parts: NonNullable<DocumentMention['numberParts']>;
  /** What was assumed to read it ("ND read as NĐ"). */
  repairs: string[];
}

/** Key for comparing numbers: lower case, no spaces (as the scorer compares them). Remembered: a number is compared with every other. */
function numberKey(number: string): string {
  let key = numberKeys.get(number);
  if (key === undefined) {
    if (numberKeys.size >= KEY_CACHE_SIZE) numberKeys.clear();
    numberKeys.set(number, (key = number.toLocaleLowerCase('vi').replaceAll(' ', '')));
  }
  return key;
}

const numberKeys = new Map<string, string>();
const KEY_CACHE_SIZE = 50_000;

/**
 * Reads the parts of a number matched by `DOCUMENT_NUMBER_AT`: sequence, year,
 * type code (when the first code is one) and issuer code (the rest). Codes that
 * lost their diacritic are restored and reported in `repairs`.
 */
function parseNumber(m: RegExpMatchArray, t: Tables): ParsedNumber {
  const sequence = m[1]!;
  const year = m[2] === undefined ? undefined : Number(m[2]);
  const repairs: string[] = [];
  const segments = [...m[3]!.matchAll(NUMBER_SEGMENT)].map((s) => {
    let sep = s[1]!;
    let code = s[2]!;
    if (sep === '–') {
      repairs.push('an en dash read as a hyphen');
      sep = '-';
    }
    const repaired = t.codeRepairs.get(code);
    if (repaired) {
      repairs.push(`${code} read as ${repaired}`);
      code = repaired;
    }
    return { sep, code };
  });
  const first = segments[0]!;
  let typeCode: string | undefined;
  let issuerSegments = segments;
  if (first.sep === '-' || t.typesByCode.has(first.code)) {
    typeCode = first.code;
    issuerSegments = segments.slice(1);
  }
  const issuerCode = issuerSegments.map((s, i) => (i === 0 ? s.code : s.sep + s.code)).join('') || undefined;
  const number = sequence + (year === undefined ? '' : `/${year}`) + segments.map((s) => s.sep + s.code).join('');
  const parts: ParsedNumber['parts'] = { sequence };
  if (year !== undefined) parts.year = year;
  if (typeCode !== undefined) parts.typeCode = typeCode;
  if (issuerCode !== undefined) parts.issuerCode = issuerCode;
  return { number, parts, repairs };
}

/** A number found without a type word is taken only when its codes are known ones. */
function looksLikeDocumentNumber(n: ParsedNumber, t: Tables): boolean {
  if (n.parts.typeCode !== undefined && t.typesByCode.has(n.parts.typeCode)) return true;
  const issuerCode = n.parts.issuerCode;
  if (issuerCode === undefined) return false;
  let end = 0;
  while (end < issuerCode.length && issuerCode[end] !== '-' && issuerCode[end] !== '/') end++;
  return t.issuerCodes.has(issuerCode.slice(0, end));
}

/** The type a number's code names, when exactly one type has that code. */
function typeFromNumber(n: ParsedNumber, t: Tables): string {
  const byCode = n.parts.typeCode === undefined ? undefined : t.typesByCode.get(n.parts.typeCode);
  if (byCode?.length === 1) return byCode[0]!.name;
  if (byCode && byCode.length > 1) return UNKNOWN_TYPE;
  return n.parts.issuerCode?.startsWith('QH') || n.parts.issuerCode?.startsWith('UBTVQH') ? UNKNOWN_TYPE : LETTER_TYPE;
}

// ───────────────────────────── one field ─────────────────────────────

interface Anchor {
  type: TypeInfo;
  /** Start of the type word. */
  start: number;
  end: number;
  capitalised: boolean;
}

/** What one announcement's scan shares between its fields. */
interface Shared {
  t: Tables;
  file: string;
  published: string;
  /** Abbreviations defined in this announcement ("(TGPL)"), then the table's. */
  definitions: Map<string, string>;
  /** Law names read from this announcement, so a later lower-case "luật …" can be recognised. */
  seenNames: PhraseIndex;
  issues: Issue[];
}

interface Scan extends Shared {
  text: string;
  field: 'title' | 'body';
  anchors: Anchor[];
  /** Anchors by the start of their type word and of their "Dự thảo" prefix. */
  anchorAt: Map<number, Anchor>;
}

/** One reference to a document in the text. */
interface Ref {
  field: 'title' | 'body';
  /** The evidence span: type word (with "Dự thảo"), number, or name. */
  start: number;
  end: number;
  typeName: string;
  /** The type was written as a word (not read from a number's code). */
  typeWritten: boolean;
  draft: boolean;
  number?: ParsedNumber;
  sequence?: string;
  backReference?: boolean;
  /** Named documents: the name as a title ("Luật Trợ giúp pháp lý"), its key and year. */
  nameKey?: string;
  nameYear?: number;
  /** A name written as an unexplained acronym ("Luật HGCS"), resolved against the other names of the announcement. */
  acronym?: string;
  title?: string;
  /** The range of the name or title, inside which nested references are related to this one. */
  bodyStart: number;
  bodyEnd: number;
  date?: string;
  issuer?: string;
  /** Adopted in the text ("được Quốc hội thông qua"): a bill that became a law. */
  adopted: boolean;
  /** Issued by the clause before it ("Bộ trưởng đã ban hành …"), alone or as part of a list. */
  issuedHere?: boolean;
  rule: RuleName;
  /** Where everything read for this reference ends (title and trailing clauses). */
  tailEnd: number;
}

function scanField(shared: Shared, field: 'title' | 'body', text: string, tokens: Token[]): Ref[] {
  const anchors = findAnchors(shared.t, text, tokens);
  const anchorAt = new Map<number, Anchor>();
  for (const a of anchors) {
    // A lower-case word of a type that is also a verb ("quy định", "quyết định") or a common noun ("luật") opens no document by itself.
    if (!a.capitalised && (!a.type.policy.lowerCase || a.type.policy.unnumbered === 'named')) continue;
    anchorAt.set(a.start, a);
    const draft = DRAFT_BEFORE.exec(text.slice(Math.max(0, a.start - 12), a.start));
    if (draft) anchorAt.set(a.start - draft[1]!.length - 1, a);
  }
  const s: Scan = { ...shared, text, field, anchors, anchorAt };
  const refs: Ref[] = [];
  const lowerCaseNamed: Anchor[] = [];
  if (anchors.length > MAX_REFERENCES_PER_FIELD) reportTooMany(s, anchors.length);
  for (const a of anchors.slice(0, MAX_REFERENCES_PER_FIELD)) {
    if (a.type.policy.unnumbered === 'named' && !a.capitalised && a.type.name !== CONSTITUTION) {
      lowerCaseNamed.push(a);
      continue;
    }
    const r = readReference(s, a);
    if (r) refs.push(r);
  }
  // Lower-case "luật …" is a law only with a name the table or this text already gave.
  for (const a of lowerCaseNamed) {
    const r = readReference(s, a);
    if (r) refs.push(r);
  }
  refs.push(...readBareNumbers(s, refs));
  refs.sort((x, y) => x.start - y.start);
  dropNestedOptional(refs);
  applyIssuingClauses(s, refs);
  return refs;
}

/**
 * An unnumbered plan or programme named only inside another document's title
 * ("Quyết định … phê duyệt Đề án “…”") is that document's subject, not a
 * document the announcement mentions on its own.
 */
function dropNestedOptional(refs: Ref[]): void {
  for (let i = refs.length - 1; i >= 0; i--) {
    const r = refs[i]!;
    if (r.number || r.sequence !== undefined || (TYPE_POLICY[r.typeName]?.unnumbered ?? 'never') !== 'optional') continue;
    if (refs.some((o) => o !== r && o.bodyStart <= r.start && r.start < o.bodyEnd)) refs.splice(i, 1);
  }
}

/** Type words of the type table, longest first ("Thông tư liên tịch" before "Thông tư"). */
function findAnchors(t: Tables, text: string, tokens: Token[]): Anchor[] {
  const words = wordsOf(t, text, tokens);
  const anchors: Anchor[] = [];
  for (let i = 0; i < words.count; i++) {
    if (!words.mayOpen[i]) continue;
    let node: TypeTrie | undefined = t.typeTrie;
    let found: { type: TypeInfo; last: number } | undefined;
    for (let j = i; j < words.count && node; j++) {
      if (j > i && (words.start[j] !== words.end[j - 1]! + 1 || text.charCodeAt(words.end[j - 1]!) !== 0x20)) break;
      node = node.next.get(words.lower[j]!);
      if (node?.type) found = { type: node.type, last: j };
    }
    if (!found) continue;
    const start = words.start[i]!;
    anchors.push({ type: found.type, start, end: words.end[found.last]!, capitalised: CAPITALISED.test(text[start]!) });
    i = found.last;
  }
  return anchors;
}

/** The words of a text as `wordsOf` reads them; one set of arrays, reused from text to text. */
const wordScratch = { count: 0, start: [] as number[], end: [] as number[], lower: [] as string[], mayOpen: [] as boolean[] };

/**
 * The words `WORD` matches in a text, in order, with their lower case, read
 * from the text's tokens: a token of letters is one such word; the others are
 * split into runs of letters and of digits. `mayOpen`: false for a word known
 * not to open a type word. Valid until the next call.
 */
function wordsOf(t: Tables, text: string, tokens: Token[]): typeof wordScratch {
  const words = wordScratch;
  let n = 0;
  for (const tok of tokens) {
    if (tok.shared.letters) {
      words.start[n] = tok.start;
      words.end[n] = tok.end;
      words.lower[n] = tok.shared.lower;
      words.mayOpen[n] = t.typeFirsts.holds(tok);
      n++;
      continue;
    }
    for (let i = tok.start; i < tok.end; ) {
      const end = wordEnd(text, i);
      if (end === i) {
        i++;
        continue;
      }
      words.start[n] = i;
      words.end[n] = end;
      words.lower[n] = lowerWords.get(text, i, end).lower;
      words.mayOpen[n] = true;
      n++;
      i = end;
    }
  }
  words.count = n;
  return words;
}

/** Words in lower case, as type words are keyed. */
const lowerWords = new SliceTable((text) => ({ text, lower: text.toLowerCase() }));

/** The end of the word `WORD` matches at `i` (a run of letters, or of digits), or `i` when none starts there. */
function wordEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let j = i;
  if (c >= 0x30 && c <= 0x39) {
    do j++;
    while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39);
    return j;
  }
  for (let w = letterAt(text, j); w > 0; w = letterAt(text, j)) j += w;
  return j;
}

/** Code units of the letter (or mark) at `i`: 1, 2 for a surrogate pair, 0 when it is not one. */
function letterAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const code = text.codePointAt(i)!;
  if (isLoneSurrogate(code) || LETTER_OR_MARK.get(code) === 0) return 0;
  return code > 0xffff ? 2 : 1;
}

function readReference(s: Scan, a: Anchor): Ref | null {
  const { text } = s;
  let start = a.start;
  let draft = false;
  const draftMatch = DRAFT_BEFORE.exec(text.slice(Math.max(0, a.start - 12), a.start));
  if (draftMatch) {
    draft = true;
    start = a.start - draftMatch[1]!.length - 1;
  }
  const generic = GENERIC_BEFORE.test(text.slice(Math.max(0, start - 12), start));
  return a.type.policy.unnumbered === 'named' ? readNamed(s, a, start, draft, generic) : readOther(s, a, start, draft, generic);
}

/** "Luật Trợ giúp pháp lý (TGPL) số 11/2017/QH14 được Quốc hội thông qua ngày …", "Hiến pháp năm 2013", "Dự thảo Luật Thủ đô (sửa đổi)". */
function readNamed(s: Scan, a: Anchor, start: number, draft: boolean, generic: boolean): Ref | null {
  const { text } = s;
  let pos = a.end;
  let rule: RuleName;
  let name: string;
  let acronym: string | undefined;
  if (a.type.name === CONSTITUTION) {
    if (generic || stickyTest(CONSTITUTION_SET_PHRASE_AT, text, pos)) return null;
    name = CONSTITUTION;
    rule = 'doc.constitution';
  } else {
    if (LAW_WORD_NOT_A_LAW_BEFORE.test(text.slice(Math.max(0, start - 16), start))) return null;
    if (stickyTest(LAW_WORD_NOT_A_LAW_AFTER, text, pos)) return null;
    const read = text[pos] === ' ' ? readLawName(s, pos + 1, draft, a.capitalised) : null;
    if (!read) return readNamedWithoutName(s, a, start, draft, generic);
    if (generic) return null;
    name = `${a.type.name} ${read.name}`;
    pos = read.end;
    rule = read.known ? 'doc.named-known' : 'doc.named';
    acronym = read.acronym;
  }
  let nameYear: number | undefined;
  let suffix = '';
  for (let k = 0; k < 2; k++) {
    const amended = suffix ? null : stickyTest(AMENDED_NAME_SUFFIX_AT, text, pos);
    if (amended) {
      suffix = amended[0];
      pos += amended[0].length;
      continue;
    }
    const year = nameYear === undefined ? stickyTest(NAME_YEAR_AT, text, pos) : null;
    if (!year) break;
    nameYear = Number(year[1]);
    pos += year[0].length;
  }
  const nameEnd = pos;
  const title = name + suffix;
  if (suffix) draft = true;
  const abbreviation = stickyTest(ABBREVIATION_AFTER_AT, text, pos);
  if (abbreviation) pos += abbreviation[0].length;
  const ref: Ref = {
    field: s.field,
    start,
    end: nameEnd,
    typeName: a.type.name,
    typeWritten: true,
    draft,
    nameKey: keyOf(title),
    title,
    bodyStart: a.start,
    bodyEnd: nameEnd,
    adopted: false,
    rule,
    tailEnd: nameEnd,
  };
  if (nameYear !== undefined) ref.nameYear = nameYear;
  if (acronym !== undefined) ref.acronym = acronym;
  const number = readFullNumber(s, pos);
  if (number) {
    ref.number = number.parsed;
    ref.end = number.end;
    ref.rule = 'doc.number-with-type';
    pos = number.end;
  }
  pos = readTail(s, ref, pos);
  if (stickyTest(ADOPTION_AFTER_AT, text, nameEnd) || stickyTest(ADOPTION_AFTER_AT, text, ref.tailEnd)) ref.adopted = true;
  return ref;
}

/** "Luật số 11/2017/QH14 …", or "Luật này" (a back-reference); otherwise not a document. */
function readNamedWithoutName(s: Scan, a: Anchor, start: number, draft: boolean, generic: boolean): Ref | null {
  const { text } = s;
  const back = stickyTest(BACK_REFERENCE_AT, text, a.end);
  if (back && !generic) return backReference(s, a, start, draft, a.end + back[0].length);
  if (!a.capitalised) return null;
  const number = readFullNumber(s, a.end);
  if (!number) return null;
  const ref = baseRef(s, a, start, draft, number.end, 'doc.number-with-type');
  ref.number = number.parsed;
  // "Luật số 20/2012/QH13 … sửa đổi, bổ sung một số điều của Luật Luật sư": the subject makes the name.
  readTitleAndTail(s, ref, number.end, true);
  if (ref.title !== undefined) {
    ref.title = `${a.type.name} ${ref.title}`;
    ref.nameKey = keyOf(ref.title);
  }
  return ref;
}

/** Decrees, circulars, decisions, resolutions, plans …: number, date, issuer, subject. */
function readOther(s: Scan, a: Anchor, start: number, draft: boolean, generic: boolean): Ref | null {
  const { text } = s;
  const policy = a.type.policy;
  const number = readFullNumber(s, a.end);
  if (number) {
    const ref = baseRef(s, a, start, draft, number.end, 'doc.number-with-type');
    ref.number = number.parsed;
    readTitleAndTail(s, ref, number.end, false);
    return ref;
  }
  if (number === undefined) return null; // an unreadable number: reported
  const sequence = a.capitalised ? readSequence(s, a.end) : null;
  if (sequence) {
    const ref = baseRef(s, a, start, draft, sequence.end, 'doc.sequence-with-type');
    ref.sequence = sequence.value;
    // A short mention ("Nghị quyết 66 yêu cầu …") is followed by the sentence's verb more often than by a title.
    readTitleAndTail(s, ref, sequence.end, true);
    return ref;
  }
  if (generic) return null;
  const back = stickyTest(BACK_REFERENCE_AT, text, a.end);
  if (back) return backReference(s, a, start, draft, a.end + back[0].length);
  if (policy.unnumbered === 'never' || (!a.capitalised && !policy.lowerCase)) return null;
  if (a.type.name === 'Nghị quyết' && text[a.end] === ' ' && CONGRESS_HEADS.some((h) => text.startsWith(h, a.end + 1))) {
    const congress = readIssuer(s, a.end + 1);
    if (!congress) return null;
    const ref = baseRef(s, a, start, draft, congress.end, 'doc.congress-resolution');
    ref.title = congress.issuer;
    ref.issuer = congress.issuer;
    ref.bodyEnd = congress.end;
    ref.tailEnd = congress.end;
    return ref;
  }
  const ref = baseRef(s, a, start, draft, a.end, 'doc.titled');
  const optional = policy.unnumbered === 'optional';
  if (optional) {
    const quoted = readQuotedName(text, a.end);
    if (quoted) {
      ref.title = quoted.name;
      ref.rule = 'doc.quoted';
      ref.end = quoted.end;
      ref.bodyEnd = ref.end;
      ref.tailEnd = ref.end;
      return ref;
    }
  }
  readTitleAndTail(s, ref, a.end, true);
  if (!ref.title) return null;
  ref.end = ref.bodyEnd;
  return ref;
}

/** A quoted name at `pos` (" “Nâng cao …”"): its text and where the closing quote ends. */
function readQuotedName(text: string, pos: number): { name: string; end: number } | null {
  const open = stickyTest(QUOTE_OPEN_AT, text, pos);
  if (!open) return null;
  const from = pos + open[0].length;
  const straight = open[0].endsWith('"');
  const limit = Math.min(text.length, from + LIMITS.quotedName);
  for (let i = from; i < limit; i++) {
    const ch = text[i]!;
    if (ch === '\n') return null;
    if (straight ? ch === '"' : ch === '”' || ch === '"') {
      const name = text.slice(from, i).trim();
      return name.length >= 3 ? { name, end: i + 1 } : null;
    }
  }
  return null;
}

/** Words after "Nghị quyết" that name the congress or plenum that adopted it. */
const CONGRESS_HEADS = ['Đại hội', 'Hội nghị', 'Trung ương'];

function baseRef(s: Scan, a: Anchor, start: number, draft: boolean, end: number, rule: RuleName): Ref {
  return {
    field: s.field,
    start,
    end,
    typeName: a.type.name,
    typeWritten: true,
    draft,
    bodyStart: a.start,
    bodyEnd: end,
    adopted: false,
    rule,
    tailEnd: end,
  };
}

function backReference(s: Scan, a: Anchor, start: number, draft: boolean, end: number): Ref {
  const ref = baseRef(s, a, start, draft, end, 'doc.back-reference');
  ref.backReference = true;
  return ref;
}

/**
 * A full number after a type word ("số 144/2017/NĐ-CP", " 66-NQ/TW"): the parsed
 * number, null when there is none, undefined when something number-like cannot
 * be read (an issue is recorded).
 */
function readFullNumber(s: Scan, pos: number): { parsed: ParsedNumber; end: number } | null | undefined {
  const { text } = s;
  const intro = stickyTest(NUMBER_INTRO_AT, text, pos);
  const introText = intro?.[0] ?? '';
  if (introText.length === 0 || (introText.startsWith(',') && !introText.includes('số'))) return null;
  const at = pos + introText.length;
  const m = stickyTest(DOCUMENT_NUMBER_AT, text, at);
  if (m) {
    const parsed = parseNumber(m, s.t);
    const end = at + m[0].length;
    if (parsed.repairs.length > 0) reportIrregularNumber(s, at, end, parsed);
    return { parsed, end };
  }
  const damaged = stickyTest(DAMAGED_NUMBER_AT, text, at);
  if (damaged && !stickyTest(SEQUENCE_ONLY_AT, text, at) && looksDamaged(damaged[0])) {
    const span: Span = { field: s.field, start: at, end: at + damaged[0].length };
    s.issues.push(
      issue('document_number_unreadable', s.file, `"${damaged[0]}" stands where a document number should be, but cannot be read as one`, 'check the number against the original (the text may have been damaged by a legacy encoding or OCR)', {
        severity: 'warning',
        span,
        excerpt: text.slice(Math.max(0, at - 30), span.end + 10),
      }),
    );
    return undefined;
  }
  return null;
}

/** Something that starts like a number, has a separator and a capital or a stray symbol, but is not readable. */
function looksDamaged(token: string): boolean {
  const hasSeparator = token.includes('/') || token.includes('-') || token.includes('–');
  return hasSeparator && NUMBER_DAMAGE_SIGN.test(token) && (!NUMBER_CHARACTERS.test(token) || !token.includes('/'));
}

function readSequence(s: Scan, pos: number): { value: string; end: number } | null {
  const intro = stickyTest(NUMBER_INTRO_AT, s.text, pos);
  const introText = intro?.[0] ?? '';
  if (introText.length === 0 || introText.startsWith(',')) return null;
  const at = pos + introText.length;
  const m = stickyTest(SEQUENCE_ONLY_AT, s.text, at);
  if (!m) return null;
  // A bare year after a type word is a year, not a number ("Quyết định 2024").
  if (!introText.includes('số') && m[1]!.length === 4 && (m[1]!.startsWith('19') || m[1]!.startsWith('20'))) return null;
  return { value: m[1]!, end: at + m[0].length };
}

function reportIrregularNumber(s: Scan, start: number, end: number, parsed: ParsedNumber): void {
  const surface = s.text.slice(start, end);
  s.issues.push(
    issue('document_number_irregular', s.file, `document number "${surface}" read as "${parsed.number}" (${parsed.repairs.join('; ')})`, 'write the number as issued, with its Vietnamese type code', {
      severity: 'warning',
      span: { field: s.field, start, end },
      excerpt: surface,
    }),
  );
}

/** Date and issuer right after the number or name, then the clause after a title. Returns where reading stopped. */
function readTail(s: Scan, ref: Ref, pos: number): number {
  const yearHint = ref.number?.parts.year;
  pos = readDateClause(s, ref, pos, yearHint);
  const intro = stickyTest(PLENUM_INTRO_AT, s.text, pos) ?? stickyTest(ISSUER_INTRO_AT, s.text, pos) ?? stickyTest(COMMA_ISSUER_INTRO_AT, s.text, pos);
  if (intro) {
    const issuer = readIssuer(s, pos + intro[0].length);
    if (issuer) {
      ref.issuer = issuer.issuer;
      pos = issuer.end;
      pos = readDateClause(s, ref, pos, yearHint);
    }
  }
  ref.tailEnd = Math.max(ref.tailEnd, pos);
  return readPostClause(s, ref, pos);
}

function readTitleAndTail(s: Scan, ref: Ref, pos: number, requireCue: boolean): void {
  pos = readTail(s, ref, pos);
  const title = readTitle(s, pos, requireCue);
  if (!title) return;
  ref.title = title.title;
  ref.bodyStart = title.start;
  ref.bodyEnd = title.end;
  ref.tailEnd = title.end;
  readPostClause(s, ref, title.end);
}

function readDateClause(s: Scan, ref: Ref, pos: number, yearHint: number | undefined): number {
  const intro = stickyTest(DATE_INTRO_AT, s.text, pos);
  if (!intro) return pos;
  const day = readDayAt(s.text, pos + intro[0].length, s.published, yearHint);
  if (!day) return pos;
  if (day.ok) ref.date ??= day.date;
  else reportImpossibleDocumentDate(s, pos + intro[0].length, day.end);
  return day.end;
}

function reportImpossibleDocumentDate(s: Scan, start: number, end: number): void {
  const surface = s.text.slice(start, end);
  s.issues.push(
    issue('document_date_impossible', s.file, `the date "${surface}" given for a document is not a real calendar date; the document is kept without a date`, 'correct the date of the document', {
      severity: 'warning',
      span: { field: s.field, start, end },
      excerpt: surface,
    }),
  );
}

/** " được Quốc hội thông qua ngày …", " ban hành ngày …": issuer and date stated after the title or name. */
function readPostClause(s: Scan, ref: Ref, pos: number): number {
  const yearHint = ref.number?.parts.year;
  const intro = stickyTest(POST_ISSUER_INTRO_AT, s.text, pos);
  const issuer = intro ? readIssuer(s, pos + intro[0].length) : null;
  const verb = issuer ? stickyTest(POST_ISSUER_VERB_AT, s.text, issuer.end) : null;
  if (issuer && verb) {
    ref.issuer ??= issuer.issuer;
    if (verb[1] === 'thông qua') ref.adopted = true;
    let end = issuer.end + verb[0].length;
    const dateIntro = stickyTest(POST_DATE_AT, s.text, end);
    if (dateIntro) {
      const day = readDayAt(s.text, end + dateIntro[0].length, s.published, yearHint);
      if (day?.ok) ref.date ??= day.date;
      else if (day) reportImpossibleDocumentDate(s, end + dateIntro[0].length, day.end);
      if (day) end = day.end;
    }
    ref.tailEnd = Math.max(ref.tailEnd, end);
    return end;
  }
  const end = readDateClause(s, ref, pos, yearHint);
  ref.tailEnd = Math.max(ref.tailEnd, end);
  return end;
}

// ───────────────────────────── names, issuers, titles ─────────────────────────────

/**
 * The name after "Luật", "Bộ luật", "Pháp lệnh": the longest name of the table or
 * of this announcement, else (only after a capitalised type word) the words up to
 * a stop word. Abbreviations are expanded ("TGPL" → "Trợ giúp pháp lý").
 */
function readLawName(s: Scan, pos: number, draft: boolean, capitalised: boolean): { name: string; end: number; known: boolean; acronym?: string } | null {
  const { text } = s;
  const inTable = longestPhraseAt(s.t.lawNames, text, pos);
  const known = inTable ?? longestPhraseAt(s.seenNames, text, pos);
  if (known) {
    const written = text.slice(pos, known.end);
    const name = UPPER_CASE_WORD.test(written.replaceAll(' ', '').replaceAll(',', '')) ? known.canonical : capitaliseFirst(written);
    return { name, end: known.end, known: inTable !== null || isKnownLawName(s.t, known.canonical) };
  }
  if (!capitalised) return null;
  // Without the table, a name opens with a capital ("Luật Đất đai"); "Luật cụ thể hóa …" is a sentence about a law.
  // A bill is announced as such ("Dự án Luật biểu tình"), so its name may be written in lower case.
  const first = stickyTest(WORD_AT, text, pos);
  if (!first || (!draft && !CAPITALISED.test(first[0])) || opensDocumentAt(s, pos)) return null;
  let i = pos;
  let end = pos;
  let words = 0;
  while (words < LIMITS.nameWords) {
    if (stickyTest(NAME_STOP_AT, text, i)) break;
    if (!draft && stickyTest(NAME_STOP_IN_FORCE_AT, text, i)) break;
    if (words > 0 && opensDocumentAt(s, i)) break;
    const word = stickyTest(WORD_AT, text, i);
    if (!word || !startsWithLetter(word[0])) break;
    end = i + word[0].length;
    words++;
    if (text[end] === ' ') i = end + 1;
    else if (stickyTest(NAME_COMMA_CONTINUATION_AT, text, end)) i = end + 2;
    else break;
  }
  if (words === 0) return null;
  const written = text.slice(pos, end);
  const allCaps = UPPER_CASE_WORD.test(written.replaceAll(' ', '').replaceAll(',', ''));
  const expanded = expandAbbreviations(s, allCaps && words > 1 ? written.toLocaleLowerCase('vi') : written);
  const name = capitaliseFirst(expanded);
  if (words === 1 && expanded === written && UPPER_CASE_WORD.test(written)) return { name, end, known: false, acronym: written };
  addPhrase(s.seenNames, name, name);
  if (expanded !== written) addPhrase(s.seenNames, written, name);
  // "Luật TGPL": the expanded name may be one the table knows.
  return { name, end, known: isKnownLawName(s.t, expanded) };
}

function isKnownLawName(t: Tables, name: string): boolean {
  return longestPhraseAt(t.lawNames, name, 0)?.end === name.length;
}

/** A capitalised type word at `pos` that names a document ("Luật" of "Luật sư" does not). */
function opensDocumentAt(s: Scan, pos: number): boolean {
  const a = s.anchorAt.get(pos);
  if (!a?.capitalised) return false;
  return a.type.name !== 'Luật' || !stickyTest(LAW_WORD_NOT_A_LAW_AFTER, s.text, a.end);
}

/** True when a word read by `WORD_AT` is letters, not a number. */
function startsWithLetter(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 0x30 || c > 0x39;
}

/**
 * An issuer at `pos`: a body or office ("Chính phủ", "Bộ trưởng Bộ Tư pháp",
 * "UBND tỉnh Vĩnh Long", "Bộ Chính trị (Khóa X)"). Known names (agencies,
 * offices, issuers of the reference tables) are read whole; after a known name
 * only another known name, a place ("tỉnh …") or a term ("khóa XIII") may follow.
 * Unknown bodies run to a stop word. Abbreviations are expanded.
 */
function readIssuer(s: Scan, pos: number): { issuer: string; end: number } | null {
  const { text } = s;
  const startsKnown = longestPhraseAt(s.t.issuerNames, text, pos);
  if (!startsKnown && !stickyTest(ISSUER_HEAD_AT, text, pos)) return null;
  let i = pos;
  let end = pos;
  let afterKnown = false;
  let words = 0;
  while (words < LIMITS.issuerWords) {
    const known = longestPhraseAt(s.t.issuerNames, text, i);
    const head = stickyTest(ISSUER_HEAD_AT, text, i);
    if (head && (!known || i + head[0].length > known.end)) {
      // A head word longer than the known name at this point ("Đảng ủy" over "Đảng").
      end = i + head[0].length;
      words++;
      afterKnown = false;
    } else if (known) {
      end = known.end;
      words += known.words;
      afterKnown = true;
    } else if (stickyTest(PLACE_WORD_AT, text, i) && words > 0) {
      const place = stickyTest(PLACE_WORD_AT, text, i)!;
      end = i + place[0].length;
      words++;
      // The place's own name: capitalised words ("Vĩnh Long", "Hồ Chí Minh").
      while (text[end] === ' ' && words < LIMITS.issuerWords) {
        const next = stickyTest(WORD_AT, text, end + 1);
        if (!next || !CAPITALISED.test(next[0]) || s.anchorAt.has(end + 1)) break;
        end = end + 1 + next[0].length;
        words++;
      }
      afterKnown = true;
    } else {
      if (words > 0 && (stickyTest(ISSUER_STOP_AT, text, i) || s.anchorAt.has(i))) break;
      const word = stickyTest(WORD_AT, text, i);
      if (!word) break;
      const capital = CAPITALISED.test(word[0]);
      if (afterKnown) break;
      if (!capital && words === 0) break;
      end = i + word[0].length;
      words++;
    }
    const bracket = stickyTest(TERM_IN_BRACKETS_AT, text, end);
    if (bracket) {
      end += bracket[0].length;
      break;
    }
    const term = stickyTest(TERM_SUFFIX_AT, text, end);
    if (term) {
      // "Quốc hội khóa XIII": the term is read past but is not part of the name.
      return { issuer: canonicalIssuer(s, text.slice(pos, end)), end: end + term[0].length };
    }
    if (text[end] === ' ') i = end + 1;
    else if (text.startsWith(' - ', end)) i = end + 3;
    else break;
    // "Bộ Tư pháp và Bộ Công an": a second issuer joined by "và".
    if (text.startsWith('và ', i) && (longestPhraseAt(s.t.issuerNames, text, i + 3) || stickyTest(ISSUER_HEAD_AT, text, i + 3))) {
      i += 3;
      afterKnown = false;
    }
  }
  if (end === pos) return null;
  return { issuer: canonicalIssuer(s, text.slice(pos, end)), end };
}

/** Abbreviations expanded, old tone placement of "Uỷ"/"Toà" modernised, the reference spelling when there is one. */
function canonicalIssuer(s: Scan, written: string): string {
  const expanded = expandAbbreviations(s, written).replaceAll('Uỷ', 'Ủy').replaceAll('uỷ', 'ủy').replaceAll('Toà', 'Tòa').replaceAll('toà', 'tòa');
  return s.t.canonicalIssuer.get(keyOf(expanded)) ?? capitaliseFirst(expanded);
}

/**
 * The subject phrase at `pos` (after a space or ", "): up to the end of the
 * sentence or clause, a closing bracket or quote it did not open, a stop phrase
 * (`TITLE_STOP_AT`), or a new document in a list. With `requireCue`, it must
 * open with a title word ("về", "quy định", "phê duyệt" …).
 */
function readTitle(s: Scan, pos: number, requireCue: boolean): { title: string; start: number; end: number } | null {
  const { text } = s;
  let start: number;
  let afterComma = false;
  if (text.startsWith(', ', pos)) {
    start = pos + 2;
    afterComma = true;
  } else if (text[pos] === ' ') start = pos + 1;
  else return null;
  if (s.anchorAt.has(start) || stickyTest(TITLE_BLOCKED_AT, text, start)) return null;
  // After a comma a title must open with a title word: otherwise the sentence goes on ("…, tăng 19 đơn vị").
  if ((requireCue || afterComma) && !stickyTest(TITLE_CUE_AT, text, start)) return null;
  const end = titleEnd(s, start);
  let title = text.slice(start, end);
  while (title.endsWith(',') || title.endsWith(' ') || title.endsWith('-')) title = title.slice(0, -1);
  if (title.length < 4 || !title.includes(' ')) return null;
  return { title: expandAbbreviations(s, title), start, end: start + title.length };
}

function titleEnd(s: Scan, start: number): number {
  const { text } = s;
  const limit = Math.min(text.length, start + LIMITS.title);
  let depth = 0;
  let quotes = 0;
  let straight = 0;
  let lastSpace = -1;
  for (let i = start; i < limit; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === ';' || ch === '!' || ch === '?' || ch === '…' || ch === ':') return i;
    if (ch === '.' && (i + 1 >= text.length || text[i + 1] === ' ' || text[i + 1] === '\n' || text[i + 1] === '.')) return i;
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (ch === '“') quotes++;
    else if (ch === '”') {
      if (quotes === 0) return i;
      quotes--;
    } else if (ch === '"') {
      if (straight === 0 && i > start && text[i - 1] !== ' ') return i;
      straight = straight === 0 ? 1 : 0;
    } else if ((ch === ' ' || ch === ',') && depth === 0 && quotes === 0 && straight === 0) {
      if (ch === ' ') lastSpace = i;
      if (stickyTest(TITLE_STOP_AT, text, i)) return i;
      const separator = stickyTest(LIST_SEPARATOR_AT, text, i);
      if (separator && s.anchorAt.has(i + separator[0].length)) return i;
    }
  }
  return limit === text.length || lastSpace < 0 ? limit : lastSpace;
}

// ───────────────────────────── abbreviations ─────────────────────────────

/**
 * Abbreviations the text defines in brackets after their long form, read by
 * initials: "phổ biến, giáo dục pháp luật (PBGDPL)" → PBGDPL. Words are walked
 * back from the bracket until their initials spell the abbreviation.
 */
function findDefinitions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ABBREVIATION_DEFINITION)) {
    const abbreviation = m[1]!;
    const letters = initialsOf(abbreviation);
    if (letters.length < 2) continue;
    const before = text.slice(Math.max(0, m.index - 160), m.index);
    const offset = m.index - before.length;
    const words = [...before.matchAll(WORD)];
    const taken = words.slice(-letters.length);
    if (taken.length !== letters.length) continue;
    if (taken.every((w, i) => initialsOf(w[0]).charAt(0) === letters[i])) {
      const first = taken[0]!;
      const last = taken[taken.length - 1]!;
      const expansion = before.slice(first.index, last.index + last[0].length);
      // Nothing but words, commas and spaces between the long form and the bracket.
      if (text.slice(offset + last.index + last[0].length, m.index).trim() === '') out.set(abbreviation, expansion);
    }
  }
  return out;
}

/** Upper-case ASCII initials of a word or abbreviation ("Đảng" → "D", "TGPL" → "TGPL"). */
function initialsOf(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFD')) {
    const c = ch === 'đ' || ch === 'Đ' ? 'D' : ch.toUpperCase();
    if (c >= 'A' && c <= 'Z') out += c;
  }
  return out;
}

/** Replaces abbreviations the text defined or the table knows unambiguously ("Luật TGPL" → "Luật trợ giúp pháp lý"). */
function expandAbbreviations(s: Shared, phrase: string): string {
  let out = '';
  let last = 0;
  for (const m of cuedMatches(phrase, ABBREVIATION_TOKEN, CAPITAL_CUE)) {
    const token = m[0];
    const table = s.t.abbreviations.get(token);
    const defined = s.definitions.get(token);
    const expansion = defined && (!table || keyOf(table) !== keyOf(defined)) ? defined : table;
    if (expansion === undefined) continue;
    // A law's name opens with a capital: "Luật TGPL" → "Luật Trợ giúp pháp lý".
    const before = phrase.slice(Math.max(0, m.index - 10), m.index);
    out += phrase.slice(last, m.index) + (NAMED_TYPE_WORDS.some((w) => before.endsWith(`${w} `)) ? capitaliseFirst(expansion) : expansion);
    last = m.index + token.length;
  }
  return last === 0 ? phrase : out + phrase.slice(last);
}

/** The capital that opens every `ABBREVIATION_TOKEN`: a cue (see `scan.ts`) that skips its slow look-behind. */
const CAPITAL_CUE = { pattern: /\p{Lu}/gu, lead: 0 };

/** Type words after which a name follows, capitalised. */
const NAMED_TYPE_WORDS = ['Luật', 'Bộ luật', 'Pháp lệnh'];

// ───────────────────────────── bare numbers and issuing clauses ─────────────────────────────

/** Numbers written without a type word ("theo số 144/2017/NĐ-CP"), taken when their codes are known ones. */
function readBareNumbers(s: Scan, refs: Ref[]): Ref[] {
  const out: Ref[] = [];
  const taken = refs.filter((r) => r.number).sort((x, y) => x.start - y.start);
  let k = 0;
  let read = 0;
  for (const m of cuedMatches(s.text, DOCUMENT_NUMBER_SCAN, NUMBER_CUE)) {
    if (refs.length + read >= MAX_REFERENCES_PER_FIELD) {
      reportTooMany(s, refs.length + read + 1);
      break;
    }
    const start = m.index;
    const end = start + m[0].length;
    while (k < taken.length && taken[k]!.end <= start) k++;
    if (k < taken.length && taken[k]!.start < end) continue; // read with its type word
    const parsed = parseNumber(m, s.t);
    if (!looksLikeDocumentNumber(parsed, s.t)) continue;
    if (parsed.repairs.length > 0) reportIrregularNumber(s, start, end, parsed);
    const ref: Ref = {
      field: s.field,
      start,
      end,
      typeName: typeFromNumber(parsed, s.t),
      typeWritten: false,
      draft: false,
      number: parsed,
      bodyStart: start,
      bodyEnd: end,
      adopted: false,
      rule: 'doc.number-only',
      tailEnd: end,
    };
    readTitleAndTail(s, ref, end, false);
    out.push(ref);
    read++;
  }
  return out;
}

/**
 * The end of a number's sequence and the start of its code ("4/NĐ" of "144/2017/NĐ-CP"):
 * a cue (see `scan.ts`) for `DOCUMENT_NUMBER_SCAN`, at most four digits into its match.
 */
const NUMBER_CUE = { pattern: /\d[a-z]?(?:\/\d{4})?[/\-–]\p{Lu}/gu, lead: 4, afterNonWord: true };

/**
 * More document references in one field than any announcement has: the first
 * ones are read, the rest are left out and reported, so a pathological input
 * costs bounded work.
 */
const MAX_REFERENCES_PER_FIELD = 2_000;

function reportTooMany(s: Scan, count: number): void {
  if (s.issues.some((i) => i.code === 'too_many_document_references' && i.span?.field === s.field)) return;
  s.issues.push(
    issue('too_many_document_references', s.file, `more than ${MAX_REFERENCES_PER_FIELD} document references in the ${s.field} (at least ${count}); only the first ${MAX_REFERENCES_PER_FIELD} were read`, 'check that the file is one announcement, not a list or a concatenation of many', {
      severity: 'warning',
      span: { field: s.field, start: 0, end: 0 },
    }),
  );
}

/**
 * Issuer and date stated before a document ("ngày 17/01/2022, Bộ trưởng Bộ Tư
 * pháp đã ban hành Quyết định số 68/QĐ-BTP …"), shared by the documents listed
 * after it ("… Hướng dẫn số 21-HD/ĐU …; Kế hoạch số 22-KH/ĐU …").
 */
function applyIssuingClauses(s: Scan, refs: Ref[]): void {
  let chain: { last: Ref; issuer: string; date?: string } | undefined;
  for (const r of refs) {
    if (chain && r.start < chain.last.tailEnd) continue; // inside the previous document's title
    const gap = chain ? s.text.slice(chain.last.tailEnd, r.start) : '';
    const inList = chain !== undefined && gap.length <= 8 && LIST_GAP.test(gap);
    const clause = inList ? chain : r.issuer && r.date ? null : readIssuingClause(s, r.start);
    if (!clause) {
      chain = undefined;
      continue;
    }
    r.issuer ??= clause.issuer;
    if (clause.date !== undefined) r.date ??= clause.date;
    r.issuedHere = true;
    chain = clause.date === undefined ? { last: r, issuer: clause.issuer } : { last: r, issuer: clause.issuer, date: clause.date };
  }
}

function readIssuingClause(s: Scan, pos: number): { issuer: string; date?: string } | null {
  const { text } = s;
  const from = clauseStart(text, pos, LIMITS.preWindow);
  const verb = PRE_ISSUANCE_VERB.exec(text.slice(from, pos));
  if (!verb) return null;
  const verbStart = from + verb.index + verb[0].length - verb[1]!.length - 1;
  const comma = text.lastIndexOf(', ', verbStart - 1);
  const pieceStart = comma < from ? from : comma + 2;
  for (let w = pieceStart; w < verbStart; w++) {
    if (w > pieceStart && text[w - 1] !== ' ' && text[w - 1] !== '(') continue;
    const issuer = readIssuer(s, w);
    if (!issuer || (issuer.end !== verbStart - 1 && !isPersonName(text.slice(issuer.end, verbStart - 1)))) continue;
    const date = readDateBefore(s, from, w);
    return date === undefined ? { issuer: issuer.issuer } : { issuer: issuer.issuer, date };
  }
  return null;
}

/** " Nguyễn Hải Ninh": the name of the office-holder after an office ("Bộ trưởng Bộ Tư pháp Nguyễn Hải Ninh đã ký …"). */
function isPersonName(gap: string): boolean {
  if (!gap.startsWith(' ')) return false;
  const words = gap.slice(1).split(' ');
  return words.length >= 2 && words.length <= 4 && words.every((w) => CAPITALISED.test(w) && startsWithLetter(w) && stickyTest(WORD_AT, w, 0)?.[0] === w);
}

/** The last day written between `from` and an issuer, separated from it only by ", ". */
function readDateBefore(s: Scan, from: number, issuerStart: number): string | undefined {
  let found: string | undefined;
  for (const m of s.text.slice(from, issuerStart).matchAll(PRE_DATE)) {
    const at = from + m.index + m[0].length - 2 - m[1]!.length;
    const day = readDayAt(s.text, at, s.published);
    if (day?.ok && day.end <= issuerStart && DATE_ISSUER_GAP.test(s.text.slice(day.end, issuerStart))) found = day.date;
  }
  return found;
}

/** Start of the clause holding `pos` (after the last of `CLAUSE_BREAK_CHARACTERS` before it), looking back at most `max` characters. */
function clauseStart(text: string, pos: number, max: number): number {
  const from = Math.max(pos - max, 0);
  for (let i = pos - 1; i >= from; i--) if (CLAUSE_BREAK_CODES.has(text.charCodeAt(i))) return i + 1;
  return from;
}

const CLAUSE_BREAK_CODES = new Set([...CLAUSE_BREAK_CHARACTERS].map((c) => c.charCodeAt(0)));

// ───────────────────────────── documents ─────────────────────────────

/** Small words an acronym skips: "HGCS" for "Hòa giải ở cơ sở". */
const ACRONYM_SKIPS = new Set(['ở', 'và', 'của', 'cho', 'về', 'với', 'trong', 'tại', 'đối', 'các', 'những']);

/**
 * "Luật HGCS" where the text never defines HGCS: the one law name of the
 * announcement whose initials spell it ("Luật Hòa giải ở cơ sở").
 */
function resolveAcronyms(refs: Ref[]): void {
  const named = refs.filter((r) => r.nameKey !== undefined && r.acronym === undefined && r.title !== undefined);
  for (const r of refs) {
    if (r.acronym === undefined) continue;
    const wanted = initialsOf(r.acronym);
    const matches = new Map<string, Ref>();
    for (const n of named) {
      if (n.typeName !== r.typeName) continue;
      const words = [...n.title!.slice(n.typeName.length).matchAll(WORD)].map((m) => m[0]).filter((w) => !ACRONYM_SKIPS.has(keyOf(w)));
      if (words.map((w) => initialsOf(w).charAt(0)).join('') === wanted) matches.set(n.nameKey!, n);
    }
    const [target, ...others] = matches.values();
    if (!target || others.length > 0) continue;
    r.title = target.title!;
    r.nameKey = target.nameKey!;
  }
}

/** Subjects that say the same ("về việc giao quyền …" and "giao quyền …"), as the scorer compares titles. */
function sameSubject(a: string, b: string): boolean {
  const x = subjectKey(a);
  const y = subjectKey(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.includes(short) && short.length >= 0.6 * long.length;
}

/** Leading phrases that do not change a subject. */
const SUBJECT_OPENERS = ['về việc ', 'quy định về ', 'về '];

function subjectKey(s: string): string {
  let key = keyOf(s);
  for (const opener of SUBJECT_OPENERS) if (key.startsWith(opener)) key = key.slice(opener.length);
  return key;
}

/**
 * An unnumbered document identified by its subject joins a document of the same
 * type with the same subject, numbered or not (the headline names a circular by
 * its subject, the body by its number); a number's subject may come from
 * `known-documents.csv`.
 */
function mergeBySubject(docs: Doc[], t: Tables): Doc[] {
  const subjectOf = (d: Doc): string | undefined => {
    const written = d.refs.find((r) => r.title !== undefined && r.nameKey === undefined)?.title;
    if (written !== undefined || !d.number) return written;
    const known = t.known.get(numberKey(d.number.number));
    return known?.title || undefined;
  };
  const out: Doc[] = [];
  for (const d of docs) {
    const subject = d.number || d.nameKey !== undefined ? undefined : subjectOf(d);
    const into = subject === undefined ? undefined : out.find((x) => x.family === d.family && x.nameKey === undefined && sameSubject(subjectOf(x) ?? '', subject));
    if (into) into.refs.push(...d.refs);
    else out.push(d);
  }
  for (const d of docs) {
    if (d.number || d.nameKey !== undefined || !out.includes(d)) continue;
    // A numbered document named later than its subject-only mention.
    const subject = subjectOf(d);
    const numbered = subject === undefined ? undefined : out.find((x) => x !== d && x.number && x.family === d.family && sameSubject(subjectOf(x) ?? '', subject));
    if (numbered) {
      numbered.refs.push(...d.refs);
      out.splice(out.indexOf(d), 1);
    }
  }
  for (const d of out) d.refs.sort(compareRefs);
  return out.sort((x, y) => compareRefs(x.refs[0]!, y.refs[0]!));
}

interface Doc {
  refs: Ref[];
  family: string;
  number?: ParsedNumber;
  nameKey?: string;
  nameYear?: number;
  /** The title of a document known by its subject, and its key (worked out when first compared). */
  subject?: string;
  titleKey?: string;
}

/**
 * Groups references into documents: the same number; the same name (a year in
 * the name keeps two laws of one name apart); the same type and subject; then
 * bare sequence numbers ("Nghị quyết 66") and back-references ("Nghị định này")
 * join the document they point to.
 */
function mergeReferences(shared: Shared, refs: Ref[], texts: Record<'title' | 'body', string>): Doc[] {
  const docs: Doc[] = [];
  const docOf = new Map<Ref, Doc>();
  const attach = (d: Doc, r: Ref): void => {
    d.refs.push(r);
    docOf.set(r, d);
    if (r.nameYear !== undefined) d.nameYear ??= r.nameYear;
    if (r.number && !d.number) d.number = r.number;
  };
  const create = (r: Ref): void => {
    const d: Doc = { refs: [], family: r.typeName };
    if (r.number) d.number = r.number;
    if (r.nameKey !== undefined) d.nameKey = r.nameKey;
    if (r.title !== undefined && r.nameKey === undefined) d.subject = r.title;
    docs.push(d);
    attach(d, r);
  };
  const deferred: Ref[] = [];
  for (const r of refs) {
    if (r.sequence !== undefined) {
      deferred.push(r);
      continue;
    }
    if (r.backReference) {
      const previous = [...docOf.entries()].filter(([x, d]) => d.family === r.typeName && precedes(x, r)).pop();
      if (previous) attach(previous[1], r);
      continue;
    }
    let d: Doc | undefined;
    if (r.number) {
      const key = numberKey(r.number.number);
      d = docs.find((x) => x.number && numberKey(x.number.number) === key);
      if (d && conflictingTitles(d, r)) {
        reportNumberConflict(shared, r, texts[r.field]);
        d = undefined;
        create(r);
        continue;
      }
    }
    if (!d && r.nameKey !== undefined) d = findNamed(docs, r);
    if (!d && r.title !== undefined && r.nameKey === undefined && !r.number) {
      const key = keyOf(r.title);
      d = docs.find((x) => x.family === r.typeName && x.subject !== undefined && (x.titleKey ??= keyOf(x.subject)) === key);
    }
    if (d) attach(d, r);
    else create(r);
  }
  for (const r of deferred) {
    const sequence = Number(r.sequence);
    const d = docs.find((x) => x.family === r.typeName && x.number !== undefined && Number(x.number.parts.sequence) === sequence);
    if (d) attach(d, r);
    else {
      r.number = { number: r.sequence!, parts: { sequence: r.sequence! }, repairs: [] };
      const same = docs.find((x) => x.family === r.typeName && x.number?.number === r.sequence);
      if (same) attach(same, r);
      else create(r);
    }
  }
  for (const d of docs) d.refs.sort(compareRefs);
  docs.sort((x, y) => compareRefs(x.refs[0]!, y.refs[0]!));
  return docs;
}

function compareRefs(a: Ref, b: Ref): number {
  if (a.field !== b.field) return a.field === 'title' ? -1 : 1;
  return a.start - b.start;
}

function precedes(a: Ref, b: Ref): boolean {
  return compareRefs(a, b) < 0;
}

/** A law named again: the same name and year, or, without a year, the one given with a number, else the first. */
function findNamed(docs: Doc[], r: Ref): Doc | undefined {
  const candidates = docs.filter((x) => x.family === r.typeName && x.nameKey === r.nameKey);
  if (candidates.length === 0) return undefined;
  const year = r.nameYear ?? r.number?.parts.year;
  if (r.number) return candidates.find((x) => !x.number && (x.nameYear === undefined || x.nameYear === year));
  // Without a year, the name means the law the text introduced in full (with its number), else the first one.
  if (year === undefined) return candidates.find((x) => x.number) ?? candidates[0];
  return (
    candidates.find((x) => x.nameYear === year) ??
    candidates.find((x) => x.nameYear === undefined && (x.number === undefined || x.number.parts.year === year))
  );
}

/** Two references with one number but unrelated subjects: the source gives two documents one number. */
function conflictingTitles(d: Doc, r: Ref): boolean {
  const a = d.refs.find((x) => x.title !== undefined && x.nameKey === undefined)?.title;
  const b = r.nameKey === undefined ? r.title : undefined;
  if (a === undefined || b === undefined) return false;
  const x = keyOf(a);
  const y = keyOf(b);
  return !x.includes(y) && !y.includes(x);
}

function reportNumberConflict(shared: Shared, r: Ref, text: string): void {
  const surface = text.slice(r.start, r.end);
  shared.issues.push(
    issue('document_number_conflict', shared.file, `"${surface}" is given to two documents with different subjects; they are kept apart`, 'check the numbers of the documents against the originals', {
      severity: 'warning',
      span: { field: r.field, start: r.start, end: r.end },
      excerpt: surface,
    }),
  );
}

function toMention(d: Doc, key: string, t: Tables): DocumentMention {
  const written = d.refs.find((r) => r.typeWritten && !r.backReference && r.sequence === undefined) ?? d.refs.find((r) => r.typeWritten);
  const base = written?.typeName ?? d.refs[0]!.typeName;
  const draft = d.refs.some((r) => r.draft) && !d.refs.some((r) => r.adopted || (r.number && r.sequence === undefined));
  const mention: DocumentMention = {
    key,
    type: draft ? (t.draftTypeOf.get(base) ?? DRAFT_PREFIX + base) : base,
    draft,
    relations: [],
    evidence: d.refs.map((r) => ({ span: { field: r.field, start: r.start, end: r.end }, rule: r.rule, confidence: RULES[r.rule] })),
  };
  if (d.number) {
    mention.number = d.number.number;
    mention.numberParts = d.number.parts;
  }
  if (d.nameYear !== undefined) mention.nameYear = d.nameYear;
  const named = d.refs.find((r) => r.nameKey !== undefined);
  const title = named?.title ?? d.refs.find((r) => r.title !== undefined && r.number)?.title ?? d.refs.find((r) => r.title !== undefined)?.title;
  if (title !== undefined) mention.title = title;
  const date = d.refs.find((r) => r.date !== undefined)?.date;
  if (date !== undefined) mention.date = date;
  const issuer = d.refs.find((r) => r.issuer !== undefined)?.issuer;
  if (issuer !== undefined) mention.issuer = issuer;
  enrichFromKnownDocuments(mention, d, written !== undefined, t);
  return mention;
}

/**
 * Fills what the text leaves out from `known-documents.csv`: the type when only
 * a number was written, the date, the title when the text gives none. Never the
 * issuer, which is recorded as the text names it.
 */
function enrichFromKnownDocuments(mention: DocumentMention, d: Doc, typeWritten: boolean, t: Tables): void {
  if (!mention.number) return;
  const row = t.known.get(numberKey(mention.number));
  if (!row) return;
  let filled = false;
  if (!typeWritten && row.type && row.type !== mention.type) {
    mention.type = row.type;
    filled = true;
  }
  if (mention.date === undefined && row.date) {
    mention.date = row.date;
    filled = true;
  }
  if (mention.title === undefined && row.title) {
    const named = (TYPE_POLICY[row.type]?.unnumbered ?? 'never') === 'named';
    mention.title = named ? `${row.type} ${capitaliseFirst(stripTypePrefix(row.title, row.type))}` : lowerFirst(row.title);
    filled = true;
  }
  const numbered = d.refs.find((r) => r.number);
  if (filled && numbered) {
    mention.evidence.push({ span: { field: numbered.field, start: numbered.start, end: numbered.end }, rule: 'doc.known-documents', confidence: RULES['doc.known-documents'] });
  }
}

/** Lower-cases the first letter unless the word is an acronym ("Về việc …" → "về việc …", "HIV …" kept). */
function lowerFirst(s: string): string {
  const second = s.charAt(1);
  if (second && second === second.toLocaleUpperCase('vi') && second !== second.toLocaleLowerCase('vi')) return s;
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

// ───────────────────────────── relations ─────────────────────────────

/**
 * Relations the text states between documents of the announcement. The cue
 * stands right before the target ("sửa đổi, bổ sung Nghị định …"); the source
 * is the document whose title holds it, else the clause's subject before it
 * (amends, details, guides, replaces, repeals), else the document issued after
 * it in the sentence (based on, implements).
 */
function addRelations(text: string, refs: Ref[], mentionOf: Map<Ref, DocumentMention>): void {
  const cueEndingAt = new Map<number, { cue: string; start: number }>();
  for (const m of cuedMatches(text, RELATION_CUE, RELATION_CUE_START)) cueEndingAt.set(m.index + m[0].length, { cue: m[1]!, start: m.index });
  for (const b of refs) {
    const target = mentionOf.get(b);
    const cue = cueEndingAt.get(b.start);
    if (!target || !cue) continue;
    const kind = RELATION_OF_CUE[cue.cue.toLocaleLowerCase('vi')];
    if (!kind) continue;
    for (const source of relationSources(text, refs, b, cue.start, kind, mentionOf)) {
      if (source === target || source.relations.some((x) => x.kind === kind && x.targetKey === target.key)) continue;
      const evidence: Evidence = { span: { field: b.field, start: cue.start, end: b.end }, rule: `doc.relation.${kind}`, confidence: 0.7 };
      source.relations.push({ kind, targetKey: target.key, evidence });
    }
  }
}

/** The words that open `RELATION_CUE`, without its slow look-behind: a cue (see `scan.ts`) at the start of each match. */
const RELATION_CUE_START = {
  pattern: /sửa đổi|bổ sung|quy định chi tiết|hướng dẫn|thay thế|bãi bỏ|căn cứ|thực hiện|triển khai|thi hành/giu,
  lead: 0,
};

/** Every scan made through a cue here, for the test that each finds exactly what a plain scan finds. */
export const CUED_DOCUMENT_SCANS: { name: string; pattern: RegExp; cue: Cue }[] = [
  { name: 'ABBREVIATION_TOKEN', pattern: ABBREVIATION_TOKEN, cue: CAPITAL_CUE },
  { name: 'DOCUMENT_NUMBER_SCAN', pattern: DOCUMENT_NUMBER_SCAN, cue: NUMBER_CUE },
  { name: 'RELATION_CUE', pattern: RELATION_CUE, cue: RELATION_CUE_START },
];

function relationSources(text: string, refs: Ref[], b: Ref, cueStart: number, kind: DocumentRelationKind, mentionOf: Map<Ref, DocumentMention>): DocumentMention[] {
  const target = mentionOf.get(b);
  const other = (r: Ref): boolean => r !== b && mentionOf.get(r) !== undefined && mentionOf.get(r) !== target;
  const enclosing = refs.filter((r) => other(r) && r.bodyStart <= cueStart && b.start < r.bodyEnd && r.start < b.start);
  if (enclosing.length > 0) {
    const innermost = enclosing.reduce((x, y) => (y.bodyStart > x.bodyStart ? y : x));
    return [mentionOf.get(innermost)!];
  }
  if (SUBJECT_BEFORE.has(kind)) {
    const before = refs.filter((r) => other(r) && r.end <= cueStart && !hasBreak(text, r.end, cueStart, true));
    const subject = before[before.length - 1];
    return subject ? [mentionOf.get(subject)!] : [];
  }
  if (!ISSUED_AFTER.has(kind)) return [];
  const issued = refs.filter((r) => other(r) && r.start > b.end && r.issuedHere && !hasBreak(text, b.end, r.start, false));
  return [...new Set(issued.map((r) => mentionOf.get(r)!))];
}

/** True when a sentence ends (or, with `clauses`, a clause) between `from` and `to`. */
function hasBreak(text: string, from: number, to: number, clauses: boolean): boolean {
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '!' || ch === '?') return true;
    if (ch === '.' && (i + 1 >= text.length || text[i + 1] === ' ' || text[i + 1] === '\n')) return true;
    if (clauses && ch === ';') return true;
  }
  return false;
}

// ───────────────────────────── entry point ─────────────────────────────

/**
 * Finds the legal documents an announcement names, with number (and its parts),
 * type, date, issuer as written, title, and the relations the text states.
 * Mentions of one document are merged; keys are `d1`, `d2` … in order of first
 * appearance (title first). Problems in the input (damaged or irregular numbers,
 * impossible dates, one number for two documents) are returned as issues.
 * `tokens` are the fields' tokens, when the caller has them already.
 *
 * @example
 * extractDocuments(announcement) // body: "… theo Nghị định số 144/2017/NĐ-CP ngày 15/12/2017 của Chính phủ quy định chi tiết một số điều của Luật Trợ giúp pháp lý."
 * // → documents: [
 * //   { key: 'd1', type: 'Nghị định', number: '144/2017/NĐ-CP', numberParts: { sequence: '144', year: 2017, typeCode: 'NĐ', issuerCode: 'CP' },
 * //     date: '2017-12-15', issuer: 'Chính phủ', title: 'quy định chi tiết một số điều của Luật Trợ giúp pháp lý',
 * //     relations: [{ kind: 'details', targetKey: 'd2', … }], … },
 * //   { key: 'd2', type: 'Luật', title: 'Luật Trợ giúp pháp lý', … } ]
 */
export function extractDocuments(a: Announcement, tokens: Record<'title' | 'body', Token[]> = { title: tokenize(a.title), body: tokenize(a.body) }): { documents: DocumentMention[]; issues: Issue[] } {
  const t = tables();
  const definitions = new Map([...findDefinitions(a.title), ...findDefinitions(a.body)]);
  const shared: Shared = { t, file: a.source.path, published: a.published.date, definitions, seenNames: { next: new Map() }, issues: [] };
  const titleRefs = scanField(shared, 'title', a.title, tokens.title);
  const bodyRefs = scanField(shared, 'body', a.body, tokens.body);
  resolveAcronyms([...titleRefs, ...bodyRefs]);
  const docs = mergeBySubject(mergeReferences(shared, [...titleRefs, ...bodyRefs], { title: a.title, body: a.body }), t);
  const mentionOf = new Map<Ref, DocumentMention>();
  const documents = docs.map((d, i) => {
    const mention = toMention(d, `d${i + 1}`, t);
    for (const r of d.refs) mentionOf.set(r, mention);
    return mention;
  });
  addRelations(a.title, titleRefs, mentionOf);
  addRelations(a.body, bodyRefs, mentionOf);
  return { documents, issues: shared.issues };
}
