import { isNineDigits, notNineDigitsText } from '../../bsn';
import { ruleFinding } from '../../read/findings';
import { firstOfClient, locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** RS037: the Bsn is exactly nine digits (for XML the XSD pattern already says so at level 1). */
export const RS037 = defineDeclaratieRule({
  id: 'RS037',
  prestatie: (r) => {
    const { bsn, at } = r.prestatie;
    if (!firstOfClient(at) || isNineDigits(bsn)) return null;
    return ruleFinding('declaratie', 'RS037', locatePrestatie(r, 'Bsn'), notNineDigitsText(bsn));
  },
});
