import { TR316 } from '../../../../pipeline/rules/declaratie/TR316';
import { declaratie, type LineSpec } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';
import { runDeclaratieRule } from '../../../helpers/run-rule';

const debit = (referentieNummer: string): LineSpec => ({ referentieNummer });
const credit = (referentieNummer: string, vorigReferentieNummer: string): LineSpec => ({
  referentieNummer,
  debetCredit: 'C',
  vorigReferentieNummer,
});

describeDeclaratieRule(TR316, {
  title: 'no crediting of a debit in the same message',
  compliant: [
    ['a credit of a debit sent earlier', [debit('D2'), credit('C1', 'D1')]],
    ['a credit naming another credit, not a debit', [credit('C1', 'D1'), credit('C2', 'C1')]],
    [
      'a credit without VorigReferentieNummer (CD060’s)',
      [debit('D1'), { referentieNummer: 'C1', debetCredit: 'C' }],
    ],
  ],
  nonCompliant: [
    ['debit, then its credit', [debit('D1'), credit('C1', 'D1')], [[1, 'VorigReferentieNummer']]],
    [
      'the credit before the debit',
      [credit('C1', 'D1'), debit('D2'), debit('D1')],
      [[0, 'VorigReferentieNummer']],
    ],
    [
      'two debits credited, in credit order',
      [credit('C2', 'D2'), debit('D1'), debit('D2'), credit('C1', 'D1')],
      [
        [0, 'VorigReferentieNummer'],
        [3, 'VorigReferentieNummer'],
      ],
    ],
  ],
});

it('TR316: a debit in another declaration of a CSV file is not in the same message', () => {
  const regels = declaratie('csv', [
    debit('D1'),
    { ...credit('C1', 'D1'), kop: { declaratieNummer: 'DN002' } },
  ]);
  expect(runDeclaratieRule(TR316, regels)).toEqual([]);
});
