/**
 * The other kinds of scheme, computed by hand: a centrumgemeente that charges a shortfall on (MO), and local BW with
 * the transition rule (lines of toewijzingen the centrumgemeente sent before 2022-01-01 stay with it until their end
 * date as it stood on that date).
 */
import { attributeCosts, blijftBijCentrum } from '../../../pipeline/settle/attribution';
import { loadSettlementConfig } from '../../../pipeline/settle/config';
import { activeSchemes } from '../../../pipeline/settle/inputs';
import { settleYear } from '../../../pipeline/settle/statement';
import type { CostLine, ToewijzingFeiten } from '../../../pipeline/settle/types';
import { RegionSchema } from '../../../schemas/region';
import { budget, lijn } from './fixtures';

const CENTRUM = '0100';
const P = '0200';
const Q = '0300';

const region = RegionSchema.parse({
  naam: 'Testregio',
  code: 'TST',
  centrumgemeente: CENTRUM,
  gemeenten: [
    { code: CENTRUM, naam: 'Centrumstad', inwoners: { '2021': 50_000, '2022': 50_000, '2023': 50_000 } },
    { code: P, naam: 'Polderdorp', inwoners: { '2021': 30_000, '2022': 30_000, '2023': 30_000 } },
    { code: Q, naam: 'Querenhorst', inwoners: { '2021': 20_000, '2022': 20_000, '2023': 20_000 } },
  ],
  producten: [
    {
      categorie: '15',
      code: '15A02',
      omschrijving: 'BW met verblijf',
      taakveld: 'BW',
      variant: 'inspanningsgericht',
      zorgkosten: true,
    },
    {
      categorie: '16',
      code: '16A02',
      omschrijving: 'Opvang',
      taakveld: 'MO',
      variant: 'inspanningsgericht',
      zorgkosten: true,
    },
  ],
  verevening: {
    regelingen: [
      {
        naam: 'MO',
        soort: 'centrumgemeente-with-charge-on',
        leden: [CENTRUM, P, Q],
        taakvelden: ['MO'],
        sleutel: { inwoners: 1 },
      },
      {
        naam: 'BW lokaal',
        soort: 'local',
        leden: [CENTRUM, P, Q],
        taakvelden: ['BW'],
        jaren: { van: 2022 },
        overgang: { datum: '2022-01-01', naar: 'centrumgemeente' },
        sleutel: { inwoners: 1 },
      },
    ],
  },
});
const config = loadSettlementConfig(region, [
  budget(2021, CENTRUM, 9_000_000, 'MO'),
  budget(2022, CENTRUM, 10_000_000, 'MO'),
  budget(2023, CENTRUM, 15_000_000, 'MO'),
  budget(2022, P, 100_000),
]);

const mo = (herkomst: string, maand: string, bedrag: number): CostLine =>
  lijn(herkomst, maand, bedrag, { taakveld: 'MO', productCategorie: '16', productCode: '16A02' });
const MO_KOSTEN = [
  mo(CENTRUM, '2022-01', 5_000_000),
  mo(P, '2022-02', 4_000_000),
  mo(Q, '2022-03', 3_000_001),
];

const oud: ToewijzingFeiten = {
  toewijzingGemeente: CENTRUM,
  ingangsdatum: '2021-05-01',
  einddatumOpOvergangsdatum: '2022-06-30',
};
const open: ToewijzingFeiten = {
  toewijzingGemeente: CENTRUM,
  ingangsdatum: '2020-01-01',
  einddatumOpOvergangsdatum: null,
  zonderEinddatumOpOvergangsdatum: true,
};
const BW_KOSTEN: CostLine[] = [
  lijn(P, '2022-03', 1_000, { toewijzing: oud }), // before its end date: stays with the centrumgemeente
  lijn(P, '2022-07', 2_000, { toewijzing: oud }), // after its end date (an extension): origin
  lijn(P, '2022-04', 4_000, {
    toewijzing: { ...oud, ingangsdatum: '2022-02-01', einddatumOpOvergangsdatum: null },
  }), // new: origin
  lijn(P, '2022-05', 8_000, { toewijzing: { ...oud, toewijzingGemeente: P } }), // the member's own: origin
  lijn(P, '2022-10', 16_000, { toewijzing: open }), // open-ended, not reassessed: stays
  lijn(P, '2022-09', 32_000, { toewijzing: { ...open, herbeoordeeldOp: '2022-09-15' } }), // from the reassessment: origin
  lijn(P, '2022-08', 64_000, { toewijzing: { ...open, herbeoordeeldOp: '2022-09-15' } }), // before it: stays
  lijn(Q, '2022-06', 128_000, { toewijzing: { ...oud, einddatumOpOvergangsdatum: null } }), // did not exist then: origin
  lijn(Q, '2022-06', 256_000), // no toewijzing facts: origin, and counted
  lijn('0000', '2022-06', 1_001), // unknown origin: the only BW scheme, distributed by the key
];

