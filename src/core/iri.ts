/**
 * The only place IRIs are minted. Every function is deterministic: the same
 * input gives the same IRI in every run and in any input order. Values from
 * input are slugged or checked here, so no input can break out of an IRI.
 *
 * Patterns (relative to the base IRI):
 * - `announcement/{id}`               an announcement (schema:NewsArticle)
 * - `graph/announcement/{id}`         the named graph of statements drawn from it
 * - `source/{id}`                     the input file (or record) it was read from
 * - `agency/{slug}`                    an agency: its gazetteer id, or the slug of its full name
 * - `person/{slug}`                    an official, by the slug of the name
 * - `eli/vn/{type}/{year}/{number}/{issuer}`  a numbered legal document (ELI-style)
 * - `eli/vn/{type}/{number}`           a numbered document whose number has no year
 * - `document/{type}/{slug}[-{year}]`  a document named without a number ("Luật Trợ giúp pháp lý năm 2017")
 * - `post/{slug}`                      an office named as a document's issuer ("Bộ trưởng Bộ Tư pháp")
 * - `event/{id}/{n}`                   the n-th event reported by announcement {id}
 * - `process/{document path}`          the legislative process of a draft (ELI-DL), e.g. `process/document/bill/du-thao-luat-x`
 * - `place/{slug}[/until-{date}]`       a province or city (GSO units); an earlier unit with the date its validity ended
 * - `activity/build-{digest}`          a run of the pipeline (PROV), by a digest of its input
 * - `graph/metadata`                   the named graph of run provenance
 * - `graph/reference`                  the named graph of facts from the reference data
 * - `membership/{person}/{title}/{agency}`  an office held by a person
 * - `membership/…/period[/start|/end]`  when a membership is attested (OWL-Time)
 * - `graph/memberships`                the named graph of those periods
 * - `title/{slug}`                     a title in the SKOS scheme `title`
 * - `document-type/{eli_type}`         a legal document type in the SKOS scheme `document-type`
 * - `announcement/{id}/body#char={s},{e}`   a span of an announcement's text (NIF, RFC 5147)
 */
import { DataFactory, type NamedNode } from 'n3';
import { sha256Hex } from './hash.ts';
import { slugify } from './text.ts';

/** Characters an id may keep verbatim in an IRI path segment. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

/**
 * An IRI path segment for an announcement id. Ids made of safe characters are
 * kept as they are; any other id becomes a slug plus a short hash of the id,
 * so two ids that slug alike still get distinct segments.
 *
 * @example idSegment('000_3c8414fbfcf5914d') === '000_3c8414fbfcf5914d'
 * @example idSegment('Tin tức 1') === 'tin-tuc-1-' + first 8 hex of sha256('Tin tức 1')
 */
export function idSegment(id: string): string {
  if (SAFE_ID.test(id) && !id.includes('..')) return id;
  const slug = slugify(id, 60) || 'id';
  return `${slug}-${sha256Hex(id).slice(0, 8)}`;
}

/** A path segment from any text: its ASCII slug, or a hash when nothing of it survives slugging. */
function segment(text: string): string {
  return slugify(text) || `x-${sha256Hex(text).slice(0, 12)}`;
}

/** Mints the IRIs of one dataset; every stage receives one of these. */
export class IriMinter {
  readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  private iri(path: string): NamedNode {
    return DataFactory.namedNode(this.base + path);
  }

  announcement(id: string): NamedNode {
    return this.iri(`announcement/${idSegment(id)}`);
  }

  announcementGraph(id: string): NamedNode {
    return this.iri(`graph/announcement/${idSegment(id)}`);
  }

  source(id: string): NamedNode {
    return this.iri(`source/${idSegment(id)}`);
  }

  agency(slugOrId: string): NamedNode {
    return this.iri(`agency/${segment(slugOrId)}`);
  }

  person(name: string): NamedNode {
    return this.iri(`person/${segment(name)}`);
  }

  /** A numbered document: `eli/vn/nghi-dinh/2017/144/cp`; without a year in its number, `eli/vn/{type}/{number}`. */
  legalDocument(eliType: string, parts: { sequence: string; year?: number; issuerCode?: string; number: string }): NamedNode {
    if (parts.year !== undefined) {
      const issuer = parts.issuerCode ? `/${segment(parts.issuerCode)}` : '';
      return this.iri(`eli/vn/${segment(eliType)}/${parts.year}/${segment(parts.sequence)}${issuer}`);
    }
    return this.iri(`eli/vn/${segment(eliType)}/${segment(parts.number)}`);
  }

  /** A document named by type and title only; the year its name carries keeps two laws of one name apart. */
  namedDocument(eliType: string, title: string, nameYear?: number): NamedNode {
    return this.iri(`document/${segment(eliType)}/${segment(title)}${nameYear === undefined ? '' : `-${nameYear}`}`);
  }

