/**
 * Reading, copying and deleting an object as it was when looked at (BlobStore.version), on the local folder and on
 * a real s3rver over loopback: once the same key is uploaded again, each fails with ReplacedError instead of acting
 * on the newer bytes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BlobStore, ReplacedError } from '../../pipeline/ports';
import { readBlob } from '../../pipeline/settle/store';
import { LocalBlobStore } from '../../stores/local-blobs';
import { type RunningS3rver, startS3rver } from '../../stores/s3rver';

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
