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

describe('TR101: a Client record once per message (its logical key is the Bsn)', () => {
  it('XML: a second Client with the Bsn of an earlier one is reported at its Bsn, without quoting it', () => {
    // The records helper starts a new Client whenever the Bsn changes: A, B, A are three Client records.
    const regels = declaratie('xml', [ref('R1', BSN[0]), ref('R2', BSN[1]), ref('R3', BSN[0])]);
    const found = runDeclaratieRule(TR101, regels);
    expect(found.map((f) => [f.rule, f.location])).toEqual([['TR101', 'Client[3]/Bsn']]);
    expect(found[0].message).not.toContain(BSN[0]);
  });

  it('XML: a repeated Client and a repeated ReferentieNummer in it are both reported', () => {
    const regels = declaratie('xml', [ref('R1', BSN[0]), ref('R2', BSN[1]), ref('R1', BSN[0])]);
    expect(runDeclaratieRule(TR101, regels).map((f) => f.location)).toEqual([
      'Client[3]/Bsn',
      expect.stringMatching(/^Client\[3\]\/Prestatie\[1\]\/.*ReferentieNummer/),
    ]);
  });

  it('CSV: rows of one client need not be together (a CSV has no Client records)', () => {
    const regels = declaratie('csv', [ref('R1', BSN[0]), ref('R2', BSN[1]), ref('R3', BSN[0])]);
    expect(runDeclaratieRule(TR101, regels)).toEqual([]);
  });
});
