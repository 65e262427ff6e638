import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { readInputFile } from '../../src/ingest/read-corpus.ts';
import { compareGolden } from './golden.ts';

const DIR = join(import.meta.dirname, 'ingest');
const cases = readdirSync(DIR).filter((f) => !f.includes('.expected')).sort();

describe('ingest golden files: one case per input format and layout variant', () => {
  it.each(cases)('%s', async (name) => {
    const result = await readInputFile({ absolute: join(DIR, name), path: name }, { maxFileBytes: DEFAULT_MAX_FILE_BYTES });
    const { expected, actual } = compareGolden(join(DIR, name.replace(/\.[^.]+$/, '.expected.json')), result);
    expect(actual).toEqual(expected);
  });
});
