import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CD076: Einddatum is required with Frequentie 2 (per week): without it the total volume cannot be checked. */
export const CD076 = defineToewijzingRule({
  id: 'CD076',
  product: (r) =>
    r.product.omvang?.frequentie === '2' && r.product.einddatum === null
      ? ruleFinding(
          'toewijzing',
          'CD076',
          locateToewijzing(r, 'Einddatum'),
          'Einddatum ontbreekt terwijl Frequentie 2 (per week) is',
        )
      : null,
});
