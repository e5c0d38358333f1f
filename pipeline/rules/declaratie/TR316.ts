import type { DeclaratieRegel } from '../../../schemas/iwmo/wmo323';
import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule, detach } from '../types';

interface State {
  readonly debits: Set<string>;
  readonly credits: DeclaratieRegel[];
}

/** TR316: a message does not credit a debit that is in the same message (in any order). */
export const TR316 = defineDeclaratieRule<State>({
  id: 'TR316',
  fold: {
    init: () => ({ debits: new Set(), credits: [] }),
    step: (s, r) => {
      if (r.prestatie.debetCredit === 'D') s.debits.add(detach(r.prestatie.referentieNummer));
      else if (r.prestatie.vorigReferentieNummer !== null) s.credits.push(r);
      return null;
    },
    finish: (s) =>
      s.credits
        .filter((c) => s.debits.has(c.prestatie.vorigReferentieNummer!))
        .map((c) =>
          ruleFinding(
            'declaratie',
            'TR316',
            locatePrestatie(c, 'VorigReferentieNummer'),
            `de gecrediteerde debetprestatie ${c.prestatie.vorigReferentieNummer} staat in hetzelfde bericht`,
          ),
        ),
  },
});
