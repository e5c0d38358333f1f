/**
 * Keyed pseudonyms for BSNs (HMAC-SHA256 with a secret key). The BSN never leaves the raw file; the store, the
 * aggregates and everything derived from them see only the pseudonym.
 */
import { createHmac } from 'node:crypto';
import { keptName, needsKeptName } from './bsn';
import type { SecretSource } from './ports';

export type Pseudonymise = (bsn: string) => string;

export function pseudonymiser(key: Buffer): Pseudonymise {
  const cache = new Map<string, string>();
  return (bsn) => {
    let p = cache.get(bsn);
    if (p === undefined) {
      // 128 bits: collisions are out of the question at any municipality's scale, and items stay small. Hex of the
      // first 16 bytes directly (not a slice of the full hex, which would keep all 64 characters alive).
      p = createHmac('sha256', key).update(bsn).digest().toString('hex', 0, 16);
      if (cache.size > 100_000) cache.clear();
      cache.set(bsn, p);
    }
    return p;
  };
}

/** The name kept for what someone named (keptName), with the key read only when the name needs a code. */
export async function keptNameOf(sent: string, secrets: SecretSource): Promise<string> {
  return needsKeptName(sent) ? keptName(sent, pseudonymiser(await secrets.pseudonymKey())) : sent;
}
