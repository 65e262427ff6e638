/**
 * Reads a published release into the query store: oxigraph (WebAssembly), which
 * answers the query mix 7–100× faster than Comunica over an in-memory RDF/JS
 * store and holds the same data in about half the memory (see bench/RESULTS.md).
 * The named graphs come from the N-Quads dump; the default graph is their union,
 * each triple once, from the N-Triples dump.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Store } from 'oxigraph';

/** The N-Quads dump of an output folder, as `build` writes it. */
export function nquadsDumpPath(outDir: string): string {
  return join(outDir, 'dumps', 'loa.nq.gz');
}

/** A release loaded for querying. */
export interface Release {
  store: Store;
}

/** Lines are loaded in pieces of about this many bytes: no single string need hold a whole dump. */
const PIECE_BYTES = 32 * 1024 * 1024;

/** Loads the release in `outDir`; throws with a readable message when there is none. */
export async function loadRelease(outDir: string): Promise<Release> {
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
  await loadInto(store, nquads, 'application/n-quads');
  await loadInto(store, ntriples, 'application/n-triples');
  return { store };
}

/** Streams a gzipped line-based dump into the store, a piece of whole lines at a time. */
async function loadInto(store: Store, path: string, format: 'application/n-quads' | 'application/n-triples'): Promise<void> {
  let pending: Buffer[] = [];
  let size = 0;
  const flush = (upTo: number) => {
    const all = Buffer.concat(pending);
    store.load(all.subarray(0, upTo).toString('utf8'), { format });
    pending = [all.subarray(upTo)];
    size = pending[0]!.length;
  };
  await pipeline(
    createReadStream(path),
    createGunzip(),
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        pending.push(chunk);
        size += chunk.length;
        if (size >= PIECE_BYTES) {
          const all = Buffer.concat(pending);
          pending = [all];
          const lastNewline = all.lastIndexOf(0x0a);
          if (lastNewline >= 0) flush(lastNewline + 1);
        }
        cb();
      },
    }),
  );
  if (size > 0) flush(size);
}
