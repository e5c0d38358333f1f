import { TR308 } from '../../../../../pipeline/rules/state/declaratie/TR308';
import { credit, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

// The default line declares 2023-04-01..2023-04-30.
describeLineRule(TR308, {
  title: 'the ProductPeriode ends within the toewijzing',
  applies: 'D',
  field: 'ProductPeriodeEinddatum',
  compliant: [
    ['a toewijzing over the whole year', {}, {}],
    ['end on the Einddatum', {}, { toewijzing: version({ einddatum: '2023-04-30' }) }],
    [
      'end on the Ingangsdatum',
      { begin: '2023-04-30', eind: '2023-04-30' },
      { toewijzing: version({ ingangsdatum: '2023-04-30' }) },
    ],
    ['a toewijzing without Einddatum', {}, { toewijzing: version({ einddatum: null }) }],
    [
      'a credit outside the toewijzing is not judged',
      credit(),
      { toewijzing: version({ einddatum: '2023-04-17' }) },
    ],
    ['no toewijzing: TR338 reports that', {}, { toewijzing: null }],
  ],
  nonCompliant: [
    ['end the day after the Einddatum', {}, { toewijzing: version({ einddatum: '2023-04-29' }) }],
    ['end after a mid-month Einddatum', {}, { toewijzing: version({ einddatum: '2023-04-17' }) }],
    ['end before the Ingangsdatum', {}, { toewijzing: version({ ingangsdatum: '2023-05-01' }) }],
  ],
});
