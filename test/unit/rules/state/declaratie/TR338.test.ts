import { TR338 } from '../../../../../pipeline/rules/state/declaratie/TR338';
import { credit, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

describeLineRule(TR338, {
  title: 'the prestatie refers to a toewijzing of this provider',
  applies: 'DC',
  field: 'ToewijzingNummer',
  compliant: [
    ['a toewijzing of the sender', {}, {}],
    ['a credit on a toewijzing of the sender', credit(), {}],
    [
      'a removed toewijzing of the sender: TR384 reports that',
      {},
      { toewijzing: version({ redenWijziging: '13' }) },
    ],
  ],
  nonCompliant: [
    ['no toewijzing with this number', {}, { toewijzing: null }],
    ['a toewijzing of another provider', {}, { toewijzing: version({ agb: '12340001' }) }],
    ['a credit without toewijzing', credit(), { toewijzing: null }],
    ['a credit on a toewijzing of another provider', credit(), { toewijzing: version({ agb: '12340001' }) }],
  ],
});
