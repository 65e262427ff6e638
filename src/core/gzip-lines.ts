/**
 * Reading a gzipped line-based file (the N-Triples and N-Quads dumps) one line
 * at a time, without ever holding the whole text: the decompressed chunks are
 * decoded as UTF-8 (a character split between two chunks is kept whole) and
 * cut at line feeds. A missing or corrupt file rejects the returned promise,
 * and so does an error thrown by the callback (with that error).
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/**
 * Calls `each` with every non-empty line of the gzipped file at `path`, in order, without its line feed.
 *
 * @example
 *   let triples = 0;
 *   await forEachGzipLine('dumps/loa.nt.gz', () => triples++);
 */
export async function forEachGzipLine(path: string, each: (line: string) => void): Promise<void> {
  // An error thrown by `each` ends the stream; the pipeline then reports an abort, so it is kept and rethrown.
  let failure: { error: unknown } | undefined;
  const take = (line: string) => {
    try {
      each(line);
    } catch (error) {
      failure = { error };
      throw error;
    }
  };
  try {
    await pipeline(createReadStream(path), createGunzip(), async (source: AsyncIterable<Buffer>) => {
      const decoder = new StringDecoder('utf8');
      let rest = '';
      for await (const chunk of source) {
        const lines = (rest + decoder.write(chunk)).split('\n');
        rest = lines.pop()!;
        for (const line of lines) if (line !== '') take(line);
      }
      rest += decoder.end();
      if (rest !== '') take(rest);
    });
  } catch (error) {
    throw failure ? failure.error : error;
  }
}

/**
 * The non-empty lines of the gzipped file at `path`, a decompressed chunk's worth at a time, for a
 * reader that awaits between them (`forEachGzipLine` calls back without waiting). A missing file or a
 * read or decompression error rejects the iteration; stopping early closes the file.
 */
export async function* gzipLineBatches(path: string): AsyncGenerator<string[]> {
  const source = createReadStream(path);
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of source.pipe(gunzip)) {
      const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = lines.pop()!;
      const kept = lines.filter((l) => l !== '');
      if (kept.length > 0) yield kept;
    }
    rest += decoder.end();
    if (rest !== '') yield [rest];
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

/** The non-empty lines of the gzipped file at `path`, one at a time (see `gzipLineBatches`). */
export async function* gzipLines(path: string): AsyncGenerator<string> {
  for await (const batch of gzipLineBatches(path)) yield* batch;
}
