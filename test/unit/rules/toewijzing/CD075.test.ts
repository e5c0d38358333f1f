import { CD075 } from '../../../../pipeline/rules/toewijzing/CD075';
import type { ProductSpec } from '../../../helpers/records';
import { describeToewijzingRule } from '../../../helpers/rule-cases';

const BUDGET: ProductSpec = { omvang: null, budget: 500000 };

describeToewijzingRule(CD075, {
  title: 'Einddatum is required when Budget is filled',
  compliant: [
    ['a budget with an Einddatum', [{ ...BUDGET, einddatum: '2023-12-31' }]],
    ['a budget of 0 with an Einddatum', [{ ...BUDGET, budget: 0, einddatum: '2023-12-31' }]],
    [
      'no budget and no Einddatum',
      [{ einddatum: null, omvang: { volume: 7, eenheid: '14', frequentie: '4' } }],
    ],
  ],
  nonCompliant: [
    ['a budget without Einddatum', [{ ...BUDGET, einddatum: null }], [[0, 'Einddatum']]],
    ['a budget of 0 without Einddatum', [{}, { ...BUDGET, budget: 0, einddatum: null }], [[1, 'Einddatum']]],
  ],
});
