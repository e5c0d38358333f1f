import { TR323 } from '../../../../../pipeline/rules/state/declaratie/TR323';
import { FLAVOURS, type LineSpec } from '../../../../helpers/records';
import {
  credit,
  creditOf,
  entry,
  expectedAt,
  judge,
  prestatieContext,
  type StateSpec,
  usage,
  version,
} from '../../../../helpers/state-context';

/** The default credit line reverses RN-EARLIER. */
const debit = entry({ ref: 'RN-EARLIER' });

describe.each(FLAVOURS)('TR323 a credit reverses an earlier approved debit (%s)', (flavour) => {
  it('judges credits only', () => {
    expect(TR323.applies).toBe('C');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['the approved debit is on the toewijzing', credit(), { usage: usage(debit) }],
    [
      'the debit was approved earlier in this file',
      credit(),
      { usage: usage(entry({ ref: 'RN-EARLIER', fileId: 'this-file' })) },
    ],
    [
      'a debit credited before: TR390 reports that',
      credit(),
      { usage: usage(debit, creditOf(debit, 'RN-C1')) },
    ],
    ['a debit line is not judged', {}, { usage: usage() }],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR323, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['an unknown debit', credit(), { usage: usage() }],
    [
      'a rejected debit (rejected lines never enter the usage)',
      credit({ vorigReferentieNummer: 'RN-REJECTED' }),
      { usage: usage(debit) },
    ],
    [
      'a credit referring to a credit',
      credit({ vorigReferentieNummer: 'RN-C1' }),
      { usage: usage(debit, creditOf(debit, 'RN-C1')) },
    ],
    [
      'no VorigReferentieNummer (CD060 reports it too)',
      credit({ vorigReferentieNummer: null }),
      { usage: usage(debit) },
    ],
    [
      'a debit on another toewijzing (its usage is not this one)',
      credit({ toewijzingNummer: 777 }),
      { toewijzing: version(), usage: usage() },
    ],
    ['no toewijzing', credit(), { toewijzing: null }],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR323, c)).toEqual(expectedAt('TR323', c, 'VorigReferentieNummer'));
  });
});
