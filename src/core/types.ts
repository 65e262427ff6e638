/**
 * The records that flow between stages. Stages exchange these plain types only;
 * zod schemas live at the edges (ingest, CLI, HTTP), never here.
 */

/** The input format an announcement was read from. */
export type SourceFormat = 'text' | 'html' | 'json' | 'jsonl';

/** Where an announcement came from, relative to the input folder (POSIX separators). */
export interface SourceInfo {
  /** Path of the file relative to the input folder, e.g. `2024/moj-0325.txt`. */
  path: string;
  format: SourceFormat;
  /** The encoding the bytes were decoded from, e.g. `utf-8`, `windows-1258`, `tcvn3`. */
  encoding: string;
  /** SHA-256 (hex) of the file's raw bytes. */
  sha256: string;
  byteSize: number;
  /** 1-based record number inside a JSON array or JSON Lines file. */
  record?: number;
}

/**
 * One announcement after ingest: text is Unicode NFC with spaces normalised.
 * `body` holds the paragraphs joined by `\n`; spans of later stages index into
 * `title` or `body` in UTF-16 code units.
 */
export interface Announcement {
  /** Stable id: the file name without extension, or the record's own id. */
  id: string;
  source: SourceInfo;
  title: string;
  /** Publication date `YYYY-MM-DD`, and time `HH:MM` (Vietnam time) when the source gives one. */
  published: { date: string; time?: string };
  url?: string;
  body: string;
  /** SHA-256 (hex) of the normalised title, date and body: equal content means a duplicate. */
  contentHash: string;
}

/** A problem found in the input, carried as data and rendered in the run report. */
export interface Issue {
  /** snake_case code, e.g. `date_impossible`, `encoding_undecidable`. */
  code: string;
  severity: 'error' | 'warning';
  /** Input file, relative to the input folder. */
  file: string;
  message: string;
  /** What the publisher can do about it. */
  hint: string;
  /** Where in the text, when the problem is inside a readable announcement. */
  span?: Span;
  /** A short quote of the offending input. */
  excerpt?: string;
}

/** A character range in an announcement's title or body (UTF-16 offsets, end exclusive). */
export interface Span {
  field: 'title' | 'body';
  start: number;
  end: number;
}
