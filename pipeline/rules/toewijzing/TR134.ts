import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/**
 * TR134: dates that record facts (Toewijzingsdatum, Geboortedatum) do not lie after the message's Dagtekening.
 * Ingangsdatum and Einddatum may lie in the future. A CSV has no message date, so the rule does not apply.
 */
export const TR134 = defineToewijzingRule({
  id: 'TR134',
  product: (r) => {
    const d = r.bericht.dagtekening;
    if (d === null || r.product.toewijzingsdatum <= d) return null;
    return ruleFinding(
      'toewijzing',
      'TR134',
      locateToewijzing(r, 'Toewijzingsdatum'),
      `Toewijzingsdatum ${r.product.toewijzingsdatum} ligt na de dagtekening ${d}`,
    );
  },
  client: (r) => {
    const d = r.bericht.dagtekening;
    const born = r.client?.geboortedatum ?? null;
    if (d === null || born === null || born <= d) return null;
    return ruleFinding(
      'toewijzing',
      'TR134',
      locateToewijzing(r, 'Geboortedatum'),
      `Geboortedatum ${born} ligt na de dagtekening ${d}`,
    );
  },
});
