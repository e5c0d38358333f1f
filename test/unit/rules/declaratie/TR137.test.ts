import { TR137 } from '../../../../pipeline/rules/declaratie/TR137';
import { type DeclaratieOverrides, declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

describe.each(FLAVOURS)('TR137 an Einddatum is not before its Begindatum (%s)', (flavour) => {
  it.each<[string, LineSpec[], DeclaratieOverrides]>([
    ['whole months', [{}, {}], {}],
    ['a single-day ProductPeriode', [{ begin: '2023-04-30', eind: '2023-04-30' }], {}],
  ])('compliant: %s', (_, lines, overrides) => {
    expect(runDeclaratieRule(TR137, declaratie(flavour, lines, overrides))).toEqual([]);
  });

  it.each<[string, LineSpec[], DeclaratieOverrides, At[]]>([
    [
      'a ProductPeriode ending a day early',
      [{ begin: '2023-04-10', eind: '2023-04-09' }],
      {},
      [[0, 'ProductPeriodeEinddatum']],
    ],
    [
      'a reversed DeclaratiePeriode, reported once',
      [{}, {}],
      { kop: { periodeBegin: '2023-04-30', periodeEind: '2023-04-01' } },
      [[0, 'DeclaratiePeriodeEinddatum']],
    ],
    [
      'both, in hook order',
      [{}, { begin: '2023-04-30', eind: '2023-03-01' }],
      { kop: { periodeBegin: '2023-05-01', periodeEind: '2023-04-30' } },
      [
        [0, 'DeclaratiePeriodeEinddatum'],
        [1, 'ProductPeriodeEinddatum'],
      ],
    ],
  ])('non-compliant: %s', (_, lines, overrides, where) => {
    const regels = declaratie(flavour, lines, overrides);
    expect(runDeclaratieRule(TR137, regels)).toEqual(expectedOnLines('TR137', regels, where));
  });
});
