import { CS325 } from '../../../../pipeline/rules/declaratie/CS325';
import type { LineSpec } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';

const ZERO: LineSpec = { volume: 0, bedrag: 0 };
const CREDIT: LineSpec = { debetCredit: 'C', vorigReferentieNummer: 'RN900' };

describeDeclaratieRule(CS325, {
  title: 'an amount of 0 carries D',
  compliant: [
    ['a zero line and a zero total, both debet', [{ ...ZERO, debetCredit: 'D' }], {}],
    ['a credit of a non-zero amount', [{ ...CREDIT, bedrag: 5000 }], {}],
    ['debit and credit netting to a total of 0 D', [{ bedrag: 5000 }, { ...CREDIT, bedrag: 5000 }], {}],
    ['only a credit, so a negative total', [{ ...CREDIT }], {}],
  ],
  nonCompliant: [
    ['a zero line with C', [{}, { ...ZERO, ...CREDIT }], [[1, 'DebetCredit']], {}],
    [
      'a total of 0 with C',
      [{ bedrag: 5000 }, { ...CREDIT, bedrag: 5000 }],
      [[0, 'TotaalDebetCredit']],
      { kop: { totaalBedrag: 0, totaalDebetCredit: 'C' } },
    ],
    [
      'both the total and a line',
      [{ ...ZERO, ...CREDIT }],
      [
        [0, 'TotaalDebetCredit'],
        [0, 'DebetCredit'],
      ],
      { kop: { totaalBedrag: 0, totaalDebetCredit: 'C' } },
    ],
  ],
});
