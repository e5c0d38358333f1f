import { TR390 } from '../../../../../pipeline/rules/state/declaratie/TR390';
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
} from '../../../../helpers/state-context';

/** The default credit line reverses RN-EARLIER. */
const debit = entry({ ref: 'RN-EARLIER' });

describe.each(FLAVOURS)('TR390 a debit is credited at most once (%s)', (flavour) => {
  it('judges credits only', () => {
    expect(TR390.applies).toBe('C');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['the first credit of the debit', credit(), { usage: usage(debit) }],
    [
      'another debit was credited',
      credit(),
      { usage: usage(debit, entry({ ref: 'RN-X' }), creditOf(entry({ ref: 'RN-X' }), 'RN-CX')) },
    ],
    [
      'an unknown debit: TR323 reports that',
      credit({ vorigReferentieNummer: 'RN-UNKNOWN' }),
      { usage: usage(debit) },
    ],
    ['a debit line is not judged', {}, { usage: usage(debit, creditOf(debit, 'RN-C1')) }],
    ['no toewijzing, no usage', credit(), { toewijzing: null }],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR390, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['a second credit of the debit', credit(), { usage: usage(debit, creditOf(debit, 'RN-C1')) }],
    [
      'a second credit after the debit was replaced',
      credit(),
      { usage: usage(debit, creditOf(debit, 'RN-C1'), entry({ ref: 'RN-NEW' })) },
    ],
    [
      'a second credit when the first came earlier in this file',
      credit(),
      { usage: usage(debit, creditOf(debit, 'RN-C1', { fileId: 'this-file' })) },
    ],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR390, c)).toEqual(expectedAt('TR390', c, 'VorigReferentieNummer'));
  });
});
