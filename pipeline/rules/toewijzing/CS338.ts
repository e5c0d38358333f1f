import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

const UNITS = new Set(['14', '16', '83', '84']);
const FREQUENCIES = new Set(['2', '4', '6']);

/** CS338: with Eenheid 14, 16, 83 or 84 the Frequentie is 2 (week), 4 (maand) or 6 (totaal). */
export const CS338 = defineToewijzingRule({
  id: 'CS338',
  product: (r) => {
    const o = r.product.omvang;
    if (!o || !UNITS.has(o.eenheid) || FREQUENCIES.has(o.frequentie)) return null;
    return ruleFinding(
      'toewijzing',
      'CS338',
      locateToewijzing(r, 'Frequentie'),
      `bij Eenheid ${o.eenheid} moet Frequentie 2, 4 of 6 zijn (is ${o.frequentie})`,
    );
  },
});
