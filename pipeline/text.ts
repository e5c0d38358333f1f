/**
 * Copies a string that may be a slice of a large parser chunk, so that keeping it (as a key, in a result list)
 * does not keep the whole chunk alive. V8 makes substrings of 13 characters or more as slices of their parent.
 */
export function detach(s: string): string {
  return s.length >= 13 ? ` ${s}`.slice(1) : s;
}
