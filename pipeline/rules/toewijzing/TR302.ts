import { toewijzingMoment } from '../../dates';
import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/**
 * TR302: a ToewijzingNummer occurs once in a message. The official rule text was not in the sources we had; this
 * is our reading of it as the 301's in-message uniqueness check (see README, "Protocol notes"). In a CSV, which
 * may carry several versions of one toewijzing, a repeat means the same number with the same Toewijzingsdatum
 * and -tijd: the same moment, however written (10:00:00 and 10:00:00.000; no time is midnight, as the registry
 * stores it), or the registry would keep the later row as a new version without a word.
 */
export const TR302 = defineToewijzingRule({
  id: 'TR302',
  fold: {
    init: () => new Set<string>(),
    step: (seen, r) => {
      const p = r.product;
      const key =
        r.bericht.format === 'csv'
          ? `${r.bericht.afzender}|${p.toewijzingNummer}|${toewijzingMoment({ toewijzingsdatum: p.toewijzingsdatum, toewijzingstijd: p.toewijzingstijd ?? '00:00:00' })}`
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
