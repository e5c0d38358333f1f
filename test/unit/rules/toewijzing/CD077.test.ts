import { CD077 } from '../../../../pipeline/rules/toewijzing/CD077';
import { FLAVOURS, type ProductSpec, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

describe.each(FLAVOURS)('CD077 Omvang is empty when Budget is filled (%s)', (flavour) => {
  it.each<[string, ProductSpec[]]>([
    ['a budget without Omvang', [{ productCode: null, omvang: null, budget: 500000 }]],
    ['an Omvang without budget', [{}]],
  ])('compliant: %s', (_, products) => {
    expect(runToewijzingRule(CD077, toewijzing(flavour, products))).toEqual([]);
  });

  it.each<[string, ProductSpec[], At[]]>([
    ['a budget and an Omvang', [{ budget: 500000 }], [[0, 'Volume']]],
    ['a budget of 0 and an Omvang', [{}, { budget: 0 }], [[1, 'Volume']]],
  ])('non-compliant: %s', (_, products, where) => {
    const regels = toewijzing(flavour, products);
    expect(runToewijzingRule(CD077, regels)).toEqual(expectedOnProducts('CD077', regels, where));
  });
});
