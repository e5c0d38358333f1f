import { CD041 } from '../../../../pipeline/rules/toewijzing/CD041';
import { describeToewijzingRule } from '../../../helpers/rule-cases';

describeToewijzingRule(CD041, {
  title: 'Omvang is required when ProductCode is filled',
  compliant: [
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
  ],
  nonCompliant: [
    ['a code without Omvang', [{ omvang: null }], [[0, 'Volume']]],
    ['a code with a Budget instead of an Omvang', [{}, { omvang: null, budget: 500000 }], [[1, 'Volume']]],
  ],
});
