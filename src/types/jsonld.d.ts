/**
 * The part of jsonld.js (v9) loa uses. Its own package ships no types and the
 * published @types/jsonld describe the 1.x API.
 */
declare module 'jsonld' {
  interface RemoteDocument {
    contextUrl?: string;
    documentUrl: string;
    document: unknown;
  }
  interface Options {
    /** Serves every context loa uses from the repository; anything else must be refused, never fetched. */
    documentLoader?: (url: string) => Promise<RemoteDocument>;
    format?: 'application/n-quads';
    base?: string;
  }
  const jsonld: {
    fromRDF(input: string, options?: Options): Promise<object[]>;
    compact(input: unknown, context: unknown, options?: Options): Promise<Record<string, unknown>>;
    expand(input: unknown, options?: Options): Promise<object[]>;
    toRDF(input: unknown, options?: Options): Promise<string>;
  };
  export default jsonld;
}
