/**
 * s3rver, the S3 stand-in of the local stack, on loopback: the bucket `bwmo` kept in a folder of the data folder.
 * `bwmo serve` runs it for uploads; a `bwmo` command on a folder that has been served runs it too, so that one data
 * folder always has one bucket.
 */
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { BlobStore } from '../pipeline/ports';
import { refuseBrowsers } from './browser-guard';
import { LocalBlobStore } from './local-blobs';
import { S3BlobStore, s3Client } from './s3-blobs';

export const BUCKET = 'bwmo';
const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** An S3 client for the s3rver at `endpoint`, as a backoffice would configure one (with s3rver's copy-source fix). */
export function s3rverClient(endpoint: string): S3Client {
  const client = s3Client({
    endpoint,
    forcePathStyle: true,
    region: 'eu-west-1',
    credentials: S3_CREDENTIALS,
  });
  copySourceForS3rver(client);
  return client;
}

/**
 * s3rver reads x-amz-copy-source with decodeURI, which leaves %2B, %2C, %3B, %26, %3D, %24, %40, %23 … encoded:
 * a key with `+`, `,`, `;`, `&`, `=`, `$`, `@` or `#` (as the SDK encodes it, like S3 wants) is not found and the
 * copy fails (the inbox → archive copy, the SFTP upload → inbox copy). For s3rver only, the header is re-encoded
 * with encodeURI, whose output decodeURI turns back into the key exactly.
 */
function copySourceForS3rver(client: S3Client): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const headers = (args.request as { headers?: Record<string, string> }).headers;
      const source = headers?.['x-amz-copy-source'];
      if (headers && source) headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(source));
      return next(args);
    },
    { step: 'build', name: 'bwmoS3rverCopySource' },
  );
}

export interface RunningS3rver {
  readonly server: S3rver;
  readonly endpoint: string;
  readonly blobs: S3BlobStore;
  close(): Promise<void>;
}

/** s3rver over `directory` on 127.0.0.1 (port 0: any free port). */
export async function startS3rver(directory: string, port = 0): Promise<RunningS3rver> {
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const address = await server.run();
  // Only signed requests (bwmo's own client, the AWS CLI): an unsigned HTML-form post or delete is refused too.
  refuseBrowsers(server.httpServer, 's3rver', (req) =>
    /^AWS4-HMAC-SHA256 /.test(req.headers.authorization ?? '') || (req.url ?? '').includes('X-Amz-Signature=')
      ? null
      : 'alleen ondertekende vragen',
  );
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = s3rverClient(endpoint);
  return {
    server,
    endpoint,
    blobs: new S3BlobStore(client, BUCKET, true),
    close: async () => {
      await server.close();
      client.destroy();
    },
  };
}

/**
 * Moves the objects of a bucket folder (what the commands wrote on a folder before it was served) into the served
 * bucket, then renames the folder to `<folder>-overgezet` (`-2`, `-3` … when that name is taken): the stored
 * reports and answers stay where the item store says they are (a duplicate upload is answered from them).
 *
 * Every object is copied, also one already there: s3rver writes objects in place, so a move cut off by a crash
 * may have left a partial one. The folder is renamed only after the last copy, so an interrupted move is simply
 * done again by the next serve or command. Returns how many objects were copied.
 */
export async function adoptBucketFolder(folder: string, into: BlobStore): Promise<number> {
  if (!existsSync(folder)) return 0;
  const from = new LocalBlobStore(folder);
  const keys = await from.list('');
  for (const key of keys) await into.put(key, await from.open(key));
  let target = `${folder}-overgezet`;
  for (let n = 2; existsSync(target); n++) target = `${folder}-overgezet-${n}`;
  await rename(folder, target);
  return keys.length;
}
