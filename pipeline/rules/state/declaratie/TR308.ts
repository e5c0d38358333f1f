import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR308 (9308): the ProductPeriode's Einddatum lies within the toewijzing (Ingangsdatum..Einddatum). */
export const TR308 = defineStateRule({
  id: 'TR308',
  applies: 'D',
  check: ({ regel, toewijzing: t }) => {
    if (!t) return null;
    const { eind } = regel.prestatie;
    if (eind >= t.ingangsdatum && (t.einddatum === null || eind <= t.einddatum)) return null;
    return ruleFinding(
      'declaratie',
      'TR308',
      locatePrestatie(regel, 'ProductPeriodeEinddatum'),
      `eind ${eind} ligt buiten de toewijzing (${t.ingangsdatum} t/m ${t.einddatum ?? 'open'})`,
    );
  },
});
