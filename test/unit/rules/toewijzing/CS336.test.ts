import { CS336 } from '../../../../pipeline/rules/toewijzing/CS336';
import { describeToewijzingRule } from '../../../helpers/rule-cases';

describeToewijzingRule(CS336, {
  title: 'RedenWijziging 01 is not used',
  compliant: [
    ['no RedenWijziging', [{ redenWijziging: null }]],
    ['14, the administratieve correctie that replaces 01', [{ redenWijziging: '14' }]],
    ['another reason', [{ redenWijziging: '07' }]],
  ],
  nonCompliant: [
    ['01', [{ redenWijziging: '01' }], [[0, 'RedenWijziging']]],
    [
      'on two products',
      [{ redenWijziging: '01' }, {}, { redenWijziging: '01' }],
      [
        [0, 'RedenWijziging'],
        [2, 'RedenWijziging'],
      ],
    ],
  ],
});
