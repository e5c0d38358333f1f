/**
 * S3 keys hold at most 1024 bytes. An upload may use them all; its outputs add a folder and a suffix. The stand-in
 * bucket is made to refuse keys over 1024 bytes as S3 does (KeyTooLongError), so that a name too long for the outputs
 * shows: the committed file must still be published, not fail on every retry (a dead letter a redrive cannot fix).
 * The name is split in folders only so that the temporary folder can hold it.
 */

import { ingestObject } from '../../pipeline/ingest';
import { keyAtS3Limit, S3_MAX_KEY_BYTES, withS3KeyLimit } from '../helpers/s3';
import { toewijzingCsv } from '../helpers/scenario';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

describe('an upload whose key is at S3’s 1024-byte limit', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ wrapBlobs: withS3KeyLimit });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('is processed (answered or quarantined), not failed on every retry', async () => {
    const key = keyAtS3Limit('inbox/0983/', '', 'tw.csv');
    expect(Buffer.byteLength(key)).toBe(S3_MAX_KEY_BYTES); // S3 accepts this upload
    await putWithTime(stack.blobs, key, toewijzingCsv([{}]), new Date('2023-06-01T10:00:00Z'));
    const outcome = await ingestObject(stack.deps, key).then(
      (r) => r.report.status,
      (err: Error) => `${err.name}: ${err.message}`,
    );
    const committed = (await stack.dump()).filter((i) => String(i.sk).startsWith('FILE#')).length;
    expect({ outcome, committed }).toEqual({ outcome: 'geaccepteerd', committed: 1 });
    // Its outputs under a hash of the name, with its extension; the report still names the upload as sent.
    const outputs = Object.keys(await stack.outputs()).filter((k) => !k.startsWith('state/'));
    expect(outputs.sort()).toEqual([
      expect.stringMatching(/^archive\/0983\/[0-9a-f]{32}\.csv$/),
      expect.stringMatching(/^outbox\/0983\/[0-9a-f]{32}\.csv\.rapport\.json$/),
    ]);
    const report = JSON.parse((await stack.outputs())[outputs[1]]);
    expect(report.file).toBe(key);
  });
});
