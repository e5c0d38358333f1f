import { TR056 } from '../../../../../pipeline/rules/state/declaratie/TR056';
import { judgeMessage, messageContext } from '../../../../helpers/state-context';
import { describeMessageRule } from '../../../../helpers/state-rule-cases';

// In a WMO323 only: a CSV file has no BerichtIdentificatie (the last test).
describeMessageRule(TR056, {
  title: 'a BerichtIdentificatie is used once per sender',
  level: 'header',
  field: 'BerichtIdentificatie',
  flavours: ['xml'],
  compliant: [
    ['a new BerichtIdentificatie', { berichtTaken: false }],
    [
      'a new one, with a DeclaratieNummer used before (TR333’s)',
      { berichtTaken: false, declaratieTaken: true },
    ],
  ],
  nonCompliant: [
    ['a BerichtIdentificatie used before', { berichtTaken: true }],
    ['used before, with a new DeclaratieNummer', { berichtTaken: true, declaratieTaken: false }],
  ],
});

it('TR056 names Header/BerichtIdentificatie/Identificatie', () => {
  expect(judgeMessage(TR056, messageContext('xml', { berichtTaken: true }))[0].location).toBe(
    'Header/BerichtIdentificatie/Identificatie',
  );
});

it('TR056 does not apply to a CSV file: it has no BerichtIdentificatie (identificatie null)', () => {
  const c = messageContext('csv', { berichtTaken: true });
  expect(c.regel.bericht.identificatie).toBeNull();
  expect(judgeMessage(TR056, c)).toEqual([]);
});
