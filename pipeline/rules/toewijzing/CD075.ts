import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CD075: Einddatum is required when a Budget is given. */
export const CD075 = defineToewijzingRule({
  id: 'CD075',
  product: (r) =>
    r.product.budget !== null && r.product.einddatum === null
      ? ruleFinding(
          'toewijzing',
          'CD075',
          locateToewijzing(r, 'Einddatum'),
          'Einddatum ontbreekt terwijl Budget gevuld is',
        )
      : null,
});
