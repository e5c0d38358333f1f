import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CD080: Omvang is empty when the Product has no Code and the Einddatum is after 31-12-2020 or empty. */
export const CD080 = defineToewijzingRule({
  id: 'CD080',
  product: (r) => {
    const { productCode, einddatum, omvang } = r.product;
    if (omvang === null || productCode !== null) return null;
    if (einddatum !== null && einddatum <= '2020-12-31') return null;
    return ruleFinding(
      'toewijzing',
      'CD080',
      locateToewijzing(r, 'Volume'),
      'Omvang moet leeg zijn bij een toewijzing zonder ProductCode die na 31-12-2020 doorloopt',
    );
  },
});
