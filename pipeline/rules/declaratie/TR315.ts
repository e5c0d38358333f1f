import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** TR315: a VorigReferentieNummer occurs at most once in a message (one debit is credited once). */
export const TR315 = defineDeclaratieRule({
  id: 'TR315',
  fold: {
    init: () => new Set<string>(),
    step: (seen, r) => {
      const vorig = r.prestatie.vorigReferentieNummer;
      if (vorig === null) return null;
      if (!seen.has(vorig)) {
        seen.add(vorig);
        return null;
      }
      return ruleFinding(
        'declaratie',
        'TR315',
        locatePrestatie(r, 'VorigReferentieNummer'),
        `VorigReferentieNummer ${vorig} komt al eerder in dit bericht voor`,
      );
    },
    finish: () => null,
  },
});
