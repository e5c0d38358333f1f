import { TR134 } from '../../../../pipeline/rules/declaratie/TR134';
import { type DeclaratieOverrides, declaratie } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';
import { expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

// The default message is dated 2023-05-06 (header Dagtekening and DeclaratieDagtekening) and declares April 2023.
const MAY: DeclaratieOverrides = { kop: { periodeBegin: '2023-05-01', periodeEind: '2023-05-31' } };
const ON_31_MAY: DeclaratieOverrides = {
  kop: { ...MAY.kop, dagtekening: '2023-05-31' },
  bericht: { dagtekening: '2023-05-31' },
};

describeDeclaratieRule(TR134, {
  title: 'no date after the Dagtekening of the message',
  compliant: [
    ['a declaration of the month before', [{}, {}], {}],
    ['dates equal to the dagtekening', [{ begin: '2023-05-01', eind: '2023-05-31' }], ON_31_MAY],
  ],
  nonCompliant: [
    [
      'a ProductPeriode ending after the dagtekening',
      [{}, { begin: '2023-05-01', eind: '2023-05-07' }],
      [[1, 'ProductPeriodeEinddatum']],
      {},
    ],
    [
      'a ProductPeriode wholly after the dagtekening',
      [{ begin: '2023-06-01', eind: '2023-06-30' }],
      [
        [0, 'ProductPeriodeBegindatum'],
        [0, 'ProductPeriodeEinddatum'],
      ],
      {},
    ],
    [
      'a DeclaratiePeriode ending after the dagtekening, reported once',
      [{}, {}],
      [[0, 'DeclaratiePeriodeEinddatum']],
      MAY,
    ],
  ],
});

describe('TR134 in a WMO323: the header Dagtekening is the message date', () => {
  it('DeclaratieDagtekening after the header Dagtekening', () => {
    const regels = declaratie('xml', [{}], { bericht: { dagtekening: '2023-05-05' } });
    expect(runDeclaratieRule(TR134, regels)).toEqual(
      expectedOnLines('TR134', regels, [[0, 'DeclaratieDagtekening']]),
    );
  });

  it('prestatie dates are judged against the header, not the DeclaratieDagtekening', () => {
    const regels = declaratie('xml', [{ begin: '2023-04-01', eind: '2023-04-30' }], {
      kop: { dagtekening: '2023-04-20' },
      bericht: { dagtekening: '2023-05-06' },
    });
    expect(runDeclaratieRule(TR134, regels)).toEqual([]);
  });
});
