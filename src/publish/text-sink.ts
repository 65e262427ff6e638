/**
 * A gzip file written from strings with back-pressure: chunks are batched and
 * the writer waits for `drain`, so memory stays flat however large the dump.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip, type Gzip, type ZlibOptions } from 'node:zlib';
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformOptions } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const BATCH_CHARS = 1 << 18;

export interface SinkResult {
  path: string;
  bytes: number;
  sha256: string;
}

export class GzipTextSink {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly done: Promise<void>;

  constructor(readonly path: string, level = 6) {
    // Up to 4 MB waits for the compressor (on the thread pool) before `write` asks its caller to wait,
    // so compressing overlaps the caller's next work. zlib streams take the stream options too.
    const options: ZlibOptions & TransformOptions = { level, writableHighWaterMark: 1 << 22 };
    this.gzip = createGzip(options);
    this.file = createWriteStream(path);
    const meter = new Transform({
      transform: (chunk: Buffer, _enc, cb) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        cb(null, chunk);
      },
    });
    this.done = pipeline(this.gzip, meter, this.file);
  }

  /**
   * Queues text, or UTF-8 bytes. Returns a promise, to be awaited, only when
   * something went to the compressor; otherwise nothing, so a caller writing
   * many small pieces need not wait on a promise for each. Bytes go to the
   * compressor at once, after any text queued before them.
   */
  write(text: string | Uint8Array): Promise<void> | undefined {
    if (typeof text !== 'string') return this.writeBytes(text);
    this.pending.push(text);
    this.pendingChars += text.length;
    return this.pendingChars >= BATCH_CHARS ? this.flush() : undefined;
  }

  private async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    if (!this.gzip.write(bytes)) await once(this.gzip, 'drain');
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.gzip.write(chunk, 'utf8')) await once(this.gzip, 'drain');
  }

  async close(): Promise<SinkResult> {
    await this.flush();
    this.gzip.end();
    await this.done;
    return { path: this.path, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}
