import { CS338 } from '../../../../pipeline/rules/toewijzing/CS338';
import { FLAVOURS, type ProductSpec, toewijzing } from '../../../helpers/records';
import { expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

const omvang = (eenheid: string, frequentie: string): ProductSpec => ({
  omvang: { volume: 5, eenheid, frequentie },
});

describe.each(FLAVOURS)('CS338 with Eenheid 14, 16, 83 or 84 the Frequentie is 2, 4 or 6 (%s)', (flavour) => {
  it.each<[string, ProductSpec]>([
    ...['14', '16', '83', '84'].flatMap((e) =>
      ['2', '4', '6'].map((f): [string, ProductSpec] => [`Eenheid ${e}, Frequentie ${f}`, omvang(e, f)]),
    ),
    ['hours per day (the rule does not apply)', omvang('04', '1')],
    ['minutes per day', omvang('01', '1')],
    ['stuks (output) per day', omvang('82', '1')],
    ['no Omvang (a budget)', { omvang: null, budget: 100000 }],
  ])('compliant: %s', (_, product) => {
    expect(runToewijzingRule(CS338, toewijzing(flavour, [product]))).toEqual([]);
  });

  it.each<[string, ProductSpec]>([
    ['etmaal per dag', omvang('14', '1')],
    ['dagdeel per dag', omvang('16', '1')],
    ["euro's per dag", omvang('83', '1')],
    ['stuks (inspanning) per dag', omvang('84', '1')],
    ['etmaal with a 2.1-era frequentie 3 (per vier weken)', omvang('14', '3')],
    ['dagdeel with a 2.1-era frequentie 5 (per jaar)', omvang('16', '5')],
  ])('non-compliant: %s', (_, product) => {
    const regels = toewijzing(flavour, [{}, product]);
    expect(runToewijzingRule(CS338, regels)).toEqual(
      expectedOnProducts('CS338', regels, [[1, 'Frequentie']]),
    );
  });
});
