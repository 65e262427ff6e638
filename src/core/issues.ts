import type { Issue, Span } from './types.ts';

/**
 * Builds an issue. Codes are snake_case and stable: they are documented in the
 * README and tools may filter on them.
 */
export function issue(
  code: string,
  file: string,
  message: string,
  hint: string,
  extra: { severity?: Issue['severity']; span?: Span; excerpt?: string } = {},
): Issue {
  const out: Issue = { code, severity: extra.severity ?? 'error', file, message, hint };
  if (extra.span) out.span = extra.span;
  if (extra.excerpt !== undefined) out.excerpt = excerpt(extra.excerpt);
  return out;
}

/** At most 120 characters of input, for quoting in a report. */
export function excerpt(s: string, max = 120): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
