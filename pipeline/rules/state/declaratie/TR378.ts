import { locateDeclaratieField } from '../../locate';
import { defineMessageRule } from '../message';
import { ruleFinding } from '../types';

/** TR378 (S300): the Ontvanger is a municipality the region knows (its CBS gemeentecode). */
export const TR378 = defineMessageRule({
  id: 'TR378',
  level: 'header',
  check: ({ regel, ref }) =>
    ref.gemeenteBekend(regel.bericht.ontvanger)
      ? null
      : ruleFinding(
          'declaratie',
          'TR378',
          locateDeclaratieField(regel.prestatie.at, 'Ontvanger'),
          `gemeentecode ${regel.bericht.ontvanger} is geen gemeente van deze regio`,
        ),
});
