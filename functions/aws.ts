/**
 * The AWS side of the ports, built once per Lambda container from the environment the CDK stack sets:
 * TABLE_NAME, BUCKET_NAME, PSEUDONYM_PARAMETER, ALERT_TOPIC_ARN, REGION_DIR.
 */

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { IngestDeps } from '../pipeline/ingest';
import { loadRegion, type RegionData } from '../pipeline/region/load';
import { DynamoItemStore } from '../stores/dynamo';
import { S3BlobStore, s3Client } from '../stores/s3-blobs';
import { SnsAlertSink } from '../stores/sns-alerts';
import { SsmSecrets } from '../stores/ssm-secrets';

export const logger = new Logger({ serviceName: 'bwmo' });
export const metrics = new Metrics({ namespace: 'bwmo', serviceName: 'bwmo' });

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`omgevingsvariabele ${name} ontbreekt`);
  return value;
}

let region: Promise<RegionData> | null = null;
export const regionData = (): Promise<RegionData> => {
  region ??= loadRegion(process.env.REGION_DIR ?? `${__dirname}/region`);
  return region;
};

let deps: Promise<IngestDeps> | null = null;

/** The pipeline's dependencies on AWS. Alerts are deferred: the table's stream triggers the notify function. */
export function awsDeps(): Promise<IngestDeps> {
  deps ??= regionData().then((data) => ({
    store: new DynamoItemStore({ table: env('TABLE_NAME'), client: new DynamoDBClient({}) }),
    blobs: new S3BlobStore(s3Client(), env('BUCKET_NAME')),
    secrets: new SsmSecrets(new SSMClient({}), env('PSEUDONYM_PARAMETER')),
    alerts: new SnsAlertSink(new SNSClient({}), env('ALERT_TOPIC_ARN')),
    region: data,
    alertMode: 'deferred',
  }));
  return deps;
}
