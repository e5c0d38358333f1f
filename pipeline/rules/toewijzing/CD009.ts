import { ruleFinding } from '../../read/findings';
import { defineToewijzingRule } from '../types';

/** CD009: a Contact has a Periode only when its Soort is 04 (tijdelijk adres). */
export const CD009 = defineToewijzingRule({
  id: 'CD009',
  client: (r) =>
    [...(r.client?.contacten ?? []), ...(r.client?.relatieContacten ?? [])]
      .filter((c) => c.heeftPeriode && c.soort !== '04')
      .map((c) =>
        ruleFinding(
          'toewijzing',
          'CD009',
          `${c.path}/Periode`,
          `Periode mag alleen gevuld zijn bij Soort 04 (tijdelijk adres); Soort is ${c.soort}`,
        ),
      ),
});
