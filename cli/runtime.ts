/**
 * The embedded local stack (the default): dynalite persisted in the data folder, the bucket as a folder, alerts
 * in alerts.jsonl, the pseudonym key in a key file. The same pipeline and store adapter as on AWS.
 *
 * A data folder has one bucket: once `bwmo serve` has used a folder, its bucket is s3rver's (`s3/`), and the
 * commands run s3rver over it too (serve moved the folder bucket's objects there).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { IngestDeps } from '../pipeline/ingest';
import { loadRegion } from '../pipeline/region/load';
import { startDynalite, TABLE } from '../stores/dynalite';
import { DynamoItemStore } from '../stores/dynamo';
import { JsonLinesAlertSink } from '../stores/local-alerts';
import { LocalBlobStore } from '../stores/local-blobs';
import { KeyFileSecrets } from '../stores/local-secrets';
import { adoptBucketFolder, BUCKET, startS3rver } from '../stores/s3rver';

export const DEFAULT_DATA = '.bwmo';
export const DEFAULT_REGION = join(__dirname, '..', 'examples', 'regions', 'nml');

export interface LocalRuntime extends IngestDeps {
  readonly dataDir: string;
  /** Where the bucket's objects are on disk (the folder bucket, or s3rver's folder of a served data folder). */
  readonly bucketDir: string;
  /** The bucket is s3rver's (the folder has been served): objects are not plain files under bucketDir. */
  readonly served: boolean;
  readonly dynamoEndpoint: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly data: string;
  readonly region: string;
  /** Print alerts on stdout too (serve). */
  readonly echoAlerts?: (line: string) => void;
  readonly dynamoPort?: number;
  /** The caller runs the bucket itself (serve): `blobs` is the folder bucket, unused. */
  readonly ownBucket?: boolean;
}

export async function openLocal(options: RuntimeOptions): Promise<LocalRuntime> {
  const dataDir = resolve(options.data);
  await mkdir(dataDir, { recursive: true });
  const region = await loadRegion(resolve(options.region));
  const dynamo = await startDynalite(join(dataDir, 'dynamo'), options.dynamoPort ?? 0);
  const served = !options.ownBucket && existsSync(join(dataDir, 's3'));
  const s3 = served ? await startS3rver(join(dataDir, 's3')) : null;
  const folderBucket = join(dataDir, 'bucket');
  // A move that serve did not finish (or a folder bucket from before) is finished here.
  if (s3) await adoptBucketFolder(folderBucket, s3.blobs);
  const bucketDir = s3 ? join(dataDir, 's3', BUCKET) : folderBucket;
  return {
    dataDir,
    bucketDir,
    served: s3 !== null,
    dynamoEndpoint: dynamo.endpoint,
    store: new DynamoItemStore({ table: TABLE, client: dynamo.client }),
    blobs: s3 ? s3.blobs : new LocalBlobStore(bucketDir),
    secrets: new KeyFileSecrets(join(dataDir, 'pseudoniem.sleutel')),
    alerts: new JsonLinesAlertSink(join(dataDir, 'alerts.jsonl'), options.echoAlerts ?? null),
    region,
    close: async () => {
      await s3?.close();
      await dynamo.close();
    },
  };
}
