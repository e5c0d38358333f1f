import { isNineDigits, notNineDigitsText } from '../../bsn';
import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/**
 * RS037: the client's Bsn is exactly nine digits (for XML the XSD pattern already says so at level 1). Once per
 * client (per row for CSV).
 */
export const RS037 = defineToewijzingRule({
  id: 'RS037',
  client: (r) =>
    isNineDigits(r.product.bsn)
      ? null
      : ruleFinding('toewijzing', 'RS037', locateToewijzing(r, 'Bsn'), notNineDigitsText(r.product.bsn)),
});
