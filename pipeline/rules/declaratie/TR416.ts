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
    // first: the first debit's ReferentieNummer per key; later: key|ReferentieNummer of the further debits (rare),
    // so that a repeat of any of them, not only of the first, is left to TR101.
    init: () => ({ first: new Map<string, string>(), later: new Set<string>() }),
    step: ({ first, later }, r) => {
      const p = r.prestatie;
      if (p.debetCredit !== 'D') return null;
      const key = `${p.toewijzingNummer}|${p.productCategorie}|${p.productCode}|${p.begin}|${p.eind}`;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(detach(key), detach(p.referentieNummer));
        return null;
      }
      if (earlier === p.referentieNummer) return null;
      const again = `${key}|${p.referentieNummer}`;
      if (later.has(again)) return null;
      later.add(detach(again));
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
