import { TR341 } from '../../../../../pipeline/rules/state/declaratie/TR341';
import type { LineSpec } from '../../../../helpers/records';
import { credit, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

const hours = version({ code: '15A30', volume: 3, eenheid: '04' });
const inUnit = (eenheid: string, more: LineSpec = {}): LineSpec => ({
  productCode: '15A30',
  eenheid,
  ...more,
});

describeLineRule(TR341, {
  title: 'the Eenheid fits the toewijzing',
  applies: 'D',
  field: 'Eenheid',
  compliant: [
    ['etmalen on an etmaal toewijzing', {}, {}],
    ['hours on an hour toewijzing', inUnit('04'), { toewijzing: hours }],
    ['minutes on an hour toewijzing (IV081)', inUnit('01'), { toewijzing: hours }],
    [
      'no Omvang (a Budget toewijzing)',
      inUnit('01'),
      { toewijzing: version({ volume: null, eenheid: null, frequentie: null, budget: 100000 }) },
    ],
    ['a credit in another unit is not judged', credit({ eenheid: '04' }), {}],
    ['no toewijzing', { eenheid: '04' }, { toewijzing: null }],
  ],
  nonCompliant: [
    ['hours on an etmaal toewijzing', { eenheid: '04' }, {}],
    ['dagdelen on an etmaal toewijzing', { eenheid: '16' }, {}],
    ['etmalen on an hour toewijzing', inUnit('14'), { toewijzing: hours }],
    [
      'hours on a minute toewijzing (only hours may go to minutes)',
      inUnit('04'),
      { toewijzing: version({ eenheid: '01' }) },
    ],
    ["euro's on a stuks toewijzing", { eenheid: '83' }, { toewijzing: version({ eenheid: '82' }) }],
    [
      'stuks (inspanning) on a stuks (output) toewijzing',
      { eenheid: '84' },
      { toewijzing: version({ eenheid: '82' }) },
    ],
  ],
});
