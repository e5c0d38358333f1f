import { CD077 } from '../../../../pipeline/rules/toewijzing/CD077';
import { describeToewijzingRule } from '../../../helpers/rule-cases';

describeToewijzingRule(CD077, {
  title: 'Omvang is empty when Budget is filled',
  compliant: [
    ['a budget without Omvang', [{ productCode: null, omvang: null, budget: 500000 }]],
    ['an Omvang without budget', [{}]],
  ],
  nonCompliant: [
    ['a budget and an Omvang', [{ budget: 500000 }], [[0, 'Volume']]],
    ['a budget of 0 and an Omvang', [{}, { budget: 0 }], [[1, 'Volume']]],
  ],
});
