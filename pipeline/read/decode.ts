/**
 * Bytes to text. UTF-8 (with or without BOM) is decoded strictly; Windows-1252 through iconv-lite. Which one a
 * file uses is decided by the sniffing pass over the whole file (sniff.ts), never by guessing from a prefix.
 */
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'windows-1252';

export class EncodingError extends Error {}

/** Yields decoded text chunks; strips a UTF-8 byte order mark. */
export async function* decodeText(
  bytes: AsyncIterable<Buffer>,
  encoding: TextEncoding,
): AsyncGenerator<string> {
  if (encoding === 'windows-1252') {
    const decoder = iconv.getDecoder('win1252');
    for await (const chunk of bytes) {
      const text = decoder.write(chunk);
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
