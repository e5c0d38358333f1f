import { lastOfMonth } from '../../dates';
import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/**
 * TR319: the ProductPeriode lies within this message's DeclaratiePeriode or an earlier month, i.e. it does not
 * end after the declaration's month.
 */
export const TR319 = defineDeclaratieRule({
  id: 'TR319',
  prestatie: (r) => {
    if (r.prestatie.eind <= r.kop.periodeEind) return null;
    const limit = lastOfMonth(r.kop.periodeEind);
    if (r.prestatie.eind <= limit) return null;
    return ruleFinding(
      'declaratie',
      'TR319',
      locatePrestatie(r, 'ProductPeriodeEinddatum'),
      `ProductPeriode eindigt op ${r.prestatie.eind}, na de DeclaratiePeriode (t/m ${r.kop.periodeEind})`,
    );
  },
});
