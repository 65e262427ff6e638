/**
 * The plain-text layout of the sample article: title line, blank line, date line,
 * the title repeated (optional), body paragraphs, optional credit lines. Also
 * tolerated: leading blank lines, no blank line after the title, the date line
 * before the title.
 */
import { issue } from '../core/issues.ts';
import { normaliseLine, splitLines } from '../core/text.ts';
import type { ParsedFields } from './fields.ts';
import { parsePublicationDate } from './publication-date.ts';

/** How far into the file the date line may be (counting non-empty lines). */
const DATELINE_WINDOW = 4;
/** A title longer than this is a paragraph, not a headline. */
const MAX_TITLE_CHARS = 400;

export function parseTextLayout(text: string, file: string): ParsedFields {
  const lines = splitLines(text).map(normaliseLine).filter((l) => l.length > 0);
  if (lines.length === 0) {
    return { ok: false, issues: [issue('empty_announcement', file, 'the file has no text', 'remove the file or fill it with the announcement')] };
  }
  const head = lines.slice(0, DATELINE_WINDOW);
  const dateIndex = head.findIndex((l) => parsePublicationDate(l) !== null);
  if (dateIndex < 0) {
    return {
      ok: false,
      issues: [
        issue('missing_publication_date', file, 'no publication date line (dd/mm/yyyy) near the top of the file', 'put the title on line 1 and the date as dd/mm/yyyy on line 3', { excerpt: head.join(' | ') }),
      ],
    };
  }
  const published = parsePublicationDate(lines[dateIndex]!)!;
  if (!published.ok) {
    return { ok: false, issues: [issue(published.code, file, published.message, published.hint, { excerpt: lines[dateIndex]! })] };
  }
  const before = lines.slice(0, dateIndex);
  const after = lines.slice(dateIndex + 1);
  let title = before.join(' ');
  if (!title) title = after.shift() ?? '';
  if (after[0] !== undefined && sameTitle(after[0], title)) after.shift();
  if (!title) {
    return { ok: false, issues: [issue('missing_title', file, 'no title line before the body', 'put the title on the first line')] };
  }
  if (title.length > MAX_TITLE_CHARS) {
    return {
      ok: false,
      issues: [issue('missing_title', file, `the first line is ${title.length} characters long: a paragraph, not a title`, 'put the title on the first line, then a blank line and the date', { excerpt: title })],
    };
  }
  if (after.length === 0) {
    return { ok: false, issues: [issue('empty_body', file, 'the announcement has a title and a date but no body', 'add the body paragraphs after the date line')] };
  }
  const warnings = published.twoDigitYear
    ? [issue('date_two_digit_year', file, `two-digit year read as ${published.date.slice(0, 4)}`, 'write the year with four digits', { severity: 'warning', excerpt: lines[dateIndex]! })]
    : [];
  return {
    ok: true,
    title,
    published: published.time ? { date: published.date, time: published.time } : { date: published.date },
    body: after.join('\n'),
    warnings,
  };
}

function sameTitle(line: string, title: string): boolean {
  return line.toLocaleLowerCase('vi') === title.toLocaleLowerCase('vi');
}
