import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CD041: Omvang is required when the Product has a Code (a specific toewijzing). */
export const CD041 = defineToewijzingRule({
  id: 'CD041',
  product: (r) =>
    r.product.productCode !== null && r.product.omvang === null
      ? ruleFinding(
          'toewijzing',
          'CD041',
          locateToewijzing(r, 'Volume'),
          'Omvang ontbreekt terwijl ProductCode gevuld is',
        )
      : null,
});
