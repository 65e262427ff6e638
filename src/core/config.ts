/**
 * Run settings. The base IRI is the one setting every minted IRI depends on.
 */

/** Default base IRI: a persistent-identifier namespace that a deployment redirects to its own host. */
export const DEFAULT_BASE_IRI = 'https://w3id.org/loa/';

/** Largest input file read, in bytes; larger files are rejected without being read. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Returns the base IRI, checked: absolute http(s), ending in `/` or `#`, with no character that needs escaping. */
export function checkBaseIri(base: string): string | { error: string } {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { error: `not an absolute IRI: ${base}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `the base IRI must be http or https: ${base}` };
  if (!/[/#]$/.test(base)) return { error: `the base IRI must end with "/" or "#": ${base}` };
  if (/[\s<>"{}|\\^`]/.test(base)) return { error: `the base IRI contains a character not allowed in IRIs: ${base}` };
  return base;
}
