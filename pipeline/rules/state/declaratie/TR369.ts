import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/**
 * TR369 (9369): on a toewijzing with a Budget, everything declared fits the Budget. GeleverdVolume is in cents
 * for Eenheid 83 (CS339 makes it equal to the amount); for other units the amounts are compared.
 */
export const TR369 = defineStateRule({
  id: 'TR369',
  applies: 'D',
  check: ({ regel, toewijzing: t, usage }) => {
    if (!t || t.budget === null || !usage) return null;
    const after = usage.amount() + regel.prestatie.bedrag;
    if (after <= t.budget) return null;
    return ruleFinding(
      'declaratie',
      'TR369',
      locatePrestatie(regel, 'IngediendBedrag'),
      `met deze prestatie is ${after} cent gedeclareerd op toewijzing ${regel.prestatie.toewijzingNummer}; het budget is ${t.budget} cent`,
    );
  },
});
