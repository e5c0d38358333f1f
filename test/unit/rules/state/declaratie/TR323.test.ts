import { TR323 } from '../../../../../pipeline/rules/state/declaratie/TR323';
import { credit, creditOf, entry, usage, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

/** The default credit line reverses RN-EARLIER: April 2023, 30 etmalen × € 95,00, as the default line. */
const april = { begin: '2023-04-01', eind: '2023-04-30' };
const debit = entry({ ref: 'RN-EARLIER', ...april });

describeLineRule(TR323, {
  title: 'a credit reverses an earlier approved debit',
  applies: 'C',
  field: 'VorigReferentieNummer',
  compliant: [
    ['the approved debit is on the toewijzing', credit(), { usage: usage(debit) }],
    [
      'the debit was approved earlier in this file',
      credit(),
      { usage: usage(entry({ ref: 'RN-EARLIER', fileId: 'this-file', ...april })) },
    ],
    [
      'a debit credited before: TR390 reports that',
      credit(),
      { usage: usage(debit, creditOf(debit, 'RN-C1')) },
    ],
    ['a debit line is not judged', {}, { usage: usage() }],
  ],
  nonCompliant: [
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
    [
      'another provider’s debit with that ReferentieNummer (numbers are unique per provider only)',
      credit(),
      { usage: usage(entry({ ref: 'RN-EARLIER', agb: '12340001' })) },
    ],
    ['no toewijzing', credit(), { toewijzing: null }],
    ['part of the debit’s volume and amount', credit({ volume: 10, bedrag: 95000 }), { usage: usage(debit) }],
    ['another amount', credit({ bedrag: 284999 }), { usage: usage(debit) }],
    ['another period', credit({ begin: '2023-04-02' }), { usage: usage(debit) }],
    ['another product', credit({ productCode: '15A07' }), { usage: usage(debit) }],
    ['another unit', credit({ eenheid: '16' }), { usage: usage(debit) }],
  ],
});
