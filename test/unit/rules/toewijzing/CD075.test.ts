import { CD075 } from '../../../../pipeline/rules/toewijzing/CD075';
import { FLAVOURS, type ProductSpec, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

const BUDGET: ProductSpec = { omvang: null, budget: 500000 };

describe.each(FLAVOURS)('CD075 Einddatum is required when Budget is filled (%s)', (flavour) => {
  it.each<[string, ProductSpec[]]>([
    ['a budget with an Einddatum', [{ ...BUDGET, einddatum: '2023-12-31' }]],
    ['a budget of 0 with an Einddatum', [{ ...BUDGET, budget: 0, einddatum: '2023-12-31' }]],
    [
      'no budget and no Einddatum',
      [{ einddatum: null, omvang: { volume: 7, eenheid: '14', frequentie: '4' } }],
    ],
  ])('compliant: %s', (_, products) => {
    expect(runToewijzingRule(CD075, toewijzing(flavour, products))).toEqual([]);
  });

  it.each<[string, ProductSpec[], At[]]>([
    ['a budget without Einddatum', [{ ...BUDGET, einddatum: null }], [[0, 'Einddatum']]],
    ['a budget of 0 without Einddatum', [{}, { ...BUDGET, budget: 0, einddatum: null }], [[1, 'Einddatum']]],
  ])('non-compliant: %s', (_, products, where) => {
    const regels = toewijzing(flavour, products);
    expect(runToewijzingRule(CD075, regels)).toEqual(expectedOnProducts('CD075', regels, where));
  });
});
