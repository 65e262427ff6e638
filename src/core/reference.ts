/**
 * The reference tables in `data/reference/` (see its README for sources), read
 * once and cached. Callers get plain typed rows; lookups are built by the stage
 * that needs them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { listField, parseCsvRecords } from './csv.ts';

export const REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

export interface ProvinceRow {
  gsoCode: string;
  name: string;
  fullName: string;
  kind: string;
  englishName: string;
  slug: string;
  wikidata: string;
  validFrom: string;
  validTo: string;
  successorCodes: string[];
  aliases: string[];
}

export interface AgencyRow {
  id: string;
  name: string;
  englishName: string;
  abbreviations: string[];
  aliases: string[];
  parentId: string;
  kind: string;
  level: string;
  validFrom: string;
  validTo: string;
  replacedBy: string[];
  wikidata: string;
  source: string;
}

export interface TitleRow {
  title: string;
  english: string;
  rank: number;
  category: string;
  agencyPattern: string;
  aliases: string[];
}

export interface DocumentTypeRow {
  name: string;
  code: string;
  eliType: string;
  english: string;
  category: string;
  aliases: string[];
}

export interface IssuerCodeRow {
  code: string;
  issuer: string;
  issuerKind: string;
  notes: string;
}

export interface KnownDocumentRow {
  number: string;
  type: string;
  title: string;
  date: string;
  issuer: string;
  effectiveDate: string;
}

export interface DocumentRelationRow {
  sourceNumber: string;
  relation: string;
  targetNumber: string;
  effectiveDate: string;
}

export interface AbbreviationRow {
  abbreviation: string;
  expansion: string;
  context: string;
}

export interface ReferenceData {
  provinces: ProvinceRow[];
  agencies: AgencyRow[];
  titles: TitleRow[];
  documentTypes: DocumentTypeRow[];
  issuerCodes: IssuerCodeRow[];
  knownDocuments: KnownDocumentRow[];
  documentRelations: DocumentRelationRow[];
  abbreviations: AbbreviationRow[];
}

function table(dir: string, file: string): Record<string, string>[] {
  return parseCsvRecords(readFileSync(join(dir, file), 'utf8'), file);
}

/** Each table is read on first use and kept; a missing or malformed file throws: that is a broken installation. */
export function readReferenceData(dir: string = REFERENCE_DIR): ReferenceData {
  const loaders: { [K in keyof ReferenceData]: () => ReferenceData[K] } = {
    provinces: () =>
      table(dir, 'provinces.csv').map((r) => ({
        gsoCode: r.gso_code!,
        name: r.name!,
        fullName: r.full_name!,
        kind: r.kind!,
        englishName: r.english_name!,
        slug: r.slug!,
        wikidata: r.wikidata!,
        validFrom: r.valid_from!,
        validTo: r.valid_to!,
        successorCodes: listField(r.successor_codes),
        aliases: listField(r.aliases),
      })),
    agencies: () =>
      table(dir, 'agencies.csv').map((r) => ({
        id: r.id!,
        name: r.name!,
        englishName: r.english_name!,
        abbreviations: listField(r.abbreviations),
        aliases: listField(r.aliases),
        parentId: r.parent_id!,
        kind: r.kind!,
        level: r.level!,
        validFrom: r.valid_from!,
        validTo: r.valid_to!,
        replacedBy: listField(r.replaced_by),
        wikidata: r.wikidata!,
        source: r.source!,
      })),
    titles: () =>
      table(dir, 'titles.csv').map((r) => ({
        title: r.title!,
        english: r.english!,
        rank: Number(r.rank),
        category: r.category!,
        agencyPattern: r.agency_pattern!,
        aliases: listField(r.aliases),
      })),
    documentTypes: () =>
      table(dir, 'document-types.csv').map((r) => ({
        name: r.name!,
        code: r.code!,
        eliType: r.eli_type!,
        english: r.english!,
        category: r.category!,
        aliases: listField(r.aliases),
      })),
    issuerCodes: () => table(dir, 'issuer-codes.csv').map((r) => ({ code: r.code!, issuer: r.issuer!, issuerKind: r.issuer_kind!, notes: r.notes! })),
    knownDocuments: () =>
      table(dir, 'known-documents.csv').map((r) => ({
        number: r.number!,
        type: r.type!,
        title: r.title!,
        date: r.date!,
        issuer: r.issuer!,
        effectiveDate: r.effective_date!,
      })),
    documentRelations: () =>
      table(dir, 'document-relations.csv').map((r) => ({
        sourceNumber: r.source_number!,
        relation: r.relation!,
        targetNumber: r.target_number!,
        effectiveDate: r.effective_date!,
      })),
    abbreviations: () => table(dir, 'abbreviations.csv').map((r) => ({ abbreviation: r.abbreviation!, expansion: r.expansion!, context: r.context! })),
  };
  const cache: Partial<ReferenceData> = {};
  const data = {} as ReferenceData;
  for (const key of Object.keys(loaders) as (keyof ReferenceData)[]) {
    Object.defineProperty(data, key, {
      enumerable: true,
      get: () => (cache[key] ??= loaders[key]() as never),
    });
  }
  return data;
}

let cached: ReferenceData | undefined;

/** The bundled reference data; each table is read on first use. */
export function referenceData(): ReferenceData {
  cached ??= readReferenceData();
  return cached;
}
