/** Bad configuration stops with a message naming the file and the field. */
import { loadSettlementConfig } from '../../../pipeline/settle/config';
import { SettlementConfigError } from '../../../pipeline/settle/errors';
import { settleYear } from '../../../pipeline/settle/statement';
import type { BudgetRow } from '../../../pipeline/settle/types';
import { RegionSchema } from '../../../schemas/region';
import { type VereveningInvoer, VereveningSchema } from '../../../schemas/settlement';
import { A, B, budget, C, VOORBEELD_BUDGETTEN, voorbeeldRegio, voorbeeldVerevening } from './fixtures';

/** A region whose verevening is taken as written (not parsed), as loadSettlementConfig may receive it. */
function regioMet(verevening: unknown) {
  return { ...voorbeeldRegio(), verevening: verevening as ReturnType<typeof voorbeeldRegio>['verevening'] };
}

function fout(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(SettlementConfigError);
    return (err as Error).message;
  }
  throw new Error('verwachtte een SettlementConfigError');
}

const tweeRegelingen = (): VereveningInvoer => {
  const v = voorbeeldVerevening();
  return {
    regelingen: [
      v.regelingen[0],
      {
        naam: 'Tweede',
        soort: 'pool',
        leden: [A, B],
        taakvelden: ['MO'],
        sleutel: { inleg: '0.5', gebruik: '0.4' },
      },
    ],
  };
};

