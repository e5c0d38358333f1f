/**
 * The ingest Lambda handler on a batch of SQS FIFO messages (ingestBatchSize > 1), on the embedded stack: a file
 * that fails holds up its own municipality's later files, not another municipality's, and its error says nothing
 * of a BSN in its name.
 */
import type { Context, SQSEvent } from 'aws-lambda';
import { makeIngestHandler } from '../../functions/ingest';
import { forwardingBlobs } from '../helpers/faults';
import { toewijzingCsv } from '../helpers/scenario';
import { routedMessage } from '../helpers/sqs';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

const silentMetrics = { addMetric: () => undefined, publishStoredMetrics: () => undefined };
const context = { getRemainingTimeInMillis: () => 600_000 } as Context;
/** A valid test BSN, as a sender might put it in a file name. */
const BSN = '999900006';
const BROKEN = `inbox/0983/kapot-${BSN}.csv`;

describe('ingest handler, a batch with files of two municipalities', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({
      wrapBlobs: (b) => ({
        ...forwardingBlobs(b),
        version: async (key) => {
          if (key === BROKEN) throw new Error(`S3 faalt voor ${key}`);
          return b.version(key);
        },
      }),
    });
    const at = new Date('2023-06-01T10:00:00Z');
    await putWithTime(stack.blobs, BROKEN, toewijzingCsv([{}], '0983'), at);
    await putWithTime(stack.blobs, 'inbox/0983/later.csv', toewijzingCsv([{ nummer: 2 }], '0983'), at);
    await putWithTime(stack.blobs, 'inbox/0988/goed.csv', toewijzingCsv([{}], '0988'), at);
  });
  afterEach(async () => {
    await stack.close();
  });

  it("fails the failing file and its municipality's later file, and processes the other municipality's", async () => {
    const handler = makeIngestHandler(async () => stack.deps, silentMetrics);
    const event: SQSEvent = {
      Records: [
        routedMessage('m1', BROKEN, '0983'),
        routedMessage('m2', 'inbox/0988/goed.csv', '0988'),
        routedMessage('m3', 'inbox/0983/later.csv', '0983'),
      ],
    };
    expect(await handler(event, context)).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm3' }],
    });
    expect(await stack.blobs.exists('inbox/0988/goed.csv')).toBe(false);
    expect(await stack.blobs.exists('archive/0988/goed.csv')).toBe(true);
    expect(await stack.blobs.exists('inbox/0983/later.csv')).toBe(true);
  });

  it('fails a batch of only the failing file with an error that has no BSN', async () => {
    const handler = makeIngestHandler(async () => stack.deps, silentMetrics);
    const thrown = await handler({ Records: [routedMessage('m1', BROKEN, '0983')] }, context).then(
      () => null,
      (err: Error & { recordErrors?: Error[] }) => err,
    );
    expect(thrown?.name).toBe('FullBatchFailureError');
    const messages = (thrown?.recordErrors ?? []).map((e) => `${e.message} ${e.stack}`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('S3 faalt voor inbox/0983/kapot-*********.csv');
    expect(messages[0]).not.toContain(BSN);
  });
});
