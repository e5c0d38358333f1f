/**
 * Where settlement statements are kept. Each version of a year's statement is immutable, written in this order:
 * 1. the statement's JSON in parts of at most 100,000 characters (≤ 300 KB in UTF-8, under DynamoDB's 400 KB item
 *    limit), as items of a partition of its own: what the pipeline reads back;
 * 2. the same JSON in the bucket, `exports/verevening/<jaar>/v<versie>.json`, for finance (exports/ is the prefix the
 *    settle function may write and the API may read);
 * 3. a small index item (the commit point): version, status, input hash, the number of parts, the JSON's SHA-256 and
 *    the blob's key.
 * There are no transactions (dynalite has none): a crash before the index item leaves parts and perhaps a blob that
 * nobody reads, which the retry overwrites with the same version. Readers see index items only, read exactly the
 * parts the index names and check them against its hash. Reading from the table, not the bucket, also keeps the
 * local stack whole: `bwmo settle` without a server writes the folder bucket, `bwmo serve` uses s3rver.
 *
 * Keys: one partition lists the region's statements, so one query finds every year's versions (a handful a month):
 *   index  pk `VEREVENING`, sk `JAAR#<jaar>#VERSIE#<versie, 6 digits>`
 *   parts  pk `VEREVENING#<jaar>#<versie, 6 digits>`, sk `DEEL#<n, 4 digits>`
 */
import { createHash } from 'node:crypto';
import type { BlobStore, Item, ItemKey, ItemStore } from '../ports';
import type { Statement, Status } from './types';

export const VEREVENING_PK = 'VEREVENING';
const VEREVENING_PREFIX = 'exports/verevening/';

const zes = (n: number): string => String(n).padStart(6, '0');

const settleKey = {
  versie: (jaar: number, versie: number): ItemKey => ({
    pk: VEREVENING_PK,
    sk: `JAAR#${jaar}#VERSIE#${zes(versie)}`,
  }),
  jaar: (jaar: number): string => `JAAR#${jaar}#`,
  delen: (jaar: number, versie: number): string => `${VEREVENING_PK}#${jaar}#${zes(versie)}`,
  deel: (jaar: number, versie: number, n: number): ItemKey => ({
    pk: settleKey.delen(jaar, versie),
    sk: `DEEL#${String(n).padStart(4, '0')}`,
  }),
};

/** Characters per part: at most 3 bytes each in UTF-8 for the characters a statement holds, so ≤ 300 KB. */
const DEEL_TEKENS = 100_000;

export const statementBlobKey = (jaar: number, versie: number): string =>
  `${VEREVENING_PREFIX}${jaar}/v${versie}.json`;

/** The index item of one stored version. */
export interface VersieItem extends Item {
  readonly jaar: number;
  readonly versie: number;
  readonly status: Status;
  readonly invoerHash: string;
  readonly kop: string;
  readonly totEnMetMaand: string | null;
  readonly vorigeVersie: number | null;
  /** The finance copy in the bucket; the SHA-256 and size of the JSON; the number of parts in the table. */
  readonly bestand: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly delen: number;
  /** When it was stored (not part of the statement, so the statement stays byte-identical for its inputs). */
  readonly vastgelegd: string;
  /** What changed against the previous version (at most 20 sentences of 400 characters; the statement has all). */
  readonly samenvatting: readonly string[];
}

/** A version as the API lists it. */
export type Versie = Omit<VersieItem, 'pk' | 'sk'>;

export const zonderSleutel = ({ pk: _pk, sk: _sk, ...rest }: VersieItem): Versie => rest;

/** Every stored version (of one year, or of all years), sorted by year and version. */
export async function listVersies(store: ItemStore, jaar?: number): Promise<VersieItem[]> {
  const out: VersieItem[] = [];
  for await (const page of store.query(VEREVENING_PK, jaar === undefined ? undefined : settleKey.jaar(jaar)))
    out.push(...(page as VersieItem[]));
  return out.sort((a, b) => a.jaar - b.jaar || a.versie - b.versie);
}

