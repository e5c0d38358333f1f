import { TR340 } from '../../../../../pipeline/rules/state/declaratie/TR340';
import { credit, genericVersion, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

// The default line and toewijzing are both 15/15A02.
describeLineRule(TR340, {
  title: 'ProductCode equals the toewijzing’s',
  applies: 'D',
  field: 'ProductCode',
  compliant: [
    ['the same code', {}, {}],
    [
      'an aspecific toewijzing (category only)',
      { productCode: '15A07' },
      { toewijzing: version({ code: null }) },
    ],
    ['a generic toewijzing (Budget only)', { productCode: '15A07' }, { toewijzing: genericVersion() }],
    ['a credit of another code is not judged', credit({ productCode: '15A07' }), {}],
    ['no toewijzing', { productCode: '15A07' }, { toewijzing: null }],
  ],
  nonCompliant: [
    ['another code of the same category', { productCode: '15A07' }, {}],
    ['the code of the toewijzing in another case', { productCode: '15a02' }, {}],
  ],
});
