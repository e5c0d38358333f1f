import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CD079: a Product (at least its Categorie) is required when no Budget is given. */
export const CD079 = defineToewijzingRule({
  id: 'CD079',
  product: (r) =>
    r.product.budget === null && r.product.productCategorie === null
      ? ruleFinding(
          'toewijzing',
          'CD079',
          locateToewijzing(r, 'ProductCategorie'),
          'Product (ProductCategorie) ontbreekt terwijl Budget leeg is',
        )
      : null,
});
