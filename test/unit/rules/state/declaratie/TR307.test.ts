import { TR307 } from '../../../../../pipeline/rules/state/declaratie/TR307';
import { credit, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

// The default line declares 2023-04-01..2023-04-30.
describeLineRule(TR307, {
  title: 'the ProductPeriode begins within the toewijzing',
  applies: 'D',
  field: 'ProductPeriodeBegindatum',
  compliant: [
    ['a toewijzing over the whole year', {}, {}],
    ['begin on the Ingangsdatum', {}, { toewijzing: version({ ingangsdatum: '2023-04-01' }) }],
    [
      'begin on the Einddatum',
      { begin: '2023-04-30', eind: '2023-04-30' },
      { toewijzing: version({ einddatum: '2023-04-30' }) },
    ],
    ['a toewijzing without Einddatum', {}, { toewijzing: version({ einddatum: null }) }],
    [
      'a credit outside the toewijzing is not judged',
      credit(),
      { toewijzing: version({ ingangsdatum: '2023-05-01' }) },
    ],
    ['no toewijzing: TR338 reports that', {}, { toewijzing: null }],
  ],
  nonCompliant: [
    ['begin the day before the Ingangsdatum', {}, { toewijzing: version({ ingangsdatum: '2023-04-02' }) }],
    ['begin before a mid-month Ingangsdatum', {}, { toewijzing: version({ ingangsdatum: '2023-04-08' }) }],
    ['begin after the Einddatum', {}, { toewijzing: version({ einddatum: '2023-03-31' }) }],
    [
      'begin before the Ingangsdatum of an open toewijzing',
      {},
      { toewijzing: version({ ingangsdatum: '2023-05-01', einddatum: null }) },
    ],
  ],
});
