/**
 * The embedded stack for integration tests: dynalite on a loopback port (in memory), the bucket as a temp folder,
 * a fixed pseudonym key and alerts collected in memory. Files are uploaded as a municipality would (into
 * inbox/<gemeente>/) and ingested through the real pipeline.
 */
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type IngestDeps, type IngestResult, ingestObject } from '../../pipeline/ingest';
import type { Alert, AlertSink, BlobStore, Item, ItemStore } from '../../pipeline/ports';
import { loadRegion, type RegionData } from '../../pipeline/region/load';
import { type LocalDynamo, startDynalite, TABLE } from '../../stores/dynalite';
import { DynamoItemStore } from '../../stores/dynamo';
import { LocalBlobStore } from '../../stores/local-blobs';
import { fixedSecrets } from '../../stores/local-secrets';

export const NML = join(__dirname, '..', '..', 'examples', 'regions', 'nml');

let region: RegionData | null = null;
export async function nmlRegion(): Promise<RegionData> {
  region ??= await loadRegion(NML);
  return region;
}

export class CollectingAlerts implements AlertSink {
  readonly sent: Alert[] = [];
  async send(alert: Alert): Promise<void> {
    this.sent.push(alert);
  }
}

export interface Stack {
  readonly deps: IngestDeps;
  readonly blobs: LocalBlobStore;
  readonly store: DynamoItemStore;
  readonly alerts: CollectingAlerts;
  readonly dir: string;
  readonly dynamo: LocalDynamo;
  /** Uploads `content` as `inbox/<gemeente>/<name>` with the given receipt time, and ingests it. */
  upload(gemeente: string, name: string, content: string | Buffer, ontvangen?: Date): Promise<IngestResult>;
  /** Everything in the table, sorted, for comparing two runs. */
  dump(): Promise<Item[]>;
  /** The published outputs (outbox, archive, quarantine), with their contents. */
  outputs(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** Wraps the deps' store or blobs, e.g. to inject faults. */
export interface StackOptions {
  readonly wrapStore?: (store: ItemStore) => ItemStore;
  readonly wrapBlobs?: (blobs: BlobStore) => BlobStore;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'bwmo-stack-'));
  const dynamo = await startDynalite();
  const store = new DynamoItemStore({ table: TABLE, client: dynamo.client });
  const blobs = new LocalBlobStore(join(dir, 'bucket'));
  const alerts = new CollectingAlerts();
  const deps: IngestDeps = {
    store: options.wrapStore ? options.wrapStore(store) : store,
    blobs: options.wrapBlobs ? options.wrapBlobs(blobs) : blobs,
    secrets: fixedSecrets(),
    alerts,
    region: await nmlRegion(),
  };
  return {
    deps,
    blobs,
    store,
    alerts,
    dir,
    dynamo,
    upload: async (gemeente, name, content, ontvangen = new Date('2023-06-01T10:00:00Z')) => {
      const key = `inbox/${gemeente}/${name}`;
      await putWithTime(blobs, key, content, ontvangen);
      return ingestObject(deps, key);
    },
    dump: () => dumpTable(dynamo),
    outputs: () => readOutputs(blobs),
    close: async () => {
      await dynamo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Puts a file in the bucket with a fixed receipt time (the object's modification time). */
export async function putWithTime(
  blobs: LocalBlobStore,
  key: string,
  content: string | Buffer,
  at: Date,
): Promise<void> {
  await blobs.put(key, content);
  await utimes(join(blobs.root, key), at, at);
}

async function dumpTable(dynamo: LocalDynamo): Promise<Item[]> {
  const doc = DynamoDBDocumentClient.from(dynamo.client);
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  // alertVerzonden holds a wall-clock time: not part of what two runs must agree on.
  return items
    .map(({ alertVerzonden: _a, ...rest }) => rest as Item)
    .sort((a, b) => `${a.pk}\u0000${a.sk}`.localeCompare(`${b.pk}\u0000${b.sk}`));
}

async function readOutputs(blobs: LocalBlobStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const prefix of ['outbox/', 'archive/', 'quarantine/']) {
    for (const key of await blobs.list(prefix)) {
      const chunks: Buffer[] = [];
      for await (const c of await blobs.open(key)) chunks.push(c as Buffer);
      out[key] = Buffer.concat(chunks).toString('utf8');
    }
  }
  return out;
}
