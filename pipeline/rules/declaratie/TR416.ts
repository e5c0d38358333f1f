import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule, detach } from '../types';

/**
 * TR416: at most one debit per ProductPeriode, ProductCategorie, ProductCode and ToewijzingNummer in a message
 * (all care in one product period is summed into one prestatie). An exact repeat of a line (same
 * ReferentieNummer) is TR101's, not reported twice.
 */
export const TR416 = defineDeclaratieRule({
  id: 'TR416',
  fold: {
    init: () => new Map<string, string>(),
    step: (seen, r) => {
      const p = r.prestatie;
      if (p.debetCredit !== 'D') return null;
      const key = `${p.toewijzingNummer}|${p.productCategorie}|${p.productCode}|${p.begin}|${p.eind}`;
      const earlier = seen.get(key);
      if (earlier === undefined) {
        seen.set(detach(key), detach(p.referentieNummer));
        return null;
      }
      if (earlier === p.referentieNummer) return null;
      return ruleFinding(
        'declaratie',
        'TR416',
        locatePrestatie(r, 'ReferentieNummer'),
        `tweede debetprestatie voor toewijzing ${p.toewijzingNummer}, product ${p.productCategorie}/${p.productCode}, periode ${p.begin} t/m ${p.eind} (eerder: ${earlier})`,
      );
    },
    finish: () => null,
  },
});
