/**
 * Reads a published release into the query store: oxigraph (WebAssembly), which
 * answers the query mix 7–100× faster than Comunica over an in-memory RDF/JS
 * store and holds the same data in about half the memory (see bench/RESULTS.md).
 * The named graphs come from the N-Quads dump; the default graph is their union,
 * each triple once, from the N-Triples dump.
 *
 * An output folder is read through its `latest` link (`OUT/latest/dumps/`); a
 * release folder (`OUT/releases/<version>`) can be given as well.
 */
import { createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Store } from 'oxigraph';

/** The dumps folder of an output folder (through `latest`) or of a release folder. */
export async function dumpsFolder(dir: string): Promise<string> {
  const latest = join(dir, 'latest', 'dumps');
  const isFolder = (p: string) => stat(p).then((s) => s.isDirectory(), () => false);
  if (await isFolder(latest)) return latest;
  return join(dir, 'dumps');
}

/** A release loaded for querying. */
export interface Release {
  store: Store;
}

/** Lines are loaded in pieces of about this many bytes: no single string need hold a whole dump. */
const PIECE_BYTES = 32 * 1024 * 1024;

/** Loads the latest release in `outDir` (or the release folder `outDir`); throws with a readable message when there is none. */
export async function loadRelease(outDir: string): Promise<Release> {
  const dumps = await dumpsFolder(outDir);
  try {
    return await loadDumps(dumps);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`no published release in ${outDir}: run "npm start -- --out ${outDir}" first`);
    throw e;
  }
}

/** Loads the N-Quads and N-Triples dumps of one dumps folder. */
export async function loadDumps(dumps: string): Promise<Release> {
  const nquads = join(dumps, 'loa.nq.gz');
  const ntriples = join(dumps, 'loa.nt.gz');
  for (const path of [nquads, ntriples]) await access(path);
  const store = new Store();
  await loadInto(store, nquads, 'application/n-quads');
  await loadInto(store, ntriples, 'application/n-triples');
  return { store };
}

/**
 * Streams a gzipped line-based dump into the store, a piece of whole lines at
 * a time; with `keep`, only the lines it accepts (each line is one statement).
 */
export async function loadInto(store: Store, path: string, format: 'application/n-quads' | 'application/n-triples', keep?: (line: string) => boolean): Promise<void> {
  let pending: Buffer[] = [];
  let size = 0;
  let statements = 0;
  const flush = (upTo: number) => {
    const all = Buffer.concat(pending);
    const text = all.subarray(0, upTo).toString('utf8');
    const kept = keep ? text.split('\n').filter((line) => line !== '' && keep(line)) : undefined;
    try {
      store.load(kept ? kept.join('\n') : text, { format });
    } catch (e) {
      throw loadError(e, path, statements);
    }
    statements += kept ? kept.length : countLines(text);
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
          try {
            if (lastNewline >= 0) flush(lastNewline + 1);
          } catch (e) {
            // Passed to the stream, not thrown: thrown here it would escape the pipeline and end the process.
            cb(e as Error);
            return;
          }
        }
        cb();
      },
    }),
  );
  if (size > 0) flush(size);
}

/** Lines ended by a newline (every line of a piece, which ends at one). */
function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * What a failed load says: the file and how far it got, and for a release larger than the store's
 * memory (WebAssembly gives oxigraph at most 4 GB; at 100k announcements the N-Quads dump alone
 * overflows it after some 15 million statements), what to use instead.
 */
function loadError(e: unknown, path: string, statements: number): Error {
  if (e instanceof WebAssembly.RuntimeError) {
    return new Error(
      `the release is too large for the embedded query store: oxigraph (WebAssembly, at most 4 GB of memory) failed loading ${path} after ${statements.toLocaleString('en')} statements (${e.message}). ` +
        'Query a release of this size in a SPARQL store: bulk-load its N-Quads dump into Virtuoso, or send it with "loa publish" (README, "SPARQL at 100k").',
    );
  }
  return new Error(`${path}: ${(e as Error).message} (after ${statements.toLocaleString('en')} statements)`);
}
