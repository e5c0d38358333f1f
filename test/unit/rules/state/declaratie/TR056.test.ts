import { TR056 } from '../../../../../pipeline/rules/state/declaratie/TR056';
import {
  expectedAt,
  judgeMessage,
  type MessageSpec,
  messageContext,
} from '../../../../helpers/state-context';

it('TR056 rejects the whole message in the header', () => {
  expect(TR056.level).toBe('header');
});

describe('TR056 a BerichtIdentificatie is used once per sender (WMO323)', () => {
  it.each<[string, MessageSpec]>([
    ['a new BerichtIdentificatie', { berichtTaken: false }],
    [
      'a new one, with a DeclaratieNummer used before (TR333’s)',
      { berichtTaken: false, declaratieTaken: true },
    ],
  ])('compliant: %s', (_, spec) => {
    expect(judgeMessage(TR056, messageContext('xml', spec))).toEqual([]);
  });

  it.each<[string, MessageSpec]>([
    ['a BerichtIdentificatie used before', { berichtTaken: true }],
    ['used before, with a new DeclaratieNummer', { berichtTaken: true, declaratieTaken: false }],
  ])('non-compliant: %s', (_, spec) => {
    const c = messageContext('xml', spec);
    expect(judgeMessage(TR056, c)).toEqual(expectedAt('TR056', c, 'BerichtIdentificatie'));
  });

  it('names Header/BerichtIdentificatie/Identificatie', () => {
    expect(judgeMessage(TR056, messageContext('xml', { berichtTaken: true }))[0].location).toBe(
      'Header/BerichtIdentificatie/Identificatie',
    );
  });
});

it('TR056 does not apply to a CSV file: it has no BerichtIdentificatie (identificatie null)', () => {
  const c = messageContext('csv', { berichtTaken: true });
  expect(c.regel.bericht.identificatie).toBeNull();
  expect(judgeMessage(TR056, c)).toEqual([]);
});
