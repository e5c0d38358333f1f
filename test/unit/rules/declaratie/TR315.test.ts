import { TR315 } from '../../../../pipeline/rules/declaratie/TR315';
import { declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

const credit = (vorigReferentieNummer: string): LineSpec => ({ debetCredit: 'C', vorigReferentieNummer });

describe.each(FLAVOURS)('TR315 a VorigReferentieNummer occurs once in the message (%s)', (flavour) => {
  it.each<[string, LineSpec[]]>([
    ['debits only (no VorigReferentieNummer)', [{}, {}, {}]],
    ['credits of different debits', [credit('RN100'), credit('RN101'), {}]],
    ['a VorigReferentieNummer equal to a ReferentieNummer', [{ referentieNummer: 'RN100' }, credit('RN100')]],
  ])('compliant: %s', (_, lines) => {
    expect(runDeclaratieRule(TR315, declaratie(flavour, lines))).toEqual([]);
  });

  it.each<[string, LineSpec[], At[]]>([
    ['the same debit credited twice', [credit('RN100'), {}, credit('RN100')], [[2, 'VorigReferentieNummer']]],
    [
      'every repeat after the first',
      [credit('RN100'), credit('RN100'), credit('RN100')],
      [
        [1, 'VorigReferentieNummer'],
        [2, 'VorigReferentieNummer'],
      ],
    ],
  ])('non-compliant: %s', (_, lines, where) => {
    const regels = declaratie(flavour, lines);
    expect(runDeclaratieRule(TR315, regels)).toEqual(expectedOnLines('TR315', regels, where));
  });
});

it('TR315: each DeclaratieNummer of a CSV file is a message of its own', () => {
  const regels = declaratie('csv', [
    credit('RN100'),
    { ...credit('RN100'), kop: { declaratieNummer: 'DN002' } },
  ]);
  expect(runDeclaratieRule(TR315, regels)).toEqual([]);
});
