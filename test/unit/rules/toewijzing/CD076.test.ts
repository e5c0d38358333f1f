import { CD076 } from '../../../../pipeline/rules/toewijzing/CD076';
import { FLAVOURS, type ProductSpec, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

const per = (frequentie: string, einddatum: string | null): ProductSpec => ({
  omvang: { volume: 7, eenheid: '14', frequentie },
  einddatum,
});

describe.each(FLAVOURS)('CD076 Einddatum is required with Frequentie 2 (per week) (%s)', (flavour) => {
  it.each<[string, ProductSpec[]]>([
    ['per week with an Einddatum', [per('2', '2023-12-31')]],
    ['per month without Einddatum', [per('4', null)]],
    ['per day without Einddatum', [per('1', null)]],
    ['no Omvang and no Einddatum', [{ productCode: null, omvang: null, einddatum: null }]],
  ])('compliant: %s', (_, products) => {
    expect(runToewijzingRule(CD076, toewijzing(flavour, products))).toEqual([]);
  });

  it.each<[string, ProductSpec[], At[]]>([
    ['per week without Einddatum', [per('2', null)], [[0, 'Einddatum']]],
    ['only the second product', [per('4', null), per('2', null)], [[1, 'Einddatum']]],
  ])('non-compliant: %s', (_, products, where) => {
    const regels = toewijzing(flavour, products);
    expect(runToewijzingRule(CD076, regels)).toEqual(expectedOnProducts('CD076', regels, where));
  });
});
