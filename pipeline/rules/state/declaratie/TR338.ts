import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/**
 * TR338 (9338): a prestatie refers to a toewijzing of this municipality for this provider. A declaration whose
 * toewijzing arrives later is rejected; the provider resubmits with new reference numbers.
 */
export const TR338 = defineStateRule({
  id: 'TR338',
  applies: 'DC',
  check: ({ regel, toewijzing }) => {
    const p = regel.prestatie;
    if (toewijzing && toewijzing.agb === regel.bericht.afzender) return null;
    return ruleFinding(
      'declaratie',
      'TR338',
      locatePrestatie(regel, 'ToewijzingNummer'),
      toewijzing
        ? `toewijzing ${p.toewijzingNummer} is niet aan aanbieder ${regel.bericht.afzender} toegewezen`
        : `er is geen toewijzing ${p.toewijzingNummer} bekend bij gemeente ${regel.bericht.ontvanger}`,
    );
  },
});
