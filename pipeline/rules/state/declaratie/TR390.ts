import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR390 (9390): a debit is credited at most once. */
export const TR390 = defineStateRule({
  id: 'TR390',
  applies: 'C',
  check: ({ regel, usage }) => {
    const vorig = regel.prestatie.vorigReferentieNummer;
    if (vorig === null || !usage?.isCredited(vorig, regel.bericht.afzender)) return null;
    return ruleFinding(
      'declaratie',
      'TR390',
      locatePrestatie(regel, 'VorigReferentieNummer'),
      `debetprestatie ${vorig} is al eerder gecrediteerd`,
    );
  },
});
