import { isNineDigits, notNineDigitsText, passesElfproef } from '../../bsn';
import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CS002: the client's Bsn is nine digits and passes the 11-proef. Once per client (per row for CSV). */
export const CS002 = defineToewijzingRule({
  id: 'CS002',
  client: (r) =>
    passesElfproef(r.product.bsn)
      ? null
      : ruleFinding(
          'toewijzing',
          'CS002',
          locateToewijzing(r, 'Bsn'),
          isNineDigits(r.product.bsn)
            ? 'het BSN voldoet niet aan de 11-proef'
            : notNineDigitsText(r.product.bsn),
        ),
});
