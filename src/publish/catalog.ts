/**
 * The DCAT 3 catalogue of a release (`meta/catalog.ttl`, and `meta/catalog.rdf`
 * for harvesters that read RDF/XML) and its VoID description (`meta/void.ttl`).
 *
 * The catalogue follows DCAT-AP 3.0.1 and passes its SHACL shapes without a
 * violation (`test/e2e/catalog.test.ts`; the one exception is a defect of the
 * older controlled-vocabulary shapes, which want the SPDX checksum algorithm
 * under an https namespace that SPDX does not use). It describes:
 * - the catalogue (`{base}catalog`), with its publisher, licence, languages and themes;
 * - the dataset across releases (`{base}dataset`), whose current version is
 * - this release (`{base}dataset/{version}`): version, previous version, issue
 *   date, temporal and spatial coverage, themes, keywords, contact point, the
 *   standards it conforms to, and one distribution per file;
 * - each file as a `dcat:Distribution`: download URL, IANA media type, EU file
 *   type, compression, size and SHA-256;
 * - the SPARQL endpoint as a `dcat:DataService`.
 * DCAT-AP's shapes check the class of every linked node (licence, agent, media
 * type, location…) and that codes come from the EU authority tables, so the
 * catalogue also states the type and table of each such node it uses.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFactory, type NamedNode } from 'n3';
import { sha256Hex } from '../core/hash.ts';
import { NS, RDFS, SKOS, SPDX } from '../core/vocab.ts';
import { count, date, MetadataGraph, text } from './metadata-graph.ts';
import { downloadUrl, MetadataIris } from './metadata-iris.ts';
import {
  ADMS_LICENCE_TYPE_SCHEME, DCAT, DCT, euAuthority, EU_FILE_TYPES, FOAF, ianaMediaType, licenceTypes, LOA_ONTOLOGY, LOA_SHAPES,
  META_PREFIXES, RDFS_META, SKOS_META, SPARQL_PROTOCOL, SPDX_META, VCARD, WIKIDATA_VIET_NAM, XSD_META,
} from './metadata-vocab.ts';
import type { ReleaseContext, ReleaseFile } from './release-context.ts';
import { describeVoid, releaseTitle, type VoidStats } from './void.ts';
import { toRdfXml } from './rdf-xml.ts';
import { byCodeUnits } from '../core/text.ts';

const { literal, namedNode } = DataFactory;

/** The files `writeCatalog` writes, relative to the release folder. */
export const CATALOG_FILES = {
  turtle: 'meta/catalog.ttl',
  rdfXml: 'meta/catalog.rdf',
  void: 'meta/void.ttl',
} as const;

/** Keywords of the dataset, Vietnamese and English. */
const KEYWORDS: Readonly<Record<'vi' | 'en', readonly string[]>> = {
  vi: ['tin tức', 'cơ quan nhà nước', 'quan chức', 'chức vụ', 'văn bản pháp luật', 'sự kiện', 'dữ liệu liên kết', 'Việt Nam'],
  en: ['government announcements', 'government agencies', 'officials', 'public offices', 'legal documents', 'events', 'linked data', 'Vietnam'],
};

/** EU data themes of the dataset, with their English labels in the EU table. */
const THEMES: readonly [code: string, label: string][] = [
  ['GOVE', 'Government and public sector'],
  ['JUST', 'Justice, legal system and public safety'],
];

/** Languages of the data and of the metadata (EU language table codes). */
const LANGUAGES = ['VIE', 'ENG'];

/**
 * Adds the catalogue of the release to `g`; `files` become the release's
 * distributions (in path order).
 */
