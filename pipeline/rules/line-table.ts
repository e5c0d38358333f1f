/**
 * Exact duplicate detection over a million lines without a million-entry string Set: an open-addressing hash table
 * of line numbers in typed arrays. The caller hashes its key and confirms a candidate with its own comparison, so
 * a hash collision never counts as a duplicate.
 */

/** FNV-1a over a string's UTF-16 code units, mixed into a running hash. */
export function hashString(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes a non-negative integer below 2^32 into a running hash. */
export function hashInt(n: number, h = 0x811c9dc5): number {
  h ^= n & 0xffff;
  h = Math.imul(h, 0x01000193);
  h ^= n >>> 16;
  return Math.imul(h, 0x01000193) >>> 0;
}

/** A growable column of 32-bit integers. */
export class IntColumn {
  private data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }
}

export class LineTable {
  /** Line number + 1 per slot; 0 = empty. */
  private slots = new Int32Array(1024);
  private readonly hashes = new IntColumn();
  private count = 0;

  /** `same(earlier, line)` tells whether two lines have the same key (the caller keeps the keys' data). */
  constructor(private readonly same: (earlier: number, line: number) => boolean) {}

  /**
   * Looks for an earlier line with the same key as `line` and returns its number; when there is none, adds `line`
   * and returns -1. Line numbers only grow.
   */
  findOrAdd(hash: number, line: number): number {
    const mask = this.slots.length - 1;
    let i = hash & mask;
    for (;;) {
      const entry = this.slots[i];
      if (entry === 0) break;
      const earlier = entry - 1;
      if (this.hashes.get(earlier) === (hash | 0) && this.same(earlier, line)) return earlier;
      i = (i + 1) & mask;
    }
    while (this.hashes.length < line) this.hashes.push(0);
    this.hashes.push(hash | 0);
    this.slots[i] = line + 1;
    // Grow at two thirds full: short probe runs, and a table of 10,000 lines fits in 16,384 slots.
    if (++this.count * 3 > this.slots.length * 2) this.grow();
    return -1;
  }

  /** The earlier line with the same key as the probe `line` (whose data the caller holds), or -1; adds nothing. */
  find(hash: number, line: number): number {
    const mask = this.slots.length - 1;
    for (let i = hash & mask; this.slots[i] !== 0; i = (i + 1) & mask) {
      const earlier = this.slots[i] - 1;
      if (this.hashes.get(earlier) === (hash | 0) && this.same(earlier, line)) return earlier;
    }
    return -1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const entry of old) {
      if (entry === 0) continue;
      let i = this.hashes.get(entry - 1) & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = entry;
    }
  }
}

/** 2021-03-31 → 20210331: dates as integers that compare and hash cheaply (inputs are valid ISO dates). */
export function dateInt(iso: string): number {
  return (
    (iso.charCodeAt(0) - 48) * 10000000 +
    (iso.charCodeAt(1) - 48) * 1000000 +
    (iso.charCodeAt(2) - 48) * 100000 +
    (iso.charCodeAt(3) - 48) * 10000 +
    (iso.charCodeAt(5) - 48) * 1000 +
    (iso.charCodeAt(6) - 48) * 100 +
    (iso.charCodeAt(8) - 48) * 10 +
    (iso.charCodeAt(9) - 48)
  );
}

/** A nine-digit BSN as an integer (it fits in 30 bits); -1 for anything else (RS037 reports those). */
export function bsnInt(bsn: string): number {
  if (bsn.length !== 9) return -1;
  let n = 0;
  for (let i = 0; i < 9; i++) {
    const c = bsn.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
