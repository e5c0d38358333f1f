import { CD076 } from '../../../../pipeline/rules/toewijzing/CD076';
import type { ProductSpec } from '../../../helpers/records';
import { describeToewijzingRule } from '../../../helpers/rule-cases';

const per = (frequentie: string, einddatum: string | null): ProductSpec => ({
  omvang: { volume: 7, eenheid: '14', frequentie },
  einddatum,
});

describeToewijzingRule(CD076, {
  title: 'Einddatum is required with Frequentie 2 (per week)',
  compliant: [
    ['per week with an Einddatum', [per('2', '2023-12-31')]],
    ['per month without Einddatum', [per('4', null)]],
    ['per day without Einddatum', [per('1', null)]],
    ['no Omvang and no Einddatum', [{ productCode: null, omvang: null, einddatum: null }]],
  ],
  nonCompliant: [
    ['per week without Einddatum', [per('2', null)], [[0, 'Einddatum']]],
    ['only the second product', [per('4', null), per('2', null)], [[1, 'Einddatum']]],
  ],
});