/** The JSON as stored: two-space indented, one final newline. */
export const statementBytes = (s: Statement): Buffer =>
  Buffer.from(`${JSON.stringify(s, null, 2)}\n`, 'utf8');

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export async function readBlob(blobs: BlobStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.open(key))
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

interface DeelItem extends Item {
  readonly tekst: string;
}

/** A stored statement from its parts, checked against the hash its index item recorded. */
export async function readStatement(store: ItemStore, item: VersieItem): Promise<Statement> {
  const delen: DeelItem[] = [];
  for await (const page of store.query(settleKey.delen(item.jaar, item.versie), 'DEEL#'))
    delen.push(...(page as DeelItem[]));
  // A retry after a crash may have left more parts than this version has: the index says how many count.
  const tekst = delen
    .sort((a, b) => (a.sk < b.sk ? -1 : 1))
    .slice(0, item.delen)
    .map((d) => d.tekst)
    .join('');
  const bytes = Buffer.from(tekst, 'utf8');
  if (delen.length < item.delen || sha256(bytes) !== item.sha256)
    throw new Error(
      `opgeslagen vereveningsoverzicht ${item.jaar} versie ${item.versie} is onvolledig of komt niet overeen met de vastgelegde hash`,
    );
  return JSON.parse(tekst) as Statement;
}

/** Stores a new version: its parts, the finance copy, and the index item last (the commit point). */
export async function writeStatement(
  store: ItemStore,
  blobs: BlobStore,
  s: Statement,
  vastgelegd: Date,
): Promise<VersieItem> {
  // One writer is the rule (the settle function has a reserved concurrency of 1; `bwmo serve` takes runs one at a
  // time). Without conditional writes a second writer can only be noticed, not prevented: look before writing
  // anything, so that another run's committed version n (its parts and finance copy) is never overwritten.
  const [bestaand] = (await store.get([settleKey.versie(s.jaar, s.versie)])) as VersieItem[];
  if (bestaand !== undefined && bestaand.invoerHash !== s.invoerHash)
    throw new Error(
      `verevening ${s.jaar} versie ${s.versie} is intussen door een andere berekening vastgelegd; probeer opnieuw`,
    );
  const bytes = statementBytes(s);
  const tekst = bytes.toString('utf8');
  const delen: DeelItem[] = [];
  for (let van = 0; van === 0 || van < tekst.length; ) {
    let tot = Math.min(van + DEEL_TEKENS, tekst.length);
    // Never cut between the two halves of a surrogate pair: each part must be valid text on its own.
    if (tot < tekst.length && /[\uD800-\uDBFF]/.test(tekst[tot - 1])) tot -= 1;
    delen.push({ ...settleKey.deel(s.jaar, s.versie, delen.length), tekst: tekst.slice(van, tot) });
    van = tot;
  }
  await store.put(delen);
  const bestand = statementBlobKey(s.jaar, s.versie);
  await blobs.put(bestand, bytes);
  const item: VersieItem = {
    ...settleKey.versie(s.jaar, s.versie),
    jaar: s.jaar,
    versie: s.versie,
    status: s.status,
    invoerHash: s.invoerHash,
    kop: s.kop,
    totEnMetMaand: s.projectie?.totEnMetMaand ?? null,
    vorigeVersie: s.vorigeVersie?.versie ?? null,
    bestand,
    sha256: sha256(bytes),
    bytes: bytes.length,
    delen: delen.length,
    vastgelegd: vastgelegd.toISOString(),
    samenvatting: (s.verschillen?.samenvatting ?? [])
      .slice(0, 20)
      .map((z) => (z.length > 400 ? `${z.slice(0, 399)}…` : z)),
  };
  await store.putOne(item);
  return item;
}
