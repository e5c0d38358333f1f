import { EENHEID_EURO } from '../../../schemas/iwmo/codelists';
import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** CS339: with Eenheid 83 (euro's) the volume is the amount, so IngediendBedrag equals GeleverdVolume. */
export const CS339 = defineDeclaratieRule({
  id: 'CS339',
  prestatie: (r) => {
    const { eenheid, volume, bedrag } = r.prestatie;
    if (eenheid !== EENHEID_EURO || bedrag === volume) return null;
    return ruleFinding(
      'declaratie',
      'CS339',
      locatePrestatie(r, 'IngediendBedrag'),
      `bij Eenheid 83 moet IngediendBedrag (${bedrag}) gelijk zijn aan GeleverdVolume (${volume})`,
    );
  },
});
