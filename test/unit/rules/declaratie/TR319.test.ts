import { TR319 } from '../../../../pipeline/rules/declaratie/TR319';
import { type DeclaratieOverrides, declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

// The default DeclaratiePeriode is April 2023.
const month = (begin: string, eind: string): LineSpec => ({ begin, eind });

describe.each(FLAVOURS)('TR319 ProductPeriode in this or an earlier declaratieperiode (%s)', (flavour) => {
  it.each<[string, LineSpec[], DeclaratieOverrides]>([
    ['the declaration month', [month('2023-04-01', '2023-04-30')], {}],
    ['ending on the last day of the declaration month', [month('2023-04-30', '2023-04-30')], {}],
    ['an earlier month', [month('2023-03-01', '2023-03-31')], {}],
    ['a month of an earlier year', [month('2022-11-01', '2022-11-30')], {}],
    [
      'a DeclaratiePeriode cut short (CS340’s) still covers its month',
      [{}],
      { kop: { periodeEind: '2023-04-15' } },
    ],
  ])('compliant: %s', (_, lines, overrides) => {
    expect(runDeclaratieRule(TR319, declaratie(flavour, lines, overrides))).toEqual([]);
  });

  it.each<[string, LineSpec[], At[]]>([
    ['the month after', [{}, month('2023-05-01', '2023-05-31')], [[1, 'ProductPeriodeEinddatum']]],
    [
      'ending one day after the declaration month',
      [month('2023-04-01', '2023-05-01')],
      [[0, 'ProductPeriodeEinddatum']],
    ],
    ['the same month a year later', [month('2024-04-01', '2024-04-30')], [[0, 'ProductPeriodeEinddatum']]],
  ])('non-compliant: %s', (_, lines, where) => {
    const regels = declaratie(flavour, lines);
    const found = runDeclaratieRule(TR319, regels);
    expect(found).toEqual(expectedOnLines('TR319', regels, where));
    expect(found[0].retourcode).toBe('9319');
  });
});
