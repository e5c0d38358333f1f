import { CD079 } from '../../../../pipeline/rules/toewijzing/CD079';
import type { ProductSpec } from '../../../helpers/records';
import { describeToewijzingRule } from '../../../helpers/rule-cases';

const GENERIEK: ProductSpec = { productCategorie: null, productCode: null, omvang: null };

describeToewijzingRule(CD079, {
  title: 'Product is required when Budget is empty',
  compliant: [
    ['a specific toewijzing', [{}]],
    ['an aspecific toewijzing (category only)', [{ productCode: null, omvang: null }]],
    ['a generic toewijzing: budget only', [{ ...GENERIEK, budget: 500000 }]],
  ],
  nonCompliant: [
    ['neither Product nor Budget', [{ ...GENERIEK, budget: null }], [[0, 'ProductCategorie']]],
    ['only the second product', [{}, { ...GENERIEK, budget: null }], [[1, 'ProductCategorie']]],
  ],
});
