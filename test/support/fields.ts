import type { Field } from '../../src/extract/agencies.ts';
import { tokenize } from '../../src/extract/tokens.ts';

/** Title and body fields of a test announcement, tokenised as the extractors expect. */
export function fieldsOf(body: string, title = ''): Field[] {
  return [
    { field: 'title', text: title, tokens: tokenize(title) },
    { field: 'body', text: body, tokens: tokenize(body) },
  ];
}
