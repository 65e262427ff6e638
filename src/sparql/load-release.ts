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

/** Loads the release in `outDir`; throws with a readable message when there is none. */
export async function loadRelease(outDir: string): Promise<Store> {
  const path = nquadsDumpPath(outDir);
  try {
    await access(path);
  } catch {
    throw new Error(`no published dump at ${path}: run "npm start -- --out ${outDir}" first`);
  }
  const store = new Store();
  await pipeline(
    createReadStream(path),
    createGunzip(),
    new StreamParser({ format: 'N-Quads' }),
    new Writable({
      objectMode: true,
      write(q: Quad, _enc, cb) {
        store.addQuad(q);
        cb();
      },
    }),
  );
  return store;
}