export function describeCatalog(g: MetadataGraph, ctx: ReleaseContext, files: readonly ReleaseFile[]): void {
  const meta = new MetadataIris(ctx.iris);
  const pub = ctx.publication;
  const catalog = meta.catalog();
  const dataset = meta.dataset();
  const release = meta.release(ctx.version);
  const service = meta.sparqlService();
  const publisher = namedNode(pub.publisher);
  const licence = namedNode(pub.licence);
  const homepage = namedNode(ctx.iris.base);
  const contact = meta.contactPoint();
  const languages = LANGUAGES.map((code) => euAuthority('language', code));
  const themes = THEMES.map(([code]) => euAuthority('data-theme', code));
  const vietNam = euAuthority('country', 'VNM');
  const publicAccess = euAuthority('access-right', 'PUBLIC');
  const keywords = [...KEYWORDS.vi.map((k) => text(k, 'vi')), ...KEYWORDS.en.map((k) => text(k, 'en'))];
  const sorted = [...files].sort((a, b) => byCodeUnits(a.path, b.path));
  const distributions = sorted.map((f) => meta.distribution(release, f.path));
  const period = meta.period(release);

  g.type(catalog, DCAT.Catalog)
    .add(catalog, DCT.title, text(pub.title.vi, 'vi'), text(pub.title.en, 'en'))
    .add(catalog, DCT.description, text(pub.description.vi, 'vi'), text(pub.description.en, 'en'))
    .add(catalog, DCT.publisher, publisher)
    .add(catalog, DCT.license, licence)
    .add(catalog, FOAF.homepage, homepage)
    .add(catalog, DCT.issued, date(ctx.issued))
    .add(catalog, DCT.modified, date(ctx.issued))
    .add(catalog, DCT.language, ...languages)
    .add(catalog, DCT.spatial, vietNam)
    .add(catalog, DCAT.themeTaxonomy, euAuthority('data-theme'))
    .add(catalog, DCAT.dataset, dataset, release)
    .add(catalog, DCAT.service, service);

  // What every description of the dataset shares, across releases and in this one.
  for (const d of [dataset, release]) {
    g.type(d, DCAT.Dataset)
      .add(d, DCT.publisher, publisher)
      .add(d, DCAT.contactPoint, contact)
      .add(d, DCAT.landingPage, homepage)
      .add(d, DCAT.theme, ...themes)
      .add(d, DCAT.keyword, ...keywords)
      .add(d, DCT.spatial, vietNam)
      .add(d, DCT.language, ...languages)
      .add(d, DCT.accessRights, publicAccess)
      .add(d, DCT.conformsTo, LOA_ONTOLOGY, LOA_SHAPES);
  }
  g.add(dataset, DCT.title, text(pub.title.vi, 'vi'), text(pub.title.en, 'en'))
    .add(dataset, DCT.description, text(pub.description.vi, 'vi'), text(pub.description.en, 'en'))
    .add(dataset, DCT.identifier, literal(dataset.value))
    .add(dataset, DCT.modified, date(ctx.issued))
    // The dataset covers what its current release covers.
    .add(dataset, DCT.temporal, period)
    .add(dataset, DCAT.hasVersion, release)
    .add(dataset, DCAT.hasCurrentVersion, release);

  const title = releaseTitle(ctx);
  g.add(release, DCT.title, text(title.vi, 'vi'), text(title.en, 'en'))
    .add(release, DCT.description, text(pub.description.vi, 'vi'), text(pub.description.en, 'en'))
    .add(release, DCT.identifier, literal(release.value))
    .add(release, DCAT.version, literal(ctx.version))
    .add(release, DCAT.previousVersion, ctx.previousVersion === undefined ? undefined : meta.release(ctx.previousVersion))
    .add(release, DCT.issued, date(ctx.issued))
    .add(release, DCT.temporal, period)
    .add(release, DCAT.distribution, ...distributions)
    // The VoID description of this release (same node, more figures).
    .add(release, RDFS.seeAlso, downloadUrl(pub, CATALOG_FILES.void));
  g.type(period, DCT.PeriodOfTime).add(period, DCAT.startDate, date(ctx.coverage.from)).add(period, DCAT.endDate, date(ctx.coverage.to));

  sorted.forEach((file, i) => describeDistribution(g, ctx, file, distributions[i]!, licence));

  g.type(service, DCAT.DataService)
    .add(service, DCT.title, text(`${pub.title.vi}: điểm truy vấn SPARQL`, 'vi'), text(`${pub.title.en}: SPARQL endpoint`, 'en'))
    .add(service, DCT.description, text('Truy vấn SPARQL 1.1 trên bản phát hành mới nhất; đồ thị mặc định là hợp của mọi đồ thị.', 'vi'),
      text('SPARQL 1.1 queries over the latest release; the default graph is the union of all graphs.', 'en'))
    .add(service, DCAT.endpointURL, namedNode(pub.sparqlEndpoint))
    // A SPARQL 1.1 endpoint describes itself (its service description) at its own URL.
    .add(service, DCAT.endpointDescription, namedNode(pub.sparqlEndpoint))
    .add(service, DCAT.servesDataset, dataset, release)
    .add(service, DCT.conformsTo, SPARQL_PROTOCOL)
    .add(service, DCT.publisher, publisher)
    .add(service, DCAT.contactPoint, contact)
    .add(service, DCAT.theme, ...themes)
    .add(service, DCAT.keyword, ...keywords)
    .add(service, DCT.license, licence)
    .add(service, DCT.accessRights, publicAccess);
  // DCAT-AP's range shapes (shacl/ranges.ttl) ask for the endpoint to be an rdfs:Resource, which SHACL does not infer.
  g.type(namedNode(pub.sparqlEndpoint), RDFS_META.Resource);

  describeNodes(g, ctx, { publisher, licence, homepage, contact, languages, vietNam, publicAccess });
}

