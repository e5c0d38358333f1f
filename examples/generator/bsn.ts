/** Test BSNs: the 999900006–999999990 range, 11-proef valid ones only (never a real citizen's number). */
import { passesElfproef } from '../../pipeline/bsn';

export function testBsns(): string[] {
  const out: string[] = [];
  for (let n = 999900006; n <= 999999990; n++) {
    const s = String(n);
    if (passesElfproef(s)) out.push(s);
  }
  return out;
}

let cache: string[] | null = null;
/** The i-th test BSN (wraps around after about 9,000). */
export function testBsn(i: number): string {
  cache ??= testBsns();
  return cache[i % cache.length];
}

/** A nine-digit number in the test range that fails the 11-proef (for planted CS002 errors). */
export function invalidTestBsn(i: number): string {
  const base = testBsn(i);
  const last = (Number(base[8]) + 1) % 10;
  return base.slice(0, 8) + last;
}
