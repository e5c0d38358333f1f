/**
 * Privacy, the real command (bin/bwmo.js in its own process): what `bwmo ingest` and `bwmo withdraw` print on
 * stdout/stderr must not carry a BSN that a sender put in a file name or an operator put in a withdrawal reason.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bwmo } from '../helpers/cli';
import { toewijzingCsv } from '../helpers/scenario';

const BSN = '999990019';
const BSN2 = '999990032';

jest.setTimeout(180_000);

describe('privacy: what the commands print', () => {
  let dir: string;
  let ingest: Awaited<ReturnType<typeof bwmo>>;
  let first: Awaited<ReturnType<typeof bwmo>>;
  let second: Awaited<ReturnType<typeof bwmo>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-privacy-cli-'));
    const data = join(dir, 'data');
    const file = join(dir, `tw-${BSN}.csv`);
    await writeFile(file, toewijzingCsv([{}]));
    ingest = await bwmo(['ingest', '--data', data, file], 120_000);
    expect(ingest.code).toBe(0);
    // The report is named after the upload with the BSN masked and a keyed code (keptName).
    const outbox = join(data, 'bucket', 'outbox', '0983');
    const [reportName] = (await readdir(outbox)).filter((n) => n.endsWith('.rapport.json'));
    expect(reportName).toMatch(/^tw-x{9}\.[0-9a-f]{8}\.csv\.rapport\.json$/);
    const report = JSON.parse(await readFile(join(outbox, reportName), 'utf8'));
    const fileId = String(report.fileId);
    first = await bwmo(
      ['withdraw', '--data', data, fileId, '--reden', `client ${BSN2} verkeerd toegewezen`],
      120_000,
    );
    second = await bwmo(['withdraw', '--data', data, fileId, '--reden', 'nogmaals'], 120_000);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('`bwmo ingest` summary (stdout) prints no BSN from the file name', () => {
    expect(ingest.stdout).not.toContain(BSN);
  });

  it('`bwmo withdraw` (stdout) prints no BSN from the withdrawn file name', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).not.toContain(BSN);
  });

  it('a refused `bwmo withdraw` (stderr) repeats neither the file name nor the reason stored by an earlier withdrawal', () => {
    expect(second.code).toBe(2);
    expect(second.stderr).not.toContain(BSN);
    expect(second.stderr).not.toContain(BSN2);
  });
});
