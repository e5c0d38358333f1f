import { ruleFinding } from '../../read/findings';
import { defineToewijzingRule } from '../types';

/** TR061: a client has at least one address of Soort 01 (BRP-adres) or 03 (verblijfadres). */
export const TR061 = defineToewijzingRule({
  id: 'TR061',
  client: (r) => {
    if (r.client === null) return null;
    if (r.client.contacten.some((c) => c.soort === '01' || c.soort === '03')) return null;
    return ruleFinding(
      'toewijzing',
      'TR061',
      'Client/Contactgegevens',
      'de client heeft geen adres met Soort 01 (BRP-adres) of 03 (verblijfadres)',
    );
  },
});
