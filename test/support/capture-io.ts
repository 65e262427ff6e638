import { Writable } from 'node:stream';
import type { Io } from '../../pipeline/io.ts';

/** An Io whose output is kept in strings, for calling the CLI in-process. */
export function captureIo(cwd: string): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const stdout = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  const stderr = new Writable({
    write(chunk: Buffer, _enc, cb) {
      err += chunk.toString();
      cb();
    },
  });
  return { stdout, stderr, cwd, out: () => out, err: () => err };
}
