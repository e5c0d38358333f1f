import { CD080 } from '../../../../pipeline/rules/toewijzing/CD080';
import type { ProductSpec } from '../../../helpers/records';
import { describeToewijzingRule } from '../../../helpers/rule-cases';

/** No ProductCode, with an Omvang, ending on `einddatum`. */
const zonderCode = (einddatum: string | null): ProductSpec => ({
  productCode: null,
  ingangsdatum: '2020-01-01',
  einddatum,
});

describeToewijzingRule(CD080, {
  title: 'no Omvang without ProductCode when Einddatum is after 2020 or empty',
  compliant: [
    ['a code with an Omvang', [{}]],
    ['no code and no Omvang', [{ productCode: null, omvang: null, einddatum: null }]],
    ['no code, an Omvang, ending on 31-12-2020', [zonderCode('2020-12-31')]],
    ['no code, an Omvang, ending before 2021', [zonderCode('2020-06-30')]],
  ],
  nonCompliant: [
    ['no code, an Omvang, ending on 1-1-2021', [zonderCode('2021-01-01')], [[0, 'Volume']]],
    ['no code, an Omvang, no Einddatum', [zonderCode(null)], [[0, 'Volume']]],
    ['only the second product', [zonderCode('2020-12-31'), { productCode: null }], [[1, 'Volume']]],
  ],
});
