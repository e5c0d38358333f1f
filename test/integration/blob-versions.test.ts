/**
 * Reading, copying and deleting an object as it was when looked at (BlobStore.version), on the local folder and on
 * a real s3rver over loopback: once the same key is uploaded again, each fails with ReplacedError instead of acting
 * on the newer bytes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type BlobStore, ReplacedError } from '../../pipeline/ports';
import { readBlob } from '../../pipeline/settle/store';
import { LocalBlobStore } from '../../stores/local-blobs';
import { BUCKET, type RunningS3rver, s3rverClient, startS3rver } from '../../stores/s3rver';

const KEY = 'inbox/0983/d.csv';

describe.each(['local folder', 's3rver'] as const)('versions of an object (%s)', (kind) => {
  let dir: string;
  let s3: RunningS3rver | null = null;
  let blobs: BlobStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-versions-'));
    if (kind === 's3rver') {
      s3 = await startS3rver(join(dir, 's3'));
      blobs = s3.blobs;
    } else blobs = new LocalBlobStore(join(dir, 'bucket'));
  });
  afterAll(async () => {
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    for (const key of await blobs.list('')) await blobs.delete(key);
  });

  it('no version for a key without an object', async () => {
    expect(await blobs.version(KEY)).toBeNull();
  });

  it('reads, copies and deletes the version it was given while it is current', async () => {
    await blobs.put(KEY, 'eerste');
    const v = (await blobs.version(KEY))!;
    expect(v.modified.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await readBlob(blobs, KEY)).toString()).toBe('eerste');
    const chunks: Buffer[] = [];
    for await (const c of await blobs.open(KEY, v)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('eerste');
    await blobs.copy(KEY, 'archive/0983/d.csv', v);
    expect((await readBlob(blobs, 'archive/0983/d.csv')).toString()).toBe('eerste');
    await blobs.delete(KEY, v);
    expect(await blobs.version(KEY)).toBeNull();
  });

  it('once the key is uploaded again: read, copy and delete of the old version fail, the newer upload stays', async () => {
    await blobs.put(KEY, 'eerste');
    const old = (await blobs.version(KEY))!;
    await blobs.put(KEY, 'tweede, langer');
    const now = (await blobs.version(KEY))!;
    expect(now.tag).not.toBe(old.tag);
    await expect(blobs.open(KEY, old)).rejects.toBeInstanceOf(ReplacedError);
    await expect(blobs.copy(KEY, 'archive/0983/d.csv', old)).rejects.toBeInstanceOf(ReplacedError);
    await expect(blobs.delete(KEY, old)).rejects.toBeInstanceOf(ReplacedError);
    expect(await blobs.exists('archive/0983/d.csv')).toBe(false);
    expect((await readBlob(blobs, KEY)).toString()).toBe('tweede, langer');
  });
});

describe('s3rver: the same name uploaded again, still arriving, while the judged version is read', () => {
  let dir: string;
  let s3: RunningS3rver;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-versions-'));
    s3 = await startS3rver(join(dir, 's3'));
  });
  afterAll(async () => {
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  });

  const FIRST = 'A'.repeat(1000);
  const SECOND = 'B'.repeat(2000);

  /**
   * The judged version of KEY, and an upload of SECOND under the same name that has sent its first 500 bytes (s3rver
   * writes an upload over the object it replaces, and its ETag only at the end); `finish` sends the rest.
   */
  async function uploadArriving() {
    await s3.blobs.put(KEY, FIRST);
    const judged = (await s3.blobs.version(KEY))!;
    const body = new PassThrough();
    const client = s3rverClient(s3.endpoint);
    const uploading = client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: body, ContentLength: SECOND.length }),
    );
    body.write(SECOND.slice(0, 500));
    await new Promise((r) => setTimeout(r, 300));
    const finish = async () => {
      body.end(SECOND.slice(500));
      await uploading;
      client.destroy();
    };
    return { judged, finish };
  }

  it('the read gives the judged bytes or fails with ReplacedError, never the newer bytes', async () => {
    const { judged, finish } = await uploadArriving();
    let read: string | Error;
    try {
      const chunks: Buffer[] = [];
      for await (const c of await s3.blobs.open(KEY, judged)) chunks.push(c as Buffer);
      read = Buffer.concat(chunks).toString();
    } catch (err) {
      read = err as Error;
    }
    await finish();
    if (typeof read === 'string') expect(read).toBe(FIRST);
    else expect(read).toBeInstanceOf(ReplacedError);
  });

  it('clearing the inbox with the judged version leaves the newer upload, still arriving, alone', async () => {
    const { judged, finish } = await uploadArriving();
    await expect(s3.blobs.delete(KEY, judged)).rejects.toBeInstanceOf(ReplacedError);
    await finish();
    expect((await readBlob(s3.blobs, KEY)).toString()).toBe(SECOND);
  });
});
