import { firstOfMonth, maxDate } from '../../../dates';
import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/**
 * TR387 (9387): the ProductPeriode begins on the first of its month, unless the toewijzing starts later in that
 * month, then on its Ingangsdatum (IV089: toewijzing 08-04..17-06 gives 08-04..30-04, 01-05..31-05, 01-06..17-06).
 */
export const TR387 = defineStateRule({
  id: 'TR387',
  applies: 'D',
  check: ({ regel, toewijzing: t }) => {
    if (!t) return null;
    const { begin } = regel.prestatie;
    const expected = maxDate(firstOfMonth(begin), t.ingangsdatum);
    if (begin === expected || expected > regel.prestatie.eind) return null;
    return ruleFinding(
      'declaratie',
      'TR387',
      locatePrestatie(regel, 'ProductPeriodeBegindatum'),
      `ProductPeriode begint op ${begin}; verwacht ${expected} (begin van de maand of Ingangsdatum van de toewijzing)`,
    );
  },
});
