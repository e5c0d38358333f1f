import { ruleFinding } from '../../read/findings';
import { locateToewijzing } from '../locate';
import { defineToewijzingRule } from '../types';

/** CS003: the Einddatum, when filled, is on or after the Ingangsdatum. */
export const CS003 = defineToewijzingRule({
  id: 'CS003',
  product: (r) => {
    const { ingangsdatum, einddatum } = r.product;
    if (einddatum === null || einddatum >= ingangsdatum) return null;
    return ruleFinding(
      'toewijzing',
      'CS003',
      locateToewijzing(r, 'Einddatum'),
      `Einddatum ${einddatum} ligt voor Ingangsdatum ${ingangsdatum}`,
    );
  },
});
