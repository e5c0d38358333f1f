/**
 * The worked example, computed by hand. Three members, amounts in eurocent.
 *
 *   member          inhabitants  inleg 2023   inleg 2024   own care 2023  own care 2024
 *   0101 Aadorp        10,000    20,000,000   25,000,000     15,000,000     20,000,000
 *   0202 Beekdal       20,000    30,000,000   25,000,000     35,000,000     45,000,000
 *   0303 Cranenveld    30,000    50,000,000   50,000,000     30,000,000     35,000,000
 *   unknown (0000)                                            1,000,000      2,000,001
 *   pool                        100,000,000  100,000,000
 *
 * 2023 care costs: A = 10,000,000 + 5,500,000 − 500,000 (credit) = 15,000,000. The ambulant line (15A30), the 2022
 * line and the MO line are not settled. Total care = 15,000,000 + 35,000,000 + 30,000,000 + 1,000,000 = 81,000,000.
 *
 * Operating costs (both years): relatiemanagement 2,000,000 + monitoring 1,000,001 + innovation 0.5 % × 100,000,000
 * = 500,000 → 3,500,001, shared by inhabitants 1/6, 2/6, 3/6:
 *   exact 583,333.5 / 1,166,667 / 1,750,000.5 → floors 583,333 + 1,166,667 + 1,750,000 = 3,500,000, 1 cent left;
 *   remainders .5 / 0 / .5: A and C tie, the lower gemeentecode (0101) gets it → 583,334 / 1,166,667 / 1,750,000.
 *
 * 2023 result = 100,000,000 − 81,000,000 − 3,500,001 = 15,499,999 (surplus).
 *   use shares 15/80, 35/80, 30/80 = .1875 / .4375 / .375
 *   100 % inleg (.2/.3/.5): 3,099,999.8 / 4,649,999.7 / 7,749,999.5 → floors sum 15,499,997, 2 cents to A (.8), B (.7)
 *                           → 3,100,000 / 4,650,000 / 7,749,999
 *   100 % gebruik:          2,906,249.8125 / 6,781,249.5625 / 5,812,499.625 → 2 cents to A (.8125), C (.625)
 *                           → 2,906,250 / 6,781,249 / 5,812,500
 *   50/50 (.19375/.36875/.4375): 3,003,124.80625 / 5,715,624.63125 / 6,781,249.5625 → 2 cents to A, B
 *                           → 3,003,125 / 5,715,625 / 6,781,249
 *   inhabitants (1/6, 2/6, 3/6): 2,583,333.17 / 5,166,666.33 / 7,749,999.5 → 1 cent to C → 2,583,333 / 5,166,666 / 7,750,000
 *   fixed .25/.25/.5:       3,874,999.75 / 3,874,999.75 / 7,749,999.5 → 2 cents to A, B → 3,875,000 / 3,875,000 / 7,749,999
 *
 * 2024 care = 20,000,000 + 45,000,000 + 35,000,000 + 2,000,001 = 102,000,001; operating 3,500,001 (as above).
 * 2024 result = 100,000,000 − 102,000,001 − 3,500,001 = −5,500,002 (deficit); split on 5,500,002, sign negative.
 *   use shares .2 / .45 / .35; inleg shares .25 / .25 / .5
 *   100 % inleg:   1,375,000.5 / 1,375,000.5 / 2,750,001 → 1 cent, A and B tie at .5, 0101 first → −1,375,001 / −1,375,000 / −2,750,001
 *   100 % gebruik: 1,100,000.4 / 2,475,000.9 / 1,925,000.7 → 2 cents to B, C → −1,100,000 / −2,475,001 / −1,925,001
 *   50/50 (.225/.35/.425): 1,237,500.45 / 1,925,000.7 / 2,337,500.85 → 2 cents to C, B → −1,237,500 / −1,925,001 / −2,337,501
 *   inhabitants:   916,667 / 1,833,334 / 2,750,001 exactly
 *   fixed .25/.25/.5: as 100 % inleg → −1,375,001 / −1,375,000 / −2,750,001
 *
 * Statement lines under the configured key (50/50):
 *   net = inleg − part; without solidarity = own care + operating share; effect = net − without.
 *   2023 A: 20,000,000 − 3,003,125 = 16,996,875; 15,583,334; effect  1,413,541
 *        B: 30,000,000 − 5,715,625 = 24,284,375; 36,166,667; effect −11,882,292
 *        C: 50,000,000 − 6,781,249 = 43,218,751; 31,750,000; effect  11,468,751
 *        Σ net = 84,500,001 = 81,000,000 + 3,500,001; Σ effect = 1,000,000 = the unknown-origin costs.
 *   2024 A: 25,000,000 + 1,237,500 = 26,237,500; 20,583,334; effect   5,654,166
 *        B: 25,000,000 + 1,925,001 = 26,925,001; 46,166,667; effect −19,241,666
 *        C: 50,000,000 + 2,337,501 = 52,337,501; 36,750,000; effect  15,587,501
 *        Σ net = 105,500,002 = 102,000,001 + 3,500,001; Σ effect = 2,000,001.
 *
 * Contribution per inhabitant (to 0303, paid by the others): 2023 tariff 235.5 cent → A 2,355,000, B 4,710,000;
 * 2024 tariff 240.00005 → A 10,000 × 240.00005 = 2,400,000.5 → half up 2,400,001; B 4,800,001.
 */
