import { TR137 } from '../../../../pipeline/rules/declaratie/TR137';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';

describeDeclaratieRule(TR137, {
  title: 'an Einddatum is not before its Begindatum',
  compliant: [
    ['whole months', [{}, {}], {}],
    ['a single-day ProductPeriode', [{ begin: '2023-04-30', eind: '2023-04-30' }], {}],
  ],
  nonCompliant: [
    [
      'a ProductPeriode ending a day early',
      [{ begin: '2023-04-10', eind: '2023-04-09' }],
      [[0, 'ProductPeriodeEinddatum']],
      {},
    ],
    [
      'a reversed DeclaratiePeriode, reported once',
      [{}, {}],
      [[0, 'DeclaratiePeriodeEinddatum']],
      { kop: { periodeBegin: '2023-04-30', periodeEind: '2023-04-01' } },
    ],
    [
      'both, in hook order',
      [{}, { begin: '2023-04-30', eind: '2023-03-01' }],
      [
        [0, 'DeclaratiePeriodeEinddatum'],
        [1, 'ProductPeriodeEinddatum'],
      ],
      { kop: { periodeBegin: '2023-05-01', periodeEind: '2023-04-30' } },
    ],
  ],
});
