/**
 * The CSV tables of a release, one row per entity (or per link, for the
 * relations a cell cannot hold), each column mapped to the very RDF term the
 * dumps use. A column without a `propertyUrl` repeats, for people reading the
 * sheet, what another column or table states (a name beside an IRI, a count);
 * CSVW readers skip it.
 *
 * Several IRIs cannot share one cell in CSVW (a `valueUrl` template makes one
 * IRI of a whole cell), so the links an event or a document has in numbers go
 * to their own tables, `event-links` and `document-relations`; `events` still
 * lists the names of organisers and attendees for reading. Several texts can:
 * a list column (`list`) holds them, split on a separator the metadata gives.
 *
 * What the CSV leaves to the dumps: span provenance (NIF), article bodies,
 * which announcements attest a membership (only their number is given), the
 * ELI twins of schema.org properties (`eli:id_local`, `eli:passed_by`, …),
 * `skos:altLabel`, `schema:sameAs` (the same Wikidata IRI as `owl:sameAs`),
 * `schema:worksFor` (the `memberships` table has each office with its body),
 * `dcterms:replaces` between agencies, the provinces an agency serves (named
 * for reading, not mapped), the places themselves and the legislative process
 * of drafts.
 */
import { DataFactory, type NamedNode } from 'n3';
import type { IriMinter } from '../../core/iri.ts';
import { DCTERMS, ELI, LOA, ORG, OWL, PROV, RDF, SCHEMA, SKOS, TIME, XSD } from '../../core/vocab.ts';
import { byCodeUnits } from '../../core/text.ts';
import type { GraphReader, GraphReads } from './graph-reader.ts';
import { valueOf, type ColumnDef, type CsvwDatatype, type Row, type TableDef, type Titles } from './table-def.ts';

const t = (en: string, vi: string): Titles => ({ en, vi });

const VI = { lang: 'vi' };
const EN = { lang: 'en' };
const STRING = { datatype: XSD.string };
const DATE = { datatype: XSD.date };
const DATE_TIME = { datatype: XSD.dateTime };
const BOOLEAN = { datatype: XSD.boolean };

/** The row's own IRI: required, and no statement by itself (the table's `aboutUrl` is made of it). */
function key(name: string, titles: Titles): ColumnDef {
  return { name, titles, datatype: 'anyURI', required: true };
}

/** An IRI-valued statement: `{row} property {this cell}`. */
function link(name: string, titles: Titles, property: NamedNode, extra: Partial<ColumnDef> = {}): ColumnDef {
  return { name, titles, datatype: 'anyURI', propertyUrl: property.value, valueUrl: valueOf(name), ...extra };
}

/** A language-tagged text. */
function text(name: string, titles: Titles, property: NamedNode, lang: 'vi' | 'en', extra: Partial<ColumnDef> = {}): ColumnDef {
  return { name, titles, datatype: 'string', lang, propertyUrl: property.value, ...extra };
}

/** A typed literal. */
function typed(name: string, titles: Titles, datatype: CsvwDatatype, property: NamedNode, extra: Partial<ColumnDef> = {}): ColumnDef {
  return { name, titles, datatype, propertyUrl: property.value, ...extra };
}

/** A column for people only: not mapped to RDF. */
function note(name: string, titles: Titles, datatype: CsvwDatatype = 'string', extra: Partial<ColumnDef> = {}): ColumnDef {
  return { name, titles, datatype, ...extra };
}

/** Distinct non-empty values, sorted: the content of a list cell. */
function list(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))].sort(byCodeUnits);
}

/** Each ELI relation between documents with its schema.org twin, as the model writes them; `dcterms:replaces` has none. */
const DOCUMENT_RELATIONS: [NamedNode, NamedNode | undefined][] = [
  [ELI.amends, SCHEMA.legislationAmends],
  [ELI.based_on, SCHEMA.isBasedOn],
  [ELI.ensures_implementation_of, SCHEMA.legislationEnsuresImplementationOf],
  [ELI.repeals, SCHEMA.legislationRepeals],
  [DCTERMS.replaces, undefined],
];

/** The links of an event, one row each in `event-links`. */
const EVENT_LINKS = [SCHEMA.about, SCHEMA.attendee, SCHEMA.organizer];

