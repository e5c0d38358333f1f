import type { DeclaratieRegel } from '../../../schemas/iwmo/wmo323';
import { ruleFinding } from '../../read/findings';
import { hashString, LineTable } from '../line-table';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

class State {
  /** ReferentieNummers of the debits; the last entry is a probe slot when looking up a credit's debit. */
  readonly refs: string[] = [];
  readonly debits = new LineTable((a, b) => this.refs[a] === this.refs[b]);
  readonly credits: DeclaratieRegel[] = [];
}

/** TR316: a message does not credit a debit that is in the same message (in any order). */
export const TR316 = defineDeclaratieRule<State>({
  id: 'TR316',
  fold: {
    init: () => new State(),
    step: (s, r) => {
      const p = r.prestatie;
      if (p.debetCredit === 'D') {
        s.refs.push(p.referentieNummer);
        s.debits.findOrAdd(hashString(p.referentieNummer), s.refs.length - 1);
      } else if (p.vorigReferentieNummer !== null) {
        s.credits.push(r);
      }
      return null;
    },
    finish: (s) => {
      const probe = s.refs.length;
      const credited = s.credits.filter((c) => {
        const vorig = c.prestatie.vorigReferentieNummer!;
        s.refs[probe] = vorig;
        return s.debits.find(hashString(vorig), probe) >= 0;
      });
      return credited.map((c) =>
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
