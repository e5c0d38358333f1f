import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR307 (9307): the ProductPeriode's Begindatum lies within the toewijzing (Ingangsdatum..Einddatum). */
export const TR307 = defineStateRule({
  id: 'TR307',
  applies: 'D',
  check: ({ regel, toewijzing: t }) => {
    if (!t) return null;
    const { begin } = regel.prestatie;
    if (begin >= t.ingangsdatum && (t.einddatum === null || begin <= t.einddatum)) return null;
    return ruleFinding(
      'declaratie',
      'TR307',
      locatePrestatie(regel, 'ProductPeriodeBegindatum'),
      `begin ${begin} ligt buiten de toewijzing (${t.ingangsdatum} t/m ${t.einddatum ?? 'open'})`,
    );
  },
});
