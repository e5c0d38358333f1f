import { CD060 } from '../../../../pipeline/rules/declaratie/CD060';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';

describeDeclaratieRule(CD060, {
  title: 'VorigReferentieNummer iff credit',
  compliant: [
    ['a debit without VorigReferentieNummer', [{ debetCredit: 'D', vorigReferentieNummer: null }]],
    ['a credit naming the debit', [{ debetCredit: 'C', vorigReferentieNummer: 'RN100' }]],
    [
      'a debit and a credit',
      [{}, { referentieNummer: 'RN101', debetCredit: 'C', vorigReferentieNummer: 'RN100' }],
    ],
  ],
  nonCompliant: [
    [
      'a credit without VorigReferentieNummer',
      [{ debetCredit: 'C', vorigReferentieNummer: null }],
      [[0, 'VorigReferentieNummer']],
    ],
    [
      'a debit with VorigReferentieNummer',
      [{ debetCredit: 'D', vorigReferentieNummer: 'RN100' }],
      [[0, 'VorigReferentieNummer']],
    ],
    [
      'both mistakes, each on its own line',
      [{}, { debetCredit: 'C' }, { vorigReferentieNummer: 'RN100' }],
      [
        [1, 'VorigReferentieNummer'],
        [2, 'VorigReferentieNummer'],
      ],
    ],
  ],
});
