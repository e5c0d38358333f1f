/**
 * The commands stop before they change anything when they cannot finish: a data folder another live process holds,
 * a file without a municipality among several, an invalid --gemeente, a withdrawal without a reason, and a demo
 * asked to start afresh in a folder that is not its own (the real CLI, in processes of its own).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bwmo } from '../helpers/cli';
import { IWMO_VOORBEELDEN } from '../helpers/reference';
import { declaratieCsv, line } from '../helpers/scenario';

jest.setTimeout(60_000);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwmo-guards-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const WMO323 = join(IWMO_VOORBEELDEN, 'WMO323.xml');

test('a data folder held by another live process: exit 2 with a message, no crash; a stale lock is taken over', async () => {
  const data = join(dir, 'data');
  await mkdir(join(data, 'dynamo'), { recursive: true });
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    await writeFile(join(data, 'bwmo.lock'), String(other.pid));
    const held = await bwmo(['withdraw', '--data', data, 'abc', '--reden', 'test']);
    expect(held.code).toBe(2);
    expect(held.stderr).toContain(`is in gebruik door een ander bwmo-proces (pid ${other.pid})`);
    expect(held.stderr).not.toMatch(/at .*\.js:\d+/);
  } finally {
    other.kill();
  }
  await new Promise((r) => other.once('exit', r));
  // The holder is gone: the next command takes the folder (the id is unknown, a usage error of its own).
  const after = await bwmo(['withdraw', '--data', data, 'abc', '--reden', 'test']);
  expect(after.stderr).not.toContain('in gebruik');
  expect(existsSync(join(data, 'bwmo.lock'))).toBe(false);
});

test('reading commands on a folder that holds no data (a mistyped --data): exit 2 with a message, no folder made', async () => {
  const data = join(dir, 'getypt-verkeerd');
  const runs = [
    ['report', 'maand', '--data', data, '--van', '2021-01', '--tot', '2021-02'],
    ['export', '--data', data, '--van', '2021-01', '--tot', '2021-02', '--format', 'csv'],
    ['settle', '--data', data, '--jaar', '2021'],
    ['withdraw', '--data', data, 'abc', '--reden', 'test'],
  ];
  for (const args of runs) {
    const run = await bwmo(args);
    expect({ args, code: run.code }).toEqual({ args, code: 2 });
    expect(run.stderr).toContain(`${data} is geen gegevensmap van bwmo`);
    expect(run.stdout).toBe('');
  }
  expect(existsSync(data)).toBe(false);
});

test('a --data that is a file, a --uit in a folder that does not exist, a --seed that is no number: exit 2, in words', async () => {
  const file = join(dir, 'geen-map');
  await writeFile(file, 'x');
  const ingest = await bwmo(['ingest', '--data', file, '--gemeente', '0983', WMO323]);
  expect([ingest.code, ingest.stderr.trim()]).toEqual([2, `bwmo: ${file}: bestaat al, en is geen map`]);
  const data = join(dir, 'data');
  expect((await bwmo(['ingest', '--data', data, WMO323])).code).toBe(0);
  const uit = join(dir, 'bestaat-niet', 'maand.json');
  const report = await bwmo([
    'report',
    'maand',
    '--data',
    data,
    '--van',
    '2021-01',
    '--tot',
    '2021-02',
    '--format',
    'json',
    '--uit',
    uit,
  ]);
  // The folder is what is missing, not the new file.
  expect([report.code, report.stderr.trim()]).toEqual([
    2,
    `bwmo: ${uit}: de map ${join(dir, 'bestaat-niet')} bestaat niet`,
  ]);
  const demo = await bwmo(['demo', '--data', join(dir, 'demo'), '--seed', 'abc']);
  expect([demo.code, demo.stderr.trim()]).toEqual([
    2,
    'bwmo demo: --seed abc is geen geheel getal (0 tot 999999999)',
  ]);
});

test('ingest with a file that names no municipality processes none of the files', async () => {
  const data = join(dir, 'data');
  const onbekend = join(dir, 'onbekend.csv');
  await writeFile(onbekend, 'foo;bar\n1;2\n');
  const run = await bwmo(['ingest', '--data', data, '--json', WMO323, onbekend]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('onbekend.csv: geen gemeentecode gevonden');
  expect(existsSync(join(data, 'bucket', 'archive'))).toBe(false);
});

test('ingest --gemeente that is not a gemeentecode stops before a file is stored', async () => {
  const data = join(dir, 'data');
  for (const g of ['98', '../x']) {
    const run = await bwmo(['ingest', '--data', data, '--gemeente', g, WMO323]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is geen gemeentecode');
  }
  expect(existsSync(join(data, 'bucket'))).toBe(false);
});

test('withdraw without a reason is refused', async () => {
  const run = await bwmo(['withdraw', '--data', join(dir, 'data'), 'abc', '--reden', ' ']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('geef met --reden op waarom');
});

test('demo does not empty a folder that holds other files', async () => {
  await mkdir(join(dir, 'keep'));
  await writeFile(join(dir, 'keep', 'notities.txt'), 'van iemand anders');
  const run = await bwmo(['demo', '--data', dir]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('is geen demomap');
  expect(await readFile(join(dir, 'keep', 'notities.txt'), 'utf8')).toBe('van iemand anders');
  expect(await readdir(dir)).toEqual(['keep']);
});

test('demo does not empty its own folder while another process holds it (a running bwmo serve)', async () => {
  const data = join(dir, 'demo');
  await mkdir(join(data, 'voorbeeldbestanden'), { recursive: true });
  await writeFile(join(data, 'voorbeeldbestanden', 'manifest.json'), '{}');
  await writeFile(join(data, 'serve.json'), '{}');
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    await writeFile(join(data, 'bwmo.lock'), String(other.pid));
    const run = await bwmo(['demo', '--data', data]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`is in gebruik door een ander bwmo-proces (pid ${other.pid})`);
    expect((await readdir(data)).sort()).toEqual(['bwmo.lock', 'serve.json', 'voorbeeldbestanden']);
  } finally {
    other.kill();
  }
});

test('demo for a region the example set was not made for says so (it crashed on a missing tariff)', async () => {
  const data = join(dir, 'wbw');
  const run = await bwmo([
    'demo',
    '--region',
    join(__dirname, '..', '..', 'examples', 'regions', 'wbw'),
    '--data',
    data,
  ]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('de voorbeeldset is die van Noord- en Midden-Limburg');
  expect(existsSync(data)).toBe(false);
});

test('serve on a port in use, or not a port: exit 2 with a message (it crashed, or ran on without HTTP)', async () => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  try {
    const port = String((busy.address() as AddressInfo).port);
    const data = join(dir, 'serve');
    const inUse = await bwmo([
      'serve',
      '--data',
      data,
      '--http-port',
      port,
      '--s3-port',
      '0',
      '--sftp-port',
      '0',
    ]);
    expect(inUse.code).toBe(2);
    expect(inUse.stderr).toContain(`HTTP-poort ${port}: al in gebruik`);
    expect(inUse.stderr).not.toMatch(/at .*\.js:\d+/);
    const sftpInUse = await bwmo([
      'serve',
      '--data',
      data,
      '--http-port',
      '0',
      '--s3-port',
      '0',
      '--sftp-port',
      port,
    ]);
    expect(sftpInUse.code).toBe(2);
    expect(sftpInUse.stderr).toContain(`SFTP-poort ${port}: al in gebruik`);
    expect(existsSync(join(data, 'bwmo.lock'))).toBe(false);
    const notAPort = await bwmo(['serve', '--data', data, '--http-port', 'notaport']);
    expect(notAPort.code).toBe(2);
    expect(notAPort.stderr).toContain('--http-port notaport is geen poortnummer');
  } finally {
    busy.close();
  }
});

test('export with a refused period leaves no folder behind', async () => {
  const uit = join(dir, 'export');
  const run = await bwmo([
    'export',
    '--data',
    join(dir, 'data'),
    '--van',
    '2021-05',
    '--tot',
    '2021-01',
    '--uit',
    uit,
  ]);
  expect(run.code).toBe(2);
  expect(existsSync(uit)).toBe(false);
});

test('output piped into a reader that stops early (| head) ends quietly', async () => {
  const file = join(dir, 'groot.csv');
  const lines = Array.from({ length: 3000 }, (_, i) => line('2022-03', `R${i}`));
  await writeFile(file, declaratieCsv({ nummer: 'D1', maand: '2022-03', lines }));
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'bwmo.js'), 'check', file]);
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  expect(stderr).not.toContain('EPIPE');
  expect(code).toBe(0);
});
