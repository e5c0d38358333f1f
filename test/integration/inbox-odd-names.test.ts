/**
 * Odd keys in a municipality's inbox must not hold up its FIFO group (on AWS: three receives with a 60-minute
 * visibility timeout, then a dead letter a redrive cannot fix): a folder marker in a sub-folder (the S3 console's
 * "Create folder" inside inbox/0983/) is no file and is not routed; a name with an empty part (S3 allows
 * inbox/0983/a//b.csv) is answered with a report where the backoffice reads, and not read.
 */
import type { Context, SQSEvent } from 'aws-lambda';
import { makeIngestHandler } from '../../functions/ingest';
import { ingestObject } from '../../pipeline/ingest';
import { routeS3Event } from '../../pipeline/route';
import { s3Event } from '../helpers/s3';
import { type Stack, startStack } from '../helpers/stack';

const silentMetrics = { addMetric: () => undefined, publishStoredMetrics: () => undefined };
const context = { getRemainingTimeInMillis: () => 600_000 } as Context;

describe('a folder marker in a sub-folder of inbox/<g>/', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it.each(['inbox/0983/maart/', 'inbox/0983/a//b.csv'])(
    '%s does not end as a failing queue message',
    async (key) => {
      const handler = makeIngestHandler(async () => stack.deps, silentMetrics);
      for (const m of routeS3Event(s3Event(key, 0))) {
        const event: SQSEvent = {
          Records: [
            {
              messageId: 'm1',
              receiptHandle: 'm1',
              body: JSON.stringify(m),
              attributes: {
                ApproximateReceiveCount: '1',
                SentTimestamp: '0',
                SenderId: 's',
                ApproximateFirstReceiveTimestamp: '0',
                MessageGroupId: m.gemeente,
                MessageDeduplicationId: 'm1',
                SequenceNumber: '1',
              },
              messageAttributes: {},
              md5OfBody: '',
              eventSource: 'aws:sqs',
              eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:q.fifo',
              awsRegion: 'eu-west-1',
            },
          ],
        };
        const outcome = await handler(event, context).then(
          (r) => r,
          (err: Error & { recordErrors?: Error[] }) =>
            `threw: ${(err.recordErrors ?? [err]).map((e) => e.message).join('; ')}`,
        );
        expect(outcome).toEqual({ batchItemFailures: [] });
      }
      if (key.endsWith('/')) expect(routeS3Event(s3Event(key, 0))).toEqual([]);
    },
  );

  it('a name with an empty part is answered in the outbox (and in quarantine), not read', async () => {
    const { report } = await ingestObject(stack.deps, 'inbox/0983/maart//decl.csv');
    expect(report).toMatchObject({ file: 'inbox/0983/maart//decl.csv', status: 'quarantaine', level: 1 });
    expect(report.findings.map((f) => f.rule)).toEqual(['NAAM-ONGELDIG']);
    const outputs = await stack.outputs();
    for (const folder of ['outbox', 'quarantine']) {
      const keys = Object.keys(outputs).filter((k) => k.startsWith(`${folder}/0983/maart/_/`));
      // The name made safe, with a code of the key as sent: another odd name made the same stays apart.
      expect(keys).toEqual([
        expect.stringMatching(/\/maart\/_\/decl\.csv\.[0-9a-f]{8}\.geweigerd\.rapport\.json$/),
      ]);
      expect(JSON.parse(outputs[keys[0]])).toEqual(report);
    }
  });
});
