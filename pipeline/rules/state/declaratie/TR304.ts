import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR304 (8187): the prestatie's client (BSN) is the client of the toewijzing. */
export const TR304 = defineStateRule({
  id: 'TR304',
  applies: 'DC',
  check: ({ regel, toewijzing, client }) =>
    toewijzing && toewijzing.client !== client
      ? ruleFinding(
          'declaratie',
          'TR304',
          locatePrestatie(regel, 'Bsn'),
          `toewijzing ${regel.prestatie.toewijzingNummer} hoort bij een andere client`,
        )
      : null,
});
