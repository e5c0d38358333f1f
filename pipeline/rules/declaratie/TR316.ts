import type { DeclaratieRegel } from '../../../schemas/iwmo/wmo323';
import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

class State {
  /** ReferentieNummers of the debits, looked up at the end, and only when the message has credits (rarely). */
  readonly debits: string[] = [];
  readonly credits: DeclaratieRegel[] = [];
}

/** TR316: a message does not credit a debit that is in the same message (in any order). */
export const TR316 = defineDeclaratieRule<State>({
  id: 'TR316',
  fold: {
    init: () => new State(),
    step: (s, r) => {
      const p = r.prestatie;
      if (p.debetCredit === 'D') s.debits.push(p.referentieNummer);
      else if (p.vorigReferentieNummer !== null) s.credits.push(r);
      return null;
    },
    finish: (s) => {
      if (s.credits.length === 0) return null;
      const named = new Set(s.credits.map((c) => c.prestatie.vorigReferentieNummer!));
      const debited = new Set(s.debits.filter((ref) => named.has(ref)));
      return s.credits
        .filter((c) => debited.has(c.prestatie.vorigReferentieNummer!))
        .map((c) =>
          ruleFinding(
            'declaratie',
            'TR316',
            locatePrestatie(c, 'VorigReferentieNummer'),
            `de gecrediteerde debetprestatie ${c.prestatie.vorigReferentieNummer} staat in hetzelfde bericht`,
          ),
        );
    },
  },
});
