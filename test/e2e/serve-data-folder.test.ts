/**
 * One data folder, one bucket: files ingested by the commands before `bwmo serve` ran on the folder are still
 * answered as duplicates under serve (their stored reports moved into serve's bucket), and the commands after
 * serve stopped use serve's bucket, so a duplicate is answered from it instead of failing on a missing report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Report } from '../../schemas/report';
import { BUCKET, s3rverClient, startServe } from '../../serve/serve';
import { bwmo } from '../helpers/cli';
import { declaratieCsv, line, toewijzingCsv } from '../helpers/scenario';
import { NML } from '../helpers/stack';

const ingest = async (data: string, ...files: string[]): Promise<Report[]> => {
  const run = await bwmo(['ingest', '--json', '--data', data, ...files], 60_000);
  expect(run.stderr).not.toMatch(/ENOENT|Error/);
  return JSON.parse(run.stdout) as Report[];
};

describe('a data folder used by the commands and by bwmo serve', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-folder-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps one bucket: duplicates are answered before, under and after serve', async () => {
    const data = join(dir, 'data');
    const tw = join(dir, 'toewijzingen.csv');
    const decl = join(dir, 'declaratie.csv');
    await writeFile(tw, toewijzingCsv([{}]));
    await writeFile(decl, declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }));
    const [, first] = await ingest(data, tw, decl);
    expect(first).toMatchObject({ status: 'geaccepteerd', duplicaatVan: null });

    const log: string[] = [];
    const serving = await startServe({
      data,
      region: NML,
      ports: { s3: 0, dynamo: 0, sftp: 0, http: 0 },
      log: (l) => log.push(l),
    });
    try {
      expect(log.some((l) => l.includes('overgezet naar de bucket van serve'))).toBe(true);
      expect(existsSync(join(data, 'bucket'))).toBe(false);
      const key = 'inbox/0983/declaratie-opnieuw.csv';
      const done = serving.waitFor(key);
      const s3 = s3rverClient(serving.s3);
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: readFileSync(decl) }));
      const again = await done;
      s3.destroy();
      expect(again).toMatchObject({ duplicaatVan: first.file, counts: first.counts });
      expect(await serving.deps.blobs.exists('outbox/0983/declaratie-opnieuw.csv.antwoord.csv')).toBe(true);
    } finally {
      await serving.close();
    }

    // A folder bucket next to the served one (a move that serve did not finish): the next command finishes it.
    await mkdir(join(data, 'bucket', 'archive', '0983'), { recursive: true });
    await writeFile(join(data, 'bucket', 'archive', '0983', 'ouder.csv'), 'ouder');
    const afterServe = join(dir, 'declaratie-na-serve.csv');
    await writeFile(afterServe, readFileSync(decl));
    const [third] = await ingest(data, afterServe);
    expect(third).toMatchObject({ duplicaatVan: first.file, counts: first.counts });
    expect(existsSync(join(data, 'bucket'))).toBe(false);
    expect(existsSync(join(data, 'bucket-overgezet-2', 'archive', '0983', 'ouder.csv'))).toBe(true);
  });
});
