import { TR390 } from '../../../../../pipeline/rules/state/declaratie/TR390';
import { credit, creditOf, entry, usage } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

/** The default credit line reverses RN-EARLIER. */
const debit = entry({ ref: 'RN-EARLIER' });

describeLineRule(TR390, {
  title: 'a debit is credited at most once',
  applies: 'C',
  field: 'VorigReferentieNummer',
  compliant: [
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
  ],
  nonCompliant: [
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
  ],
});
