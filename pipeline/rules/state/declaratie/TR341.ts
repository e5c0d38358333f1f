import { unitFits } from '../../../../schemas/iwmo/codelists';
import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR341 (9341): the Eenheid matches the toewijzing's; hours assigned may be declared in minutes (IV081). */
export const TR341 = defineStateRule({
  id: 'TR341',
  applies: 'D',
  check: ({ regel, toewijzing: t }) => {
    if (!t?.eenheid) return null;
    const e = regel.prestatie.eenheid;
    if (unitFits(e, t.eenheid)) return null;
    return ruleFinding(
      'declaratie',
      'TR341',
      locatePrestatie(regel, 'Eenheid'),
      `Eenheid ${e} past niet bij de toewijzing (eenheid ${t.eenheid})`,
    );
  },
});
