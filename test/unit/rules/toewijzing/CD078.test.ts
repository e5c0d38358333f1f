import { CD078 } from '../../../../pipeline/rules/toewijzing/CD078';
import { FLAVOURS, type ProductSpec, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

describe.each(FLAVOURS)('CD078 Budget is empty when Omvang is filled (%s)', (flavour) => {
  it.each<[string, ProductSpec[]]>([
    ['an Omvang without budget', [{}]],
    ['a budget without Omvang', [{ productCode: null, omvang: null, budget: 500000 }]],
    ['neither', [{ productCode: null, omvang: null, budget: null }]],
  ])('compliant: %s', (_, products) => {
    expect(runToewijzingRule(CD078, toewijzing(flavour, products))).toEqual([]);
  });

  it.each<[string, ProductSpec[], At[]]>([
    ['an Omvang and a budget', [{ budget: 500000 }], [[0, 'Budget']]],
    ['an Omvang and a budget of 0', [{}, { budget: 0 }], [[1, 'Budget']]],
  ])('non-compliant: %s', (_, products, where) => {
    const regels = toewijzing(flavour, products);
    expect(runToewijzingRule(CD078, regels)).toEqual(expectedOnProducts('CD078', regels, where));
  });
});
