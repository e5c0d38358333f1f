import { EENHEID_EURO, minutesForHours, unitFits } from '../../../../schemas/iwmo/codelists';
import { locatePrestatie } from '../../locate';
import { contractFor, defineStateRule, ruleFinding } from '../types';

/**
 * TR346 (9346): IngediendBedrag = GeleverdVolume × ProductTarief (Eenheid ≠ 83). An hourly tariff declared in
 * minutes gives tarief × volume ÷ 60, rounded to the cent (half up). The tariff's unit is the contract's; without
 * a contract (TR418 rejects the line), the toewijzing's.
 */
export const TR346 = defineStateRule({
  id: 'TR346',
  // Debits only: a credit must equal its approved debit (TR323), also after tarieven.csv changed since.
  applies: 'D',
  check: ({ regel, toewijzing: t, ref }) => {
    const p = regel.prestatie;
    if (p.eenheid === EENHEID_EURO || p.tarief === null) return null;
    const contract = contractFor(ref, regel);
    // The tariff's unit: the contract's when it has one for this unit, else the toewijzing's (TR418 says why).
    const tariffUnit =
      contract && unitFits(p.eenheid, contract.eenheid) ? contract.eenheid : (t?.eenheid ?? null);
    const hourlyInMinutes = minutesForHours(p.eenheid, tariffUnit);
    const expected = hourlyInMinutes ? Math.round((p.tarief * p.volume) / 60) : p.volume * p.tarief;
    if (p.bedrag === expected) return null;
    return ruleFinding(
      'declaratie',
      'TR346',
      locatePrestatie(regel, 'IngediendBedrag'),
      `IngediendBedrag ${p.bedrag} is niet GeleverdVolume × ProductTarief${hourlyInMinutes ? ' ÷ 60' : ''} = ${expected}`,
    );
  },
});