/** One file of the release as a `dcat:Distribution`. */
function describeDistribution(g: MetadataGraph, ctx: ReleaseContext, file: ReleaseFile, d: NamedNode, licence: NamedNode): void {
  const url = downloadUrl(ctx.publication, file.path);
  const mediaType = ianaMediaType(file.mediaType);
  const fileType = EU_FILE_TYPES[file.mediaType];
  const format = fileType === undefined ? undefined : euAuthority('file-type', fileType);
  const compression = file.compression === undefined ? undefined : ianaMediaType(file.compression);
  const checksum = new MetadataIris(ctx.iris).checksum(d);
  const how = `${file.mediaType}${file.compression ? `, compressed (${file.compression})` : ''}`;

  g.type(d, DCAT.Distribution)
    .add(d, DCT.title, text(file.title, 'en'))
    .add(d, DCT.description, text(`${file.title}. File ${file.path} of release ${ctx.version}, ${how}.`, 'en'))
    .add(d, DCAT.downloadURL, url)
    .add(d, DCAT.accessURL, url)
    .add(d, DCAT.mediaType, mediaType)
    .add(d, DCAT.compressFormat, compression)
    .add(d, DCT.format, format)
    .add(d, DCAT.byteSize, count(file.bytes))
    .add(d, SPDX.checksum, checksum)
    .add(d, DCT.license, licence)
    .add(d, DCT.issued, date(ctx.issued));
  g.type(checksum, SPDX.Checksum)
    .add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
    .add(checksum, SPDX.checksumValue, literal(file.sha256, XSD_META.hexBinary));
  g.type(SPDX.checksumAlgorithm_sha256, SPDX_META.ChecksumAlgorithm);
  g.type(mediaType, DCT.MediaType);
  if (compression) g.type(compression, DCT.MediaType);
  if (format) g.type(format, DCT.MediaTypeOrExtent).add(format, SKOS.inScheme, euAuthority('file-type'));
}

/**
 * The nodes the catalogue points at, typed as DCAT-AP expects and placed in
 * their code lists: publisher, contact point, licence, homepage, standards,
 * languages, country, themes, access rights.
 */
