/**
 * S3 ObjectCreated events on inbox/ → the FIFO queue (S3 cannot notify a FIFO queue itself). MessageGroupId is
 * the municipality, so its files are processed one at a time in the order received; the deduplication id is the
 * key, eTag and sequencer, so a repeated delivery of one event within five minutes is dropped by SQS, while the same
 * bytes uploaded again under the same name (another event) are processed and answered again. `bwmo serve` runs this same handler
 * with a local queue.
 */
import { createHash } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { S3Event } from 'aws-lambda';
import { redactBsns } from '../pipeline/bsn';
import { type RoutedObject, routeS3Event } from '../pipeline/route';
import { env, logger } from './aws';

export type SendToQueue = (group: string, deduplicationId: string, message: RoutedObject) => Promise<void>;

export function makeRouterHandler(send: SendToQueue) {
  return async (event: S3Event): Promise<void> => {
    for (const message of routeS3Event(event)) {
      const dedup = createHash('sha256')
        .update(`${message.key}|${message.eTag || message.eventTime}|${message.sequencer}`)
        .digest('hex');
      await send(message.gemeente, dedup, message);
      logger.info('doorgestuurd', { key: redactBsns(message.key), gemeente: message.gemeente });
    }
  };
}

/**
 * The message as SQS takes it: JSON, with U+FFFE and U+FFFF escaped. An S3 key may hold them, JSON.stringify leaves
 * them as they are, and SQS refuses a body with them (InvalidMessageContents), so the file would never be queued.
 */
export const queueBody = (message: RoutedObject): string =>
  JSON.stringify(message).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

let sqs: SQSClient | null = null;

export const handler = makeRouterHandler(async (group, deduplicationId, message) => {
  sqs ??= new SQSClient({});
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: env('QUEUE_URL'),
      MessageGroupId: group,
      MessageDeduplicationId: deduplicationId,
      MessageBody: queueBody(message),
    }),
  );
});
