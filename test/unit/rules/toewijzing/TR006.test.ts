import { TR006 } from '../../../../pipeline/rules/toewijzing/TR006';
import type { ContactGegevens } from '../../../../schemas/iwmo/wmo301';
import { contact, toewijzing } from '../../../helpers/records';
import { expected, runToewijzingRule } from '../../../helpers/run-rule';

const CLIENT_1 = 'Client/Contactgegevens/Contact[1]';
const CLIENT_2 = 'Client/Contactgegevens/Contact[2]';
const RELATIE_1 = 'Client/Relatie[1]/Contact';
const GEEN_ADRES: Partial<ContactGegevens> = {
  heeftAdres: false,
  heeftHuis: false,
  postcode: null,
  landCode: null,
};

const run = (contacten: ContactGegevens[], relatieContacten: ContactGegevens[] = []) =>
  runToewijzingRule(TR006, toewijzing('xml', [{}, {}], { client: { contacten, relatieContacten } }));

describe('TR006 a Contact has a Telefoon, or an Adres with Huis and Postcode', () => {
  it.each<[string, ContactGegevens[], ContactGegevens[]]>([
    ['an address with Huis and Postcode', [contact()], []],
    ['only a Telefoon', [contact({ ...GEEN_ADRES, soort: '02', heeftTelefoon: true })], []],
    ['both', [contact({ heeftTelefoon: true })], []],
    [
      'a relatie reachable by phone',
      [contact()],
      [contact({ ...GEEN_ADRES, path: RELATIE_1, heeftTelefoon: true })],
    ],
  ])('compliant: %s', (_, contacten, relatie) => {
    expect(run(contacten, relatie)).toEqual([]);
  });

  it.each<[string, ContactGegevens[], ContactGegevens[], string[]]>([
    ['neither Telefoon nor Adres', [contact({ ...GEEN_ADRES })], [], [CLIENT_1]],
    [
      'an Adres with Huis but no Postcode',
      [contact(), contact({ path: CLIENT_2, postcode: null })],
      [],
      [CLIENT_2],
    ],
    [
      'an Adres with Postcode but no Huis',
      [contact(), contact({ path: CLIENT_2, heeftHuis: false })],
      [],
      [CLIENT_2],
    ],
    [
      'a relatie contact without either',
      [contact()],
      [contact({ ...GEEN_ADRES, path: RELATIE_1 })],
      [RELATIE_1],
    ],
    [
      'client and relatie, once per client though there are two products',
      [contact({ postcode: null })],
      [contact({ ...GEEN_ADRES, path: RELATIE_1 })],
      [CLIENT_1, RELATIE_1],
    ],
  ])('non-compliant: %s', (_, contacten, relatie, locations) => {
    expect(run(contacten, relatie)).toEqual(locations.map((l) => expected('toewijzing', 'TR006', l)));
  });

  it('does not apply to a CSV (no client data)', () => {
    expect(runToewijzingRule(TR006, toewijzing('csv', [{}, {}]))).toEqual([]);
  });
});
