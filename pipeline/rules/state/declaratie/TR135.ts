import { locateDeclaratieField } from '../../locate';
import { defineMessageRule } from '../message';
import { ruleFinding } from '../types';

/**
 * TR135 (8848): the message's Dagtekening is not after the day it was received ("now" for a file is its receipt
 * time, recorded once). A CSV has no header, so its DeclaratieDagtekening is used.
 */
export const TR135 = defineMessageRule({
  id: 'TR135',
  level: 'header',
  check: ({ regel, ontvangstdatum }) => {
    const dagtekening = regel.bericht.dagtekening ?? regel.kop.dagtekening;
    if (dagtekening <= ontvangstdatum) return null;
    const field = regel.bericht.dagtekening !== null ? 'Dagtekening' : 'DeclaratieDagtekening';
    return ruleFinding(
      'declaratie',
      'TR135',
      locateDeclaratieField(regel.prestatie.at, field),
      `dagtekening ${dagtekening} ligt na de ontvangstdatum ${ontvangstdatum}`,
    );
  },
});
