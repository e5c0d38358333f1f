/**
 * The ports the pipeline needs from the outside world. Adapters in stores/ implement them for AWS (DynamoDB, S3,
 * SNS, SSM) and for the embedded local mode (dynalite, a folder, a JSON-lines file, a key file). pipeline/ never
 * imports stores/.
 */
import type { Readable } from 'node:stream';

/** A DynamoDB-shaped item: partition key, sort key and plain attributes. */
export interface Item {
  readonly pk: string;
  readonly sk: string;
  readonly [attribute: string]: unknown;
}

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/**
 * Items by key, written with plain batch writes (no conditions, no transactions: see DESIGN §5). Adapters batch
 * and retry unprocessed keys and items with backoff.
 */
export interface ItemStore {
  get(keys: readonly ItemKey[]): Promise<Item[]>;
  put(items: readonly Item[]): Promise<void>;
  /** The single-item write of a commit point. */
  putOne(item: Item): Promise<void>;
  /**
   * Sets attributes of an item that exists, leaving its other attributes as they are (UpdateItem), so that a
   * flag never writes back an older copy of the rest; false when there is no such item.
   */
  mark(key: ItemKey, attributes: Readonly<Record<string, unknown>>): Promise<boolean>;
  /** All items of one partition, optionally those whose sort key starts with a prefix, page by page. */
  query(pk: string, skPrefix?: string): AsyncIterable<Item[]>;
  /** Request counts since creation, for benchmarks. */
  readonly stats: { readRequests: number; writeRequests: number };
}

/**
 * An object as it was when looked at. Given to open, copy or delete, they act on exactly those bytes, or fail with
 * ReplacedError once the object was replaced (the same name uploaded again).
 */
export interface BlobVersion {
  /** What identifies the bytes: the S3 ETag, or the local file's inode, mtime and size. */
  readonly tag: string;
  /** The S3 VersionId in a versioned bucket: that version stays readable after the object is replaced. */
  readonly versionId?: string;
  /** When the object arrived (S3 LastModified; local file mtime). */
  readonly modified: Date;
  /** Its size in bytes, where the store tells it apart from the tag (s3rver writes an upload over the object). */
  readonly size?: number;
}

export class ReplacedError extends Error {
  constructor(key: string) {
    super(`${key} is vervangen door een nieuwere upload met dezelfde naam`);
    this.name = 'ReplacedError';
  }
}

/** S3's limit on a key, in bytes: keys the pipeline makes must fit (the local folder bucket would not tell). */
export const MAX_KEY_BYTES = 1024;

/** The file bucket: inbox, archive, outbox, quarantine, reports, exports. */
export interface BlobStore {
  put(key: string, body: string | Buffer | Iterable<string> | AsyncIterable<string | Buffer>): Promise<void>;
  open(key: string, version?: BlobVersion): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  copy(from: string, to: string, version?: BlobVersion): Promise<void>;
  delete(key: string, version?: BlobVersion): Promise<void>;
  list(prefix: string): Promise<string[]>;
  /** The object as it is now; null when there is none. */
  version(key: string): Promise<BlobVersion | null>;
}

/** The key for BSN pseudonyms (HMAC-SHA256); from SSM on AWS, from a key file created on first run locally. */
export interface SecretSource {
  pseudonymKey(): Promise<Buffer>;
}

/** Where rejection alerts go: SNS on AWS (with attribute gemeente), alerts.jsonl locally. */
export interface AlertSink {
  send(alert: Alert): Promise<void>;
}

export interface Alert {
  readonly gemeente: string;
  readonly bestand: string;
  readonly fileId: string;
  readonly soort: string;
  readonly status: string;
  readonly regels: number;
  readonly afgewezen: number;
  /** Rejected amount in cents (absolute sum of rejected lines' amounts). */
  readonly afgewezenBedrag: number;
  readonly retourcodes: readonly { readonly code: string; readonly tekst: string; readonly aantal: number }[];
  readonly antwoord: string | null;
  readonly rapport: string;
  readonly bevindingen?: readonly { readonly rule: string; readonly message: string }[];
}
