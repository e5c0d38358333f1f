import { ruleFinding } from '../../read/findings';
import { defineToewijzingRule } from '../types';

/** TR006: every Contact has a Telefoon, or an Adres with both Huis and Postcode (or both). */
export const TR006 = defineToewijzingRule({
  id: 'TR006',
  client: (r) =>
    [...(r.client?.contacten ?? []), ...(r.client?.relatieContacten ?? [])]
      .filter((c) => !c.heeftTelefoon && !(c.heeftHuis && c.postcode !== null))
      .map((c) =>
        ruleFinding(
          'toewijzing',
          'TR006',
          c.path,
          'Contact bevat geen Telefoon en geen adres met Huis en Postcode',
        ),
      ),
});
