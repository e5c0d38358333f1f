import { locatePrestatie } from '../../locate';
import { defineStateRule, ruleFinding } from '../types';

/** TR314 (8021): a ReferentieNummer is used once per provider, within and across messages. */
export const TR314 = defineStateRule({
  id: 'TR314',
  applies: 'DC',
  check: ({ regel, refTaken }) =>
    refTaken
      ? ruleFinding(
          'declaratie',
          'TR314',
          locatePrestatie(regel, 'ReferentieNummer'),
          `ReferentieNummer ${regel.prestatie.referentieNummer} is al eerder aangeleverd door deze aanbieder`,
        )
      : null,
});
