import { TR384 } from '../../../../../pipeline/rules/state/declaratie/TR384';
import { credit, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

describeLineRule(TR384, {
  title: 'no declaring on a removed toewijzing (RedenWijziging 13)',
  applies: 'D',
  field: 'ToewijzingNummer',
  compliant: [
    ['a toewijzing without RedenWijziging', {}, {}],
    ['a shortened toewijzing (05)', {}, { toewijzing: version({ redenWijziging: '05' }) }],
    ['an administrative correction (14)', {}, { toewijzing: version({ redenWijziging: '14' }) }],
    ['a credit on a removed toewijzing', credit(), { toewijzing: version({ redenWijziging: '13' }) }],
    ['no toewijzing', {}, { toewijzing: null }],
  ],
  nonCompliant: [
    ['a removed toewijzing', {}, { toewijzing: version({ redenWijziging: '13' }) }],
    [
      'a removed toewijzing (Ingangsdatum = Einddatum, CS335)',
      {},
      { toewijzing: version({ redenWijziging: '13', ingangsdatum: '2023-04-01', einddatum: '2023-04-01' }) },
    ],
  ],
});
