import { isNineDigits, passesElfproef } from '../../bsn';
import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CS002: the client's Bsn passes the 11-proef. Once per client (per row for CSV); a malformed BSN is RS037's. */
export const CS002 = defineToewijzingRule({
  id: 'CS002',
  client: (r) =>
    !isNineDigits(r.product.bsn) || passesElfproef(r.product.bsn)
      ? null
      : ruleFinding(
          'toewijzing',
          'CS002',
          locateToewijzing(r, 'Bsn'),
          'het BSN voldoet niet aan de 11-proef',
        ),
});
