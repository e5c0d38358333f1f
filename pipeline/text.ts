/**
 * Copies a string that may be a slice of a large parser chunk, so that keeping it (as a key, in a result list)
 * does not keep the whole chunk alive. V8 makes substrings of 13 characters or more as slices of their parent.
 *
 * The copy is one flat string: a JSON round trip builds it in one go, where concatenating and slicing again
 * (` ${s}`.slice(1)) gives a slice of a flattened copy, twice the memory for each ReferentieNummer kept.
 */
export function detach(s: string): string {
  return s.length >= 13 ? (JSON.parse(JSON.stringify(s)) as string) : s;
}
