import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR323 (8017): a credit reverses an earlier approved debit (VorigReferentieNummer) on the same toewijzing. */
export const TR323 = defineStateRule({
  id: 'TR323',
  applies: 'C',
  check: ({ regel, usage }) => {
    const vorig = regel.prestatie.vorigReferentieNummer;
    if (vorig !== null && usage?.debit(vorig, regel.bericht.afzender)) return null;
    return ruleFinding(
      'declaratie',
      'TR323',
      locatePrestatie(regel, 'VorigReferentieNummer'),
      `er is geen goedgekeurde debetprestatie ${vorig ?? ''} op toewijzing ${regel.prestatie.toewijzingNummer}`,
    );
  },
});
