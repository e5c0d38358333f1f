import fc from 'fast-check';
import { SettlementConfigError } from '../../../pipeline/settle/errors';
import { keyShares, type SleutelLid } from '../../../pipeline/settle/key';
import { Dec } from '../../../pipeline/settle/round';
import {
  compareKeys,
  computableStandardScenarios,
  STANDAARD_SCENARIOS,
} from '../../../pipeline/settle/scenarios';
import { computeScheme, type SchemeInput } from '../../../pipeline/settle/scheme';
import { type Sleutel, SleutelSchema } from '../../../schemas/settlement';
import { A, B, C, VOORBEELD_KOSTEN, voorbeeldConfig } from './fixtures';

const leden: SleutelLid[] = [
  { gemeente: '0001', inleg: 100, gebruik: 300, inwoners: 1_000 },
  { gemeente: '0002', inleg: 300, gebruik: 100, inwoners: 3_000 },
];
const aandelen = (s: Sleutel, l: SleutelLid[] = leden) =>
  [...keyShares(s, l).aandelen.values()].map((a) => a.aandeel.toFixed());

describe('keyShares', () => {
  it.each([
    [{ inleg: '1' }, ['0.25', '0.75']],
    [{ gebruik: '1' }, ['0.75', '0.25']],
    [{ inleg: '0.5', gebruik: '0.5' }, ['0.5', '0.5']],
    [{ inwoners: '1' }, ['0.25', '0.75']],
    [{ vast: { gewicht: '1', aandelen: { '0001': '0.6', '0002': '0.4' } } }, ['0.6', '0.4']],
    [
      { inleg: '0.2', vast: { gewicht: '0.8', aandelen: { '0001': '0.5', '0002': '0.5' } } },
      ['0.45', '0.55'],
    ],
  ] as [Sleutel, string[]][])('%j', (sleutel, expected) => {
    expect(aandelen(sleutel)).toEqual(expected);
  });

  it('splits a component equally when its total is zero, and says so', () => {
    const zonderGebruik = leden.map((l) => ({ ...l, gebruik: 0 }));
    const u = keyShares({ gebruik: '1' }, zonderGebruik);
    expect([...u.aandelen.values()].map((a) => a.aandeel.toFixed())).toEqual(['0.5', '0.5']);
    expect(u.opmerkingen[0]).toMatch(/gelijk verdeeld/);
  });

  it('counts negative use (credits above debits) as zero', () => {
    expect(aandelen({ gebruik: '1' }, [{ ...leden[0], gebruik: -50 }, leden[1]])).toEqual(['0', '1']);
  });

  it('refuses weights that do not sum to 1 and missing inhabitants', () => {
    expect(() => keyShares({ inleg: '0.5', gebruik: '0.4' }, leden)).toThrow(
      'gewichten tellen op tot 0.9, moeten 1 zijn',
    );
    expect(() => keyShares({ inwoners: '1' }, [{ ...leden[0], inwoners: null }])).toThrow(/inwonertal/);
  });

  it('schema: normalises numbers and strings to the same canonical weights', () => {
    expect(SleutelSchema.parse({ inleg: 0.5, gebruik: '0.50' })).toEqual({ inleg: '0.5', gebruik: '0.5' });
    expect(SleutelSchema.safeParse({ inleg: 0.1, gebruik: 0.2, inwoners: 0.7 }).success).toBe(true);
  });
});

/** A key with a use weight > 0: integer percentages summing to 100. */
const sleutelMetGebruik = fc
  .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([gebruik, a, b]): Sleutel => {
    const rest = 100 - gebruik;
    const inleg = Math.min(a, rest);
    const inwoners = Math.min(b, rest - inleg);
    const vast = rest - inleg - inwoners;
    const pct = (n: number) => new Dec(n).div(100).toFixed();
    return {
      gebruik: pct(gebruik),
      inleg: pct(inleg),
      inwoners: pct(inwoners),
      vast: { gewicht: pct(vast), aandelen: { '0001': '0.5', '0002': '0.25', '0003': '0.25' } },
    };
  });