/** The classes an agency row can have, schema.org and W3C ORG; the first that applies is given. */
const AGENCY_CLASSES = [SCHEMA.GovernmentOrganization, SCHEMA.Organization, SCHEMA.Role];
const AGENCY_ORG_CLASSES = [ORG.FormalOrganization, ORG.OrganizationalUnit, ORG.Post];

/** A document's ELI class: a legal resource, or a draft (a work that is not yet one). */
const DOCUMENT_ELI_CLASSES = [ELI.LegalResource, ELI.Work];

/**
 * Every predicate and class the tables below read, and the name predicates they rank: the reader keeps
 * only these from the dumps, and throws when a table asks for anything else.
 */
export const CSV_READS: GraphReads = {
  predicates: [
    SCHEMA.name, SCHEMA.jobTitle, SCHEMA.worksFor, SCHEMA.alternateName, SCHEMA.parentOrganization, SCHEMA.foundingDate,
    SCHEMA.dissolutionDate, SCHEMA.areaServed, SCHEMA.legislationType, SCHEMA.legislationIdentifier, SCHEMA.legislationDate,
    SCHEMA.legislationPassedBy, SCHEMA.startDate, SCHEMA.location, SCHEMA.subjectOf, SCHEMA.identifier, SCHEMA.headline,
    SCHEMA.datePublished, SCHEMA.url, ...EVENT_LINKS,
    ...DOCUMENT_RELATIONS.flatMap(([relation, twin]) => (twin ? [relation, twin] : [relation])),
    ORG.member, ORG.role, ORG.organization, ORG.memberDuring, ORG.postIn,
    TIME.inXSDDate, SKOS.prefLabel, LOA.acting, LOA.former, PROV.wasDerivedFrom, DCTERMS.identifier, OWL.sameAs, ELI.type_document,
  ],
  classes: [
    SCHEMA.Person, ORG.Membership, SCHEMA.GovernmentOrganization, SCHEMA.Organization, ORG.Post, ...AGENCY_CLASSES,
    ...AGENCY_ORG_CLASSES, SCHEMA.Legislation, ...DOCUMENT_ELI_CLASSES, SCHEMA.Event, SCHEMA.NewsArticle,
  ],
  ranked: [SCHEMA.name],
};

/** How a row shows the entities it points to, by name. */
class Labels {
  constructor(private readonly g: GraphReader) {}

  /** The Vietnamese name of an agency, an office, a document or an event (the best of several). */
  name = (iri: string | undefined): string | undefined => this.g.rankedNames(iri, SCHEMA.name, 'vi').primary;

  /** A person's name (a plain string in the graph: names as written). */
  person = (iri: string | undefined): string | undefined => this.g.text(iri, SCHEMA.name, STRING);

  /** A document's number, or its name when it has none. */
  document = (iri: string | undefined): string | undefined => this.g.text(iri, SCHEMA.legislationIdentifier, STRING) ?? this.name(iri);

  /** Whichever of the above applies. */
  any = (iri: string): string | undefined => this.person(iri) ?? this.document(iri);
}

