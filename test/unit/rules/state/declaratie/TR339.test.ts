import { TR339 } from '../../../../../pipeline/rules/state/declaratie/TR339';
import { credit, genericVersion, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

// The default line and toewijzing are both 15/15A02.
describeLineRule(TR339, {
  title: 'ProductCategorie equals the toewijzing’s',
  applies: 'D',
  field: 'ProductCategorie',
  compliant: [
    ['the same category', {}, {}],
    ['the same category, another code: TR340 reports that', { productCode: '15A07' }, {}],
    [
      'a generic toewijzing (Budget only, no category)',
      { productCategorie: '16', productCode: '16A02' },
      { toewijzing: genericVersion() },
    ],
    ['a credit of another category is not judged', credit({ productCategorie: '16' }), {}],
    ['no toewijzing', { productCategorie: '16' }, { toewijzing: null }],
  ],
  nonCompliant: [
    ['another category', { productCategorie: '16', productCode: '16A02' }, {}],
    ['another category, same code', { productCategorie: '16' }, {}],
    [
      'an aspecific toewijzing (category only) of another category',
      { productCategorie: '17', productCode: '17A00' },
      { toewijzing: version({ code: null }) },
    ],
  ],
});
