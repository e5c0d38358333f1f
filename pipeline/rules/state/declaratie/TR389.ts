import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/**
 * TR389 (9389): a new debit for a period, product and toewijzing that already has an approved debit only after
 * that debit has been credited (a credit and its replacement debit in one message are fine: credits are judged
 * first). A period that overlaps the earlier one counts as the same: its common days would be paid twice.
 */
export const TR389 = defineStateRule({
  id: 'TR389',
  applies: 'D',
  check: ({ regel, usage }) => {
    if (!usage?.entries().length) return null;
    const p = regel.prestatie;
    const open = usage.openDebit({
      categorie: p.productCategorie,
      code: p.productCode,
      begin: p.begin,
      eind: p.eind,
    });
    if (open === undefined) return null;
    return ruleFinding(
      'declaratie',
      'TR389',
      locatePrestatie(regel, 'ReferentieNummer'),
      `voor (een deel van) deze periode en dit product is debetprestatie ${open} al goedgekeurd en niet gecrediteerd`,
    );
  },
});
