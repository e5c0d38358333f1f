import type { Prestatie } from '../../../../schemas/iwmo/wmo323';
import type { UsageEntry } from '../../../state/items';
import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/**
 * TR323 (8017): a credit reverses an earlier approved debit (VorigReferentieNummer) on the same toewijzing, whole:
 * the same product, period, volume, unit and amount. A correction is a full credit plus a new debit; a credit of
 * part of a debit would mark it credited while most of it still counted.
 */
export const TR323 = defineStateRule({
  id: 'TR323',
  applies: 'C',
  check: ({ regel, usage }) => {
    const p = regel.prestatie;
    const vorig = p.vorigReferentieNummer;
    const debit = vorig === null ? undefined : usage?.debit(vorig, regel.bericht.afzender);
    if (!debit)
      return ruleFinding(
        'declaratie',
        'TR323',
        locatePrestatie(regel, 'VorigReferentieNummer'),
        `er is geen goedgekeurde debetprestatie ${vorig ?? ''} op toewijzing ${p.toewijzingNummer}`,
      );
    const different = differences(p, debit);
    if (different.length === 0) return null;
    return ruleFinding(
      'declaratie',
      'TR323',
      locatePrestatie(regel, 'VorigReferentieNummer'),
      `de creditprestatie wijkt af van debetprestatie ${vorig} (${different.join(', ')}); een credit draait de debetprestatie helemaal terug, een correctie volgt als nieuwe debetprestatie`,
    );
  },
});

function differences(p: Prestatie, debit: UsageEntry): string[] {
  const out: string[] = [];
  if (p.productCategorie !== debit.categorie || p.productCode !== debit.code)
    out.push(`product ${p.productCategorie}/${p.productCode}, debet ${debit.categorie}/${debit.code}`);
  if (p.begin !== debit.begin || p.eind !== debit.eind)
    out.push(`periode ${p.begin} t/m ${p.eind}, debet ${debit.begin} t/m ${debit.eind}`);
  if (p.volume !== debit.volume || p.eenheid !== debit.eenheid)
    out.push(`volume ${p.volume} (eenheid ${p.eenheid}), debet ${debit.volume} (eenheid ${debit.eenheid})`);
  if (p.bedrag !== debit.bedrag) out.push(`bedrag ${p.bedrag}, debet ${debit.bedrag} cent`);
  return out;
}
