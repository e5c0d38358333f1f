/**
 * Bytes to text. UTF-8 (with or without BOM) is decoded strictly; Windows-1252 through iconv-lite. Which one a
 * file uses is decided by the sniffing pass over the whole file (sniff.ts), never by guessing from a prefix.
 */
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'windows-1252';

export class EncodingError extends Error {
  /** Where the problem is, for the finding ('bestand' when the reader cannot say). */
  constructor(
    message: string,
    readonly location = 'bestand',
  ) {
    super(message);
  }
}

/** Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; iconv-lite reads each as U+FFFD. */
const UNDEFINED_IN_1252 = '\uFFFD';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The bytes without a leading UTF-8 byte order mark (an export tool may write one before Windows-1252 text). */
async function* withoutBom(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  let started = false;
  for await (const chunk of bytes) {
    if (started) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < UTF8_BOM.length && UTF8_BOM.subarray(0, head.length).equals(head)) continue;
    started = true;
    yield head.subarray(0, 3).equals(UTF8_BOM) ? head.subarray(3) : head;
  }
  if (!started && head.length > 0 && !UTF8_BOM.subarray(0, head.length).equals(head)) yield head;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Yields decoded text chunks; strips a UTF-8 byte order mark. */
export async function* decodeText(
  bytes: AsyncIterable<Buffer>,
  encoding: TextEncoding,
): AsyncGenerator<string> {
  if (encoding === 'windows-1252') {
    const decoder = iconv.getDecoder('win1252');
    // Lines before the current chunk, to say where an undefined byte is.
    let lines = 1;
    for await (const chunk of withoutBom(bytes)) {
      const text = decoder.write(chunk);
      const bad = text.indexOf(UNDEFINED_IN_1252);
      if (bad >= 0) {
        // Two different bytes would read as the same character: the data would change without a word.
        const line = lines + countNewlines(text, bad);
        throw new EncodingError(
          'het bestand is geen geldige UTF-8 en ook geen Windows-1252: het bevat een byte (0x81, 0x8D, 0x8F, 0x90 of 0x9D) die in Windows-1252 geen teken is',
          `regel ${line}`,
        );
      }
      lines += countNewlines(text, text.length);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (err) {
    // Compared by code, not by class: under a test runner's sandbox the TypeError comes from another realm.
    if ((err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new EncodingError('het bestand bevat bytes die geen geldige UTF-8 zijn');
    }
    throw err;
  }
}

/** Text to bytes in a file's own encoding, the way back of decodeText (a CSV answer in its input's encoding). */
export async function* encodedAs(text: AsyncIterable<string>, encoding: 'win1252'): AsyncGenerator<Buffer> {
  for await (const piece of text) yield iconv.encode(piece, encoding);
}