describe('transition rule', () => {
  it.each([
    ['2022-06', oud, true],
    ['2022-07', oud, false],
    ['2022-03', { ...oud, toewijzingGemeente: P }, false],
    ['2022-03', { ...oud, ingangsdatum: '2022-01-01' }, false],
    ['2022-03', { ...oud, einddatumOpOvergangsdatum: null }, false],
    ['2030-01', open, true],
    ['2022-09', { ...open, herbeoordeeldOp: '2022-09-01' }, false],
  ] as [string, ToewijzingFeiten, boolean][])('%s %j → %s', (maand, toewijzing, blijft) => {
    expect(blijftBijCentrum('2022-01-01', CENTRUM, lijn(P, maand, 1, { toewijzing }))).toBe(blijft);
  });

  it('attributes each line to the centrumgemeente or the municipality of origin', () => {
    const t = attributeCosts(region, activeSchemes(config, 2022), BW_KOSTEN);
    const bw = t.perRegeling.get(1);
    expect(Object.fromEntries(bw?.leden ?? [])).toEqual({
      [CENTRUM]: { zorgkosten: 81_000, overgang: 81_000 }, // 1,000 + 16,000 + 64,000
      [P]: { zorgkosten: 46_000, overgang: 0 }, // 2,000 + 4,000 + 8,000 + 32,000
      [Q]: { zorgkosten: 384_000, overgang: 0 }, // 128,000 + 256,000
    });
    expect(bw?.onbekend).toBe(1_001);
    expect(bw?.zonderToewijzing).toBe(2);
  });

  /*
   * Local: each member carries its own costs; the unknown 1,001 goes by inhabitants .5/.3/.2: 500.5 / 300.3 / 200.2
   * → 1 cent to the centrumgemeente (.5) → 501 / 300 / 200.
   *   centrum: inleg 0, own 81,000 → net 81,501;  P: inleg 100,000, own 46,000 → net 46,300, part 53,700;
   *   Q: own 384,000 → net 384,200.
   */
  it('local BW: own costs, the unknown costs by the key, the transition part shown', () => {
    const s = settleYear(config, BW_KOSTEN, { jaar: 2022, status: 'definitief' });
    const bw = s.regelingen.find((r) => r.naam === 'BW lokaal');
    expect(
      bw?.regels.map((l) => [
        l.gemeente,
        l.inleg,
        l.eigenZorgkosten,
        l.waarvanOvergang,
        l.aandeelOnbekend,
        l.deelResultaat,
        l.nettoKosten,
        l.vereveningseffect,
      ]),
    ).toEqual([
      [CENTRUM, 0, 81_000, 81_000, 501, -81_501, 81_501, 501],
      [P, 100_000, 46_000, 0, 300, 53_700, 46_300, 300],
      [Q, 0, 384_000, 0, 200, -384_200, 384_200, 200],
    ]);
    expect(bw?.resultaat).toBe(100_000 - 512_001); // care 81,000 + 46,000 + 384,000 + 1,001 = 512,001
    expect(bw?.opmerkingen.join(' ')).toContain('2 kostenregel(s) zonder toewijzinggegevens');
  });

  it('the local scheme starts in 2022: earlier BW lines are listed as not attributed', () => {
    const s = settleYear(config, [lijn(P, '2021-12', 999)], { jaar: 2021, status: 'definitief' });
    expect(s.regelingen.map((r) => r.naam)).toEqual(['MO']);
    expect(s.nietToegerekend).toEqual([
      expect.objectContaining({ taakveld: 'BW', herkomstgemeente: P, bedrag: 999 }),
    ]);
  });
});

describe('centrumgemeente with charge-on', () => {
  /*
   * 2022: budget 10,000,000; costs 5,000,000 + 4,000,000 + 3,000,001 = 12,000,001; result −2,000,001.
   * Inhabitants .5/.3/.2: 1,000,000.5 / 600,000.3 / 400,000.2 → 1 cent to the centrumgemeente → −1,000,001 / −600,000 / −400,000.
   * Net: centrum 10,000,000 + 1,000,001 = 11,000,001; P 600,000; Q 400,000 (Σ 12,000,001).
   * Effect (net − own): 6,000,001 / −3,400,000 / −2,600,001.
   */
  it('a shortfall is charged to the members by the key', () => {
    const s = settleYear(config, MO_KOSTEN, { jaar: 2022, status: 'definitief' });
    const m = s.regelingen[0];
    expect(m.pot).toBe(10_000_000);
    expect(m.resultaat).toBe(-2_000_001);
    expect(
      m.regels.map((l) => [l.gemeente, l.inleg, l.deelResultaat, l.nettoKosten, l.vereveningseffect]),
    ).toEqual([
      [CENTRUM, 10_000_000, -1_000_001, 11_000_001, 6_000_001],
      [P, 0, -600_000, 600_000, -3_400_000],
      [Q, 0, -400_000, 400_000, -2_600_001],
    ]);
  });

  /* 2023: budget 15,000,000, same costs: surplus 2,999,999 stays with the centrumgemeente; the others pay nothing. */
  it('a surplus stays with the centrumgemeente', () => {
    const kosten = MO_KOSTEN.map((l) => ({ ...l, maand: l.maand.replace('2022', '2023') }));
    const s = settleYear(config, kosten, { jaar: 2023, status: 'definitief' });
    const m = s.regelingen[0];
    expect(m.resultaat).toBe(2_999_999);
    expect(m.regels.map((l) => [l.gemeente, l.deelResultaat, l.nettoKosten])).toEqual([
      [CENTRUM, 2_999_999, 12_000_001],
      [P, 0, 0],
      [Q, 0, 0],
    ]);
  });
});
