/**
 * A test that prints to the console fails: output from code under test is either
 * a bug or belongs in a report, never on the console.
 */
import { afterEach, beforeEach } from 'vitest';

const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originals = Object.fromEntries(methods.map((m) => [m, console[m]]));
let printed: string[] = [];

beforeEach(() => {
  printed = [];
  for (const m of methods) {
    console[m] = (...args: unknown[]) => {
      printed.push(`console.${m}: ${args.map(String).join(' ')}`);
    };
  }
});

afterEach(() => {
  for (const m of methods) console[m] = originals[m]!;
  if (printed.length > 0) throw new Error(`unexpected console output:\n${printed.join('\n')}`);
});
