import { TR332 } from '../../../../../pipeline/rules/state/toewijzing/TR332';
import type { ToewijzingVersion } from '../../../../../pipeline/state/items';
import { FLAVOURS, type ProductSpec, toewijzing } from '../../../../helpers/records';
import { expectedOnProducts } from '../../../../helpers/run-rule';
import { CLIENT, genericVersion, OTHER_CLIENT, version } from '../../../../helpers/state-context';

/** The version in effect for the default product: 15/15A02 for CLIENT. */
const current = version({ toewijzingsdatum: '2023-08-01' });
const budgetOnly = genericVersion();
const noProduct: ProductSpec = { productCategorie: null, productCode: null, omvang: null, budget: 500000 };

describe.each(FLAVOURS)('TR332 a ToewijzingNummer keeps its client and product (%s)', (flavour) => {
  it.each<[string, ProductSpec, string, ToewijzingVersion | null]>([
    ['a new ToewijzingNummer', {}, CLIENT, null],
    ['a new version for the same client and product', {}, CLIENT, current],
    [
      'a new version with another Omvang and Einddatum',
      { einddatum: '2024-06-30', omvang: { volume: 5, eenheid: '14', frequentie: '2' } },
      CLIENT,
      current,
    ],
    [
      'a removal (RedenWijziging 13) of the same toewijzing',
      { redenWijziging: '13', einddatum: '2023-09-01', ingangsdatum: '2023-09-01' },
      CLIENT,
      current,
    ],
    ['a generic (Budget) toewijzing again without product', noProduct, CLIENT, budgetOnly],
  ])('compliant: %s', (_, product, client, cur) => {
    const [regel] = toewijzing(flavour, [product]);
    expect(TR332(regel, client, cur)).toBeNull();
  });

  it.each<[string, ProductSpec, string, ToewijzingVersion | null]>([
    ['another client', {}, OTHER_CLIENT, current],
    ['another product code', { productCode: '15A07' }, CLIENT, current],
    ['another category', { productCategorie: '16', productCode: '15A02' }, CLIENT, current],
    ['another client and product', { productCode: '15A07' }, OTHER_CLIENT, current],
    [
      'the same client and product for another provider',
      {},
      CLIENT,
      version({ toewijzingsdatum: '2023-08-01', agb: '12340001' }),
    ],
    ['a product on a generic toewijzing', {}, CLIENT, budgetOnly],
    ['no product on a specific toewijzing', noProduct, CLIENT, current],
    ['an aspecific version (code left out) of a specific toewijzing', { productCode: null }, CLIENT, current],
  ])('non-compliant: %s', (_, product, client, cur) => {
    const regels = toewijzing(flavour, [product]);
    expect([TR332(regels[0], client, cur)]).toEqual(
      expectedOnProducts('TR332', regels, [[0, 'ToewijzingNummer']]),
    );
  });

  it('names the ToewijzingNummer of the right product', () => {
    const regels = toewijzing(flavour, [{}, { toewijzingNummer: 200 }, {}]);
    const f = TR332(regels[1], OTHER_CLIENT, current);
    expect(f).toEqual(expectedOnProducts('TR332', regels, [[1, 'ToewijzingNummer']])[0]);
    expect(f?.location).toBe(
      flavour === 'xml'
        ? 'Client/ToegewezenProduct[2]/ToewijzingNummer (regel 50)'
        : 'regel 3, kolom ToewijzingNummer',
    );
  });
});
