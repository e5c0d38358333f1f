import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CD078: Budget is empty when an Omvang is given. */
export const CD078 = defineToewijzingRule({
  id: 'CD078',
  product: (r) =>
    r.product.omvang !== null && r.product.budget !== null
      ? ruleFinding(
          'toewijzing',
          'CD078',
          locateToewijzing(r, 'Budget'),
          'Budget moet leeg zijn als Omvang gevuld is',
        )
      : null,
});
