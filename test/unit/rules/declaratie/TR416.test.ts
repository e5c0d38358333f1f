import { TR416 } from '../../../../pipeline/rules/declaratie/TR416';
import { declaratie, type LineSpec } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';
import { runDeclaratieRule } from '../../../helpers/run-rule';

/** A debit of toewijzing 500, 15/15A02, April 2023, with the given ReferentieNummer. */
const debit = (referentieNummer: string, more: LineSpec = {}): LineSpec => ({
  referentieNummer,
  toewijzingNummer: 500,
  ...more,
});

describeDeclaratieRule(TR416, {
  title: 'one debit per ProductPeriode, product and toewijzing',
  compliant: [
    ['different ProductPeriodes', [debit('R1'), debit('R2', { begin: '2023-03-01', eind: '2023-03-31' })]],
    ['same begin, different end', [debit('R1', { eind: '2023-04-15' }), debit('R2')]],
    ['different ProductCodes', [debit('R1'), debit('R2', { productCode: '15A03' })]],
    [
      'different ProductCategorieën',
      [debit('R1'), debit('R2', { productCategorie: '16', productCode: '15A02' })],
    ],
    ['different toewijzingen', [debit('R1'), debit('R2', { toewijzingNummer: 501 })]],
    [
      'a debit and a credit of the same key',
      [debit('R1'), debit('R2', { debetCredit: 'C', vorigReferentieNummer: 'R0' })],
    ],
    ["an exact repeat (same ReferentieNummer) is TR101's", [debit('R1'), debit('R1')]],
  ],
  nonCompliant: [
    ['a second debit', [debit('R1'), debit('R2')], [[1, 'ReferentieNummer']]],
    ['a second debit after other lines', [debit('R1'), {}, debit('R2')], [[2, 'ReferentieNummer']]],
    [
      'a third debit too',
      [debit('R1'), debit('R2'), debit('R3')],
      [
        [1, 'ReferentieNummer'],
        [2, 'ReferentieNummer'],
      ],
    ],
    [
      'a second debit whose line is then repeated: the repeat is TR101’s',
      [debit('R1'), debit('R2'), debit('R2')],
      [[1, 'ReferentieNummer']],
    ],
  ],
});

it('TR416: debits in different declarations of a CSV file do not collide', () => {
  const regels = declaratie('csv', [debit('R1'), debit('R2', { kop: { declaratieNummer: 'DN002' } })]);
  expect(runDeclaratieRule(TR416, regels)).toEqual([]);
});