/** The tables, in the order they are written and listed in the metadata. */
export function csvTables(iris: IriMinter): TableDef[] {
  // The instants of a membership period are minted from the period's IRI; the
  // same minter gives the template, so the metadata follows the IRI rules.
  const instant = (which: 'start' | 'end') => iris.instant(DataFactory.namedNode(valueOf('period')), which).value;
  return [
    {
      name: 'officials',
      titles: t('Officials', 'Quan chức'),
      description: 'Officials named in the announcements, one row per person',
      primaryKey: ['person'],
      aboutUrl: valueOf('person'),
      types: [SCHEMA.Person.value],
      columns: [
        key('person', t('Person (IRI)', 'Người (IRI)')),
        typed('name', t('Name', 'Họ và tên'), 'string', SCHEMA.name),
        text('job_titles', t('Job titles', 'Chức danh'), SCHEMA.jobTitle, 'vi', { list: true }),
        note('works_for', t('Works for', 'Cơ quan công tác'), 'string', { list: true }),
      ],
      foreignKeys: [],
      rows: (g) => {
        const label = new Labels(g);
        return g.instances(SCHEMA.Person).map((person) => ({
          person,
          name: g.text(person, SCHEMA.name, STRING),
          job_titles: g.texts(person, SCHEMA.jobTitle, VI),
          works_for: list(g.iris(person, SCHEMA.worksFor).map(label.name)),
        }));
      },
    },
    {
      name: 'memberships',
      titles: t('Offices held', 'Chức vụ đảm nhiệm'),
      description: 'Offices held (org:Membership): person, title, body, the period the announcements attest it, one row per office',
      primaryKey: ['membership'],
      aboutUrl: valueOf('membership'),
      types: [ORG.Membership.value],
      columns: [
        key('membership', t('Membership (IRI)', 'Chức vụ đảm nhiệm (IRI)')),
        link('person', t('Person (IRI)', 'Người (IRI)'), ORG.member),
        typed('person_name', t('Name', 'Họ và tên'), 'string', SCHEMA.name, { aboutUrl: valueOf('person') }),
        link('title', t('Title (IRI)', 'Chức danh (IRI)'), ORG.role),
        text('title_vi', t('Title (Vietnamese)', 'Chức danh'), SKOS.prefLabel, 'vi', { aboutUrl: valueOf('title') }),
        text('title_en', t('Title (English)', 'Chức danh (tiếng Anh)'), SKOS.prefLabel, 'en', { aboutUrl: valueOf('title') }),
        link('agency', t('Agency (IRI)', 'Cơ quan (IRI)'), ORG.organization),
        text('agency_name', t('Agency', 'Cơ quan'), SCHEMA.name, 'vi', { aboutUrl: valueOf('agency') }),
        typed('acting', t('Acting', 'Quyền'), 'boolean', LOA.acting),
        typed('former', t('Former', 'Nguyên (đã thôi giữ)'), 'boolean', LOA.former),
        link('period', t('Period (IRI)', 'Thời gian giữ chức vụ (IRI)'), ORG.memberDuring),
        typed('start', t('Attested from', 'Từ ngày'), 'date', TIME.inXSDDate, { aboutUrl: instant('start') }),
        typed('end', t('Attested until', 'Đến ngày'), 'date', TIME.inXSDDate, { aboutUrl: instant('end') }),
        note('attestations', t('Attesting announcements', 'Số bản tin ghi nhận'), 'integer'),
      ],
      foreignKeys: [
        { column: 'person', table: 'officials' },
        { column: 'agency', table: 'agencies' },
      ],
      rows: (g) => {
        const label = new Labels(g);
        return g.instances(ORG.Membership).map((membership) => {
          const person = g.iri(membership, ORG.member);
          const title = g.iri(membership, ORG.role);
          const agency = g.iri(membership, ORG.organization);
          const period = g.iri(membership, ORG.memberDuring);
          const date = (which: 'start' | 'end') =>
            period === undefined ? undefined : g.text(iris.instant(DataFactory.namedNode(period), which).value, TIME.inXSDDate, DATE);
          return {
            membership,
            person,
            person_name: label.person(person),
            title,
            title_vi: g.text(title, SKOS.prefLabel, VI),
            title_en: g.text(title, SKOS.prefLabel, EN),
            agency,
            agency_name: label.name(agency),
            acting: g.text(membership, LOA.acting, BOOLEAN),
            former: g.text(membership, LOA.former, BOOLEAN),
            period,
            start: date('start'),
            end: date('end'),
            attestations: String(g.iris(membership, PROV.wasDerivedFrom).length),
          };
        });
      },
    },
    {
      name: 'agencies',
      titles: t('Agencies, and offices that issue documents', 'Cơ quan, tổ chức và chức danh ban hành văn bản'),
      description: 'Agencies and organisations, and the offices (org:Post) named as issuers of documents, one row each',
      primaryKey: ['agency'],
      aboutUrl: valueOf('agency'),
      types: [],
      columns: [
        key('agency', t('Agency (IRI)', 'Cơ quan (IRI)')),
        link('class', t('Class (schema.org)', 'Loại (schema.org)'), RDF.type),
        link('org_class', t('Class (W3C ORG)', 'Loại (W3C ORG)'), RDF.type),
        text('name', t('Name (Vietnamese)', 'Tên'), SCHEMA.name, 'vi'),
        text('name_en', t('Name (English)', 'Tên tiếng Anh'), SCHEMA.name, 'en'),
        text('other_names', t('Other names', 'Tên khác'), SCHEMA.name, 'vi', { list: true }),
        text('alternate_names', t('Abbreviations and other forms', 'Tên viết tắt và cách viết khác'), SCHEMA.alternateName, 'vi', { list: true }),
        link('parent', t('Parent (IRI)', 'Cơ quan cấp trên (IRI)'), SCHEMA.parentOrganization),
        text('parent_name', t('Parent', 'Cơ quan cấp trên'), SCHEMA.name, 'vi', { aboutUrl: valueOf('parent') }),
        link('post_in', t('Office of (IRI)', 'Chức danh của cơ quan (IRI)'), ORG.postIn),
        typed('reference_id', t('Reference data id', 'Mã trong dữ liệu tham chiếu'), 'string', DCTERMS.identifier),
        typed('founded', t('Founded', 'Ngày thành lập'), 'date', SCHEMA.foundingDate),
        typed('dissolved', t('Dissolved', 'Ngày giải thể'), 'date', SCHEMA.dissolutionDate),
        link('wikidata', t('Wikidata', 'Wikidata'), OWL.sameAs),
        note('areas_served', t('Provinces and cities served', 'Địa bàn'), 'string', { list: true }),
      ],
      foreignKeys: [
        { column: 'parent', table: 'agencies' },
        { column: 'post_in', table: 'agencies' },
      ],
      rows: (g) => {
        const label = new Labels(g);
        return g.instances(SCHEMA.GovernmentOrganization, SCHEMA.Organization, ORG.Post).map((agency) => {
          const vi = g.rankedNames(agency, SCHEMA.name, 'vi');
          const parent = g.iri(agency, SCHEMA.parentOrganization);
          return {
            agency,
            class: AGENCY_CLASSES.find((c) => g.isA(agency, c))?.value,
            org_class: AGENCY_ORG_CLASSES.find((c) => g.isA(agency, c))?.value,
            name: vi.primary,
            name_en: g.rankedNames(agency, SCHEMA.name, 'en').primary,
            other_names: vi.others,
            alternate_names: g.texts(agency, SCHEMA.alternateName, VI),
            parent,
            parent_name: label.name(parent),
            post_in: g.iri(agency, ORG.postIn),
            reference_id: g.text(agency, DCTERMS.identifier, STRING),
            founded: g.text(agency, SCHEMA.foundingDate, DATE),
            dissolved: g.text(agency, SCHEMA.dissolutionDate, DATE),
            wikidata: g.iri(agency, OWL.sameAs),
            areas_served: list(g.iris(agency, SCHEMA.areaServed).map(label.name)),
          };
        });
      },
    },
    {
      name: 'legal-documents',
      titles: t('Legal documents', 'Văn bản pháp luật'),
      description: 'Legal documents cited in the announcements (drafts included), one row per document',
      primaryKey: ['document'],
      aboutUrl: valueOf('document'),
      types: [SCHEMA.Legislation.value],
      columns: [
        key('document', t('Document (IRI)', 'Văn bản (IRI)')),
        link('type', t('Document type (IRI)', 'Loại văn bản (IRI)'), ELI.type_document),
        text('type_vi', t('Document type (Vietnamese)', 'Loại văn bản'), SCHEMA.legislationType, 'vi'),
        text('type_en', t('Document type (English)', 'Loại văn bản (tiếng Anh)'), SKOS.prefLabel, 'en', { aboutUrl: valueOf('type') }),
        typed('number', t('Number', 'Số, ký hiệu'), 'string', SCHEMA.legislationIdentifier),
        typed('date', t('Date', 'Ngày ban hành'), 'date', SCHEMA.legislationDate),
        link('issuer', t('Issuer (IRI)', 'Cơ quan ban hành (IRI)'), SCHEMA.legislationPassedBy),
        text('issuer_name', t('Issuer', 'Cơ quan ban hành'), SCHEMA.name, 'vi', { aboutUrl: valueOf('issuer') }),
        text('name', t('Title or name', 'Trích yếu hoặc tên'), SCHEMA.name, 'vi'),
        text('other_names', t('Other titles', 'Trích yếu khác'), SCHEMA.name, 'vi', { list: true }),
        link('eli_class', t('Class (ELI)', 'Loại (ELI)'), RDF.type),
        // A draft is the one kind of document that is not an eli:LegalResource (it is an eli:Work).
        note('draft', t('Draft', 'Dự thảo'), 'boolean'),
      ],
      foreignKeys: [{ column: 'issuer', table: 'agencies' }],
      rows: (g) => {
        const label = new Labels(g);
        return g.instances(SCHEMA.Legislation).map((document) => {
          const type = g.iri(document, ELI.type_document);
          const issuer = g.iri(document, SCHEMA.legislationPassedBy);
          const names = g.rankedNames(document, SCHEMA.name, 'vi');
          return {
            document,
            type,
            type_vi: g.text(document, SCHEMA.legislationType, VI),
            type_en: g.text(type, SKOS.prefLabel, EN),
            number: g.text(document, SCHEMA.legislationIdentifier, STRING),
            date: g.text(document, SCHEMA.legislationDate, DATE),
            issuer,
            issuer_name: label.name(issuer),
            name: names.primary,
            other_names: names.others,
            eli_class: DOCUMENT_ELI_CLASSES.find((c) => g.isA(document, c))?.value,
            draft: String(!g.isA(document, ELI.LegalResource)),
          };
        });
      },
    },
    {
      name: 'document-relations',
      titles: t('Relations between legal documents', 'Quan hệ giữa các văn bản'),
      description: 'Relations between legal documents (amends, repeals, details, based on, replaces), one row per relation',
      primaryKey: ['subject', 'relation', 'object'],
      aboutUrl: valueOf('subject'),
      types: [],
      columns: [
        key('subject', t('Document (IRI)', 'Văn bản (IRI)')),
        note('subject_label', t('Document', 'Văn bản')),
        note('relation', t('Relation (ELI)', 'Quan hệ (ELI)'), 'anyURI', { required: true }),
        { name: 'object', titles: t('Related document (IRI)', 'Văn bản liên quan (IRI)'), datatype: 'anyURI', required: true, propertyUrl: valueOf('relation'), valueUrl: valueOf('object') },
        note('object_label', t('Related document', 'Văn bản liên quan')),
        { name: 'relation_schema', titles: t('Relation (schema.org)', 'Quan hệ (schema.org)'), datatype: 'anyURI', propertyUrl: valueOf('relation_schema'), valueUrl: valueOf('object') },
      ],
      foreignKeys: [
        { column: 'subject', table: 'legal-documents' },
        { column: 'object', table: 'legal-documents' },
      ],
      rows: (g) => {
        const label = new Labels(g);
        return g.instances(SCHEMA.Legislation).flatMap((subject) =>
          DOCUMENT_RELATIONS.flatMap(([relation, twin]) =>
            g.iris(subject, relation).map((object) => ({
              subject,
              subject_label: label.document(subject),
              relation: relation.value,
              object,
              object_label: label.document(object),
              relation_schema: twin && g.iris(subject, twin).includes(object) ? twin.value : undefined,
            })),
          ),
        );
      },
    },
    {
      name: 'events',
      titles: t('Events', 'Sự kiện'),
      description: 'Events the announcements report: name, date, venue, organisers, attendees, one row per event',
      primaryKey: ['event'],
      aboutUrl: valueOf('event'),
      types: [SCHEMA.Event.value],
      columns: [
        key('event', t('Event (IRI)', 'Sự kiện (IRI)')),
        text('name', t('Name', 'Tên sự kiện'), SCHEMA.name, 'vi'),
        typed('start_date', t('Date', 'Ngày'), 'date', SCHEMA.startDate),
        typed('start_datetime', t('Start (date and time)', 'Thời điểm bắt đầu'), 'dateTime', SCHEMA.startDate),
        text('location', t('Location', 'Địa điểm'), SCHEMA.location, 'vi'),
        link('place', t('Province or city (IRI)', 'Tỉnh, thành phố (IRI)'), SCHEMA.location),
        text('place_name', t('Province or city', 'Tỉnh, thành phố'), SCHEMA.name, 'vi', { aboutUrl: valueOf('place') }),
        note('organizers', t('Organisers', 'Cơ quan tổ chức'), 'string', { list: true }),
        note('attendees', t('Attendees and chairs', 'Người chủ trì, tham dự'), 'string', { list: true }),
        note('documents', t('Documents', 'Văn bản liên quan'), 'string', { list: true }),
        link('announcement', t('Announcement (IRI)', 'Bản tin (IRI)'), SCHEMA.subjectOf),
      ],
      foreignKeys: [{ column: 'announcement', table: 'announcements' }],
      rows: (g) => {
        const label = new Labels(g);
        return g.instances(SCHEMA.Event).map((event) => ({
          event,
          name: g.rankedNames(event, SCHEMA.name, 'vi').primary,
          start_date: g.text(event, SCHEMA.startDate, DATE),
          start_datetime: g.text(event, SCHEMA.startDate, DATE_TIME),
          location: g.text(event, SCHEMA.location, VI),
          place: g.iri(event, SCHEMA.location),
          place_name: label.name(g.iri(event, SCHEMA.location)),
          organizers: list(g.iris(event, SCHEMA.organizer).map(label.name)),
          attendees: list(g.iris(event, SCHEMA.attendee).map(label.person)),
          documents: list(g.iris(event, SCHEMA.about).map(label.document)),
          announcement: g.iri(event, SCHEMA.subjectOf),
        }));
      },
    },
    {
      name: 'event-links',
      titles: t('Organisers, attendees and documents of events', 'Cơ quan tổ chức, người tham dự và văn bản của sự kiện'),
      description: 'What each event links to: organisers (schema:organizer), attendees and chairs (schema:attendee), documents (schema:about), one row per link',
      primaryKey: ['event', 'relation', 'target'],
      aboutUrl: valueOf('event'),
      types: [],
      columns: [
        key('event', t('Event (IRI)', 'Sự kiện (IRI)')),
        note('relation', t('Relation (schema.org)', 'Quan hệ (schema.org)'), 'anyURI', { required: true }),
        { name: 'target', titles: t('Linked entity (IRI)', 'Đối tượng liên kết (IRI)'), datatype: 'anyURI', required: true, propertyUrl: valueOf('relation'), valueUrl: valueOf('target') },
        note('target_name', t('Linked entity', 'Đối tượng liên kết')),
      ],
      foreignKeys: [{ column: 'event', table: 'events' }],
      rows: (g) => {
        const label = new Labels(g);
        return g.instances(SCHEMA.Event).flatMap((event) =>
          EVENT_LINKS.flatMap((relation) =>
            g.iris(event, relation).map((target) => ({ event, relation: relation.value, target, target_name: label.any(target) })),
          ),
        );
      },
    },
    {
      name: 'announcements',
      titles: t('Announcements', 'Bản tin'),
      description: 'The announcements read: headline, publication date, source, one row per announcement',
      primaryKey: ['announcement'],
      aboutUrl: valueOf('announcement'),
      types: [SCHEMA.NewsArticle.value],
      columns: [
        key('announcement', t('Announcement (IRI)', 'Bản tin (IRI)')),
        typed('identifier', t('Identifier', 'Mã bản tin'), 'string', SCHEMA.identifier),
        text('headline', t('Headline', 'Tiêu đề'), SCHEMA.headline, 'vi'),
        typed('date', t('Date published', 'Ngày đăng'), 'date', SCHEMA.datePublished),
        typed('datetime', t('Date and time published', 'Thời điểm đăng'), 'dateTime', SCHEMA.datePublished),
        link('url', t('Source URL', 'Địa chỉ bài gốc'), SCHEMA.url),
        link('source', t('Source (IRI)', 'Nguồn (IRI)'), PROV.wasDerivedFrom),
        typed('source_path', t('Source file', 'Tệp nguồn'), 'string', DCTERMS.identifier, { aboutUrl: valueOf('source') }),
      ],
      foreignKeys: [],
      rows: (g) =>
        g.instances(SCHEMA.NewsArticle).map((announcement) => {
          const source = g.iri(announcement, PROV.wasDerivedFrom);
          return {
            announcement,
            identifier: g.text(announcement, SCHEMA.identifier, STRING),
            headline: g.text(announcement, SCHEMA.headline, VI),
            date: g.text(announcement, SCHEMA.datePublished, DATE),
            datetime: g.text(announcement, SCHEMA.datePublished, DATE_TIME),
            url: g.iri(announcement, SCHEMA.url),
            source,
            source_path: g.text(source, DCTERMS.identifier, STRING),
          };
        }),
    },
  ];
}

/** A row's value of a column as the cell holds it (list values joined by `separator`). */
export function cellText(row: Row, column: ColumnDef, separator: string): string {
  const value = row[column.name];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.join(separator);
}

/** Rows in the order of their key columns, by code point. */
export function sortRows(rows: Row[], primaryKey: readonly string[]): Row[] {
  const keyOf = (r: Row) => primaryKey.map((k) => String(r[k] ?? ''));
  return [...rows].sort((a, b) => {
    const [ka, kb] = [keyOf(a), keyOf(b)];
    for (let i = 0; i < ka.length; i++) {
      const c = byCodeUnits(ka[i]!, kb[i]!);
      if (c !== 0) return c;
    }
    return 0;
  });
}
