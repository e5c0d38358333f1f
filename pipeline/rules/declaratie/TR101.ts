import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule, detach } from '../types';

/**
 * TR101: no duplicate lines in a message. A prestatie's logical key is its ReferentieNummer, within its parent
 * Client (Bsn); every repeat after the first is reported.
 */
export const TR101 = defineDeclaratieRule({
  id: 'TR101',
  fold: {
    init: () => new Set<string>(),
    step: (seen, r) => {
      const key = `${r.prestatie.bsn}|${r.prestatie.referentieNummer}`;
      if (!seen.has(key)) {
        seen.add(detach(key));
        return null;
      }
      return ruleFinding(
        'declaratie',
        'TR101',
        locatePrestatie(r, 'ReferentieNummer'),
        `ReferentieNummer ${r.prestatie.referentieNummer} staat al eerder in dit bericht voor deze client`,
      );
    },
    finish: () => null,
  },
});
