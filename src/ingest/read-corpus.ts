/**
 * Files → announcements. Walks an input folder in a fixed order, reads each file
 * within a size limit, decodes it, parses it by format and yields one result per
 * file: the announcements it holds and the issues that kept any of it out.
 * Nothing here throws for bad input; only a missing input folder is fatal.
 */
import { lstat, open, readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { sha256Hex } from '../core/hash.ts';
import { issue } from '../core/issues.ts';
import type { Announcement, Issue, SourceFormat } from '../core/types.ts';
import { decodeBytes } from './encoding/index.ts';
import type { ParsedFields } from './fields.ts';
import { parseHtmlPage } from './html-format.ts';
import { parseJsonFile, parseJsonLinesFile, type RecordResult } from './json-format.ts';
import { parseTextLayout } from './text-format.ts';

/** A file found in the input folder. */
export interface InputFile {
  /** Absolute path. */
  absolute: string;
  /** Path relative to the input folder, with `/` separators. */
  path: string;
}

/** What became of one input file. */
export interface FileResult {
  file: string;
  announcements: Announcement[];
  /** Errors reject the file or one of its records; warnings accompany published announcements. */
  issues: Issue[];
}

/** A file passed over on purpose (hidden files, symbolic links), listed in the report. */
export interface Ignored {
  file: string;
  reason: string;
}

const FORMAT_BY_EXTENSION: Record<string, SourceFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** Extensions of formats loa does not read, with what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  '.pdf': 'convert the PDF to text or save the article page as HTML',
  '.doc': 'save the document as plain text (UTF-8) or HTML',
  '.docx': 'save the document as plain text (UTF-8) or HTML',
  '.odt': 'save the document as plain text (UTF-8) or HTML',
  '.rtf': 'save the document as plain text (UTF-8)',
  '.zip': 'unpack the archive into the input folder',
  '.gz': 'decompress the file into the input folder',
  '.7z': 'unpack the archive into the input folder',
  '.rar': 'unpack the archive into the input folder',
  '.xls': 'export the records as JSON Lines',
  '.xlsx': 'export the records as JSON Lines',
  '.png': 'images are not read: give the announcement text',
  '.jpg': 'images are not read: give the announcement text',
  '.jpeg': 'images are not read: give the announcement text',
  '.gif': 'images are not read: give the announcement text',
};

/**
 * Lists the files below `root`, sorted by path (code-unit order), so every run
 * sees them in the same order whatever the file system returns.
 */
export async function listInputFiles(root: string): Promise<{ files: InputFile[]; ignored: Ignored[] }> {
  const files: InputFile[] = [];
  const ignored: Ignored[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      const path = relative(root, absolute).split(sep).join('/');
      if (entry.name.startsWith('.')) {
        ignored.push({ file: path, reason: 'hidden file or folder' });
      } else if (entry.isSymbolicLink()) {
        ignored.push({ file: path, reason: 'symbolic link (not followed, so the input stays inside its folder)' });
      } else if (entry.isDirectory()) {
        await visit(absolute);
      } else if (entry.isFile()) {
        files.push({ absolute, path });
      } else {
        ignored.push({ file: path, reason: 'not a regular file' });
      }
    }
  };
  await visit(root);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, ignored };
}

/** Reads at most `limit` bytes; returns null when the file is larger. */
async function readBounded(absolute: string, limit: number): Promise<{ bytes: Uint8Array } | { tooLarge: number }> {
  const stats = await lstat(absolute);
  if (stats.size > limit) return { tooLarge: stats.size };
  const handle = await open(absolute, 'r');
  try {
    const buffer = Buffer.alloc(stats.size);
    let offset = 0;
    while (offset < stats.size) {
      const { bytesRead } = await handle.read(buffer, offset, stats.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return { bytes: buffer.subarray(0, offset) };
  } finally {
    await handle.close();
  }
}

/** Reads one input file into announcements, or issues saying why not. */
export async function readInputFile(input: InputFile, options: { maxFileBytes: number }): Promise<FileResult> {
  const file = input.path;
  const reject = (i: Issue): FileResult => ({ file, announcements: [], issues: [i] });
  const ext = extname(file).toLowerCase();
  const unsupportedHint = UNSUPPORTED[ext];
  if (unsupportedHint) return reject(issue('unsupported_format', file, `${ext} files are not announcements loa can read`, unsupportedHint));

  let read: Awaited<ReturnType<typeof readBounded>>;
  try {
    read = await readBounded(input.absolute, options.maxFileBytes);
  } catch (e) {
    return reject(issue('file_unreadable', file, `the file could not be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'check the file permissions'));
  }
  if ('tooLarge' in read) {
    return reject(
      issue('file_too_large', file, `the file is ${read.tooLarge} bytes, over the limit of ${options.maxFileBytes}`, 'split it into one file per announcement, or raise --max-file-size if it really is one announcement'),
    );
  }
  const decoded = decodeBytes(read.bytes);
  if (!decoded.ok) return reject(issue(decoded.code, file, decoded.message, decoded.hint));
  const format = FORMAT_BY_EXTENSION[ext] ?? sniffFormat(decoded.text);
  const source = { path: file, format, encoding: decoded.encoding, sha256: sha256Hex(read.bytes), byteSize: read.bytes.length };
  const stem = fileStem(file);

  if (format === 'json' || format === 'jsonl') {
    const records = format === 'json' ? parseJsonFile(decoded.text, file) : parseJsonLinesFile(decoded.text, file);
    if (!Array.isArray(records)) return reject(records);
    return fromRecords(records, stem, source);
  }
  const fields = format === 'html' ? parseHtmlPage(decoded.text, file) : parseTextLayout(decoded.text, file);
  if (!fields.ok) return { file, announcements: [], issues: fields.issues };
  return { file, announcements: [toAnnouncement(stem, fields, source)], issues: fields.warnings };
}

function fromRecords(records: RecordResult[], stem: string, source: Announcement['source']): FileResult {
  const announcements: Announcement[] = [];
  const issues: Issue[] = [];
  for (const r of records) {
    if (!r.fields.ok) {
      issues.push(...r.fields.issues);
      continue;
    }
    const id = r.id ?? (records.length === 1 ? stem : `${stem}-${r.record}`);
    announcements.push(toAnnouncement(id, r.fields, { ...source, record: r.record }));
    issues.push(...r.fields.warnings);
  }
  return { file: source.path, announcements, issues };
}

function toAnnouncement(id: string, fields: Extract<ParsedFields, { ok: true }>, source: Announcement['source']): Announcement {
  const contentHash = sha256Hex(`${fields.title}\n${fields.published.date}\n${fields.body}`);
  return {
    id,
    source,
    title: fields.title,
    published: fields.published,
    ...(fields.url ? { url: fields.url } : {}),
    body: fields.body,
    contentHash,
  };
}

/** The file name without its last extension. */
export function fileStem(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The format of a file whose extension says nothing: markup, JSON, or the text layout. */
function sniffFormat(text: string): SourceFormat {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /^<(?:head|body|div|article|meta|p)\b/.test(start)) return 'html';
  if (start.startsWith('{') || start.startsWith('[')) {
    const firstLineEnd = text.indexOf('\n');
    return firstLineEnd > 0 && text.slice(firstLineEnd).trimStart().startsWith('{') && !start.startsWith('[') ? 'jsonl' : 'json';
  }
  return 'text';
}
