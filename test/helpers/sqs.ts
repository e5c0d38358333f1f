/** SQS records as the FIFO queue hands routed S3 objects to the ingest function (functions/router.ts sends them). */
import type { SQSRecord } from 'aws-lambda';

/** One message for `objectKey` in its municipality's message group; `id` serves as message id, ETag and sequencer. */
export function routedMessage(id: string, objectKey: string, gemeente: string): SQSRecord {
  return {
    messageId: id,
    receiptHandle: id,
    body: JSON.stringify({
      bucket: 'b',
      key: objectKey,
      gemeente,
      eTag: id,
      size: 1,
      eventTime: '',
      sequencer: id,
    }),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 's',
      ApproximateFirstReceiveTimestamp: '0',
      MessageGroupId: gemeente,
      MessageDeduplicationId: id,
      SequenceNumber: id,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:q.fifo',
    awsRegion: 'eu-west-1',
  };
}
