import { TR388 } from '../../../../../pipeline/rules/state/declaratie/TR388';
import type { LineSpec } from '../../../../helpers/records';
import { credit, type StateSpec, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

/** The IV089 example: toewijzing 08-04..17-06 gives 08-04..30-04, 01-05..31-05, 01-06..17-06. */
const iv089: StateSpec = { toewijzing: version({ ingangsdatum: '2023-04-08', einddatum: '2023-06-17' }) };
const period = (begin: string, eind: string): LineSpec => ({ begin, eind });

describeLineRule(TR388, {
  title: 'the ProductPeriode ends on the last day, or on an earlier Einddatum',
  applies: 'D',
  field: 'ProductPeriodeEinddatum',
  compliant: [
    ['IV089: 08-04..30-04', period('2023-04-08', '2023-04-30'), iv089],
    ['IV089: 01-05..31-05', period('2023-05-01', '2023-05-31'), iv089],
    ['IV089: 01-06..17-06 (Einddatum)', period('2023-06-01', '2023-06-17'), iv089],
    ['a whole month of an open toewijzing', {}, { toewijzing: version({ einddatum: null }) }],
    [
      'February in a leap year',
      period('2024-02-01', '2024-02-29'),
      { toewijzing: version({ einddatum: null }) },
    ],
    ['the toewijzing ended before the period: TR308 reports that', period('2023-06-20', '2023-06-30'), iv089],
    ['a credit ending mid-month is not judged', credit(period('2023-04-01', '2023-04-15')), {}],
    ['no toewijzing', period('2023-04-01', '2023-04-15'), { toewijzing: null }],
  ],
  nonCompliant: [
    ['IV089: April ending on the 29th', period('2023-04-08', '2023-04-29'), iv089],
    ['IV089: May ending on the 30th', period('2023-05-01', '2023-05-30'), iv089],
    ['IV089: June to the 30th, past the Einddatum 17-06', period('2023-06-01', '2023-06-30'), iv089],
    ['IV089: June ending before the Einddatum, on the 16th', period('2023-06-01', '2023-06-16'), iv089],
    [
      'mid-month in an open toewijzing',
      period('2023-04-01', '2023-04-15'),
      { toewijzing: version({ einddatum: null }) },
    ],
    [
      'February 28 in a leap year',
      period('2024-02-01', '2024-02-28'),
      { toewijzing: version({ einddatum: null }) },
    ],
    ['the first day only of a running toewijzing', period('2023-04-01', '2023-04-01'), {}],
  ],
});
