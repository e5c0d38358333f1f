/**
 * CONTRACT §1c: invalid reference data stops the command with a message naming file, row and column. Also for
 * tarieven.csv rows whose period cannot be (Einddatum before Ingangsdatum) or that give one provider's product
 * and unit two different contract tariffs on one day.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadRegion } from '../../pipeline/region/load';
import { bwmo } from '../helpers/cli';

const NML = resolve(__dirname, '..', '..', 'examples', 'regions', 'nml');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwmo-region-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function regionWith(extraTariefRow: string): Promise<{ region: string; row: number }> {
  const region = join(dir, 'region');
  await cp(NML, region, { recursive: true });
  const file = join(region, 'tarieven.csv');
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  await writeFile(file, `${[...lines, extraTariefRow].join('\n')}\n`);
  return { region, row: lines.length + 1 };
}

const TW =
  'Gemeente;AgbCode;Bsn;ToewijzingNummer;ProductCategorie;ProductCode;Toewijzingsdatum;Toewijzingstijd;Ingangsdatum;Einddatum;RedenWijziging;Volume;Eenheid;Frequentie;Budget;ReferentieAanbieder;Herkomstgemeente\n' +
  '0983;12340001;999900006;500001;15;15A02;2021-01-01;10:00:00;2021-01-01;2021-12-31;;7;14;2;;;1507\n';

test('a tariff row whose Einddatum lies before its Ingangsdatum stops ingest with file, row and column', async () => {
  const { region, row } = await regionWith('12349999;15;15A02;14;10950;2021-06-01;2021-01-31;0983');
  const tw = join(dir, 'tw.csv');
  await writeFile(tw, TW);
  const run = await bwmo(['ingest', '--data', join(dir, 'data'), '--region', region, tw]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    `tarieven.csv: regel ${row}, kolom Einddatum: Einddatum 2021-01-31 ligt voor Ingangsdatum 2021-06-01`,
  );
});

test('two contract tariffs for one provider, product and unit on one day stop loading the region', async () => {
  // The NML file has 10950 for 12340001 15/15A02 per day from 2020 to 2022.
  const { region, row } = await regionWith('12340001;15;15A02;14;99999;2021-01-01;2021-12-31;0983');
  await expect(loadRegion(region)).rejects.toThrow(
    new RegExp(`tarieven\\.csv: regel ${row}, kolom Ingangsdatum: .*overlapt met regel 2 .*ProductTarief`),
  );
});
