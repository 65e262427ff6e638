/**
 * Tidy the hand-curated reference tables in place, so hand edits stay
 * consistent and diffs stay small:
 *
 *   npx tsx scripts/reference/normalize-curated.ts [--out DIR]
 *
 * For agencies.csv, titles.csv, document-types.csv and abbreviations.csv it
 *  - checks that every record has the header's column count,
 *  - writes every field as NFC, trimmed, with runs of spaces collapsed,
 *  - puts the canonical name column (agencies.name, titles.title) in the modern
 *    tone placement ("Hòa", "Ủy"), moving the other spelling to aliases,
 *  - de-duplicates ";"-separated list fields,
 *  - sorts the rows by the table's key, and rewrites the file with minimal quoting.
 *
 * It adds or removes no facts; the content is edited by hand.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Row } from './csv.ts';
import {
  clean,
  compareCodePoints,
  joinList,
  modernTone,
  parseOptions,
  readTable,
  splitList,
  writeTable,
} from './common.ts';

interface Spec {
  file: string;
  header: string[];
  /** Column holding the canonical name, put in modern tone placement. */
  nameColumn?: string;
  aliasColumn?: string;
  listColumns: string[];
  compare: (a: Row, b: Row) => number;
}

const by =
  (...cols: string[]) =>
  (a: Row, b: Row): number => {
    for (const c of cols) {
      const d = compareCodePoints(a[c] ?? '', b[c] ?? '');
      if (d !== 0) return d;
    }
    return 0;
  };

const CURATED: Spec[] = [
  {
    file: 'agencies.csv',
    header: [
      'id',
      'name',
      'english_name',
      'abbreviations',
      'aliases',
      'parent_id',
      'kind',
      'level',
      'valid_from',
      'valid_to',
      'replaced_by',
      'wikidata',
      'source',
    ],
    nameColumn: 'name',
    aliasColumn: 'aliases',
    listColumns: ['abbreviations', 'aliases', 'replaced_by'],
    compare: by('id'),
  },
  {
    file: 'titles.csv',
    header: ['title', 'english', 'rank', 'category', 'agency_pattern', 'aliases'],
    nameColumn: 'title',
    aliasColumn: 'aliases',
    listColumns: ['aliases'],
    compare: (a, b) => Number(a.rank) - Number(b.rank) || compareCodePoints(a.title!, b.title!),
  },
  {
    file: 'document-types.csv',
    header: ['name', 'code', 'eli_type', 'english', 'category', 'aliases'],
    nameColumn: 'name',
    aliasColumn: 'aliases',
    listColumns: ['aliases'],
    compare: by('category', 'name'),
  },
  {
    file: 'abbreviations.csv',
    header: ['abbreviation', 'expansion', 'context'],
    listColumns: [],
    compare: by('abbreviation', 'context', 'expansion'),
  },
];

function tidy(spec: Spec, rows: Row[]): Row[] {
  const out = rows.map((row) => {
    const r: Row = {};
    for (const col of spec.header) r[col] = clean(row[col] ?? '');
    for (const col of spec.listColumns) r[col] = joinList(splitList(r[col]));
    if (spec.nameColumn) {
      const original = r[spec.nameColumn]!;
      const modern = modernTone(original);
      if (modern !== original) {
        r[spec.nameColumn] = modern;
        if (spec.aliasColumn) r[spec.aliasColumn] = joinList([original, ...splitList(r[spec.aliasColumn])]);
      }
      if (spec.aliasColumn) {
        r[spec.aliasColumn] = joinList(splitList(r[spec.aliasColumn]).filter((a) => a !== r[spec.nameColumn!]));
      }
    }
    return r;
  });
  return out.sort(spec.compare);
}

function main(): void {
  const opts = parseOptions();
  for (const spec of CURATED) {
    const path = resolve(opts.out, spec.file);
    if (!existsSync(path)) {
      process.stdout.write(`skip ${spec.file}: not found\n`);
      continue;
    }
    const table = readTable(path);
    const missing = spec.header.filter((h) => !table.header.includes(h));
    if (missing.length > 0) throw new Error(`${spec.file}: missing columns ${missing.join(', ')}`);
    writeTable(path, spec.header, tidy(spec, table.rows));
  }
}

main();
