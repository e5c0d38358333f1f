import { CD009 } from '../../../../pipeline/rules/toewijzing/CD009';
import type { ContactGegevens } from '../../../../schemas/iwmo/wmo301';
import { contact, toewijzing } from '../../../helpers/records';
import { expected, runToewijzingRule } from '../../../helpers/run-rule';

const CLIENT_2 = 'Client/Contactgegevens/Contact[2]';
const RELATIE_1 = 'Client/Relatie[1]/Contact';

const run = (contacten: ContactGegevens[], relatieContacten: ContactGegevens[] = []) =>
  runToewijzingRule(CD009, toewijzing('xml', [{}, {}], { client: { contacten, relatieContacten } }));

describe('CD009 a Contact has a Periode only with Soort 04 (tijdelijk adres)', () => {
  it.each<[string, ContactGegevens[], ContactGegevens[]]>([
    ['a BRP-adres without Periode', [contact()], []],
    [
      'a tijdelijk adres with Periode',
      [contact(), contact({ path: CLIENT_2, soort: '04', heeftPeriode: true })],
      [],
    ],
    [
      'a tijdelijk adres of a relatie with Periode',
      [contact()],
      [contact({ path: RELATIE_1, soort: '04', heeftPeriode: true })],
    ],
    ['a tijdelijk adres without Periode', [contact({ soort: '04' })], []],
  ])('compliant: %s', (_, contacten, relatie) => {
    expect(run(contacten, relatie)).toEqual([]);
  });

  it.each<[string, ContactGegevens[], ContactGegevens[], string[]]>([
    [
      'a BRP-adres with Periode',
      [contact({ heeftPeriode: true })],
      [],
      ['Client/Contactgegevens/Contact[1]/Periode'],
    ],
    [
      'a verblijfadres with Periode',
      [contact(), contact({ path: CLIENT_2, soort: '03', heeftPeriode: true })],
      [],
      [`${CLIENT_2}/Periode`],
    ],
    [
      'a relatie contact with Periode',
      [contact()],
      [contact({ path: RELATIE_1, soort: '02', heeftPeriode: true })],
      [`${RELATIE_1}/Periode`],
    ],
    [
      'client and relatie, once per client though there are two products',
      [contact({ heeftPeriode: true })],
      [contact({ path: RELATIE_1, heeftPeriode: true })],
      ['Client/Contactgegevens/Contact[1]/Periode', `${RELATIE_1}/Periode`],
    ],
  ])('non-compliant: %s', (_, contacten, relatie, locations) => {
    expect(run(contacten, relatie)).toEqual(locations.map((l) => expected('toewijzing', 'CD009', l)));
  });

  it('does not apply to a CSV (no client data)', () => {
    expect(runToewijzingRule(CD009, toewijzing('csv', [{}, {}]))).toEqual([]);
  });
});
