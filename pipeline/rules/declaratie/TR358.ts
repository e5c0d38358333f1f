import { signed } from '../../../schemas/iwmo/wmo323';
import { ruleFinding } from '../../read/findings';
import { euro } from '../../report/plain';
import { locateDeclaratieField } from '../locate';
import { defineDeclaratieRule } from '../types';

/** TR358: TotaalIngediendBedrag (signed) equals the sum of the lines' IngediendBedrag, debits minus credits. */
export const TR358 = defineDeclaratieRule<{ sum: number }>({
  id: 'TR358',
  fold: {
    init: () => ({ sum: 0 }),
    step: (s, r) => {
      s.sum += signed(r.prestatie.bedrag, r.prestatie.debetCredit);
      return null;
    },
    finish: (s, { kop, first }) => {
      const total = signed(kop.totaalBedrag, kop.totaalDebetCredit);
      if (total === s.sum) return null;
      return ruleFinding(
        'declaratie',
        'TR358',
        locateDeclaratieField(first.prestatie.at, 'TotaalIngediendBedrag'),
        `TotaalIngediendBedrag is ${total} cent (€ ${euro(total)}), de som van de prestaties ${s.sum} cent (€ ${euro(s.sum)})`,
      );
    },
  },
});
