import type { DeclaratieKop } from '../../../schemas/iwmo/wmo323';
import { minusYears } from '../../dates';
import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

let lastKop: DeclaratieKop | null = null;
let lastLimit = '';

/** TR335: a ProductPeriode's Einddatum is not more than five years before the DeclaratieDagtekening. */
export const TR335 = defineDeclaratieRule({
  id: 'TR335',
  prestatie: (r) => {
    // Lines of one declaration share their kop: compute its limit once.
    if (r.kop !== lastKop) {
      lastKop = r.kop;
      lastLimit = minusYears(r.kop.dagtekening, 5);
    }
    const limit = lastLimit;
    if (r.prestatie.eind >= limit) return null;
    return ruleFinding(
      'declaratie',
      'TR335',
      locatePrestatie(r, 'ProductPeriodeEinddatum'),
      `ProductPeriode eindigt op ${r.prestatie.eind}, meer dan 5 jaar voor de dagtekening ${r.kop.dagtekening}`,
    );
  },
});