function describeNodes(
  g: MetadataGraph,
  ctx: ReleaseContext,
  n: { publisher: NamedNode; licence: NamedNode; homepage: NamedNode; contact: NamedNode; languages: NamedNode[]; vietNam: NamedNode; publicAccess: NamedNode },
): void {
  const pub = ctx.publication;
  g.type(n.publisher, FOAF.Agent).add(n.publisher, FOAF.name, literal(pub.publisherName));
  g.type(n.contact, VCARD.Kind, VCARD.Organization).add(n.contact, VCARD.fn, literal(pub.publisherName)).add(n.contact, VCARD.hasURL, n.homepage);
  g.type(n.homepage, FOAF.Document);
  g.type(n.licence, DCT.LicenseDocument);
  for (const t of licenceTypes(pub.licence)) {
    g.add(n.licence, DCT.type, t.iri);
    g.type(t.iri, SKOS.Concept).add(t.iri, SKOS.prefLabel, text(t.label, 'en')).add(t.iri, SKOS.inScheme, namedNode(ADMS_LICENCE_TYPE_SCHEME));
  }
  g.type(LOA_ONTOLOGY, DCT.Standard).add(LOA_ONTOLOGY, DCT.title, text('Từ vựng loa', 'vi'), text('The loa vocabulary', 'en'));
  g.type(LOA_SHAPES, DCT.Standard).add(LOA_SHAPES, DCT.title, text('Ràng buộc SHACL của loa', 'vi'), text('The loa SHACL shapes', 'en'));
  g.type(SPARQL_PROTOCOL, DCT.Standard).add(SPARQL_PROTOCOL, DCT.title, text('SPARQL 1.1 Protocol', 'en'));
  for (const language of n.languages) g.type(language, DCT.LinguisticSystem).add(language, SKOS.inScheme, euAuthority('language'));
  g.type(n.vietNam, DCT.Location)
    .add(n.vietNam, SKOS.inScheme, euAuthority('country'))
    .add(n.vietNam, SKOS.prefLabel, text('Việt Nam', 'vi'), text('Viet Nam', 'en'))
    .add(n.vietNam, SKOS_META.exactMatch, WIKIDATA_VIET_NAM);
  const scheme = euAuthority('data-theme');
  g.type(scheme, SKOS.ConceptScheme).add(scheme, DCT.title, text('Data theme', 'en'));
  for (const [code, label] of THEMES) {
    const theme = euAuthority('data-theme', code);
    g.type(theme, SKOS.Concept).add(theme, SKOS.prefLabel, text(label, 'en')).add(theme, SKOS.inScheme, scheme);
  }
  g.type(n.publicAccess, DCT.RightsStatement).add(n.publicAccess, SKOS.inScheme, euAuthority('access-right'));
}

/** Prefixes of the VoID file: the metadata's and those of the data, whose classes and properties it lists. */
const VOID_PREFIXES = { ...META_PREFIXES, ...NS };

/** A file written into the release, as a record for the checksums and the catalogue. */
async function writeReleaseFile(ctx: ReleaseContext, path: string, content: string, mediaType: string, title: string): Promise<ReleaseFile> {
  const bytes = Buffer.from(content, 'utf8');
  await writeFile(join(ctx.dir, path), bytes);
  return { path, bytes: bytes.length, sha256: sha256Hex(bytes), mediaType, title };
}

/**
 * Writes the catalogue (Turtle and RDF/XML) and the VoID description of the
 * release into `{ctx.dir}/meta/`, and returns the records of the three files.
 * `files` are the release's files so far, each listed as a distribution;
 * `stats` come from {@link computeVoid}. The same arguments always give the
 * same bytes.
 *
 * @example
 * const stats = await computeVoid(ctx);
 * const written = await writeCatalog(ctx, filesSoFar, stats); // meta/catalog.rdf, meta/catalog.ttl, meta/void.ttl
 */
export async function writeCatalog(ctx: ReleaseContext, files: ReleaseFile[], stats: VoidStats): Promise<ReleaseFile[]> {
  await mkdir(join(ctx.dir, 'meta'), { recursive: true });
  const catalog = new MetadataGraph();
  describeCatalog(catalog, ctx, files);
  const voidGraph = new MetadataGraph();
  describeVoid(voidGraph, ctx, stats, files);

  const written = [
    await writeReleaseFile(ctx, CATALOG_FILES.turtle, await catalog.toTurtle(META_PREFIXES), 'text/turtle', 'The DCAT catalogue of the release (DCAT-AP 3.0.1)'),
    await writeReleaseFile(ctx, CATALOG_FILES.rdfXml, toRdfXml(catalog.quads(), META_PREFIXES), 'application/rdf+xml', 'The DCAT catalogue of the release, as RDF/XML for harvesters'),
    await writeReleaseFile(ctx, CATALOG_FILES.void, await voidGraph.toTurtle(VOID_PREFIXES), 'text/turtle', 'The VoID description of the release: figures, partitions, links'),
  ];
  return written.sort((a, b) => byCodeUnits(a.path, b.path));
}
