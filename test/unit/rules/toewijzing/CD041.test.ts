import { CD041 } from '../../../../pipeline/rules/toewijzing/CD041';
import { FLAVOURS, type ProductSpec, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

describe.each(FLAVOURS)('CD041 Omvang is required when ProductCode is filled (%s)', (flavour) => {
  it.each<[string, ProductSpec[]]>([
    ['a specific toewijzing with Omvang', [{}]],
    [
      'an aspecific toewijzing (no code) with a budget',
      [{ productCode: null, omvang: null, budget: 500000 }],
    ],
    [
      'a generic toewijzing (no product)',
      [{ productCategorie: null, productCode: null, omvang: null, budget: 500000 }],
    ],
    ["no code but an Omvang (CD080's concern)", [{ productCode: null }]],
  ])('compliant: %s', (_, products) => {
    expect(runToewijzingRule(CD041, toewijzing(flavour, products))).toEqual([]);
  });

  it.each<[string, ProductSpec[], At[]]>([
    ['a code without Omvang', [{ omvang: null }], [[0, 'Volume']]],
    ['a code with a Budget instead of an Omvang', [{}, { omvang: null, budget: 500000 }], [[1, 'Volume']]],
  ])('non-compliant: %s', (_, products, where) => {
    const regels = toewijzing(flavour, products);
    expect(runToewijzingRule(CD041, regels)).toEqual(expectedOnProducts('CD041', regels, where));
  });
});
