import { ruleFinding } from '../../read/findings';
import { defineToewijzingRule } from '../types';

/** CD034: an address of Soort 01 (BRP-adres) or 03 (verblijfadres) has a Postcode. */
export const CD034 = defineToewijzingRule({
  id: 'CD034',
  client: (r) =>
    [...(r.client?.contacten ?? []), ...(r.client?.relatieContacten ?? [])]
      .filter((c) => (c.soort === '01' || c.soort === '03') && c.postcode === null)
      .map((c) =>
        ruleFinding(
          'toewijzing',
          'CD034',
          `${c.path}/Adres/Postcode`,
          `Postcode is verplicht bij Soort adres ${c.soort}`,
        ),
      ),
});
