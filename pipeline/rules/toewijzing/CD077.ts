import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CD077: Omvang is empty when a Budget is given. */
export const CD077 = defineToewijzingRule({
  id: 'CD077',
  product: (r) =>
    r.product.budget !== null && r.product.omvang !== null
      ? ruleFinding(
          'toewijzing',
          'CD077',
          locateToewijzing(r, 'Volume'),
          'Omvang moet leeg zijn als Budget gevuld is',
        )
      : null,
});
