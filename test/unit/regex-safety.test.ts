/**
 * Every regular expression the extractors and ingest export is checked for
 * catastrophic backtracking with recheck (an automaton-based analysis, not a timer).
 */
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as agencies from '../../src/extract/patterns/agencies.ts';
import * as dates from '../../src/extract/patterns/dates.ts';
import * as events from '../../src/extract/patterns/events.ts';
import * as legal from '../../src/extract/patterns/legal.ts';
import * as tokens from '../../src/extract/patterns/tokens.ts';
import * as publication from '../../src/ingest/publication-date.ts';

const modules = { agencies, dates, events, legal, tokens, publication };

const patterns = Object.entries(modules).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, RegExp] => entry[1] instanceof RegExp)
    .map(([name, re]) => [`${module}.${name}`, re] as const),
);

describe('exported regular expressions', () => {
  it('are found in every pattern module', () => {
    expect(patterns.length).toBeGreaterThan(15);
  });

  it.each(patterns)('%s cannot backtrack catastrophically', (_name, re) => {
    const result = checkSync(re.source, re.flags.replace(/[gy]/g, ''), { timeout: 20_000 });
    expect(result.status, result.status === 'vulnerable' ? `attack: ${JSON.stringify(result.attack?.pattern)}` : result.status).toBe('safe');
  });
});
