/**
 * Golden-file comparison: the expected output sits beside the input as
 * `<case>.expected.json`. On a mismatch a `<case>.expected-changed.json` copy is
 * written for review; expected files are rewritten only when LOA_UPDATE_GOLDEN=1
 * (`npm run golden:update`), never in CI.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export function compareGolden(expectedPath: string, actual: unknown): { expected: unknown; actual: unknown } {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  const changedPath = expectedPath.replace(/\.json$/, '-changed.json');
  if (process.env.LOA_UPDATE_GOLDEN === '1' && !process.env.CI) {
    writeFileSync(expectedPath, text);
    rmSync(changedPath, { force: true });
    return { expected: actual, actual };
  }
  if (!existsSync(expectedPath)) {
    writeFileSync(changedPath, text);
    return { expected: undefined, actual };
  }
  const expected: unknown = JSON.parse(readFileSync(expectedPath, 'utf8'));
  if (readFileSync(expectedPath, 'utf8') !== text) writeFileSync(changedPath, text);
  else rmSync(changedPath, { force: true });
  return { expected, actual: JSON.parse(text) };
}
