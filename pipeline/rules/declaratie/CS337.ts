import { sameMonth } from '../../dates';
import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** CS337: the ProductPeriode ends in the month and year it begins. */
export const CS337 = defineDeclaratieRule({
  id: 'CS337',
  prestatie: (r) => {
    const { begin, eind } = r.prestatie;
    if (sameMonth(begin, eind)) return null;
    return ruleFinding(
      'declaratie',
      'CS337',
      locatePrestatie(r, 'ProductPeriodeEinddatum'),
      `ProductPeriode ${begin} t/m ${eind} loopt over een maandgrens; declareer per kalendermaand`,
    );
  },
});
