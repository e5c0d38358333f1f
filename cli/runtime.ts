/**
 * The embedded local stack (the default): dynalite persisted in the data folder, the bucket as a folder, alerts
 * in alerts.jsonl, the pseudonym key in a key file. The same pipeline and store adapter as on AWS.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { IngestDeps } from '../pipeline/ingest';
import { loadRegion } from '../pipeline/region/load';
import { startDynalite, TABLE } from '../stores/dynalite';
import { DynamoItemStore } from '../stores/dynamo';
import { JsonLinesAlertSink } from '../stores/local-alerts';
import { LocalBlobStore } from '../stores/local-blobs';
import { KeyFileSecrets } from '../stores/local-secrets';

export const DEFAULT_DATA = '.bwmo';
export const DEFAULT_REGION = join(__dirname, '..', 'examples', 'regions', 'nml');

export interface LocalRuntime extends IngestDeps {
  readonly dataDir: string;
  readonly bucketDir: string;
  readonly dynamoEndpoint: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly data: string;
  readonly region: string;
  /** Print alerts on stdout too (serve). */
  readonly echoAlerts?: (line: string) => void;
  readonly dynamoPort?: number;
}

export async function openLocal(options: RuntimeOptions): Promise<LocalRuntime> {
  const dataDir = resolve(options.data);
  await mkdir(dataDir, { recursive: true });
  const region = await loadRegion(resolve(options.region));
  const dynamo = await startDynalite(join(dataDir, 'dynamo'), options.dynamoPort ?? 0);
  const bucketDir = join(dataDir, 'bucket');
  return {
    dataDir,
    bucketDir,
    dynamoEndpoint: dynamo.endpoint,
    store: new DynamoItemStore({ table: TABLE, client: dynamo.client }),
    blobs: new LocalBlobStore(bucketDir),
    secrets: new KeyFileSecrets(join(dataDir, 'pseudoniem.sleutel')),
    alerts: new JsonLinesAlertSink(join(dataDir, 'alerts.jsonl'), options.echoAlerts ?? null),
    region,
    close: () => dynamo.close(),
  };
}
