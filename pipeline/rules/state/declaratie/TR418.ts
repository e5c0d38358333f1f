import { EENHEID_EURO, unitFits } from '../../../../schemas/iwmo/codelists';
import { locatePrestatie } from '../../locate';
import { contractFor, defineStateRule, ruleFinding } from '../types';

/**
 * TR418 (0611): ProductTarief equals the contract tariff (tarieven.csv) valid at the start of the period, for the
 * declared unit (or per hour for minutes): dagdelen are not paid at the tariff per etmaal. A line in euro's (83)
 * has no ProductTarief (CS339), but its product must still be contracted for the provider: on a generic
 * toewijzing the provider declares "any contracted category/code within the budget" (OP302).
 */
export const TR418 = defineStateRule({
  id: 'TR418',
  applies: 'D',
  check: ({ regel, ref }) => {
    const p = regel.prestatie;
    const contract = contractFor(ref, regel);
    if (p.eenheid === EENHEID_EURO && contract !== null) return null;
    const fits = contract !== null && unitFits(p.eenheid, contract.eenheid);
    if (fits && contract.productTarief === p.tarief) return null;
    return ruleFinding(
      'declaratie',
      'TR418',
      locatePrestatie(regel, 'ProductTarief'),
      !contract
        ? `geen ${p.eenheid === EENHEID_EURO ? 'contract' : 'contracttarief'} voor aanbieder ${regel.bericht.afzender}, product ${p.productCategorie}/${p.productCode} op ${p.begin}`
        : !fits
          ? `geen contracttarief in Eenheid ${p.eenheid}; het contract voor ${p.productCategorie}/${p.productCode} rekent in eenheid ${contract.eenheid} (${contract.productTarief})`
          : `ProductTarief ${p.tarief} wijkt af van het contracttarief ${contract.productTarief} (geldig vanaf ${contract.ingangsdatum})`,
    );
  },
});
