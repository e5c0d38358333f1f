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
import { adoptBucketFolder, BUCKET, type RunningS3rver, startS3rver } from '../stores/s3rver';
import { lockDataFolder } from './data-lock';

export const DEFAULT_DATA = '.bwmo';
export const DEFAULT_REGION = join(__dirname, '..', 'examples', 'regions', 'nml');

export interface LocalRuntime extends IngestDeps {
  readonly dataDir: string;
  /** Where the bucket's objects are on disk (the folder bucket, or s3rver's folder of a served data folder). */
  readonly bucketDir: string;
  /** The bucket as s3rver (the folder has been served): objects are not plain files under bucketDir. */
  readonly s3: RunningS3rver | null;
  readonly dynamoEndpoint: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly data: string;
  readonly region: string;
  /** Print alerts on stdout too (serve). */
  readonly echoAlerts?: (line: string) => void;
  readonly dynamoPort?: number;
  /**
   * Run the bucket as s3rver (serve: on this port, 0 for any) even on a folder never served. Without it the commands
   * run s3rver only on a folder that has been served, and use the folder bucket otherwise.
   */
  readonly s3rverPort?: number;
  /** Told how many objects of the folder bucket moved into s3rver's (serve logs it). */
  readonly onMoved?: (count: number, from: string) => void;
}

/**
 * Opens the data folder's stack. With `existing`, for the commands that read or correct what was ingested (report,
 * export, settle, withdraw), a folder without a store is refused: a mistyped --data would otherwise create an empty
 * folder and print empty tables as if nothing had been ingested.
 */
export async function openLocal(
  options: RuntimeOptions,
  { existing = false }: { existing?: boolean } = {},
): Promise<LocalRuntime> {
  const dataDir = resolve(options.data);
  if (existing && !existsSync(join(dataDir, 'dynamo')))
    throw new Error(
      `${dataDir} is geen gegevensmap van bwmo (er is nog niets verwerkt): geef met --data de map van bwmo ingest of bwmo serve`,
    );
  await mkdir(dataDir, { recursive: true });
  const region = await loadRegion(resolve(options.region));
  const unlock = await lockDataFolder(dataDir);
  const dynamo = await startDynalite(join(dataDir, 'dynamo'), options.dynamoPort ?? 0).catch(async (err) => {
    await unlock();
    throw err;
  });
  const folderBucket = join(dataDir, 'bucket');
  let s3: RunningS3rver | null = null;
  try {
    if (options.s3rverPort !== undefined || existsSync(join(dataDir, 's3'))) {
      s3 = await startS3rver(join(dataDir, 's3'), options.s3rverPort ?? 0);
      // The folder bucket's objects move into s3rver's (also a move that was cut off is finished here).
      const moved = await adoptBucketFolder(folderBucket, s3.blobs);
      if (moved) options.onMoved?.(moved, folderBucket);
    }
  } catch (err) {
    await s3?.close();
    await dynamo.close();
    await unlock();
    throw err;
  }
  const bucketDir = s3 ? join(dataDir, 's3', BUCKET) : folderBucket;
  return {
    dataDir,
    bucketDir,
    s3,
    dynamoEndpoint: dynamo.endpoint,
    store: new DynamoItemStore({ table: TABLE, client: dynamo.client }),
    blobs: s3 ? s3.blobs : new LocalBlobStore(bucketDir),
    secrets: new KeyFileSecrets(join(dataDir, 'pseudoniem.sleutel')),
    alerts: new JsonLinesAlertSink(join(dataDir, 'alerts.jsonl'), options.echoAlerts ?? null),
    region,
    close: async () => {
      await s3?.close();
      await dynamo.close();
      await unlock();
    },
  };
}
