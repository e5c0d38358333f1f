import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR340 (9340): ProductCode equals the toewijzing's, when the toewijzing names one. */
export const TR340 = defineStateRule({
  id: 'TR340',
  applies: 'D',
  check: ({ regel, toewijzing: t }) =>
    t?.code && t.code !== regel.prestatie.productCode
      ? ruleFinding(
          'declaratie',
          'TR340',
          locatePrestatie(regel, 'ProductCode'),
          `ProductCode ${regel.prestatie.productCode}; de toewijzing is voor product ${t.code}`,
        )
      : null,
});
