import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** CD060: VorigReferentieNummer is filled for a credit (it names the debit) and empty for a debit. */
export const CD060 = defineDeclaratieRule({
  id: 'CD060',
  prestatie: (r) => {
    const { debetCredit, vorigReferentieNummer } = r.prestatie;
    if (debetCredit === 'C' && vorigReferentieNummer === null) {
      return ruleFinding(
        'declaratie',
        'CD060',
        locatePrestatie(r, 'VorigReferentieNummer'),
        'een creditprestatie moet in VorigReferentieNummer de gecrediteerde debetprestatie noemen',
      );
    }
    if (debetCredit === 'D' && vorigReferentieNummer !== null) {
      return ruleFinding(
        'declaratie',
        'CD060',
        locatePrestatie(r, 'VorigReferentieNummer'),
        'VorigReferentieNummer mag alleen bij een creditprestatie gevuld zijn',
      );
    }
    return null;
  },
});
