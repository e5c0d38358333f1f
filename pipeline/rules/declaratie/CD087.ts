import { EENHEID_EURO } from '../../../schemas/iwmo/codelists';
import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** CD087: ProductTarief is required when Eenheid is not 83 (euro's), and absent when it is. */
export const CD087 = defineDeclaratieRule({
  id: 'CD087',
  prestatie: (r) => {
    const { eenheid, tarief } = r.prestatie;
    if (eenheid !== EENHEID_EURO && tarief === null) {
      return ruleFinding(
        'declaratie',
        'CD087',
        locatePrestatie(r, 'ProductTarief'),
        `ProductTarief ontbreekt (Eenheid ${eenheid})`,
      );
    }
    if (eenheid === EENHEID_EURO && tarief !== null) {
      return ruleFinding(
        'declaratie',
        'CD087',
        locatePrestatie(r, 'ProductTarief'),
        "bij Eenheid 83 (euro's) is er geen ProductTarief",
      );
    }
    return null;
  },
});