import { compareKeys, STANDAARD_SCENARIOS } from '../../../pipeline/settle/scenarios';
import { settleYear } from '../../../pipeline/settle/statement';
import type { StatementLine } from '../../../pipeline/settle/types';
import { A, B, C, lijn, VOORBEELD_KOSTEN, voorbeeldConfig } from './fixtures';

const geld = (l: StatementLine) => [
  l.gemeente,
  l.inleg,
  l.eigenZorgkosten,
  l.aandeelBedrijfsvoering,
  l.deelResultaat,
  l.nettoKosten,
  l.kostenZonderVerevening,
  l.vereveningseffect,
];

describe('worked example (hand-computed, to the cent)', () => {
  const config = voorbeeldConfig();

  it('2023: surplus, statement lines under the configured 50/50 key', () => {
    const s = settleYear(config, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' });
    const [pool] = s.regelingen;
    expect(pool.pot).toBe(100_000_000);
    expect(pool.zorgkosten).toEqual({
      leden: 80_000_000,
      onbekend: 1_000_000,
      totaal: 81_000_000,
      buitenZorgkosten: 1_234_567,
    });
    expect(pool.bedrijfsvoering.innovatie).toEqual({ percentage: '0.5', bedrag: 500_000 });
    expect(pool.bedrijfsvoering.totaal).toBe(3_500_001);
    expect(pool.resultaat).toBe(15_499_999);
    expect(pool.resultaatSoort).toBe('overschot');
    expect(pool.regels.map((l) => l.sleutelAandeel)).toEqual(['0.19375', '0.36875', '0.4375']);
    expect(pool.regels.map(geld)).toEqual([
      [A, 20_000_000, 15_000_000, 583_334, 3_003_125, 16_996_875, 15_583_334, 1_413_541],
      [B, 30_000_000, 35_000_000, 1_166_667, 5_715_625, 24_284_375, 36_166_667, -11_882_292],
      [C, 50_000_000, 30_000_000, 1_750_000, 6_781_249, 43_218_751, 31_750_000, 11_468_751],
    ]);
    expect(pool.totalen.nettoKosten).toBe(84_500_001);
    expect(pool.totalen.vereveningseffect).toBe(1_000_000);
    expect(s.nietToegerekend).toEqual([
      {
        taakveld: 'MO',
        herkomstgemeente: B,
        reden: expect.stringContaining('geen regeling'),
        regels: 1,
        bedrag: 777,
      },
    ]);
    expect(pool.bestanden).toEqual(['decl-a-1', 'decl-a-6', 'decl-a-9', 'decl-b-2', 'decl-c-4', 'decl-c-5']);
  });

  it('2024: deficit, statement lines under the configured 50/50 key', () => {
    const s = settleYear(config, VOORBEELD_KOSTEN, { jaar: 2024, status: 'definitief' });
    const [pool] = s.regelingen;
    expect(pool.zorgkosten.totaal).toBe(102_000_001);
    expect(pool.resultaat).toBe(-5_500_002);
    expect(pool.resultaatSoort).toBe('tekort');
    expect(pool.regels.map(geld)).toEqual([
      [A, 25_000_000, 20_000_000, 583_334, -1_237_500, 26_237_500, 20_583_334, 5_654_166],
      [B, 25_000_000, 45_000_000, 1_166_667, -1_925_001, 26_925_001, 46_166_667, -19_241_666],
      [C, 50_000_000, 35_000_000, 1_750_000, -2_337_501, 52_337_501, 36_750_000, 15_587_501],
    ]);
    expect(pool.totalen.nettoKosten).toBe(105_500_002);
  });

  const scenarios = [
    ...STANDAARD_SCENARIOS,
    {
      naam: 'vast 25/25/50',
      sleutel: { vast: { gewicht: 1, aandelen: { [A]: 0.25, [B]: 0.25, [C]: 0.5 } } },
    },
  ];
  const delen = (jaar: number) => {
    const v = compareKeys(config, VOORBEELD_KOSTEN, { jaar, status: 'definitief' }, scenarios);
    const [r] = v.regelingen;
    return Object.fromEntries(
      v.scenarios.map((naam, i) => [naam, r.leden.map((l) => l.scenarios[i].deelResultaat)]),
    );
  };

  it('2023: part of the surplus under each key', () => {
    expect(delen(2023)).toEqual({
      'huidige sleutel': [3_003_125, 5_715_625, 6_781_249],
      '100% inleg': [3_100_000, 4_650_000, 7_749_999],
      '100% gebruik': [2_906_250, 6_781_249, 5_812_500],
      '50% inleg / 50% gebruik': [3_003_125, 5_715_625, 6_781_249],
      '100% inwoners': [2_583_333, 5_166_666, 7_750_000],
      'vast 25/25/50': [3_875_000, 3_875_000, 7_749_999],
    });
  });

  it('2024: part of the deficit under each key (ties by gemeentecode)', () => {
    expect(delen(2024)).toEqual({
      'huidige sleutel': [-1_237_500, -1_925_001, -2_337_501],
      '100% inleg': [-1_375_001, -1_375_000, -2_750_001],
      '100% gebruik': [-1_100_000, -2_475_001, -1_925_001],
      '50% inleg / 50% gebruik': [-1_237_500, -1_925_001, -2_337_501],
      '100% inwoners': [-916_667, -1_833_334, -2_750_001],
      'vast 25/25/50': [-1_375_001, -1_375_000, -2_750_001],
    });
  });

  it('the comparison shows each key next to the basis, with the difference in net cost per member', () => {
    const v = compareKeys(config, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' });
    const [r] = v.regelingen;
    expect(v.basis).toBe('huidige sleutel');
    expect(r.resultaat).toBe(15_499_999);
    const a = r.leden[0].scenarios;
    // 100 % inleg: A's part rises from 3,003,125 to 3,100,000, so its net cost falls by 96,875.
    expect(a.find((x) => x.scenario === '100% inleg')?.verschilMetBasis).toBe(-96_875);
    expect(a.find((x) => x.scenario === '100% inwoners')?.verschilMetBasis).toBe(3_003_125 - 2_583_333);
    for (const lid of r.leden) expect(lid.scenarios[0].verschilMetBasis).toBe(0);
  });

  it('contribution per inhabitant, rounded half up per member', () => {
    const s23 = settleYear(config, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' });
    expect(s23.bijdragePerInwoner?.ontvanger.gemeente).toBe(C);
    expect(s23.bijdragePerInwoner?.regels.map((r) => [r.gemeente, r.inwoners, r.bedrag])).toEqual([
      [A, 10_000, 2_355_000],
      [B, 20_000, 4_710_000],
    ]);
    const s24 = settleYear(config, VOORBEELD_KOSTEN, { jaar: 2024, status: 'definitief' });
    expect(s24.bijdragePerInwoner?.regels.map((r) => r.bedrag)).toEqual([2_400_001, 4_800_001]);
    expect(s24.bijdragePerInwoner?.totaal).toBe(7_200_002);
    expect(s24.perGemeente.find((g) => g.gemeente === A)?.bijdragePerInwoner).toBe(2_400_001);
  });

  /*
   * Provisional 2023 with costs up to August (n = 8, factor 12/8 = 1.5) and a 100 % inleg key:
   *   A 10,000,001 × 1.5 = 15,000,001.5 → 15,000,002; B 23,333,333 × 1.5 = 34,999,999.5 → 35,000,000;
   *   C 20,000,000 → 30,000,000 (its September line is not known yet); unknown 666,667 → 1,000,000.5 → 1,000,001.
   *   care 81,000,003; result 100,000,000 − 81,000,003 − 3,500,001 = 15,499,996
   *   parts .2/.3/.5: 3,099,999.2 / 4,649,998.8 / 7,749,998 → 1 cent to B → 3,099,999 / 4,649,999 / 7,749,998
   *   net: 16,900,001 / 25,350,001 / 42,250,002 (Σ 84,500,004 = 81,000,003 + 3,500,001)
   */
  it('provisional statement: projection to year end, clearly marked', () => {
    const kosten = [
      lijn(A, '2023-03', 10_000_001),
      lijn(B, '2023-07', 23_333_333),
      lijn(C, '2023-08', 20_000_000),
      lijn(C, '2023-09', 5_000_000),
      lijn('0000', '2023-02', 666_667),
    ];
    const s = settleYear(voorbeeldConfig({ inleg: 1 }), kosten, {
      jaar: 2023,
      status: 'voorlopig',
      totEnMetMaand: '2023-08',
    });
    expect(s.status).toBe('voorlopig');
    expect(s.kop).toMatch(/^VOORLOPIG/);
    expect(s.projectie).toMatchObject({ totEnMetMaand: '2023-08', maandenBekend: 8 });
    const [pool] = s.regelingen;
    expect(pool.regels.map((l) => [l.zorgkostenTotDatum, l.eigenZorgkosten])).toEqual([
      [10_000_001, 15_000_002],
      [23_333_333, 35_000_000],
      [20_000_000, 30_000_000],
    ]);
    expect(pool.zorgkosten.onbekend).toBe(1_000_001);
    expect(pool.resultaat).toBe(15_499_996);
    expect(pool.regels.map((l) => [l.deelResultaat, l.nettoKosten])).toEqual([
      [3_099_999, 16_900_001],
      [4_649_999, 25_350_001],
      [7_749_998, 42_250_002],
    ]);
    expect(pool.opmerkingen.join(' ')).toContain('VOORLOPIG');
  });
});
