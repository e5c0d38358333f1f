/**
 * Moving a data folder's bucket into the served (s3rver) bucket, against a real s3rver over loopback: an interrupted
 * move is finished, a partial object it left is replaced, and a second move never fails on the renamed folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBlob } from '../../pipeline/settle/store';
import { adoptBucketFolder, type RunningS3rver, startS3rver } from '../../stores/s3rver';

describe('adoptBucketFolder', () => {
  let dir: string;
  let s3: RunningS3rver;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-adopt-'));
    s3 = await startS3rver(join(dir, 's3'));
  });
  afterAll(async () => {
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  });

  const folder = () => join(dir, 'bucket');
  const putFile = async (key: string, body: Buffer) => {
    await mkdir(join(folder(), key, '..'), { recursive: true });
    await writeFile(join(folder(), key), body);
  };

  it('copies every object, replacing a partial one an interrupted move left, then renames the folder', async () => {
    const report = Buffer.alloc(100_000, 'r');
    await putFile('state/abc/rapport.json', report);
    await putFile('outbox/0983/d.csv.antwoord.csv', Buffer.from('antwoord'));
    // What a move cut off by a crash leaves: the first 4 KB of the object.
    await s3.blobs.put('state/abc/rapport.json', report.subarray(0, 4096));

    expect(await adoptBucketFolder(folder(), s3.blobs)).toBe(2);
    expect((await readBlob(s3.blobs, 'state/abc/rapport.json')).equals(report)).toBe(true);
    expect((await readBlob(s3.blobs, 'outbox/0983/d.csv.antwoord.csv')).toString()).toBe('antwoord');
    expect(existsSync(folder())).toBe(false);
    expect(existsSync(`${folder()}-overgezet`)).toBe(true);
  });

  it('a bucket folder that appears again moves too, beside the earlier renamed one', async () => {
    await putFile('archive/0983/x.csv', Buffer.from('x'));
    expect(await adoptBucketFolder(folder(), s3.blobs)).toBe(1);
    expect(existsSync(`${folder()}-overgezet-2`)).toBe(true);
    expect(await adoptBucketFolder(folder(), s3.blobs)).toBe(0);
  });
});
