import { REDENWIJZIGING_VERWIJDERD } from '../../../schemas/iwmo/codelists';
import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CS335: RedenWijziging 13 (verwijderd) only when the Einddatum equals the Ingangsdatum. */
export const CS335 = defineToewijzingRule({
  id: 'CS335',
  product: (r) => {
    const { redenWijziging, ingangsdatum, einddatum } = r.product;
    if (redenWijziging !== REDENWIJZIGING_VERWIJDERD || einddatum === ingangsdatum) return null;
    return ruleFinding(
      'toewijzing',
      'CS335',
      locateToewijzing(r, 'RedenWijziging'),
      `RedenWijziging 13 (verwijderd) vraagt Einddatum gelijk aan Ingangsdatum ${ingangsdatum} (is ${einddatum ?? 'leeg'})`,
    );
  },
});
