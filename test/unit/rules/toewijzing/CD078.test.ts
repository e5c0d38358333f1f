import { CD078 } from '../../../../pipeline/rules/toewijzing/CD078';
import { describeToewijzingRule } from '../../../helpers/rule-cases';

describeToewijzingRule(CD078, {
  title: 'Budget is empty when Omvang is filled',
  compliant: [
    ['an Omvang without budget', [{}]],
    ['a budget without Omvang', [{ productCode: null, omvang: null, budget: 500000 }]],
    ['neither', [{ productCode: null, omvang: null, budget: null }]],
  ],
  nonCompliant: [
    ['an Omvang and a budget', [{ budget: 500000 }], [[0, 'Budget']]],
    ['an Omvang and a budget of 0', [{}, { budget: 0 }], [[1, 'Budget']]],
  ],
});
