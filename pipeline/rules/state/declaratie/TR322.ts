import { totalAssigned } from '../../../reconcile/omvang';
import { inUnit } from '../../../reconcile/usage';
import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR322 (9322): the volumes declared on a toewijzing, this one included, fit its total Omvang. */
export const TR322 = defineStateRule({
  id: 'TR322',
  applies: 'D',
  check: ({ regel, toewijzing: t, usage, ref }) => {
    if (!t || t.volume === null || !usage) return null;
    const p = regel.prestatie;
    const variant = ref.product(p.productCategorie, p.productCode)?.variant ?? 'inspanningsgericht';
    const total = totalAssigned(t, variant);
    if (total === null) return null;
    const after = usage.volume(t.eenheid) + inUnit(p.volume, p.eenheid, t.eenheid);
    if (after <= total + 1e-9) return null;
    return ruleFinding(
      'declaratie',
      'TR322',
      locatePrestatie(regel, 'GeleverdVolume'),
      `met deze prestatie is ${Math.round(after * 100) / 100} gedeclareerd op toewijzing ${p.toewijzingNummer}; toegewezen in totaal ${total}`,
    );
  },
});
