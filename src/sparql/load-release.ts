/**
 * Reads a published N-Quads dump into an in-memory store for querying.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { StreamParser, Store } from 'n3';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { Quad } from 'n3';

/** The N-Quads dump of an output folder, as `build` writes it. */
export function nquadsDumpPath(outDir: string): string {
  return join(outDir, 'dumps', 'loa.nq.gz');
}

/**
 * Loads the release in `outDir`: the named graphs from the N-Quads dump, and the
 * default graph as their union from the N-Triples dump (each triple once, as the
 * RDF merge of the graphs requires). Throws with a readable message when there is no release.
 */
export async function loadRelease(outDir: string): Promise<Store> {
  const nquads = nquadsDumpPath(outDir);
  const ntriples = join(outDir, 'dumps', 'loa.nt.gz');
  for (const path of [nquads, ntriples]) {
    try {
      await access(path);
    } catch {
      throw new Error(`no published dump at ${path}: run "npm start -- --out ${outDir}" first`);
    }
  }
  const store = new Store();
  await loadInto(store, nquads, 'N-Quads');
  await loadInto(store, ntriples, 'N-Triples');
  return store;
}

async function loadInto(store: Store, path: string, format: 'N-Quads' | 'N-Triples'): Promise<void> {
  await pipeline(
    createReadStream(path),
    createGunzip(),
    new StreamParser({ format }),
    new Writable({
      objectMode: true,
      write(q: Quad, _enc, cb) {
        store.addQuad(q);
        cb();
      },
    }),
  );
}
