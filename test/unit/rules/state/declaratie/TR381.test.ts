import { TR381 } from '../../../../../pipeline/rules/state/declaratie/TR381';
import type { ReferenceData } from '../../../../../pipeline/rules/state/types';
import { FLAVOURS, type LineSpec } from '../../../../helpers/records';
import {
  credit,
  expectedAt,
  judge,
  nmlReference,
  prestatieContext,
  type StateSpec,
} from '../../../../helpers/state-context';

// The stub's product list: 15/15A02, 15/15A01, 15/15A30.
describe.each(FLAVOURS)('TR381 the ProductCode belongs to the ProductCategorie (%s)', (flavour) => {
  it('judges debits only', () => {
    expect(TR381.applies).toBe('D');
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['15/15A02 on the list', {}, {}],
    ['15/15A01 on the list', { productCode: '15A01' }, {}],
    ['judged without toewijzing too', {}, { toewijzing: null }],
    ['a credit is not judged', credit({ productCode: '15X99' }), {}],
  ])('compliant: %s', (_, line, spec) => {
    expect(judge(TR381, prestatieContext(flavour, line, spec))).toEqual([]);
  });

  it.each<[string, LineSpec, StateSpec]>([
    ['a code not on the list', { productCode: '15X99' }, {}],
    ['a listed code under another category', { productCategorie: '16' }, {}],
    ['a code in another case', { productCode: '15a02' }, {}],
  ])('non-compliant: %s', (_, line, spec) => {
    const c = prestatieContext(flavour, line, spec);
    expect(judge(TR381, c)).toEqual(expectedAt('TR381', c, 'ProductCode'));
  });
});

describe.each(FLAVOURS)('TR381 against the product list of examples/regions/nml (%s)', (flavour) => {
  let ref: ReferenceData;
  beforeAll(async () => {
    ref = await nmlReference();
  });

  it.each<[string, LineSpec]>([
    ['16/16002 vrouwenopvang', { productCategorie: '16', productCode: '16002' }],
    ['17/17A00 spoedopvang', { productCategorie: '17', productCode: '17A00' }],
    ['18/18A00 trajectbegeleiding', { productCategorie: '18', productCode: '18A00' }],
  ])('compliant: %s', (_, line) => {
    expect(judge(TR381, prestatieContext(flavour, line, { ref }))).toEqual([]);
  });

  it.each<[string, LineSpec]>([
    ['16002 under category 15', { productCode: '16002' }],
    ['15A02 under category 16', { productCategorie: '16' }],
    ['a legacy standard code the region does not use (15A00)', { productCode: '15A00' }],
  ])('non-compliant: %s', (_, line) => {
    const c = prestatieContext(flavour, line, { ref });
    expect(judge(TR381, c)).toEqual(expectedAt('TR381', c, 'ProductCode'));
  });
});
