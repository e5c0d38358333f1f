import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR381 (S329): the ProductCode belongs to the ProductCategorie in the region's product list. */
export const TR381 = defineStateRule({
  id: 'TR381',
  applies: 'D',
  check: ({ regel, ref }) => {
    const p = regel.prestatie;
    if (ref.product(p.productCategorie, p.productCode)) return null;
    return ruleFinding(
      'declaratie',
      'TR381',
      locatePrestatie(regel, 'ProductCode'),
      `ProductCode ${p.productCode} staat niet in de productenlijst van de regio bij categorie ${p.productCategorie}`,
    );
  },
});
