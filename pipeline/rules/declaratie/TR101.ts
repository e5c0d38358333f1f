import { ruleFinding } from '../../read/findings';
import { bsnInt, hashString, IntColumn, LineTable } from '../line-table';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

class State {
  readonly refs: string[] = [];
  readonly bsns = new IntColumn();
  /** BSNs that are not nine digits, by line (rare: RS037 rejects those messages anyway). */
  readonly odd = new Map<number, string>();
  readonly table = new LineTable(
    (a, b) =>
      this.refs[a] === this.refs[b] &&
      this.bsns.get(a) === this.bsns.get(b) &&
      (this.bsns.get(a) >= 0 || this.odd.get(a) === this.odd.get(b)),
  );
}

/**
 * TR101: no duplicate lines in a message. A prestatie's logical key is its ReferentieNummer, within its parent
 * Client (Bsn); every repeat after the first is reported.
 */
export const TR101 = defineDeclaratieRule<State>({
  id: 'TR101',
  fold: {
    init: () => new State(),
    step: (s, r) => {
      const { referentieNummer: ref, bsn } = r.prestatie;
      const line = s.refs.length;
      const b = bsnInt(bsn);
      s.refs.push(ref);
      s.bsns.push(b);
      if (b < 0) s.odd.set(line, bsn);
      if (s.table.findOrAdd(hashString(ref), line) < 0) return null;
      return ruleFinding(
        'declaratie',
        'TR101',
        locatePrestatie(r, 'ReferentieNummer'),
        `ReferentieNummer ${ref} staat al eerder in dit bericht voor deze client`,
      );
    },
    finish: () => null,
  },
});
