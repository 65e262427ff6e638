/**
 * The lookup structures extraction needs, compiled once from the reference data
 * and the word tables in `patterns/`.
 */
import { referenceData, type AgencyRow, type ProvinceRow } from '../core/reference.ts';
import { AGENCY_HEADS, COMPOUND_HEADS, COUNTRIES, GENERIC_ALIASES, EXTRA_FIELDS, type HeadEntry, LOCALITY_WORDS, NAME_ABBREVIATIONS, NAME_INNER_PHRASES, NAME_STOP_WORDS, DASHED_PARENT, PERSONAL_OFFICE, SUPREME_SUFFIXES } from './patterns/agencies.ts';
import { matchKey } from '../core/text.ts';
import { PhraseTrie, tokenize } from './tokens.ts';

export interface KnownAgency {
  rows: AgencyRow[];
  /** The form matched was an abbreviation (all capitals), not a name. */
  abbreviation: boolean;
}

export interface Gazetteer {
  /** Names, aliases and unambiguous abbreviations of the agencies in `agencies.csv`. */
  agencies: PhraseTrie<KnownAgency>;
  agencyById: Map<string, AgencyRow>;
  heads: PhraseTrie<HeadEntry>;
  /** Fields of government: "Tư pháp", "Kế hoạch và Đầu tư". Value: the field as canonically written. */
  fields: PhraseTrie<string>;
  localityWords: PhraseTrie<string>;
  provinces: PhraseTrie<ProvinceRow[]>;
  countries: PhraseTrie<string>;
  supremeSuffixes: PhraseTrie<string>;
  stopWords: PhraseTrie<true>;
  /** Lower-case phrases with "các" that may stand inside a name. */
  innerPhrases: PhraseTrie<true>;
  /** Lower-case words that occur in agency names (from the gazetteer and the field tables): only these may continue a name. */
  nameWords: Set<string>;
  /** Pairs of syllables that make one word in those names ("hội thảo"): a name never ends inside one. */
  nameBigrams: Set<string>;
  /** Heads whose units are named after the body they belong to. */
  compoundHeads: Set<string>;
  /** Abbreviation → expansion, from `abbreviations.csv`. */
  abbreviations: Map<string, string>;
}

let cached: Gazetteer | undefined;

export function gazetteer(): Gazetteer {
  cached ??= buildGazetteer();
  return cached;
}

const GENERIC = new Set(GENERIC_ALIASES.map(matchKey));

function buildGazetteer(): Gazetteer {
  const ref = referenceData();
  const agencies = new PhraseTrie<KnownAgency>();
  const byName = new Map<string, { rows: AgencyRow[]; abbreviation: boolean }>();
  const addForm = (form: string, row: AgencyRow, abbreviation: boolean) => {
    const entry = byName.get(form) ?? { rows: [], abbreviation };
    if (!entry.rows.includes(row)) entry.rows.push(row);
    byName.set(form, entry);
  };
  for (const row of ref.agencies) {
    // Offices held by one person ("Thủ tướng Chính phủ", "Chủ tịch nước") are titles, read by the officials extractor.
    if (PERSONAL_OFFICE.test(row.name)) continue;
    addForm(row.name, row, false);
    // A one-word alias ("Đảng", "Trung ương") is how the text speaks of a whole system, not of one body.
    for (const alias of row.aliases) {
      if (!alias.includes(' ') || GENERIC.has(matchKey(alias))) continue;
      // "Cục Trợ giúp pháp lý - Bộ Tư pháp": the parent in apposition is read as its own mention.
      if (alias.startsWith(`${row.name} `) && DASHED_PARENT.test(alias.slice(row.name.length))) continue;
      addForm(alias, row, false);
    }
    for (const abbr of row.abbreviations) if (abbr.length >= 3) addForm(abbr, row, true);
  }
  for (const [form, entry] of byName) {
    // An abbreviation shared by two different bodies (BCT: Bộ Chính trị, Bộ Công Thương) identifies neither.
    if (entry.abbreviation && new Set(entry.rows.map((r) => r.name)).size > 1) continue;
    agencies.add(form, entry);
  }

  const heads = new PhraseTrie<HeadEntry>();
  for (const [form, entry] of Object.entries(AGENCY_HEADS)) heads.add(form, entry);

  const fields = new PhraseTrie<string>();
  const fieldForms = new Set(EXTRA_FIELDS);
  for (const row of ref.agencies) {
    const m = /^Bộ (.+)$/u.exec(row.name);
    if (m && row.kind === 'state' && !/Chính trị|Chỉ huy/u.test(m[1]!)) fieldForms.add(m[1]!);
  }
  for (const f of fieldForms) {
    fields.add(f, f);
    if (f.includes(' - ')) fields.add(f.replace(' - ', ' – '), f);
    if (f.includes(' - ')) fields.add(f.replace(' - ', ', '), f);
  }

  const localityWords = new PhraseTrie<string>();
  for (const [form, canonical] of Object.entries(LOCALITY_WORDS)) localityWords.add(form, canonical);

  const provinces = new PhraseTrie<ProvinceRow[]>();
  const provinceForms = new Map<string, ProvinceRow[]>();
  for (const row of ref.provinces) {
    for (const form of [row.name, ...row.aliases.filter((a) => !/^(?:TP|Thủ đô|Tỉnh|Thành phố)\b/u.test(a))]) {
      const list = provinceForms.get(form) ?? [];
      list.push(row);
      provinceForms.set(form, list);
    }
  }
  for (const [form, rows] of provinceForms) provinces.add(form, rows);

  const countries = new PhraseTrie<string>();
  for (const c of COUNTRIES) countries.add(c, c);
  const supremeSuffixes = new PhraseTrie<string>();
  for (const s of SUPREME_SUFFIXES) supremeSuffixes.add(s, s);
  const stopWords = new PhraseTrie<true>();
  for (const w of NAME_STOP_WORDS) stopWords.add(w, true);

  const abbreviations = new Map<string, string>(Object.entries(NAME_ABBREVIATIONS));
  for (const row of ref.abbreviations) abbreviations.set(row.abbreviation, row.expansion);
  const nameWords = new Set<string>();
  const lowerWords = (text: string) => {
    for (const t of tokenize(text)) if (t.word && !t.capitalised) nameWords.add(t.key);
  };
  const nameBigrams = new Set<string>();
  const bigrams = (text: string) => {
    const t = tokenize(text);
    for (let i = 1; i < t.length; i++) if (t[i - 1]!.word && t[i]!.word) nameBigrams.add(`${t[i - 1]!.key} ${t[i]!.key}`);
  };
  for (const row of ref.agencies) for (const form of [row.name, ...row.aliases]) lowerWords(form);
  for (const f of fieldForms) lowerWords(f);
  for (const row of ref.abbreviations) lowerWords(row.expansion);
  // The titles of known legal documents are the administrative vocabulary agency names are made of.
  for (const row of ref.knownDocuments) {
    lowerWords(row.title);
    bigrams(row.title);
  }
  for (const row of ref.agencies) bigrams(row.name);
  const innerPhrases = new PhraseTrie<true>();
  for (const p of NAME_INNER_PHRASES) innerPhrases.add(p, true);

  return {
    agencies,
    agencyById: new Map(ref.agencies.map((r) => [r.id, r])),
    heads,
    fields,
    localityWords,
    provinces,
    countries,
    supremeSuffixes,
    stopWords,
    compoundHeads: new Set(COMPOUND_HEADS),
    innerPhrases,
    nameWords,
    nameBigrams,
    abbreviations,
  };
}