describe('loadSettlementConfig: bad configuration', () => {
  it('accepts the worked example', () => {
    const config = loadSettlementConfig(voorbeeldRegio(), VOORBEELD_BUDGETTEN);
    expect(config.bestanden).toEqual({ region: 'region.json', budgetten: 'budgetten.csv' });
    expect(config.verevening.correctietermijnJaren).toBe(5);
  });

  it('weights not summing to 1', () => {
    const v = tweeRegelingen();
    const budgetten = [...VOORBEELD_BUDGETTEN, budget(2023, A, 1, 'MO'), budget(2023, B, 1, 'MO')];
    expect(fout(() => loadSettlementConfig(regioMet(v), budgetten))).toBe(
      'region.json: verevening.regelingen[1].sleutel: gewichten tellen op tot 0.9, moeten 1 zijn',
    );
    // region.json parsing itself refuses it too, at the same path.
    const parsed = RegionSchema.safeParse({ ...voorbeeldRegio(), verevening: v });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['verevening', 'regelingen', 1, 'sleutel'],
      message: 'gewichten tellen op tot 0.9, moeten 1 zijn',
    });
  });

  it('fixed shares that do not cover the members or do not sum to 1', () => {
    const v = voorbeeldVerevening({ vast: { gewicht: 1, aandelen: { [A]: 0.5, [B]: 0.3 } } });
    const msg = fout(() => loadSettlementConfig(regioMet(v), VOORBEELD_BUDGETTEN));
    expect(msg).toContain(
      'region.json: verevening.regelingen[0].sleutel.vast.aandelen: aandelen tellen op tot 0.8, moeten 1 zijn',
    );
    expect(msg).toContain(
      `region.json: verevening.regelingen[0].sleutel.vast.aandelen: aandeel ontbreekt voor lid ${C}`,
    );
  });

  it('a member missing from budgetten', () => {
    const budgetten = VOORBEELD_BUDGETTEN.filter((b) => !(b.jaar === 2024 && b.gemeente === B));
    expect(fout(() => loadSettlementConfig(voorbeeldRegio(), budgetten))).toBe(
      `budgetten.csv: Jaar 2024, Taakveld BW, Gemeente ${B}: regel ontbreekt; nodig als inleg voor verevening.regelingen[0] ("Voorbeeldpool BW")`,
    );
  });

  it('a negative budget', () => {
    const budgetten: BudgetRow[] = VOORBEELD_BUDGETTEN.map((b, i) =>
      i === 2 ? { ...b, historischBudget: -100 } : b,
    );
    expect(fout(() => loadSettlementConfig(voorbeeldRegio(), budgetten))).toBe(
      `budgetten.csv: regel 4 (Jaar 2023, Gemeente ${C}, Taakveld BW), HistorischBudget: negatief budget (-100)`,
    );
  });

  it('a duplicate budget row and a budget of a non-member', () => {
    const budgetten = [...VOORBEELD_BUDGETTEN, budget(2023, A, 5), budget(2023, '9999', 5)];
    const msg = fout(() => loadSettlementConfig(voorbeeldRegio(), budgetten));
    expect(msg).toContain(
      `budgetten.csv: regel 8 (Jaar 2023, Gemeente ${A}, Taakveld BW): komt dubbel voor (ook op regel 2)`,
    );
    expect(msg).toContain(
      'budgetten.csv: regel 9 (Jaar 2023, Gemeente 9999, Taakveld BW), Gemeente: 9999 is geen lid van de regio',
    );
  });

  it('a member in two pool schemes for one taakveld in overlapping years', () => {
    const v = voorbeeldVerevening();
    const dubbel: VereveningInvoer = {
      regelingen: [
        { ...v.regelingen[0], jaren: { van: 2020, tot: 2023 } },
        {
          naam: 'Ook BW',
          soort: 'pool',
          leden: [C],
          taakvelden: ['MO', 'BW'],
          jaren: { van: 2023 },
          sleutel: { inleg: 1 },
        },
      ],
    };
    expect(fout(() => loadSettlementConfig(regioMet(dubbel), VOORBEELD_BUDGETTEN))).toBe(
      `region.json: verevening.regelingen[1].leden[0]: gemeente ${C} zit ook in regelingen[0] ("Voorbeeldpool BW") voor taakveld BW in overlappende jaren`,
    );
    // Consecutive periods are fine.
    const opvolgend: VereveningInvoer = {
      regelingen: [dubbel.regelingen[0], { ...dubbel.regelingen[1], jaren: { van: 2024 } }],
    };
    expect(VereveningSchema.safeParse(opvolgend).success).toBe(true);
  });

  it('an unknown gemeentecode in a scheme', () => {
    const v = voorbeeldVerevening();
    const onbekend: VereveningInvoer = {
      ...v,
      regelingen: [{ ...v.regelingen[0], leden: [A, B, '9999'], sleutel: { inleg: 1 } }],
    };
    expect(fout(() => loadSettlementConfig(regioMet(onbekend), VOORBEELD_BUDGETTEN))).toContain(
      'region.json: verevening.regelingen[0].leden[2]: gemeente 9999 is geen lid van de regio',
    );
  });

  it('a member listed twice among those paying the contribution per inhabitant (it would pay twice)', () => {
    const v = voorbeeldVerevening();
    const dubbel: VereveningInvoer = {
      ...v,
      bijdragePerInwoner: { ...v.bijdragePerInwoner!, leden: [A, B, A] },
    };
    expect(fout(() => loadSettlementConfig(regioMet(dubbel), VOORBEELD_BUDGETTEN))).toContain(
      `region.json: verevening.bijdragePerInwoner.leden[2]: ${A} komt dubbel voor`,
    );
  });

  it('charge-on: an inleg weight, and a centrumgemeente that is not a member', () => {
    const v: VereveningInvoer = {
      regelingen: [
        {
          naam: 'MO',
          soort: 'centrumgemeente-with-charge-on',
          leden: [A, B],
          taakvelden: ['MO'],
          sleutel: { inleg: 1 },
        },
      ],
    };
    expect(fout(() => loadSettlementConfig(regioMet(v), VOORBEELD_BUDGETTEN))).toBe(
      'region.json: verevening.regelingen[0].sleutel.inleg: bij doorbelasting legt alleen de centrumgemeente in; gebruik gewicht 0 voor inleg',
    );
    const w: VereveningInvoer = {
      regelingen: [{ ...v.regelingen[0], sleutel: { inwoners: 1 } }],
    };
    expect(fout(() => loadSettlementConfig(regioMet(w), VOORBEELD_BUDGETTEN))).toBe(
      `region.json: centrumgemeente: centrumgemeente ${C} is geen lid van verevening.regelingen[0] ("MO")`,
    );
  });

  it('missing inhabitants, operating costs, phase-in factor or objective budget for a settled year', () => {
    const v = voorbeeldVerevening();
    const r = v.regelingen[0];
    const ingroei: VereveningInvoer = {
      regelingen: [
        {
          ...r,
          inleg: { bron: 'ingroei', ingroeipad: { '2023': '0.1' } },
          bedrijfsvoering: r.bedrijfsvoering && { ...r.bedrijfsvoering, kosten: { '2023': {} } },
        },
      ],
    };
    const regio = regioMet(ingroei);
    const zonderInwoners = {
      ...regio,
      gemeenten: regio.gemeenten.map((g) => (g.code === B ? { ...g, inwoners: { '2023': 20_000 } } : g)),
    };
    const msg = fout(() => loadSettlementConfig(zonderInwoners, VOORBEELD_BUDGETTEN));
    expect(msg).toContain(
      'region.json: verevening.regelingen[0].inleg.ingroeipad: geen ingroeifactor voor 2024',
    );
    expect(msg).toContain(
      'region.json: verevening.regelingen[0].bedrijfsvoering.kosten: geen bedragen voor 2024',
    );
    expect(msg).toContain('region.json: gemeenten[1].inwoners.2024: geen inwonertal voor Beekdal in 2024');
    expect(msg).toContain(
      `budgetten.csv: regel 2 (Jaar 2023, Gemeente ${A}, Taakveld BW), ObjectiefBudget: ontbreekt`,
    );
  });

  it('a typo in a field name is refused (strict objects), in Dutch', () => {
    const v = voorbeeldVerevening();
    const typo = { regelingen: [{ ...v.regelingen[0], sleutle: { inleg: 1 } }] };
    expect(fout(() => loadSettlementConfig(regioMet(typo), VOORBEELD_BUDGETTEN))).toMatch(
      /^region\.json: verevening\.regelingen\[0\]: Onbekende key: "sleutle"/,
    );
  });

  it('no verevening at all', () => {
    expect(fout(() => loadSettlementConfig(regioMet(undefined), VOORBEELD_BUDGETTEN))).toBe(
      'region.json: verevening: ontbreekt: de regio heeft geen vereveningsconfiguratie',
    );
  });

  it('file names given by the caller appear in the messages', () => {
    const budgetten = VOORBEELD_BUDGETTEN.map((b, i) => (i === 0 ? { ...b, historischBudget: -1 } : b));
    expect(
      fout(() => loadSettlementConfig(voorbeeldRegio(), budgetten, { budgetten: 'regio/budgetten.csv' })),
    ).toMatch(/^regio\/budgetten\.csv: regel 2 /);
  });

  it('settling a year the configuration does not cover names what is missing', () => {
    const config = loadSettlementConfig(voorbeeldRegio(), VOORBEELD_BUDGETTEN);
    expect(() => settleYear(config, [], { jaar: 2025, status: 'definitief' })).toThrow(
      `budgetten.csv: Jaar 2025, Taakveld BW, Gemeente ${A}: regel ontbreekt`,
    );
  });
});
