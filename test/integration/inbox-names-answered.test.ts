/**
 * Odd and long inbox names: every upload in an inbox is answered (DESIGN §4.1), also one whose first part is empty,
 * one at S3's key limit and one with bytes under a key ending in /; and an answer never replaces another file's.
 */
import type { S3Event } from 'aws-lambda';
import { ingestObject } from '../../pipeline/ingest';
import type { BlobStore } from '../../pipeline/ports';
import { routeS3Event } from '../../pipeline/route';
import { forwardingBlobs } from '../helpers/faults';
import { toewijzingCsv } from '../helpers/scenario';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

function s3Event(key: string): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-1',
        eventTime: '2024-05-02T10:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:X' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'r', 'x-amz-id-2': 'i' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'c',
          bucket: { name: 'b', ownerIdentity: { principalId: 'o' }, arn: 'arn:aws:s3:::b' },
          object: { key, size: 10, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0061' },
        },
      },
    ],
  } as S3Event;
}

test('an inbox name whose FIRST part is empty (inbox/0983//decl.csv) is routed, so that it is answered (NAAM-ONGELDIG)', () => {
  // S3 accepts this key; `a//b.csv` is routed and answered, `//b.csv` is dropped by the router and never answered.
  expect(routeS3Event(s3Event('inbox/0983//decl.csv')).map((m) => m.gemeente)).toEqual(['0983']);
});

const S3_MAX_KEY_BYTES = 1024;
const tooLong = (key: string) => {
  if (Buffer.byteLength(key) > S3_MAX_KEY_BYTES) {
    const err = new Error('Your key is too long');
    err.name = 'KeyTooLongError';
    throw err;
  }
};

describe('answers of odd names', () => {
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

  it('a name with an empty part at S3’s 1024-byte key limit is answered, not failed on every retry', async () => {
    // The same shape long-names.test.ts uses, with an empty part: the refusal's report key adds
    // quarantine/<g>/ and .geweigerd.rapport.json without the shortening that outputName has.
    const prefix = 'inbox/0983/';
    const last = 'tw.csv';
    let name = 'x//';
    while (Buffer.byteLength(`${prefix}${name}${'m'.repeat(200)}/${last}`) <= S3_MAX_KEY_BYTES)
      name += `${'m'.repeat(200)}/`;
    name += `${'n'.repeat(S3_MAX_KEY_BYTES - Buffer.byteLength(`${prefix}${name}${last}`))}${last}`;
    const key = `${prefix}${name}`;
    expect(Buffer.byteLength(key)).toBe(S3_MAX_KEY_BYTES);
    const outcome = await ingestObject(stack.deps, key).then(
      (r) => r.report.findings.map((f) => f.rule).join(','),
      (err: Error) => `${err.name}: ${err.message}`,
    );
    expect(outcome).toBe('NAAM-ONGELDIG');
  });

  it('two different odd names get answers that do not replace each other', async () => {
    await ingestObject(stack.deps, 'inbox/0983/maart//decl.csv');
    await ingestObject(stack.deps, 'inbox/0983/maart/./decl.csv');
    const outbox = Object.entries(await stack.outputs())
      .filter(([k]) => k.startsWith('outbox/0983/maart/'))
      .map(([, v]) => JSON.parse(v).file)
      .sort();
    // Each upload its own answer; now the second overwrote the first (both are maart/_/decl.csv.geweigerd.rapport.json).
    expect(outbox).toEqual(['inbox/0983/maart/./decl.csv', 'inbox/0983/maart//decl.csv'].sort());
  });

  it("an odd name's refusal does not replace the answer of a processed file", async () => {
    // A legitimate upload named april/_/tw.csv.geweigerd: its report is outbox/0983/april/_/tw.csv.geweigerd.rapport.json.
    const legit = 'inbox/0983/april/_/tw.csv.geweigerd';
    await putWithTime(stack.blobs, legit, toewijzingCsv([{}]), new Date('2023-06-01T10:00:00Z'));
    const { report } = await ingestObject(stack.deps, legit);
    expect(report.status).toBe('geaccepteerd');
    const reportKey = 'outbox/0983/april/_/tw.csv.geweigerd.rapport.json';
    expect(JSON.parse((await stack.outputs())[reportKey]).file).toBe(legit);
    // An upload of april//tw.csv is refused under the same key.
    await ingestObject(stack.deps, 'inbox/0983/april//tw.csv');
    expect(JSON.parse((await stack.outputs())[reportKey]).file).toBe(legit);
  });
});

test('an object with bytes whose key ends in / (S3 allows a PUT of inbox/0983/decl.csv/) is routed and answered, not dropped as a folder marker', () => {
  const e = s3Event('inbox/0983/decl.csv/');
  e.Records[0].s3.object.size = 2048; // a folder marker is empty; this holds an upload
  expect(routeS3Event(e).map((m) => m.key)).toEqual(['inbox/0983/decl.csv/']);
});
