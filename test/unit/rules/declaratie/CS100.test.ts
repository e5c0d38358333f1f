import { CS100 } from '../../../../pipeline/rules/declaratie/CS100';
import { declaratie } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';
import { expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

const JANUARY_2021 = { periodeBegin: '2021-01-01', periodeEind: '2021-01-31', dagtekening: '2021-02-01' };
const DECEMBER_2020 = { periodeBegin: '2020-12-01', periodeEind: '2020-12-31', dagtekening: '2021-01-05' };

describeDeclaratieRule(CS100, {
  title: 'dates on or after 2021-01-01',
  compliant: [
    ['an April 2023 declaration', [{}, {}], {}],
    [
      'January 2021, the first month allowed',
      [{ begin: '2021-01-01', eind: '2021-01-31' }],
      { kop: JANUARY_2021 },
    ],
  ],
  nonCompliant: [
    [
      'ProductPeriode begins on 2020-12-31',
      [{ begin: '2020-12-31', eind: '2021-01-31' }],
      [[0, 'ProductPeriodeBegindatum']],
      { kop: JANUARY_2021 },
    ],
    [
      'a second prestatie wholly in December 2020',
      [{}, { begin: '2020-12-01', eind: '2020-12-31' }],
      [
        [1, 'ProductPeriodeBegindatum'],
        [1, 'ProductPeriodeEinddatum'],
      ],
      {},
    ],
    [
      'DeclaratiePeriode December 2020, reported once for two lines',
      [{}, {}],
      [
        [0, 'DeclaratiePeriodeBegindatum'],
        [0, 'DeclaratiePeriodeEinddatum'],
      ],
      { kop: DECEMBER_2020 },
    ],
    [
      'DeclaratieDagtekening 2020-12-31',
      [{}],
      [[0, 'DeclaratieDagtekening']],
      { kop: { dagtekening: '2020-12-31' } },
    ],
  ],
});

it('CS100 checks the header Dagtekening of a WMO323', () => {
  const regels = declaratie('xml', [{}], { bericht: { dagtekening: '2020-12-31' } });
  expect(runDeclaratieRule(CS100, regels)).toEqual(expectedOnLines('CS100', regels, [[0, 'Dagtekening']]));
});

it('CS100 judges each declaration of a CSV file on its own first row', () => {
  const regels = declaratie('csv', [{}, { kop: { declaratieNummer: 'DN002', ...DECEMBER_2020 } }]);
  expect(runDeclaratieRule(CS100, regels)).toEqual(
    expectedOnLines('CS100', regels, [
      [1, 'DeclaratiePeriodeBegindatum'],
      [1, 'DeclaratiePeriodeEinddatum'],
    ]),
  );
});
