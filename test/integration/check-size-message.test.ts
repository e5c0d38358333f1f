/**
 * CONTRACT §1a: a file over 25 MB is quarantined with a clear message. The reader stops at the limit; the SIZE
 * finding names the whole file's size, not how far the reader got.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile } from '../../pipeline/check';
import { bufferSource } from '../../pipeline/source';
import { bwmo } from '../helpers/cli';
import { IWMO_VOORBEELDEN } from '../helpers/reference';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwmo-size-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('bwmo check names the real size of a file over 25 MB', async () => {
  const example = await readFile(join(IWMO_VOORBEELDEN, 'WMO323.xml'), 'utf8');
  const big = example.replace('</wmo323:Bericht>', `<!--${'x'.repeat(26 * 1024 * 1024)}--></wmo323:Bericht>`);
  const file = join(dir, 'groot.xml');
  await writeFile(file, big);
  const run = await bwmo(['check', file], 60_000);
  expect(run.code).toBe(1);
  const [report] = JSON.parse(run.stdout);
  const size = report.findings.find((f: { rule: string }) => f.rule === 'SIZE');
  expect(size.message).toBe('het bestand is 26.0 MB; een iWmo-bericht mag hoogstens 25 MB zijn');
  expect(report.fileId).toHaveLength(64);
}, 90_000);

test('also when the root stands more than 25 MB into the file, behind a long comment', async () => {
  const example = await readFile(join(IWMO_VOORBEELDEN, 'WMO323.xml'), 'utf8');
  const big = example.replace(/<wmo323:Bericht/, `<!--${'x'.repeat(30 * 1024 * 1024)}-->\n<wmo323:Bericht`);
  const checked = await checkFile(bufferSource('groot.xml', big));
  expect(checked.facts.size).toBe(Buffer.byteLength(big));
  expect(checked.findings.find((f) => f.rule === 'SIZE')?.message).toBe(
    'het bestand is 30.0 MB; een iWmo-bericht mag hoogstens 25 MB zijn',
  );
}, 60_000);
