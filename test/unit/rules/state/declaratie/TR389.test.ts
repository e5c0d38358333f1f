import { TR389 } from '../../../../../pipeline/rules/state/declaratie/TR389';
import { credit, creditOf, entry, usage } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

/** An approved debit of April 2023, 15/15A02 (the default line's slot). */
const april = entry({ ref: 'RN-A1', begin: '2023-04-01', eind: '2023-04-30' });
const aprilCredit = creditOf(april, 'RN-C1');
const replacement = entry({ ref: 'RN-A2', begin: '2023-04-01', eind: '2023-04-30' });

describeLineRule(TR389, {
  title: 'a new debit for a slot only after its debit was credited',
  applies: 'D',
  field: 'ReferentieNummer',
  compliant: [
    ['the first debit of the slot', {}, {}],
    ['the debit of April was credited', {}, { usage: usage(april, aprilCredit) }],
    [
      'the credit came in the same file, judged first',
      {},
      { usage: usage(april, creditOf(april, 'RN-C1', { fileId: 'this-file' })) },
    ],
    ['another month', {}, { usage: usage(entry({ ref: 'RN-M1' })) }],
    [
      'another product code',
      {},
      { usage: usage(entry({ ref: 'RN-A1', begin: '2023-04-01', eind: '2023-04-30', code: '15A07' })) },
    ],
    [
      'another category',
      {},
      { usage: usage(entry({ ref: 'RN-A1', begin: '2023-04-01', eind: '2023-04-30', categorie: '16' })) },
    ],
    [
      'a different ProductPeriode in the same month',
      { begin: '2023-04-16', eind: '2023-04-30' },
      { usage: usage(entry({ ref: 'RN-A1', begin: '2023-04-01', eind: '2023-04-15' })) },
    ],
    ['a credit line is not judged', credit({ vorigReferentieNummer: 'RN-A1' }), { usage: usage(april) }],
    ['no toewijzing, no usage', {}, { toewijzing: null }],
  ],
  nonCompliant: [
    ['an open debit of April', {}, { usage: usage(april) }],
    [
      'the same begin, another end: the first half of April would be paid twice',
      {},
      { usage: usage(entry({ ref: 'RN-A1', begin: '2023-04-01', eind: '2023-04-15' })) },
    ],
    [
      'a shorter period inside an open debit (the toewijzing now ends on 20 April)',
      { begin: '2023-04-01', eind: '2023-04-20', volume: 20, bedrag: 190000 },
      { usage: usage(april) },
    ],
    [
      'the replacement of a credited debit is open again',
      {},
      { usage: usage(april, aprilCredit, replacement) },
    ],
    [
      'a credit of another slot does not free this one',
      {},
      { usage: usage(april, creditOf(entry({ ref: 'RN-M1' }), 'RN-C2')) },
    ],
    [
      'a debit of another month was credited, April’s was not',
      {},
      { usage: usage(entry({ ref: 'RN-M1' }), creditOf(entry({ ref: 'RN-M1' }), 'RN-C2'), april) },
    ],
  ],
});
