import { TR339 } from '../../../../../pipeline/rules/state/declaratie/TR339';
import { FLAVOURS, type LineSpec } from '../../../../helpers/records';
import {
  credit,
  expectedAt,
  judge,
  prestatieContext,
  type StateSpec,
  version,
} from '../../../../helpers/state-context';

// The default line and toewijzing are both 15/15A02.
describe.each(FLAVOURS)('TR339 ProductCategorie equals the toewijzing’s (%s)', (flavour) => {
  it('judges debits only', () => {
    expect(TR339.applies).toBe('D');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['the same category', {}, {}],
    ['the same category, another code: TR340 reports that', { productCode: '15A07' }, {}],
    [
      'a generic toewijzing (Budget only, no category)',
      { productCategorie: '16', productCode: '16A02' },
      {
        toewijzing: version({
          categorie: null,
          code: null,
          volume: null,
          eenheid: null,
          frequentie: null,
          budget: 500000,
        }),
      },
    ],
    ['a credit of another category is not judged', credit({ productCategorie: '16' }), {}],
    ['no toewijzing', { productCategorie: '16' }, { toewijzing: null }],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR339, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['another category', { productCategorie: '16', productCode: '16A02' }, {}],
    ['another category, same code', { productCategorie: '16' }, {}],
    [
      'an aspecific toewijzing (category only) of another category',
      { productCategorie: '17', productCode: '17A00' },
      { toewijzing: version({ code: null }) },
    ],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR339, c)).toEqual(expectedAt('TR339', c, 'ProductCategorie'));
  });
});
