import { TR358 } from '../../../../pipeline/rules/declaratie/TR358';
import { type DeclaratieOverrides, declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

const credit = (bedrag: number): LineSpec => ({ bedrag, debetCredit: 'C', vorigReferentieNummer: 'RN900' });
const totaal = (totaalBedrag: number, totaalDebetCredit: 'D' | 'C'): DeclaratieOverrides => ({
  kop: { totaalBedrag, totaalDebetCredit },
});

describe.each(FLAVOURS)('TR358 TotaalIngediendBedrag is the sum of the prestaties (%s)', (flavour) => {
  it.each<[string, LineSpec[], DeclaratieOverrides]>([
    [
      'the README example 5000 + 24000 + 5000 + 24000 = 58000 D',
      [5000, 24000, 5000, 24000].map((bedrag) => ({ bedrag })),
      totaal(58000, 'D'),
    ],
    ['debits minus credits', [{ bedrag: 10000 }, credit(2500)], totaal(7500, 'D')],
    ['a negative sum as a credit total', [{ bedrag: 1000 }, credit(2500)], totaal(1500, 'C')],
    ['a zero sum with total 0 D', [{ bedrag: 2500 }, credit(2500)], totaal(0, 'D')],
    ['a zero sum with total 0 C (CS325’s concern)', [{ bedrag: 2500 }, credit(2500)], totaal(0, 'C')],
  ])('compliant: %s', (_, lines, overrides) => {
    expect(runDeclaratieRule(TR358, declaratie(flavour, lines, overrides))).toEqual([]);
  });

  it.each<[string, LineSpec[], DeclaratieOverrides]>([
    ['one cent off', [5000, 24000].map((bedrag) => ({ bedrag })), totaal(29001, 'D')],
    ['credits added instead of subtracted', [{ bedrag: 10000 }, credit(2500)], totaal(12500, 'D')],
    ['the right amount with the wrong sign', [{ bedrag: 1000 }, credit(2500)], totaal(1500, 'D')],
    ['a credit total for a debit sum', [{ bedrag: 1000 }], totaal(1000, 'C')],
  ])('non-compliant: %s', (_, lines, overrides) => {
    const regels = declaratie(flavour, lines, overrides);
    expect(runDeclaratieRule(TR358, regels)).toEqual(
      expectedOnLines('TR358', regels, [[0, 'TotaalIngediendBedrag']]),
    );
  });
});

it('TR358 sums each declaration of a CSV file on its own', () => {
  const dn2 = { declaratieNummer: 'DN002', totaalBedrag: 1000, totaalDebetCredit: 'D' as const };
  const regels = declaratie('csv', [{ bedrag: 5000 }, { bedrag: 600, kop: dn2 }, { bedrag: 300, kop: dn2 }]);
  expect(runDeclaratieRule(TR358, regels)).toEqual(
    expectedOnLines('TR358', regels, [[1, 'TotaalIngediendBedrag']]),
  );
});

it('TR358 quotes no BSN typed in the amount columns, in cents or in euros', () => {
  const regels = declaratie('csv', [{ bedrag: 999900018 }], totaal(999900006, 'D'));
  const [finding] = runDeclaratieRule(TR358, regels);
  expect(finding.message).toBe(
    'TotaalIngediendBedrag is ********* cent (€ *******,**), de som van de prestaties ********* cent (€ *******,**)',
  );
});

it('TR358 writes euros as the reports do, with a thousands dot', () => {
  const regels = declaratie('csv', [{ bedrag: 47484801 }], totaal(47484800, 'D'));
  const [finding] = runDeclaratieRule(TR358, regels);
  expect(finding.message).toBe(
    'TotaalIngediendBedrag is 47484800 cent (€ 474.848,00), de som van de prestaties 47484801 cent (€ 474.848,01)',
  );
});
