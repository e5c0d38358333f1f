/**
 * B&P care arrives only as taakgericht reports: the settlement pays it from a pool that pools BP (Midden-Limburg
 * in the NML example, whose care costs include the taakgericht product 18B01), the latest report per period counting,
 * spread over the months of its period. In a pool without BP (Noord-Limburg) the report is listed as not counted.
 */
import { apiRouter } from '../../pipeline/api/router';
import { runSettlement } from '../../pipeline/settle/run';
import { taakgerichtCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const report = (gemeente: string, bedrag: number) =>
  taakgerichtCsv([
    {
      gemeente,
      taakveld: 'BP',
      periodeBegin: '2022-01-01',
      periodeEind: '2022-06-30',
      aantalClienten: 12,
      bedrag,
    },
  ]);

describe('taakgericht reports in the settlement', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    const first = await stack.upload(
      '0988',
      'bp-2022.csv',
      report('0988', 4_980_000),
      new Date('2022-07-10T09:00:00Z'),
    );
    expect(first.report.status).toBe('geaccepteerd');
    // A correction of the same period: it replaces the first.
    await stack.upload(
      '0988',
      'bp-2022-correctie.csv',
      report('0988', 5_010_000),
      new Date('2022-07-20T09:00:00Z'),
    );
    await stack.upload('0983', 'bp-venlo.csv', report('0983', 700_000), new Date('2022-07-10T09:00:00Z'));
    // The centrumgemeente reports B&P about a member: Roermond's care, in Venlo's file.
    await stack.upload('0983', 'bp-roermond.csv', report('0957', 100_000), new Date('2022-07-11T09:00:00Z'));
  });
  afterAll(() => stack.close());

  it('Weert’s latest BP report is care cost of the Midden-Limburg pool; Venlo’s is listed as not counted', async () => {
    const r = await runSettlement(stack.deps, {
      jaar: 2022,
      sluit: true,
      vandaag: new Date('2023-02-01T00:00:00Z'),
    });
    const ml = r.overzicht.regelingen.find((s) => s.taakvelden.includes('BP'))!;
    expect(ml.zorgkosten.totaal).toBe(5_110_000);
    expect(ml.zorgkosten.buitenZorgkosten).toBe(0);
    const weert = ml.regels.find((l) => l.gemeente === '0988')!;
    expect(weert.eigenZorgkosten).toBe(5_010_000);
    expect(ml.regels.find((l) => l.gemeente === '0957')!.eigenZorgkosten).toBe(100_000);
    expect(r.overzicht.nietToegerekend.reduce((s, n) => s + n.bedrag, 0)).toBe(700_000);
  });

  it("Roermond's backoffice can trace its B&P cost to the file, but sees Venlo's file name only as such", async () => {
    const router = apiRouter(stack.deps);
    const bronnen = async (groups: string[]) => {
      const res = await router.handle({
        method: 'GET',
        path: '/api/verevening',
        query: new URLSearchParams({ jaar: '2022' }),
        groups,
      });
      expect(res.status).toBe(200);
      return Object.values(
        (JSON.parse(res.body) as { bronnen: Record<string, { naam: string }> }).bronnen,
      ).map((b) => b.naam);
    };
    expect(await bronnen(['financien'])).toContain('bp-roermond.csv');
    const roermond = await bronnen(['backoffice-0957']);
    expect(roermond).toContain('bestand van een andere gemeente');
    expect(roermond).not.toContain('bp-roermond.csv');
  });
});
