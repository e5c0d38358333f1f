/**
 * What S3 does that the local folder bucket cannot show: event notifications as the router receives them, and the
 * 1024-byte limit on keys.
 */
import type { S3Event } from 'aws-lambda';
import type { BlobStore } from '../../pipeline/ports';
import { forwardingBlobs } from './faults';

/** An ObjectCreated:Put notification for one key (as S3 sends it: size in bytes; the key not URL-encoded here). */
export function s3Event(key: string, size = 10): S3Event {
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
          object: { key, size, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0061' },
        },
      },
    ],
  } as S3Event;
}

export const S3_MAX_KEY_BYTES = 1024;

function refuseLongKey(key: string): void {
  if (Buffer.byteLength(key) > S3_MAX_KEY_BYTES) {
    const err = new Error('Your key is too long');
    err.name = 'KeyTooLongError';
    throw err;
  }
}

/** The bucket refusing keys over 1024 bytes on put and copy, as S3 does. */
export const withS3KeyLimit = (b: BlobStore): BlobStore => ({
  ...forwardingBlobs(b),
  put: async (key, body) => {
    refuseLongKey(key);
    return b.put(key, body);
  },
  copy: async (from, to, version) => {
    refuseLongKey(to);
    return b.copy(from, to, version);
  },
});

/**
 * A key of exactly 1024 bytes (S3 accepts the upload): `prefix`, then `start`, folders of 200 characters (so that a
 * local folder can hold it), and a name ending in `last`.
 */
export function keyAtS3Limit(prefix: string, start: string, last: string): string {
  let name = start;
  while (Buffer.byteLength(`${prefix}${name}${'m'.repeat(200)}/${last}`) <= S3_MAX_KEY_BYTES)
    name += `${'m'.repeat(200)}/`;
  name += `${'n'.repeat(S3_MAX_KEY_BYTES - Buffer.byteLength(`${prefix}${name}${last}`))}${last}`;
  return `${prefix}${name}`;
}
