import { CS325 } from '../../../../pipeline/rules/declaratie/CS325';
import { type DeclaratieOverrides, declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

const ZERO: LineSpec = { volume: 0, bedrag: 0 };
const CREDIT: LineSpec = { debetCredit: 'C', vorigReferentieNummer: 'RN900' };

describe.each(FLAVOURS)('CS325 an amount of 0 carries D (%s)', (flavour) => {
  it.each<[string, LineSpec[], DeclaratieOverrides]>([
    ['a zero line and a zero total, both debet', [{ ...ZERO, debetCredit: 'D' }], {}],
    ['a credit of a non-zero amount', [{ ...CREDIT, bedrag: 5000 }], {}],
    ['debit and credit netting to a total of 0 D', [{ bedrag: 5000 }, { ...CREDIT, bedrag: 5000 }], {}],
    ['only a credit, so a negative total', [{ ...CREDIT }], {}],
  ])('compliant: %s', (_, lines, overrides) => {
    expect(runDeclaratieRule(CS325, declaratie(flavour, lines, overrides))).toEqual([]);
  });

  it.each<[string, LineSpec[], DeclaratieOverrides, At[]]>([
    ['a zero line with C', [{}, { ...ZERO, ...CREDIT }], {}, [[1, 'DebetCredit']]],
    [
      'a total of 0 with C',
      [{ bedrag: 5000 }, { ...CREDIT, bedrag: 5000 }],
      { kop: { totaalBedrag: 0, totaalDebetCredit: 'C' } },
      [[0, 'TotaalDebetCredit']],
    ],
    [
      'both the total and a line',
      [{ ...ZERO, ...CREDIT }],
      { kop: { totaalBedrag: 0, totaalDebetCredit: 'C' } },
      [
        [0, 'TotaalDebetCredit'],
        [0, 'DebetCredit'],
      ],
    ],
  ])('non-compliant: %s', (_, lines, overrides, where) => {
    const regels = declaratie(flavour, lines, overrides);
    expect(runDeclaratieRule(CS325, regels)).toEqual(expectedOnLines('CS325', regels, where));
  });
});
