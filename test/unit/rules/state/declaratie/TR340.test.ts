import { TR340 } from '../../../../../pipeline/rules/state/declaratie/TR340';
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
describe.each(FLAVOURS)('TR340 ProductCode equals the toewijzing’s (%s)', (flavour) => {
  it('judges debits only', () => {
    expect(TR340.applies).toBe('D');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['the same code', {}, {}],
    [
      'an aspecific toewijzing (category only)',
      { productCode: '15A07' },
      { toewijzing: version({ code: null }) },
    ],
    [
      'a generic toewijzing (Budget only)',
      { productCode: '15A07' },
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
    ['a credit of another code is not judged', credit({ productCode: '15A07' }), {}],
    ['no toewijzing', { productCode: '15A07' }, { toewijzing: null }],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR340, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['another code of the same category', { productCode: '15A07' }, {}],
    ['the code of the toewijzing in another case', { productCode: '15a02' }, {}],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR340, c)).toEqual(expectedAt('TR340', c, 'ProductCode'));
  });
});
