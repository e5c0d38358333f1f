/**
 * Copies a string that may be a slice of a large parser chunk, so that keeping it (as a key, in a result list)
 * does not keep the whole chunk alive. V8 makes substrings of 13 characters or more as slices of their parent.
 *
 * The copy is one flat string, where concatenating and slicing again (` ${s}`.slice(1)) gives a slice of a flattened
 * copy, twice the memory for each ReferentieNummer kept. encodeURIComponent builds one in a single pass, four
 * times faster than a JSON round trip; it is the same text exactly when nothing needed encoding (any encoding makes
 * the text longer). Other text (and lone surrogates, which it refuses) takes the JSON round trip.
 */
export function detach(s: string): string {
  if (s.length < 13) return s;
  try {
    const copy = encodeURIComponent(s);
    if (copy.length === s.length) return copy;
  } catch {
    // a lone surrogate: copied below
  }
  return JSON.parse(JSON.stringify(s)) as string;
}

/** A small body (a request) as UTF-8 text, or null once it passes `max` bytes (the rest is not read). */
export async function textUpTo(body: AsyncIterable<Buffer | string>, max: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > max) return null;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A lone surrogate (half of a pair, or an unpaired one): no character at all, which neither XML nor SNS takes. */
export const LONE_SURROGATE =
  '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
