import { ruleFinding } from '../../read/findings';
import { locateDeclaratieField, locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

const MESSAGE = 'een bedrag van 0 moet met DebetCredit D worden aangeleverd';

/** CS325: an amount of 0 carries D, for every IngediendBedrag and the TotaalIngediendBedrag. */
export const CS325 = defineDeclaratieRule({
  id: 'CS325',
  declaratie: ({ kop, first }) =>
    kop.totaalBedrag === 0 && kop.totaalDebetCredit === 'C'
      ? ruleFinding(
          'declaratie',
          'CS325',
          locateDeclaratieField(first.prestatie.at, 'TotaalDebetCredit'),
          MESSAGE,
        )
      : null,
  prestatie: (r) =>
    r.prestatie.bedrag === 0 && r.prestatie.debetCredit === 'C'
      ? ruleFinding('declaratie', 'CS325', locatePrestatie(r, 'DebetCredit'), MESSAGE)
      : null,
});
