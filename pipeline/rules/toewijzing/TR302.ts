import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/**
 * TR302: a ToewijzingNummer occurs once in a message. The official rule text was not in the sources we had; this
 * is our reading of it as the 301's in-message uniqueness check (see README, "Protocol notes"). In a CSV, which
 * may carry several versions of one toewijzing, a repeat means the same number with the same Toewijzingsdatum
 * and -tijd.
 */
export const TR302 = defineToewijzingRule({
  id: 'TR302',
  fold: {
    init: () => new Set<string>(),
    step: (seen, r) => {
      const p = r.product;
      const key =
        r.bericht.format === 'csv'
          ? `${r.bericht.afzender}|${p.toewijzingNummer}|${p.toewijzingsdatum}|${p.toewijzingstijd ?? ''}`
          : String(p.toewijzingNummer);
      if (!seen.has(key)) {
        seen.add(key);
        return null;
      }
      return ruleFinding(
        'toewijzing',
        'TR302',
        locateToewijzing(r, 'ToewijzingNummer'),
        `ToewijzingNummer ${p.toewijzingNummer} komt al eerder in dit bericht voor`,
      );
    },
  },
});
