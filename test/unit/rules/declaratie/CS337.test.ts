import { CS337 } from '../../../../pipeline/rules/declaratie/CS337';
import { declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

describe.each(FLAVOURS)('CS337 ProductPeriode ends in the month and year it begins (%s)', (flavour) => {
  it.each<[string, LineSpec[]]>([
    ['a whole month', [{ begin: '2023-04-01', eind: '2023-04-30' }]],
    ['a single day', [{ begin: '2023-04-17', eind: '2023-04-17' }]],
    ['part of a month (toewijzing ends mid-month)', [{ begin: '2023-04-08', eind: '2023-04-17' }]],
    ['February of a leap year', [{ begin: '2024-02-01', eind: '2024-02-29' }]],
    ['December', [{ begin: '2022-12-01', eind: '2022-12-31' }]],
  ])('compliant: %s', (_, lines) => {
    expect(runDeclaratieRule(CS337, declaratie(flavour, lines))).toEqual([]);
  });

  it.each<[string, LineSpec[], At[]]>([
    [
      'across a month boundary by one day',
      [{ begin: '2023-03-31', eind: '2023-04-01' }],
      [[0, 'ProductPeriodeEinddatum']],
    ],
    [
      'across the turn of the year',
      [{ begin: '2022-12-15', eind: '2023-01-15' }],
      [[0, 'ProductPeriodeEinddatum']],
    ],
    [
      'same month, a year later',
      [{ begin: '2022-04-01', eind: '2023-04-30' }],
      [[0, 'ProductPeriodeEinddatum']],
    ],
    [
      'only the second of two lines',
      [{}, { begin: '2023-03-01', eind: '2023-04-30' }],
      [[1, 'ProductPeriodeEinddatum']],
    ],
  ])('non-compliant: %s', (_, lines, where) => {
    const regels = declaratie(flavour, lines);
    expect(runDeclaratieRule(CS337, regels)).toEqual(expectedOnLines('CS337', regels, where));
  });
});

it('CS337 names the Einddatum of the right Prestatie in XML', () => {
  const regels = declaratie('xml', [{}, { begin: '2023-03-01', eind: '2023-04-30' }]);
  expect(runDeclaratieRule(CS337, regels).map((f) => f.location)).toEqual([
    'Client[1]/Prestatie[2]/ProductPeriode/Einddatum (regel 50)',
  ]);
});
