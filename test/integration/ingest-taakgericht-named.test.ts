/**
 * `bwmo ingest FILE` files each file as uploaded by the municipality it names (CONTRACT §3). A taakgericht report
 * of the centrumgemeente names its members (the demo's taakgericht-bp-2021-H1.csv does): ingest took the first
 * row's Gemeente (1507) as the uploader and quarantined the report as a security event, with an alert to Horst aan
 * de Maas. A report naming several municipalities is the centrumgemeente's.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bwmo } from '../helpers/cli';

jest.setTimeout(60_000);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwmo-ingest-taak-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a taakgericht report naming several members is not quarantined as the first row’s municipality', async () => {
  const file = join(dir, 'taakgericht-bp-2021-H1.csv');
  await writeFile(
    file,
    [
      'Gemeente;Taakveld;PeriodeBegindatum;PeriodeEinddatum;AgbCode;AantalClienten;Bedrag',
      '1507;BP;2021-01-01;2021-06-30;12340008;63;2614500',
      '0983;BP;2021-01-01;2021-06-30;12340008;66;2739000',
      '',
    ].join('\n'),
  );
  const data = join(dir, 'data');
  const run = await bwmo(['ingest', '--data', data, '--json', file], 60_000);
  expect(run.code).toBe(0);
  const [report] = JSON.parse(run.stdout) as {
    status: string;
    gemeente: string;
    findings: { rule: string }[];
  }[];
  expect(report.findings.map((f) => f.rule)).not.toContain('ISOLATION');
  expect(report.status).toBe('geaccepteerd');
  expect(existsSync(join(data, 'bucket', 'quarantine', '1507'))).toBe(false);
  expect(await readdir(join(data, 'bucket', 'outbox'))).toEqual(['0983']);
});
