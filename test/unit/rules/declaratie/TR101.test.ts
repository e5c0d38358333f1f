import { TR101 } from '../../../../pipeline/rules/declaratie/TR101';
import { BSN, declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

const ref = (referentieNummer: string, bsn: string = BSN[0]): LineSpec => ({ referentieNummer, bsn });

describe.each(FLAVOURS)('TR101 no duplicate lines: ReferentieNummer unique per client (%s)', (flavour) => {
  it.each<[string, LineSpec[]]>([
    ['distinct ReferentieNummers', [ref('R1'), ref('R2'), ref('R3')]],
    ['the same ReferentieNummer under two clients', [ref('R1', BSN[0]), ref('R1', BSN[1])]],
    ['ReferentieNummers differing only in case', [ref('R1'), ref('r1')]],
  ])('compliant: %s', (_, lines) => {
    expect(runDeclaratieRule(TR101, declaratie(flavour, lines))).toEqual([]);
  });

  it.each<[string, LineSpec[], At[]]>([
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
  ])('non-compliant: %s', (_, lines, where) => {
    const regels = declaratie(flavour, lines);
    expect(runDeclaratieRule(TR101, regels)).toEqual(expectedOnLines('TR101', regels, where));
  });
});

it('TR101: each DeclaratieNummer of a CSV file is a message of its own', () => {
  const regels = declaratie('csv', [ref('R1'), { ...ref('R1'), kop: { declaratieNummer: 'DN002' } }]);
  expect(runDeclaratieRule(TR101, regels)).toEqual([]);
});
