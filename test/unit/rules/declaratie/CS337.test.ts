import { CS337 } from '../../../../pipeline/rules/declaratie/CS337';
import { declaratie } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';
import { runDeclaratieRule } from '../../../helpers/run-rule';

describeDeclaratieRule(CS337, {
  title: 'ProductPeriode ends in the month and year it begins',
  compliant: [
    ['a whole month', [{ begin: '2023-04-01', eind: '2023-04-30' }]],
    ['a single day', [{ begin: '2023-04-17', eind: '2023-04-17' }]],
    ['part of a month (toewijzing ends mid-month)', [{ begin: '2023-04-08', eind: '2023-04-17' }]],
    ['February of a leap year', [{ begin: '2024-02-01', eind: '2024-02-29' }]],
    ['December', [{ begin: '2022-12-01', eind: '2022-12-31' }]],
  ],
  nonCompliant: [
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
  ],
});

it('CS337 names the Einddatum of the right Prestatie in XML', () => {
  const regels = declaratie('xml', [{}, { begin: '2023-03-01', eind: '2023-04-30' }]);
  expect(runDeclaratieRule(CS337, regels).map((f) => f.location)).toEqual([
    'Client[1]/Prestatie[2]/ProductPeriode/Einddatum (regel 50)',
  ]);
});
