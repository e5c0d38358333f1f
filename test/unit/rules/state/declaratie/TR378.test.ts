import { TR378 } from '../../../../../pipeline/rules/state/declaratie/TR378';
import type { ReferenceData } from '../../../../../pipeline/rules/state/types';
import { FLAVOURS } from '../../../../helpers/records';
import {
  expectedAt,
  judgeMessage,
  type MessageSpec,
  messageContext,
  nmlReference,
  stubReference,
} from '../../../../helpers/state-context';
import { describeMessageRule } from '../../../../helpers/state-rule-cases';

const to = (ontvanger: string, more: MessageSpec = {}): MessageSpec => ({
  ...more,
  overrides: { bericht: { ontvanger } },
});

// The stub knows the gemeenten 0983 and 0957.
describeMessageRule(TR378, {
  title: 'the Ontvanger is a gemeente of the region',
  level: 'header',
  field: 'Ontvanger',
  compliant: [
    ['Venlo (0983)', to('0983')],
    ['Roermond (0957)', to('0957')],
  ],
  nonCompliant: [
    ['an unknown gemeentecode', to('9999')],
    ['a real gemeente outside the region (Amsterdam 0363)', to('0363')],
    ['no gemeente known at all', to('0983', { ref: stubReference({ gemeenten: [] }) })],
  ],
});

describe.each(FLAVOURS)('TR378 against the gemeenten of examples/regions/nml (%s)', (flavour) => {
  let ref: ReferenceData;
  beforeAll(async () => {
    ref = await nmlReference();
  });

  it.each(['0889', '0983', '0957', '0988', '1711'])('compliant: %s', (code) => {
    expect(judgeMessage(TR378, messageContext(flavour, to(code, { ref })))).toEqual([]);
  });

  it.each(['0363', '0935', '0000'])('non-compliant: %s', (code) => {
    const c = messageContext(flavour, to(code, { ref }));
    expect(judgeMessage(TR378, c)).toEqual(expectedAt('TR378', c, 'Ontvanger'));
  });
});
