/**
 * A file to process, readable more than once (the pipeline streams a file in several passes instead of holding it
 * in memory). Adapters in stores/ provide it for a local path or an S3 object.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export interface FileSource {
  /** The key or path as the uploader named it, e.g. inbox/0988/decl-2022-03.xml. */
  readonly name: string;
  /** A new stream of the file's bytes from the start. */
  open(): Readable | Promise<Readable>;
}

/** A source over bytes in memory (tests, small generated files). */
export function bufferSource(name: string, bytes: Buffer | string): FileSource {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return {
    name,
    open: () => {
      // Hand out the bytes in 64 KiB pieces, like a file stream, so chunk boundaries are exercised.
      const pieces: Buffer[] = [];
      for (let i = 0; i < buf.length; i += 65536) pieces.push(buf.subarray(i, i + 65536));
      return Readable.from(pieces, { objectMode: false });
    },
  };
}

/** A source over a file on disk. */
export function pathSource(name: string, path: string): FileSource {
  return { name, open: () => createReadStream(path, { highWaterMark: 64 * 1024 }) };
}
