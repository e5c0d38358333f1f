import { CD034 } from '../../../../pipeline/rules/toewijzing/CD034';
import type { ContactGegevens } from '../../../../schemas/iwmo/wmo301';
import { contact, toewijzing } from '../../../helpers/records';
import { expected, runToewijzingRule } from '../../../helpers/run-rule';

const CLIENT_1 = 'Client/Contactgegevens/Contact[1]';
const CLIENT_2 = 'Client/Contactgegevens/Contact[2]';
const RELATIE_2 = 'Client/Relatie[2]/Contact';

const run = (contacten: ContactGegevens[], relatieContacten: ContactGegevens[] = []) =>
  runToewijzingRule(CD034, toewijzing('xml', [{}, {}], { client: { contacten, relatieContacten } }));

describe('CD034 Postcode is required for Soort 01 (BRP-adres) and 03 (verblijfadres)', () => {
  it.each<[string, ContactGegevens[], ContactGegevens[]]>([
    ['a BRP-adres with Postcode', [contact()], []],
    ['a verblijfadres with Postcode', [contact({ soort: '03' })], []],
    [
      'a correspondentieadres (02) without Postcode',
      [contact(), contact({ path: CLIENT_2, soort: '02', postcode: null })],
      [],
    ],
    [
      'a tijdelijk adres (04) without Postcode',
      [contact(), contact({ path: CLIENT_2, soort: '04', postcode: null })],
      [],
    ],
    ['a relatie BRP-adres with Postcode', [contact()], [contact({ path: RELATIE_2 })]],
  ])('compliant: %s', (_, contacten, relatie) => {
    expect(run(contacten, relatie)).toEqual([]);
  });

  it.each<[string, ContactGegevens[], ContactGegevens[], string[]]>([
    ['a BRP-adres without Postcode', [contact({ postcode: null })], [], [`${CLIENT_1}/Adres/Postcode`]],
    [
      'a verblijfadres without Postcode',
      [contact(), contact({ path: CLIENT_2, soort: '03', postcode: null })],
      [],
      [`${CLIENT_2}/Adres/Postcode`],
    ],
    [
      'a relatie BRP-adres without Postcode',
      [contact()],
      [contact({ path: RELATIE_2, postcode: null })],
      [`${RELATIE_2}/Adres/Postcode`],
    ],
    [
      'client and relatie, once per client though there are two products',
      [contact({ postcode: null })],
      [contact({ path: RELATIE_2, soort: '03', postcode: null })],
      [`${CLIENT_1}/Adres/Postcode`, `${RELATIE_2}/Adres/Postcode`],
    ],
  ])('non-compliant: %s', (_, contacten, relatie, locations) => {
    expect(run(contacten, relatie)).toEqual(locations.map((l) => expected('toewijzing', 'CD034', l)));
  });

  it('does not apply to a CSV (no client data)', () => {
    expect(runToewijzingRule(CD034, toewijzing('csv', [{}, {}]))).toEqual([]);
  });
});
