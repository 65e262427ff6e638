/**
 * What every writer of a release artefact (CSV, catalogue, VoID, entity pages,
 * embeds, change history) receives. The dumps are written first; the writers
 * then read the published graph from them and write their files under `dir`.
 * A writer returns the files it wrote, so the catalogue can list and checksum them.
 */
import type { IriMinter } from '../core/iri.ts';
import type { StageTimes } from '../core/stage-times.ts';
import type { TraceSettings } from './site/traces.ts';

/** How the release is described to harvesters; every field has a default (see `defaultPublication`). */
export interface Publication {
  /** Dataset title, Vietnamese and English. */
  title: { vi: string; en: string };
  description: { vi: string; en: string };
  /** Licence IRI (default: CC BY 4.0). */
  licence: string;
  publisherName: string;
  /** Publisher IRI (a foaf:Agent). */
  publisher: string;
  /** Where the release folder is served; download URLs are `{downloadBase}{path}`. Ends in `/`. */
  downloadBase: string;
  /** The SPARQL endpoint serving the dataset. */
  sparqlEndpoint: string;
}

export interface ReleaseContext {
  /** The release folder being written (still a staging folder while writers run). */
  dir: string;
  /** The folder holding the release's dumps, which the writers read (the N-Triples and N-Quads dumps are sorted by line). */
  dumps: string;
  iris: IriMinter;
  /** Content-derived version, `{date}-{hash}`; also the release folder's name. */
  version: string;
  /** The release date (YYYY-MM-DD): the latest publication date among the announcements. */
  issued: string;
  /** The release this one follows, when the output folder had one. */
  previousVersion?: string;
  /** That release's folder: writers link its files that they would write again byte for byte. */
  previousDir?: string;
  /** Publication dates of the earliest and latest announcements (temporal coverage). */
  coverage: { from: string; to: string };
  publication: Publication;
  /**
   * SHA-256 of files as their writers wrote them, by path in the release (`site/…`). The release's
   * SHA256SUMS takes these instead of reading the files back; a file not in it is read and hashed.
   */
  checksums?: Map<string, string>;
  /** Where a writer may record the time of its parts (the build reports them). */
  times?: StageTimes;
  /**
   * Where the entity pages and embeds keep what each page read (`site/traces.ts`), so that the next
   * release links the pages whose inputs did not change instead of rendering them; none when unset.
   */
  pageTraces?: TraceSettings;
  /** Where a writer may record counts (pages rendered and reused), by label. */
  counts?: Map<string, number>;
}

/** A file a writer put in the release; `path` is relative to the release folder, with `/`. */
export interface ReleaseFile {
  path: string;
  bytes: number;
  sha256: string;
  /** IANA media type of the content (for a gzipped file, the media type of what is inside). */
  mediaType: string;
  /** `application/gzip` when the file is gzipped. */
  compression?: string;
  /** One line saying what the file holds (English). */
  title: string;
}

/** The defaults for `Publication`, given the base IRI of the dataset. */
export function defaultPublication(base: string): Publication {
  return {
    title: { vi: 'loa: dữ liệu liên kết từ tin tức của cơ quan nhà nước Việt Nam', en: 'loa: linked data from Vietnamese government announcements' },
    description: {
      vi: 'Sự kiện, quan chức và chức vụ, cơ quan, văn bản pháp luật được trích xuất từ các bản tin của bộ, ngành và địa phương, kèm câu nguồn của từng dữ kiện.',
      en: 'Events, officials and their posts, agencies and legal documents extracted from the announcements of ministries, departments and provinces, each fact traced to its source sentence.',
    },
    licence: 'http://creativecommons.org/licenses/by/4.0/',
    publisherName: 'loa',
    publisher: `${base}publisher`,
    downloadBase: `${base}release/`,
    sparqlEndpoint: `${base}sparql`,
  };
}
