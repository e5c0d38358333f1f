/**
 * Input hash: SHA-256 of canonical JSON (object keys sorted, no whitespace, undefined members left out). Callers sort
 * arrays whose order carries no meaning, so the same inputs in another order give the same hash.
 */
import { createHash } from 'node:crypto';

export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [key: string]: Json | undefined };

export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new RangeError('geen eindig getal in de invoer');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v: Json) => canonicalJson(v)).join(',')}]`;
  const object = value as { readonly [key: string]: Json | undefined };
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k] as Json)}`).join(',')}}`;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const hashJson = (value: Json): string => sha256(canonicalJson(value));
