import { TR101 } from '../../../../pipeline/rules/declaratie/TR101';
import { BSN, declaratie, type LineSpec } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';
import { runDeclaratieRule } from '../../../helpers/run-rule';

const ref = (referentieNummer: string, bsn: string = BSN[0]): LineSpec => ({ referentieNummer, bsn });

describeDeclaratieRule(TR101, {
  title: 'no duplicate lines: ReferentieNummer unique per client',
  compliant: [
    ['distinct ReferentieNummers', [ref('R1'), ref('R2'), ref('R3')]],
    ['the same ReferentieNummer under two clients', [ref('R1', BSN[0]), ref('R1', BSN[1])]],
    ['ReferentieNummers differing only in case', [ref('R1'), ref('r1')]],
  ],
  nonCompliant: [
    ['an exact repeat', [ref('R1'), { ...ref('R1'), toewijzingNummer: 20070 }], [[1, 'ReferentieNummer']]],
    ['a repeat further down', [ref('R1'), ref('R2'), ref('R1')], [[2, 'ReferentieNummer']]],
    [
      'every repeat after the first',
      [ref('R1'), ref('R1'), ref('R1')],
      [
        [1, 'ReferentieNummer'],
        [2, 'ReferentieNummer'],
      ],
    ],
    [
      'a repeat under the second client',
      [ref('R1', BSN[0]), ref('R2', BSN[1]), ref('R2', BSN[1])],
      [[2, 'ReferentieNummer']],
    ],
  ],
});

it('TR101: each DeclaratieNummer of a CSV file is a message of its own', () => {
  const regels = declaratie('csv', [ref('R1'), { ...ref('R1'), kop: { declaratieNummer: 'DN002' } }]);
  expect(runDeclaratieRule(TR101, regels)).toEqual([]);
});
