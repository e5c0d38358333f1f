import { isNineDigits, passesElfproef } from '../../bsn';
import { ruleFinding } from '../../read/findings';
import { firstOfClient, locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** CS002: the client's Bsn passes the 11-proef. Checked once per client; a malformed BSN is RS037's. */
export const CS002 = defineDeclaratieRule({
  id: 'CS002',
  prestatie: (r) => {
    const { bsn, at } = r.prestatie;
    if (!firstOfClient(at) || !isNineDigits(bsn) || passesElfproef(bsn)) return null;
    return ruleFinding(
      'declaratie',
      'CS002',
      locatePrestatie(r, 'Bsn'),
      'het BSN voldoet niet aan de 11-proef',
    );
  },
});
