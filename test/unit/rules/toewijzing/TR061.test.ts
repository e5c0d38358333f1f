import { TR061 } from '../../../../pipeline/rules/toewijzing/TR061';
import type { ContactGegevens } from '../../../../schemas/iwmo/wmo301';
import { contact, toewijzing } from '../../../helpers/records';
import { expected, runToewijzingRule } from '../../../helpers/run-rule';

const soorten = (...s: string[]) =>
  s.map((soort, i) => contact({ soort, path: `Client/Contactgegevens/Contact[${i + 1}]` }));

const run = (contacten: ContactGegevens[], relatieContacten: ContactGegevens[] = []) =>
  runToewijzingRule(TR061, toewijzing('xml', [{}, {}], { client: { contacten, relatieContacten } }));

describe('TR061 a client has an address of Soort 01 (BRP-adres) or 03 (verblijfadres)', () => {
  it.each<[string, ContactGegevens[]]>([
    ['a BRP-adres', soorten('01')],
    ['a verblijfadres', soorten('03')],
    ['a correspondentieadres and a verblijfadres', soorten('02', '03')],
    ['a tijdelijk adres and a BRP-adres', soorten('04', '01')],
  ])('compliant: %s', (_, contacten) => {
    expect(run(contacten)).toEqual([]);
  });

  it.each<[string, ContactGegevens[], ContactGegevens[]]>([
    ['only a correspondentieadres', soorten('02'), []],
    ['only a tijdelijk adres', soorten('04'), []],
    [
      'a relatie has a BRP-adres, the client not',
      soorten('02'),
      [contact({ path: 'Client/Relatie[1]/Contact' })],
    ],
  ])('non-compliant: %s (once per client though there are two products)', (_, contacten, relatie) => {
    expect(run(contacten, relatie)).toEqual([expected('toewijzing', 'TR061', 'Client/Contactgegevens')]);
  });

  it('does not apply to a CSV (no client data)', () => {
    expect(runToewijzingRule(TR061, toewijzing('csv', [{}, {}]))).toEqual([]);
  });
});
