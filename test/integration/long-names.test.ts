/**
 * S3 keys hold at most 1024 bytes. An upload may use them all; its outputs add a folder and a suffix. The stand-in
 * bucket is made to refuse keys over 1024 bytes as S3 does (KeyTooLongError), so that a name too long for the outputs
 * shows: the committed file must still be published, not fail on every retry (a dead letter a redrive cannot fix).
 * The name is split in folders only so that the temporary folder can hold it.
 */

import { ingestObject } from '../../pipeline/ingest';
import type { BlobStore } from '../../pipeline/ports';
import { forwardingBlobs } from '../helpers/faults';
import { toewijzingCsv } from '../helpers/scenario';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

const S3_MAX_KEY_BYTES = 1024;
const tooLong = (key: string) => {
  if (Buffer.byteLength(key) > S3_MAX_KEY_BYTES) {
    const err = new Error('Your key is too long');
    err.name = 'KeyTooLongError';
    throw err;
  }
};

describe('an upload whose key is at S3’s 1024-byte limit', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      wrapBlobs: (b): BlobStore => ({
        ...forwardingBlobs(b),
        put: async (key, body) => {
          tooLong(key);
          return b.put(key, body);
        },
        copy: async (from, to, version) => {
          tooLong(to);
          return b.copy(from, to, version);
        },
      }),
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('is processed (answered or quarantined), not failed on every retry', async () => {
    const prefix = 'inbox/0983/';
    const last = 'tw.csv';
    let name = '';
    while (Buffer.byteLength(`${prefix}${name}${'m'.repeat(200)}/${last}`) <= S3_MAX_KEY_BYTES)
      name += `${'m'.repeat(200)}/`;
    name += `${'n'.repeat(S3_MAX_KEY_BYTES - Buffer.byteLength(`${prefix}${name}${last}`))}${last}`;
    const key = `${prefix}${name}`;
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
