import { maxPerPrestatie } from '../../../reconcile/omvang';
import { inUnit } from '../../../reconcile/usage';
import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/**
 * TR321 (9321): one prestatie's volume fits the assigned Omvang for its period: per day × days, per week ×
 * (partial) calendar weeks (inspanningsgericht) or Sundays (outputgericht) — for hulp bij het huishouden
 * (category 01) six weeks — per month, or the total.
 */
export const TR321 = defineStateRule({
  id: 'TR321',
  applies: 'D',
  check: ({ regel, toewijzing: t, ref }) => {
    if (!t || t.volume === null) return null;
    const p = regel.prestatie;
    const variant = ref.product(p.productCategorie, p.productCode)?.variant ?? 'inspanningsgericht';
    const max = maxPerPrestatie(t, p.begin, p.eind, variant, p.productCategorie);
    if (max === null) return null;
    const volume = inUnit(p.volume, p.eenheid, t.eenheid);
    if (volume <= max) return null;
    return ruleFinding(
      'declaratie',
      'TR321',
      locatePrestatie(regel, 'GeleverdVolume'),
      `GeleverdVolume ${p.volume} is meer dan toegewezen voor deze periode (${max} in eenheid ${t.eenheid})`,
    );
  },
});
