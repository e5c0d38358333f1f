import { CD079 } from '../../../../pipeline/rules/toewijzing/CD079';
import { FLAVOURS, type ProductSpec, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

const GENERIEK: ProductSpec = { productCategorie: null, productCode: null, omvang: null };

describe.each(FLAVOURS)('CD079 Product is required when Budget is empty (%s)', (flavour) => {
  it.each<[string, ProductSpec[]]>([
    ['a specific toewijzing', [{}]],
    ['an aspecific toewijzing (category only)', [{ productCode: null, omvang: null }]],
    ['a generic toewijzing: budget only', [{ ...GENERIEK, budget: 500000 }]],
  ])('compliant: %s', (_, products) => {
    expect(runToewijzingRule(CD079, toewijzing(flavour, products))).toEqual([]);
  });

  it.each<[string, ProductSpec[], At[]]>([
    ['neither Product nor Budget', [{ ...GENERIEK, budget: null }], [[0, 'ProductCategorie']]],
    ['only the second product', [{}, { ...GENERIEK, budget: null }], [[1, 'ProductCategorie']]],
  ])('non-compliant: %s', (_, products, where) => {
    const regels = toewijzing(flavour, products);
    expect(runToewijzingRule(CD079, regels)).toEqual(expectedOnProducts('CD079', regels, where));
  });
});
