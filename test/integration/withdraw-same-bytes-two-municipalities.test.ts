/**
 * The fileId is the SHA-256 of the bytes, so the same bytes sent by two municipalities share it: a toewijzing file
 * uploaded by the wrong municipality is quarantined (ISOLATION), then uploaded by the right one and accepted.
 * `bwmo withdraw` with that id withdrew the accepted file (it preferred a processed record in any municipality), and
 * its clients vanished from the monitor. Now an id of several municipalities' files is refused until --gemeente
 * says which one is meant.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bwmo } from '../helpers/cli';

jest.setTimeout(120_000);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwmo-withdraw-two-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOEWIJZINGEN = [
  'Gemeente;AgbCode;Bsn;ToewijzingNummer;ProductCategorie;ProductCode;Toewijzingsdatum;Toewijzingstijd;Ingangsdatum;Einddatum;RedenWijziging;Volume;Eenheid;Frequentie;Budget;ReferentieAanbieder;Herkomstgemeente',
  '0983;12340005;999900006;100000;15;15A02;2019-02-03;10:00:00;2019-02-07;2025-12-31;;7;14;2;;;1507',
  '0983;12340005;999900018;100001;15;15A02;2018-10-29;10:00:00;2018-11-03;2021-06-09;;7;14;2;;;1507',
  '',
].join('\n');

const standTotal = async (data: string): Promise<number> => {
  const run = await bwmo(['report', 'stand', '--datum', '2020-07-01', '--data', data, '--format', 'json']);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { totaal: { totaal: number } }).totaal.totaal;
};

test('withdrawing the fileId of a quarantined copy does not withdraw the accepted copy of another municipality', async () => {
  const data = join(dir, 'data');
  const file = join(dir, 'toewijzingen.csv');
  await writeFile(file, TOEWIJZINGEN);
  const wrong = await bwmo(['ingest', '--data', data, '--json', '--gemeente', '0988', file]);
  expect(wrong.code).toBe(0);
  const [quarantined] = JSON.parse(wrong.stdout) as { status: string; fileId: string }[];
  expect(quarantined.status).toBe('quarantaine');
  const right = await bwmo(['ingest', '--data', data, '--json', file]);
  expect((JSON.parse(right.stdout) as { status: string }[])[0].status).toBe('geaccepteerd');
  expect(await standTotal(data)).toBe(2);

  const run = await bwmo([
    'withdraw',
    '--data',
    data,
    quarantined.fileId,
    '--reden',
    'verkeerd aangeleverd door 0988',
  ]);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('hoort bij bestanden van meer gemeenten');
  expect(run.stderr).toContain('gemeente 0988: toewijzingen.csv (quarantaine)');
  expect(run.stderr).toContain('gemeente 0983: toewijzingen.csv (verwerkt)');
  expect(await standTotal(data)).toBe(2);

  // Named: the quarantined copy has nothing to withdraw; the accepted one is withdrawn.
  const copy = await bwmo([
    'withdraw',
    '--data',
    data,
    quarantined.fileId,
    '--gemeente',
    '0988',
    '--reden',
    'x',
  ]);
  expect(copy.code).toBe(2);
  expect(copy.stderr).toContain('staat in quarantaine');
  expect(await standTotal(data)).toBe(2);
  const accepted = await bwmo([
    'withdraw',
    '--data',
    data,
    quarantined.fileId,
    '--gemeente',
    '0983',
    '--reden',
    'x',
  ]);
  expect(accepted.code).toBe(0);
  expect(accepted.stdout).toContain('gemeente 0983');
  expect(await standTotal(data)).toBe(0);
});
