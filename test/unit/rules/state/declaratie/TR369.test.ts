import { TR369 } from '../../../../../pipeline/rules/state/declaratie/TR369';
import type { LineSpec } from '../../../../helpers/records';
import { credit, creditOf, entry, usage, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

/** A budget toewijzing of € 10.000,00 (no Omvang, CD077/CD078). */
const budget = version({ volume: null, eenheid: null, frequentie: null, budget: 1_000_000 });
/** A line in euro's (Eenheid 83): GeleverdVolume = IngediendBedrag in cents, no tarief (CS339, CD087). */
const euros = (cents: number): LineSpec => ({ eenheid: '83', volume: cents, tarief: null, bedrag: cents });
const earlier = entry({ ref: 'RN-E1', eenheid: '83', volume: 600_000, bedrag: 600_000 });

describeLineRule(TR369, {
  title: 'what is declared fits the Budget',
  applies: 'D',
  field: 'IngediendBedrag',
  compliant: [
    ['a first prestatie within the budget', euros(285_000), { toewijzing: budget }],
    ['up to the budget exactly: 6000 + 4000', euros(400_000), { toewijzing: budget, usage: usage(earlier) }],
    [
      'a credited debit no longer counts: 6000 − 6000 + 10000',
      euros(1_000_000),
      { toewijzing: budget, usage: usage(earlier, creditOf(earlier, 'RN-C1')) },
    ],
    [
      'other units count by amount: 30 × € 95,00 after € 7.150,00',
      {},
      { toewijzing: budget, usage: usage(entry({ ref: 'RN-E2', bedrag: 715_000 })) },
    ],
    ['no budget: volume rules judge it', euros(99_999_999), { usage: usage(earlier) }],
    ['a credit is not judged', credit(euros(2_000_000)), { toewijzing: budget, usage: usage(earlier) }],
    ['no toewijzing', euros(2_000_000), { toewijzing: null }],
  ],
  nonCompliant: [
    [
      'one cent over the budget: 6000 + 4000,01',
      euros(400_001),
      { toewijzing: budget, usage: usage(earlier) },
    ],
    ['one prestatie over the budget', euros(1_000_001), { toewijzing: budget }],
    [
      'other units by amount: 30 × € 95,00 after € 7.150,01',
      {},
      { toewijzing: budget, usage: usage(entry({ ref: 'RN-E2', bedrag: 715_001 })) },
    ],
    [
      'a partial credit frees only its amount: 6000 − 1000 + 5000,01',
      euros(500_001),
      {
        toewijzing: budget,
        usage: usage(earlier, creditOf(earlier, 'RN-C1', { volume: 100_000, bedrag: -100_000 })),
      },
    ],
  ],
});
