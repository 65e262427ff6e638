/**
 * Facts the reference data holds about the agencies the announcements mention:
 * English names, abbreviations, the parent body (and its parents in turn),
 * validity, successors and Wikidata identifiers. Written once, in the reference
 * graph, however many announcements mention the agency.
 */
import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3';
import type { IriMinter } from '../core/iri.ts';
import { referenceData, type AgencyRow } from '../core/reference.ts';
import { DCTERMS, ORG, OWL, RDF, SCHEMA, SKOS, XSD } from '../core/vocab.ts';

const { quad, literal, namedNode } = DataFactory;

const WIKIDATA = 'http://www.wikidata.org/entity/';

/** Quads for the given gazetteer agencies and all their ancestors, in id order. */
export function referenceQuads(agencyIds: Iterable<string>, iris: IriMinter): Quad[] {
  const rows = new Map(referenceData().agencies.map((r) => [r.id, r]));
  const wanted = new Set<string>();
  const visit = (id: string) => {
    if (wanted.has(id) || !rows.has(id)) return;
    wanted.add(id);
    visit(rows.get(id)!.parentId);
  };
  for (const id of agencyIds) visit(id);
  const g = iris.referenceGraph();
  const out: Quad[] = [];
  for (const id of [...wanted].sort()) out.push(...agencyQuads(rows.get(id)!, rows, iris, g));
  return out;
}

function agencyQuads(row: AgencyRow, rows: Map<string, AgencyRow>, iris: IriMinter, g: NamedNode): Quad[] {
  const node = iris.agency(row.id);
  const out: Quad[] = [];
  const add = (p: NamedNode, o: Quad_Object) => out.push(quad(node, p, o, g));
  const government = ['state', 'court', 'procuracy'].includes(row.kind);
  add(RDF.type, government ? SCHEMA.GovernmentOrganization : SCHEMA.Organization);
  add(RDF.type, row.parentId && rows.has(row.parentId) ? ORG.OrganizationalUnit : ORG.FormalOrganization);
  add(SCHEMA.name, literal(row.name, 'vi'));
  if (row.englishName) add(SCHEMA.name, literal(row.englishName, 'en'));
  for (const abbr of row.abbreviations) {
    add(SCHEMA.alternateName, literal(abbr, 'vi'));
    add(SKOS.altLabel, literal(abbr, 'vi'));
  }
  add(DCTERMS.identifier, literal(row.id));
  if (row.parentId && rows.has(row.parentId)) {
    const parent = iris.agency(row.parentId);
    add(SCHEMA.parentOrganization, parent);
    add(ORG.subOrganizationOf, parent);
  }
  if (row.validFrom) add(SCHEMA.foundingDate, literal(row.validFrom, XSD.date));
  if (row.validTo) add(SCHEMA.dissolutionDate, literal(row.validTo, XSD.date));
  for (const next of row.replacedBy) if (rows.has(next)) out.push(quad(iris.agency(next), DCTERMS.replaces, node, g));
  if (/^Q\d+$/.test(row.wikidata)) {
    add(OWL.sameAs, namedNode(WIKIDATA + row.wikidata));
    add(SCHEMA.sameAs, namedNode(WIKIDATA + row.wikidata));
  }
  return out;
}
