import { CS336 } from '../../../../pipeline/rules/toewijzing/CS336';
import { FLAVOURS, type ProductSpec, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

describe.each(FLAVOURS)('CS336 RedenWijziging 01 is not used (%s)', (flavour) => {
  it.each<[string, ProductSpec[]]>([
    ['no RedenWijziging', [{ redenWijziging: null }]],
    ['14, the administratieve correctie that replaces 01', [{ redenWijziging: '14' }]],
    ['another reason', [{ redenWijziging: '07' }]],
  ])('compliant: %s', (_, products) => {
    expect(runToewijzingRule(CS336, toewijzing(flavour, products))).toEqual([]);
  });

  it.each<[string, ProductSpec[], At[]]>([
    ['01', [{ redenWijziging: '01' }], [[0, 'RedenWijziging']]],
    [
      'on two products',
      [{ redenWijziging: '01' }, {}, { redenWijziging: '01' }],
      [
        [0, 'RedenWijziging'],
        [2, 'RedenWijziging'],
      ],
    ],
  ])('non-compliant: %s', (_, products, where) => {
    const regels = toewijzing(flavour, products);
    expect(runToewijzingRule(CS336, regels)).toEqual(expectedOnProducts('CS336', regels, where));
  });
});
