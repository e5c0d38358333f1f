import { locateDeclaratieField } from '../../locate';
import { defineMessageRule } from '../message';
import { ruleFinding } from '../types';

/** TR056 (9056): a BerichtIdentificatie is used once per message type by its sender (WMO323 only; CSV has none). */
export const TR056 = defineMessageRule({
  id: 'TR056',
  level: 'header',
  check: ({ regel, berichtTaken }) =>
    berichtTaken && regel.bericht.identificatie !== null
      ? ruleFinding(
          'declaratie',
          'TR056',
          locateDeclaratieField(regel.prestatie.at, 'BerichtIdentificatie'),
          `BerichtIdentificatie ${regel.bericht.identificatie} is al eerder gebruikt door aanbieder ${regel.bericht.afzender}`,
        )
      : null,
});
