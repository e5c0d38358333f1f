import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR339 (9339): ProductCategorie equals the toewijzing's, when the toewijzing names one. */
export const TR339 = defineStateRule({
  id: 'TR339',
  applies: 'D',
  check: ({ regel, toewijzing: t }) =>
    t?.categorie && t.categorie !== regel.prestatie.productCategorie
      ? ruleFinding(
          'declaratie',
          'TR339',
          locatePrestatie(regel, 'ProductCategorie'),
          `ProductCategorie ${regel.prestatie.productCategorie}; de toewijzing is voor categorie ${t.categorie}`,
        )
      : null,
});
