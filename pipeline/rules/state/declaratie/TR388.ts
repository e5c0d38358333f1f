import { lastOfMonth, minDate } from '../../../dates';
import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/**
 * TR388 (9388): the ProductPeriode ends on the last day of its month, unless the toewijzing ends earlier in that
 * month, then on its Einddatum.
 */
export const TR388 = defineStateRule({
  id: 'TR388',
  applies: 'D',
  check: ({ regel, toewijzing: t }) => {
    if (!t) return null;
    const { eind } = regel.prestatie;
    const expected = t.einddatum === null ? lastOfMonth(eind) : minDate(lastOfMonth(eind), t.einddatum);
    if (eind === expected || expected < regel.prestatie.begin) return null;
    return ruleFinding(
      'declaratie',
      'TR388',
      locatePrestatie(regel, 'ProductPeriodeEinddatum'),
      `ProductPeriode eindigt op ${eind}; verwacht ${expected} (einde van de maand of Einddatum van de toewijzing)`,
    );
  },
});
