/** A gzipped file read whole into memory, as chunks (oxigraph's `load` takes them as they are). */
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export async function gunzipChunks(path: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  await pipeline(
    createReadStream(path),
    createGunzip(),
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    }),
  );
  return chunks;
}
