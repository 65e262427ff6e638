/**
 * Provinces as places: each province or centrally-run city that an
 * announcement's agencies belong to, or that an event's location names,
 * becomes a `schema:AdministrativeArea` in the reference graph, with its GSO
 * code, Vietnamese and English names and its Wikidata id. The 63 provinces
 * before 1 July 2025 and the 34 after are different units even where name and
 * code stay (Hà Nội, 01): the current unit is `place/{slug}`, an earlier one
 * `place/{slug}/until-{valid_to}`, and a new unit `dcterms:replaces` the units
 * merged into it. Which unit a code means is decided by the publication date.
 */
import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3';
import type { Extraction } from '../core/extraction.ts';
import type { IriMinter } from '../core/iri.ts';
import { referenceData, type ProvinceRow } from '../core/reference.ts';
import { matchKey } from '../core/text.ts';
import type { Announcement } from '../core/types.ts';
import { DCTERMS, OWL, RDF, SCHEMA } from '../core/vocab.ts';

const { quad, literal, namedNode } = DataFactory;
const WIKIDATA = 'http://www.wikidata.org/entity/';

let byCode: Map<string, ProvinceRow[]> | undefined;
let names: { key: string; row: ProvinceRow }[] | undefined;

function rowsOf(code: string): ProvinceRow[] {
  if (!byCode) {
    byCode = new Map();
    for (const row of referenceData().provinces) {
      const list = byCode.get(row.gsoCode) ?? [];
      list.push(row);
      byCode.set(row.gsoCode, list);
    }
  }
  return byCode.get(code) ?? [];
}

/** The unit a GSO code meant on a date: the row whose validity holds the date, else the current one. */
export function provinceOn(code: string, date: string): ProvinceRow | undefined {
  const rows = rowsOf(code);
  return rows.find((r) => (!r.validFrom || r.validFrom <= date) && (!r.validTo || date <= r.validTo)) ?? rows.find((r) => !r.validTo) ?? rows[0];
}

/** The IRI of a province's place node. */
export function placeIri(row: ProvinceRow, iris: IriMinter): NamedNode {
  return iris.place(row.slug, row.validTo || undefined);
}

/**
 * The province a location phrase names ("tỉnh Nghệ An", "Thành phố Hồ Chí
 * Minh"), by its full name or an alias, as the unit valid on `date`.
 * Bare short names ("Nghệ An") count only after "tỉnh" or "thành phố".
 */
export function provinceInLocation(location: string, date: string): ProvinceRow | undefined {
  if (!names) {
    names = [];
    for (const row of referenceData().provinces) {
      for (const form of [row.fullName, `tỉnh ${row.name}`, `thành phố ${row.name}`, ...row.aliases]) names.push({ key: matchKey(form), row });
    }
    names.sort((a, b) => b.key.length - a.key.length);
  }
  const text = ` ${matchKey(location)} `;
  for (const { key, row } of names) {
    if (key.length > 0 && text.includes(` ${key} `)) return provinceOn(row.gsoCode, date);
  }
  return undefined;
}

/** The provinces an announcement's statements point at: agencies' provinces and events' locations. */
export function placesOf(a: Announcement, x: Extraction): ProvinceRow[] {
  const out = new Set<ProvinceRow>();
  for (const ag of x.agencies) {
    const row = ag.provinceCode ? provinceOn(ag.provinceCode, a.published.date) : undefined;
    if (row) out.add(row);
  }
  for (const e of x.events) {
    const row = e.location ? provinceInLocation(e.location, e.date ?? a.published.date) : undefined;
    if (row) out.add(row);
  }
  return [...out];
}

/** Reference-graph statements for the given provinces, in IRI order. */
export function placeQuads(rows: Iterable<ProvinceRow>, iris: IriMinter): Quad[] {
  const g = iris.referenceGraph();
  const out: Quad[] = [];
  const unique = new Map<string, ProvinceRow>();
  for (const row of rows) unique.set(placeIri(row, iris).value, row);
  for (const [, row] of [...unique].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
    const node = placeIri(row, iris);
    const add = (p: NamedNode, o: Quad_Object) => out.push(quad(node, p, o, g));
    add(RDF.type, SCHEMA.AdministrativeArea);
    add(RDF.type, SCHEMA.Place);
    add(SCHEMA.name, literal(row.fullName, 'vi'));
    if (row.englishName) add(SCHEMA.name, literal(row.englishName, 'en'));
    add(SCHEMA.alternateName, literal(row.name, 'vi'));
    add(SCHEMA.identifier, literal(row.gsoCode));
    // An earlier unit that kept its name and code shares the Wikidata item of the current one: only the current one is the same as it.
    const sharesItem = row.validTo !== '' && referenceData().provinces.some((r) => !r.validTo && r.wikidata === row.wikidata);
    if (/^Q\d+$/.test(row.wikidata) && !sharesItem) {
      add(OWL.sameAs, namedNode(WIKIDATA + row.wikidata));
      add(SCHEMA.sameAs, namedNode(WIKIDATA + row.wikidata));
    }
    // A unit of the earlier set names the units it was merged into; the new unit replaces it.
    for (const code of row.successorCodes) {
      const next = referenceData().provinces.find((r) => r.gsoCode === code && !r.validTo);
      if (next && row.validTo) out.push(quad(placeIri(next, iris), DCTERMS.replaces, node, g));
    }
  }
  return out;
}
