import { TR381 } from '../../../../../pipeline/rules/state/declaratie/TR381';
import { credit } from '../../../../helpers/state-context';
import { describeLineRule, describeLineRuleInRegion } from '../../../../helpers/state-rule-cases';

// The stub's product list: 15/15A02, 15/15A01, 15/15A30.
describeLineRule(TR381, {
  title: 'the ProductCode belongs to the ProductCategorie',
  applies: 'D',
  field: 'ProductCode',
  compliant: [
    ['15/15A02 on the list', {}, {}],
    ['15/15A01 on the list', { productCode: '15A01' }, {}],
    ['judged without toewijzing too', {}, { toewijzing: null }],
    ['a credit is not judged', credit({ productCode: '15X99' }), {}],
  ],
  nonCompliant: [
    ['a code not on the list', { productCode: '15X99' }, {}],
    ['a listed code under another category', { productCategorie: '16' }, {}],
    ['a code in another case', { productCode: '15a02' }, {}],
  ],
});

describeLineRuleInRegion(TR381, {
  title: 'against the product list of examples/regions/nml',
  field: 'ProductCode',
  compliant: [
    ['16/16002 vrouwenopvang', { productCategorie: '16', productCode: '16002' }],
    ['17/17A00 spoedopvang', { productCategorie: '17', productCode: '17A00' }],
    ['18/18A00 trajectbegeleiding', { productCategorie: '18', productCode: '18A00' }],
  ],
  nonCompliant: [
    ['16002 under category 15', { productCode: '16002' }],
    ['15A02 under category 16', { productCategorie: '16' }],
    ['a legacy standard code the region does not use (15A00)', { productCode: '15A00' }],
  ],
});
