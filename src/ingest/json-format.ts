/**
 * JSON and JSON Lines records `{ id?, url?, title, published, body | html }`,
 * checked with zod at this edge. A JSON file holds one record or an array of
 * them; a JSON Lines file one record per line. A bad record is rejected alone.
 */
import { z } from 'zod';
import { issue } from '../core/issues.ts';
import { normaliseLine, splitLines } from '../core/text.ts';
import type { Issue } from '../core/types.ts';
import type { ParsedFields } from './fields.ts';
import { htmlFragmentParagraphs } from './html-format.ts';
import { parsePublicationDate } from './publication-date.ts';

const RecordSchema = z
  .object({
    id: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\u0000-\u001F\u007F/\\]+$/, 'an id may not contain control characters or slashes')
      .optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    title: z.string().trim().min(1, 'the title is empty'),
    published: z.string().trim().min(1, 'the publication date is empty'),
    body: z.string().optional(),
    html: z.string().optional(),
  })
  .refine((r) => (r.body === undefined) !== (r.html === undefined), { message: 'a record has either "body" or "html", exactly one of them' });

export type JsonRecord = z.infer<typeof RecordSchema>;

/** One record of a file, parsed or rejected; `record` is 1-based. */
export interface RecordResult {
  record: number;
  id?: string;
  fields: ParsedFields;
}

/** Reads the records of a `.json` file (one object or an array). */
export function parseJsonFile(text: string, file: string): RecordResult[] | Issue {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return issue('json_invalid', file, `not valid JSON: ${(e as Error).message}`, 'fix the JSON syntax (a validator shows the position)');
  }
  const records = Array.isArray(data) ? data : [data];
  if (records.length === 0) return issue('empty_announcement', file, 'the JSON array holds no record', 'remove the file or add records');
  return records.map((r, i) => recordResult(r, i + 1, file));
}

/** Reads the records of a `.jsonl` file: one JSON object per non-empty line. */
export function parseJsonLinesFile(text: string, file: string): RecordResult[] | Issue {
  const out: RecordResult[] = [];
  const lines = splitLines(text);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const record = out.length + 1;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (e) {
      out.push({ record, fields: { ok: false, issues: [issue('json_invalid', file, `line ${i + 1}: not valid JSON: ${(e as Error).message}`, 'fix the JSON on that line; each line holds one record')] } });
      return;
    }
    out.push(recordResult(data, record, file));
  });
  if (out.length === 0) return issue('empty_announcement', file, 'the JSON Lines file holds no record', 'remove the file or add records');
  return out;
}

function recordResult(data: unknown, record: number, file: string): RecordResult {
  const parsed = RecordSchema.safeParse(data);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ');
    return { record, fields: { ok: false, issues: [issue('record_invalid', file, `record ${record}: ${detail}`, 'each record needs "title", "published" and one of "body" or "html"; "id" and "url" are optional')] } };
  }
  const r = parsed.data;
  return { record, ...(r.id !== undefined ? { id: normaliseLine(r.id) } : {}), fields: recordFields(r, record, file) };
}

function recordFields(r: JsonRecord, record: number, file: string): ParsedFields {
  const date = parsePublicationDate(r.published);
  if (!date) {
    return { ok: false, issues: [issue('date_unreadable', file, `record ${record}: "published" is not a date: "${r.published}"`, 'use YYYY-MM-DD, an ISO date-time, or dd/mm/yyyy', { excerpt: r.published })] };
  }
  if (!date.ok) return { ok: false, issues: [issue(date.code, file, `record ${record}: ${date.message}`, date.hint)] };
  const paragraphs = r.html !== undefined ? htmlFragmentParagraphs(r.html) : splitLines(r.body ?? '').map(normaliseLine).filter(Boolean);
  if (paragraphs.length === 0) {
    return { ok: false, issues: [issue('empty_body', file, `record ${record}: the body is empty`, 'fill "body" or "html" with the announcement text')] };
  }
  const title = normaliseLine(r.title);
  return {
    ok: true,
    title,
    published: date.time ? { date: date.date, time: date.time } : { date: date.date },
    body: paragraphs.join('\n'),
    ...(r.url ? { url: r.url } : {}),
    warnings: [],
  };
}