  /** An office held: a person's title in a body (`membership/{person}/{title}/{agency}`), the same node in every announcement that attests it. */
  membership(personId: string, title: string, agency?: string): NamedNode {
    return this.iri(`membership/${segment(personId)}/${segment(title)}/${agency ? segment(agency) : 'none'}`);
  }

  /** The named graph of when memberships are attested (`graph/memberships`). */
  membershipGraph(): NamedNode {
    return this.iri('graph/memberships');
  }

  /** The period of a membership: `{membership}/period`, and its start and end instants `{membership}/period/start`. */
  period(membership: NamedNode): NamedNode {
    return DataFactory.namedNode(`${membership.value}/period`);
  }

  instant(period: NamedNode, which: 'start' | 'end'): NamedNode {
    return DataFactory.namedNode(`${period.value}/${which}`);
  }

  /** A title in the SKOS scheme of titles (`title/{slug}`), and the scheme itself (`title`). */
  title(title?: string): NamedNode {
    return this.iri(title === undefined ? 'title' : `title/${segment(title)}`);
  }

  /** A document type as a SKOS concept (`document-type/{eli_type}`), and the scheme itself (`document-type`). */
  documentType(eliType?: string): NamedNode {
    return this.iri(eliType === undefined ? 'document-type' : `document-type/${segment(eliType)}`);
  }

  /** The text of an announcement's headline or body (`announcement/{id}/headline`, `announcement/{id}/body`): a NIF context. */
  text(announcementId: string, field: 'title' | 'body'): NamedNode {
    return this.iri(`announcement/${idSegment(announcementId)}/${field === 'title' ? 'headline' : 'body'}`);
  }

  /** A span of that text, as an RFC 5147 fragment: `announcement/{id}/body#char=120,135`. */
  textSpan(announcementId: string, field: 'title' | 'body', start: number, end: number): NamedNode {
    return DataFactory.namedNode(`${this.text(announcementId, field).value}#char=${start},${end}`);
  }

  /** The n-th (n ≥ 2) of several entities that would otherwise share `node`'s IRI: `{iri}-{n}`. */
  variant(node: NamedNode, n: number): NamedNode {
    return DataFactory.namedNode(`${node.value}-${n}`);
  }

  post(name: string): NamedNode {
    return this.iri(`post/${segment(name)}`);
  }

  event(announcementId: string, n: number): NamedNode {
    return this.iri(`event/${idSegment(announcementId)}/${n}`);
  }

  /** The legislative process of a draft (ELI-DL): `process/` and the draft's own path under the base. */
  legislativeProcess(draft: NamedNode): NamedNode {
    const path = draft.value.startsWith(this.base) ? draft.value.slice(this.base.length) : segment(draft.value);
    return this.iri(`process/${path}`);
  }

  /** A province or city: `place/{slug}`, or `place/{slug}/until-{date}` for a unit that no longer exists. */
  place(slug: string, validTo?: string): NamedNode {
    const until = validTo && /^\d{4}-\d{2}-\d{2}$/.test(validTo) ? `/until-${validTo}` : '';
    return this.iri(`place/${segment(slug)}${until}`);
  }

  /** A run of the pipeline, named by a digest of what it read: `activity/build-{digest}`. */
  activity(digest: string): NamedNode {
    return this.iri(`activity/build-${segment(digest)}`);
  }

  /** The software that ran (`agent/loa`). */
  agent(): NamedNode {
    return this.iri('agent/loa');
  }

  /** The named graph of run provenance (`graph/metadata`). */
  metadataGraph(): NamedNode {
    return this.iri('graph/metadata');
  }

  /** The named graph of facts taken from the reference data (gazetteers). */
  referenceGraph(): NamedNode {
    return this.iri('graph/reference');
  }

  /** The whole dataset, as described in the metadata. */
  dataset(): NamedNode {
    return this.iri('dataset');
  }
}

/** Characters that may not appear raw in an IRI (RFC 3987 excludes them; N-Triples cannot hold them). */
const NOT_IN_IRI = /[\u0000-\u0020<>"{}|\\^`\u007F-\u009F]/g;

/**
 * A URL from input made safe to write as an IRI: every character an IRI may not
 * hold is percent-encoded, so a crafted value can never end the term early.
 * Returns undefined for anything that is not an absolute http(s) URL.
 */
export function externalIri(url: string): NamedNode | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const safe = parsed.href.replace(NOT_IN_IRI, (ch) => encodeURIComponent(ch).replace(/%([0-9a-f]{2})/gi, (_, h: string) => `%${h.toUpperCase()}`));
  return DataFactory.namedNode(safe);
}

/** Whether a subject as written in N-Triples (`<…>`) is a text span: an IRI with an RFC 5147 `#char=` fragment (see `textSpan`). */
export function isSpanSubject(subject: string): boolean {
  return subject.startsWith('<') && subject.includes('#char=');
}
