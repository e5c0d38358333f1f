import { TR302 } from '../../../../pipeline/rules/toewijzing/TR302';
import { type ProductSpec, toewijzing } from '../../../helpers/records';
import { describeToewijzingRule } from '../../../helpers/rule-cases';
import { expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

const nr = (toewijzingNummer: number, more: ProductSpec = {}): ProductSpec => ({ toewijzingNummer, ...more });

describeToewijzingRule(TR302, {
  title: 'a ToewijzingNummer occurs once in the message',
  compliant: [
    ['distinct numbers', [nr(1), nr(2), nr(3)]],
    ['number 0 once', [nr(0), nr(1)]],
  ],
  nonCompliant: [
    ['an exact repeat', [nr(7), nr(7)], [[1, 'ToewijzingNummer']]],
    [
      'every repeat after the first',
      [nr(7), nr(8), nr(7), nr(7)],
      [
        [2, 'ToewijzingNummer'],
        [3, 'ToewijzingNummer'],
      ],
    ],
  ],
});

describe('TR302 in a CSV, which may carry several versions of one toewijzing', () => {
  it.each<[string, ProductSpec[]]>([
    ['a later Toewijzingsdatum', [nr(7), nr(7, { toewijzingsdatum: '2023-08-20' })]],
    ['a later Toewijzingstijd', [nr(7), nr(7, { toewijzingstijd: '12:35:00' })]],
    ['another sending Gemeente', [nr(7), nr(7, { bericht: { afzender: '0984' } })]],
  ])('compliant: the same number with %s', (_, products) => {
    expect(runToewijzingRule(TR302, toewijzing('csv', products))).toEqual([]);
  });

  it.each<[string | null, string | null]>([
    ['10:00:00', '10:00:00.000'],
    ['10:00:00.5', '10:00:00.50'],
    [null, '00:00:00'],
  ])('non-compliant: the same moment written differently (%s and %s)', (a, b) => {
    const regels = toewijzing('csv', [nr(7, { toewijzingstijd: a }), nr(7, { toewijzingstijd: b })]);
    expect(runToewijzingRule(TR302, regels)).toEqual(
      expectedOnProducts('TR302', regels, [[1, 'ToewijzingNummer']]),
    );
  });

  it('non-compliant: the same number, Gemeente, date and time', () => {
    const regels = toewijzing('csv', [
      nr(7, { toewijzingstijd: null }),
      nr(8),
      nr(7, { toewijzingstijd: null }),
    ]);
    expect(runToewijzingRule(TR302, regels)).toEqual(
      expectedOnProducts('TR302', regels, [[2, 'ToewijzingNummer']]),
    );
  });
});

it('TR302 in a WMO301: one client has each number once, whatever the Toewijzingsdatum', () => {
  const regels = toewijzing('xml', [nr(7), nr(7, { toewijzingsdatum: '2023-08-01' })]);
  expect(runToewijzingRule(TR302, regels)).toEqual(
    expectedOnProducts('TR302', regels, [[1, 'ToewijzingNummer']]),
  );
});
