import { TR315 } from '../../../../pipeline/rules/declaratie/TR315';
import { declaratie, type LineSpec } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';
import { runDeclaratieRule } from '../../../helpers/run-rule';

const credit = (vorigReferentieNummer: string): LineSpec => ({ debetCredit: 'C', vorigReferentieNummer });

describeDeclaratieRule(TR315, {
  title: 'a VorigReferentieNummer occurs once in the message',
  compliant: [
    ['debits only (no VorigReferentieNummer)', [{}, {}, {}]],
    ['credits of different debits', [credit('RN100'), credit('RN101'), {}]],
    ['a VorigReferentieNummer equal to a ReferentieNummer', [{ referentieNummer: 'RN100' }, credit('RN100')]],
  ],
  nonCompliant: [
    ['the same debit credited twice', [credit('RN100'), {}, credit('RN100')], [[2, 'VorigReferentieNummer']]],
    [
      'every repeat after the first',
      [credit('RN100'), credit('RN100'), credit('RN100')],
      [
        [1, 'VorigReferentieNummer'],
        [2, 'VorigReferentieNummer'],
      ],
    ],
  ],
});

it('TR315: each DeclaratieNummer of a CSV file is a message of its own', () => {
  const regels = declaratie('csv', [
    credit('RN100'),
    { ...credit('RN100'), kop: { declaratieNummer: 'DN002' } },
  ]);
  expect(runDeclaratieRule(TR315, regels)).toEqual([]);
});