describe('property: more use never means a smaller share of a deficit (key with use weight > 0)', () => {
  it('holds for the key share exactly and for the rounded part within the one cent largest remainder may move', () => {
    fc.assert(
      fc.property(
        sleutelMetGebruik,
        fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (sleutel, inleg, gebruik, inwoners, wie, extra) => {
          const input = (g: number[]): SchemeInput => ({
            naam: 'p',
            soort: 'pool',
            taakvelden: ['BW'],
            centrumgemeente: null,
            leden: g.map((kosten, i) => ({
              gemeente: `000${i + 1}`,
              naam: `G${i}`,
              inleg: inleg[i],
              inwoners: inwoners[i],
              eigenZorgkosten: kosten,
              waarvanOvergang: 0,
            })),
            // Enough unknown-origin costs to make the year a deficit whatever the use.
            onbekend: inleg.reduce((s, v) => s + v, 0) + 1,
            buitenZorgkosten: 0,
            bedrijfsvoering: null,
            sleutel,
            bestanden: [],
            opmerkingen: [],
          });
          const meer = gebruik.map((g, i) => (i === wie ? g + extra : g));
          const voor = computeScheme(input(gebruik));
          const na = computeScheme(input(meer));
          const code = `000${wie + 1}`;
          const lid = (g: number[]) =>
            g.map((kosten, i) => ({
              gemeente: `000${i + 1}`,
              inleg: inleg[i],
              gebruik: kosten,
              inwoners: inwoners[i],
            }));
          const aandeelVoor =
            keyShares(sleutel, lid(gebruik)).aandelen.get(code)?.aandeel ?? new Dec(Number.NaN);
          const aandeelNa = keyShares(sleutel, lid(meer)).aandelen.get(code)?.aandeel ?? new Dec(Number.NaN);
          const deelVoor = voor.regels[wie].deelResultaat;
          const deelNa = na.regels[wie].deelResultaat;
          expect(voor.resultaat).toBeLessThan(0);
          expect(aandeelNa.gte(aandeelVoor)).toBe(true);
          // The exact share of the deficit grows; the rounded one can lose at most the cent it was rounded up.
          const exactVoor = new Dec(voor.resultaat).abs().times(aandeelVoor);
          expect(new Dec(na.resultaat).abs().times(aandeelNa).gte(exactVoor)).toBe(true);
          expect(Math.abs(deelNa)).toBeGreaterThanOrEqual(Math.abs(deelVoor) - 1);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('a scenario keyed by inhabitants in a year without them', () => {
  it('stops with a configuration message naming the scenario field, not a crash', () => {
    const config = voorbeeldConfig();
    // Inhabitants are only checked on load for the keys the configuration itself uses.
    const zonder = {
      ...config,
      region: {
        ...config.region,
        gemeenten: config.region.gemeenten.map((g) => (g.code === A ? { ...g, inwoners: {} } : g)),
      },
    };
    const scenarios = [
      { naam: 'basis', sleutel: 'geconfigureerd' as const },
      { naam: 'naar inwoners', sleutel: { inwoners: 1 } },
    ];
    expect(() =>
      compareKeys(zonder, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' }, scenarios),
    ).toThrow(SettlementConfigError);
    expect(() =>
      compareKeys(zonder, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' }, scenarios),
    ).toThrow(`scenario: scenarios[1].sleutel.inwoners: geen inwonertal voor ${A} in 2023`);
    // With the inhabitants the same comparison is computed.
    expect(
      compareKeys(config, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' }, scenarios).regelingen
        .length,
    ).toBeGreaterThan(0);
  });
});

describe('a scenario with fixed shares for codes outside a scheme it applies to', () => {
  it('is refused, naming the code and the scheme, instead of applying a renormalised key', () => {
    const scenarios = [
      { naam: 'basis', sleutel: 'geconfigureerd' as const },
      {
        naam: 'half inleg, half vast',
        sleutel: {
          inleg: 0.5,
          vast: { gewicht: 0.5, aandelen: { [A]: 0.2, [B]: 0.2, [C]: 0.2, '0404': 0.4 } },
        },
      },
    ];
    const vergelijk = () =>
      compareKeys(voorbeeldConfig(), VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' }, scenarios);
    expect(vergelijk).toThrow(SettlementConfigError);
    expect(vergelijk).toThrow('scenarios[1].sleutel.vast.aandelen.0404: 0404 is geen lid van');
  });
});

describe('the standard scenarios in a year without every member’s inhabitants', () => {
  it('leave out "100% inwoners" and say why; the rest is compared', () => {
    const config = voorbeeldConfig();
    expect(computableStandardScenarios(config, 2023)).toEqual({
      scenarios: [...STANDAARD_SCENARIOS],
      weggelaten: [],
    });
    // A's inhabitants not known yet; no key of the configuration itself uses them.
    const zonder = {
      ...config,
      region: {
        ...config.region,
        gemeenten: config.region.gemeenten.map((g) => (g.code === A ? { ...g, inwoners: {} } : g)),
      },
      verevening: {
        ...config.verevening,
        regelingen: config.verevening.regelingen.map((r) => ({
          ...r,
          ...(r.bedrijfsvoering
            ? { bedrijfsvoering: { ...r.bedrijfsvoering, sleutel: { inleg: '1' } } }
            : {}),
        })),
        bijdragePerInwoner: undefined,
      },
    };
    const { scenarios, weggelaten } = computableStandardScenarios(zonder, 2023);
    expect(scenarios.map((s) => s.naam)).toEqual([
      'huidige sleutel',
      '100% inleg',
      '100% gebruik',
      '50% inleg / 50% gebruik',
    ]);
    expect(weggelaten).toEqual([`"100% inwoners" is niet berekend: geen inwonertal in 2023 voor ${A}.`]);
    const v = compareKeys(
      zonder,
      VOORBEELD_KOSTEN,
      { jaar: 2023, status: 'definitief', weggelaten },
      scenarios,
    );
    expect(v.scenarios).toEqual(scenarios.map((s) => s.naam));
    expect(v.toelichting).toContain(weggelaten[0]);
  });
});
