/**
 * Rejection alerts, once per file after its commit: the table's stream delivers every new or changed file record;
 * a committed record with rejections and no alert yet gets its SNS alert, and the record then says it was sent.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { redactBsns } from '../pipeline/bsn';
import { alertOnce } from '../pipeline/ingest';
import type { FileRecord } from '../pipeline/state/items';
import { awsDeps, logger } from './aws';

export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const deps = await awsDeps();
  for (const r of event.Records) {
    const image = r.dynamodb?.NewImage;
    if (!image) continue;
    const record = unmarshall(image as never) as FileRecord;
    if (!record.sk?.startsWith('FILE#')) continue;
    if (await alertOnce(deps.store, deps.alerts, record))
      logger.info('melding verzonden', { gemeente: record.gemeente, file: redactBsns(record.name) });
  }
};
