import { REDENWIJZIGING_VERWIJDERD } from '../../../../schemas/iwmo/codelists';
import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR384 (9384): no declaring on a toewijzing that was removed (RedenWijziging 13). */
export const TR384 = defineStateRule({
  id: 'TR384',
  applies: 'D',
  check: ({ regel, toewijzing }) =>
    toewijzing?.redenWijziging === REDENWIJZIGING_VERWIJDERD
      ? ruleFinding(
          'declaratie',
          'TR384',
          locatePrestatie(regel, 'ToewijzingNummer'),
          `toewijzing ${regel.prestatie.toewijzingNummer} is verwijderd (RedenWijziging 13)`,
        )
      : null,
});
