/**
 * Messages a municipal employee sees when following the README (the real command, bin/bwmo.js in a process of its
 * own): the same answer with or without `bwmo serve`, Dutch file errors, masked names, and the report's level.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bwmo } from '../helpers/cli';
import { toewijzingCsv } from '../helpers/scenario';

jest.setTimeout(120_000);

describe('README walk-through: messages a municipal employee sees', () => {
  let dir: string;
  let data: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-review-'));
    data = join(dir, 'data');
    const file = join(dir, 'tw.csv');
    await writeFile(file, toewijzingCsv([{}]));
    const ingest = await bwmo(['ingest', '--data', data, file], 60_000);
    expect(ingest.code).toBe(0);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('`bwmo settle --jaar 2019` (a year budgetten.csv does not cover) says so in one line, as it does through `bwmo serve` and GET /api/verevening', async () => {
    const run = await bwmo(['settle', '--jaar', '2019', '--data', data], 60_000);
    expect(run.code).toBe(2);
    // As through bwmo serve and GET /api/verevening; not every figure the year lacks, as if the region were broken.
    expect(run.stderr).toContain('geen verevening ingericht');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('`bwmo check --format table` masks a BSN in a file name, as `bwmo ingest` does (README: names are masked in command output)', async () => {
    const bsn = '999990019';
    const file = join(dir, `tw-${bsn}.csv`);
    await writeFile(file, toewijzingCsv([{}]));
    const ingest = await bwmo(['ingest', '--data', join(dir, 'data2'), file], 60_000);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).not.toContain(bsn); // holds: tw-*********.csv
    const check = await bwmo(['check', '--format', 'table', file], 60_000);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toContain(bsn);
    expect(check.stdout).toContain('tw-*********.csv');
  });

  it('a mistyped --region or --scenario gets a Dutch message, like a mistyped --uit ("bestaat niet"), not Node\'s English ENOENT text', async () => {
    const region = await bwmo([
      'report',
      'stand',
      '--datum',
      '2021-01-01',
      '--data',
      data,
      '--region',
      join(dir, 'geen-regio'),
    ]);
    expect(region.code).toBe(2);
    expect(region.stderr).not.toMatch(/ENOENT|no such file/);
    expect(region.stderr).toContain('region.json: bestaat niet');
    const scenario = await bwmo(
      ['settle', '--jaar', '2021', '--data', data, '--scenario', join(dir, 'geen.json')],
      60_000,
    );
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).not.toMatch(/ENOENT|no such file/);
    expect(scenario.stderr).toContain('geen.json: bestaat niet');
  });

  it('CONTRACT §2: `level` is the deepest control level reached; an ISOLATION quarantine is decided after levels 1–2 ran', async () => {
    const file = join(dir, 'tw-isolatie.csv');
    await writeFile(file, toewijzingCsv([{}])); // names 0983
    const check = await bwmo(['check', file]);
    expect(JSON.parse(check.stdout)[0].level).toBe(2); // levels 1–2 pass
    const run = await bwmo(
      ['ingest', '--json', '--data', join(dir, 'data3'), '--gemeente', '0988', file],
      60_000,
    );
    expect(run.code).toBe(0);
    const [report] = JSON.parse(run.stdout);
    expect(report.status).toBe('quarantaine');
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('ISOLATION');
    expect(report.level).toBe(2);
  });
});
