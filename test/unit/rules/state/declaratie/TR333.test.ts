import { TR333 } from '../../../../../pipeline/rules/state/declaratie/TR333';
import { FLAVOURS } from '../../../../helpers/records';
import {
  expectedAt,
  judgeMessage,
  type MessageSpec,
  messageContext,
} from '../../../../helpers/state-context';

it('TR333 rejects the declaration (DeclaratieAntwoord), not the header', () => {
  expect(TR333.level).toBe('declaratie');
});

describe.each(FLAVOURS)('TR333 a DeclaratieNummer is used once per provider (%s)', (flavour) => {
  it.each<[string, MessageSpec]>([
    ['a new DeclaratieNummer', { declaratieTaken: false }],
    [
      'a new DeclaratieNummer in a message whose identification was used (TR056’s)',
      { declaratieTaken: false, berichtTaken: true },
    ],
  ])('compliant: %s', (_, spec) => {
    expect(judgeMessage(TR333, messageContext(flavour, spec))).toEqual([]);
  });

  it.each<[string, MessageSpec]>([
    ['a DeclaratieNummer used before', { declaratieTaken: true }],
    ['used before, in a new message', { declaratieTaken: true, berichtTaken: false }],
  ])('non-compliant: %s', (_, spec) => {
    const c = messageContext(flavour, spec);
    expect(judgeMessage(TR333, c)).toEqual(expectedAt('TR333', c, 'DeclaratieNummer'));
  });
});
