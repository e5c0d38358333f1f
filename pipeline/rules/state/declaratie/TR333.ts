import { locateDeclaratieField } from '../../locate';
import { defineMessageRule } from '../message';
import { ruleFinding } from '../types';

/** TR333 (9333): a DeclaratieNummer is used once by its provider; the whole declaration is rejected, toegekend 0. */
export const TR333 = defineMessageRule({
  id: 'TR333',
  level: 'declaratie',
  check: ({ regel, declaratieTaken }) =>
    declaratieTaken
      ? ruleFinding(
          'declaratie',
          'TR333',
          locateDeclaratieField(regel.prestatie.at, 'DeclaratieNummer'),
          `DeclaratieNummer ${regel.kop.declaratieNummer} is al eerder gebruikt door aanbieder ${regel.bericht.afzender}`,
        )
      : null,
});
