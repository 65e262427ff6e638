import type { Issue } from '../core/types.ts';

/** What every format parser hands back: the announcement's own fields, or the reasons it cannot be read. */
export type ParsedFields =
  | { ok: true; title: string; published: { date: string; time?: string }; body: string; url?: string; warnings: Issue[] }
  | { ok: false; issues: Issue[] };
