/**
 * Both example regions settle from their configuration alone, on data that went through the real ingest:
 * - NML, with data from the example generator (each municipality sends its own toewijzingen): the Noord-Limburg BW
 *   pool and the Midden-Limburg BW+MO+B&P pool, the B&P contribution per inhabitant from 2022; every approved cent is
 *   care costs of a scheme, outside care costs, or listed as not attributed (nothing dropped).
 * - WBW, built with the scenario helpers: MO through the centrumgemeente with charge-on, BW local from 2022 with the
 *   transition rule (a running indication stays with Bergen op Zoom until its end date as it stood on 2022-01-01, or
 *   until a reassessment; Roosendaal's own new toewijzing is Roosendaal's).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBsn } from '../../examples/generator/bsn';
import { generate } from '../../examples/generator/generate';
import { writeGenerated } from '../../examples/generator/write';
import { apiRouter } from '../../pipeline/api/router';
import { type IngestDeps, ingestObject } from '../../pipeline/ingest';
import type { TaakRij } from '../../pipeline/monitor/aggregates';
import { loadRegion } from '../../pipeline/region/load';
import { spreadOverMonths } from '../../pipeline/settle/round';
import { runSettlement } from '../../pipeline/settle/run';
import type { Statement } from '../../pipeline/settle/types';
import { declaratieCsv, line, toewijzingCsv } from '../helpers/scenario';
import { provisional } from '../helpers/settle';
import { NML, putWithTime, type Stack, startStack } from '../helpers/stack';

const WBW = join(__dirname, '..', '..', 'examples', 'regions', 'wbw');
const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);
const at = (iso: string) => new Date(iso);

function invarianten(s: Statement): void {
  for (const r of s.regelingen) {
    expect(sum(r.regels.map((l) => l.deelResultaat))).toBe(r.resultaat);
    expect(sum(r.regels.map((l) => l.nettoKosten))).toBe(r.zorgkosten.totaal + r.bedrijfsvoering.totaal);
    expect(r.resultaat).toBe(r.pot - r.zorgkosten.totaal - r.bedrijfsvoering.totaal);
    for (const l of r.regels)
      expect(sum(r.herleiding.filter((h) => h.gemeente === l.gemeente).map((h) => h.bedrag))).toBe(
        l.zorgkostenTotDatum ?? l.eigenZorgkosten,
      );
  }
}

describe('NML from the example generator', () => {
  let stack: Stack;
  let dir: string;
  beforeAll(async () => {
    stack = await startStack();
    dir = await mkdtemp(join(tmpdir(), 'bwmo-settle-nml-'));
    const g = generate(await loadRegion(NML), {
      seed: 21,
      vanMaand: '2021-01',
      totMaand: '2021-03',
      toewijzer: 'eigen',
      formaat: 'csv',
      foutAandeel: 0,
      schaal: 0.1,
    });
    const manifest = await writeGenerated(g, dir);
    for (const f of manifest.files)
      await stack.upload(f.gemeente, f.path.split('/').at(-1) as string, await readFile(join(dir, f.path)));
  }, 60_000);
  afterAll(async () => {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('settles 2021 under both pools; nothing approved is dropped', async () => {
    const r = await runSettlement(stack.deps, { jaar: 2021, sluit: true, vandaag: at('2022-02-01') });
    const s = r.overzicht;
    invarianten(s);
    expect(s.regelingen.map((x) => [x.naam, x.soort, x.taakvelden])).toEqual([
      ['Noord-Limburg BW (2021, zonder Gennep)', 'pool', ['BW']],
      ['Midden-Limburg BW, MO en B&P', 'pool', ['BW', 'MO', 'BP']],
    ]);
    for (const x of s.regelingen) expect(x.zorgkosten.leden).toBeGreaterThan(0);
    expect(s.bijdragePerInwoner).toBeNull();
    // Every approved cent of the year: care costs, other products of a scheme, or not attributed.
    const maand = await apiRouter(stack.deps).handle({
      method: 'GET',
      path: '/api/maand',
      query: new URLSearchParams({ van: '2021-01', tot: '2021-12', per: '1000' }),
      groups: ['financien'],
    });
    const toegekend = (JSON.parse(maand.body) as { totaal: { toegekend: number } }).totaal.toegekend;
    // And every cent of the B&P reports (taakgericht) that falls in the year, by days.
    const taak = await apiRouter(stack.deps).handle({
      method: 'GET',
      path: '/api/taakgericht',
      query: new URLSearchParams({ van: '2021-01', tot: '2021-12', per: '1000' }),
      groups: ['financien'],
    });
    const rapporten = (JSON.parse(taak.body) as { rijen: TaakRij[] }).rijen;
    expect(rapporten.length).toBeGreaterThan(0);
    const taakgericht = sum(
      rapporten.flatMap((t) =>
        spreadOverMonths(t.bedrag, t.periodeBegin, t.periodeEind)
          .filter((d) => d.maand.startsWith('2021'))
          .map((d) => d.bedrag),
      ),
    );
    const verdeeld =
      sum(s.regelingen.map((x) => x.zorgkosten.totaal + x.zorgkosten.buitenZorgkosten)) +
      sum(s.nietToegerekend.map((n) => n.bedrag));
    expect(verdeeld).toBe(toegekend + taakgericht);
    // The key comparison covers both pools, the parts summing to each pool's result under every key.
    const v = (await runSettlement(stack.deps, { jaar: 2021, sluit: false, scenarios: 'standaard' }))
      .vergelijking;
    expect(v?.regelingen.map((x) => x.naam)).toEqual(s.regelingen.map((x) => x.naam));
    for (const x of v?.regelingen ?? [])
      for (let i = 0; i < (v?.scenarios.length ?? 0); i++)
        expect(sum(x.leden.map((l) => l.scenarios[i].deelResultaat))).toBe(x.resultaat);
  });

  it('2022: Gennep joins the Noord-Limburg pool and the B&P contribution per inhabitant starts', async () => {
    const r = await provisional(stack.deps, 2022, '2022-01', '2022-02-10');
    invarianten(r.overzicht);
    expect(r.overzicht.regelingen[0].regels.map((l) => l.gemeente)).toContain('0907');
    const b = r.overzicht.bijdragePerInwoner;
    expect(b?.ontvanger.gemeente).toBe('0983');
    // From the Noord-Limburg members but Venlo; Midden-Limburg pays B&P from its pool.
    expect(b?.regels.map((x) => x.gemeente)).toEqual(['0889', '0893', '0907', '0984', '1507', '1894']);
    // Beesel: 13,422 × 745.5 = 10,006,101.
    expect(b?.regels.find((x) => x.gemeente === '0889')?.bedrag).toBe(10_006_101);
  });
});

describe('WBW: MO with charge-on, BW local with the transition rule', () => {
  let stack: Stack;
  let deps: IngestDeps;
  const A = testBsn(1);
  const B = testBsn(2);
  const C = testBsn(3);
  const BW = { agb: '22340001', categorie: '15', code: '15A02' } as const;
  const upload = async (gemeente: string, naam: string, tekst: string, ontvangen: string) => {
    const key = `inbox/${gemeente}/${naam}`;
    await putWithTime(stack.blobs, key, tekst, at(ontvangen));
    const { report } = await ingestObject(deps, key);
    expect(report.counts.afgewezen).toBe(0);
    expect(report.status).toBe('geaccepteerd');
  };
  const bw = (maand: string, ref: string, bsn: string, nummer: number) =>
    line(maand, ref, { bsn, toewijzingNummer: nummer, tarief: 11_200 });

  beforeAll(async () => {
    stack = await startStack();
    deps = { ...stack.deps, region: await loadRegion(WBW) };
    await upload(
      '0748',
      'toewijzingen-0748.csv',
      toewijzingCsv(
        [
          // Running on 2022-01-01 until 2022-06-30: stays with Bergen op Zoom through June.
          {
            ...BW,
            nummer: 7001,
            bsn: A,
            herkomst: '1674',
            ingangsdatum: '2020-05-01',
            einddatum: '2022-06-30',
            toewijzingsdatum: '2020-04-20',
          },
          // Running until 2023, reassessed (extended, 04) on 2022-04-15: Halderberge's from April 2022.
          {
            ...BW,
            nummer: 7002,
            bsn: B,
            herkomst: '1655',
            ingangsdatum: '2021-03-01',
            einddatum: '2023-12-31',
            toewijzingsdatum: '2021-02-20',
          },
          {
            ...BW,
            nummer: 7002,
            bsn: B,
            herkomst: '1655',
            ingangsdatum: '2021-03-01',
            einddatum: '2024-12-31',
            toewijzingsdatum: '2022-04-15',
            redenWijziging: '04',
          },
          // MO for a Rucphen client.
          {
            agb: '22340002',
            categorie: '16',
            code: '16A02',
            nummer: 7003,
            bsn: C,
            herkomst: '0840',
            ingangsdatum: '2022-01-01',
            einddatum: '2022-12-31',
            toewijzingsdatum: '2021-12-20',
          },
        ],
        '0748',
      ),
      '2022-04-16T08:00:00Z',
    );
    // Roosendaal's own toewijzing for the same client after the old one ended.
    await upload(
      '1674',
      'toewijzingen-1674.csv',
      toewijzingCsv(
        [
          {
            ...BW,
            nummer: 8001,
            bsn: A,
            herkomst: '1674',
            ingangsdatum: '2022-07-01',
            einddatum: '2023-06-30',
            toewijzingsdatum: '2022-06-20',
          },
        ],
        '1674',
      ),
      '2022-06-21T08:00:00Z',
    );
    const decl = (
      nummer: string,
      maand: string,
      lines: ReturnType<typeof line>[],
      gemeente: string,
      agb: string = BW.agb,
    ) => declaratieCsv({ nummer, maand, lines, gemeente, agb });
    await upload(
      '0748',
      'bw-2022-01.csv',
      decl('W1', '2022-01', [bw('2022-01', 'W1A', A, 7001)], '0748'),
      '2022-06-25T08:00:00Z',
    );
    await upload(
      '0748',
      'bw-2022-03.csv',
      decl('W3', '2022-03', [bw('2022-03', 'W3A', A, 7001), bw('2022-03', 'W3B', B, 7002)], '0748'),
      '2022-06-25T08:00:00Z',
    );
    await upload(
      '0748',
      'bw-2022-05.csv',
      decl('W5', '2022-05', [bw('2022-05', 'W5A', A, 7001), bw('2022-05', 'W5B', B, 7002)], '0748'),
      '2022-06-25T08:00:00Z',
    );
    await upload(
      '0748',
      'mo-2022-02.csv',
      decl(
        'M2',
        '2022-02',
        [
          line('2022-02', 'M2A', {
            bsn: C,
            toewijzingNummer: 7003,
            productCategorie: '16',
            productCode: '16A02',
            tarief: 7_600,
          }),
        ],
        '0748',
        '22340002',
      ),
      '2022-06-25T08:00:00Z',
    );
    await upload(
      '1674',
      'bw-2022-08.csv',
      decl('R8', '2022-08', [bw('2022-08', 'R8A', A, 8001)], '1674'),
      '2022-09-10T08:00:00Z',
    );
  }, 60_000);
  afterAll(() => stack.close());

  it('settles 2022 from configuration alone: the transition rule and the charge-on', async () => {
    const r = await runSettlement(deps, { jaar: 2022, sluit: true, vandaag: at('2023-01-20') });
    const s = r.overzicht;
    invarianten(s);
    expect(s.regio.code).toBe('WBW');
    const [mo, bwLokaal] = s.regelingen;
    expect([mo.soort, bwLokaal.soort]).toEqual(['centrumgemeente-with-charge-on', 'local']);
    const maand = 31 * 11_200;
    const lid = (code: string) => bwLokaal.regels.find((l) => l.gemeente === code);
    // Bergen op Zoom: 7001 in January, March and May (before its end date), 7002 in March (before the reassessment).
    expect(lid('0748')).toMatchObject({ eigenZorgkosten: 4 * maand, waarvanOvergang: 4 * maand });
    expect(lid('1655')).toMatchObject({ eigenZorgkosten: maand, waarvanOvergang: 0 });
    expect(lid('1674')).toMatchObject({ eigenZorgkosten: maand, waarvanOvergang: 0 });
    expect(bwLokaal.opmerkingen.join(' ')).not.toContain('zonder toewijzinggegevens');
    for (const l of bwLokaal.regels) expect(l.vereveningseffect).toBe(0);
    expect(bwLokaal.herleiding.find((h) => h.gemeente === '1655')?.maand).toBe('2022-05');
    // MO: the centrumgemeente's budget covers the Rucphen client (February, 28 days); the surplus stays with it.
    expect(mo.pot).toBe(705_550_000);
    expect(mo.zorgkosten.leden).toBe(28 * 7_600);
    expect(mo.resultaatSoort).toBe('overschot');
    expect(mo.regels.find((l) => l.gemeente === '0840')).toMatchObject({
      eigenZorgkosten: 28 * 7_600,
      nettoKosten: 0,
    });
    expect(mo.regels.find((l) => l.gemeente === '0748')?.nettoKosten).toBe(28 * 7_600);
    expect(s.nietToegerekend).toEqual([]);
  });
});
