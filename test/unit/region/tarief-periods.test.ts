import { type NumberedTarief, tariefPeriodProblems } from '../../../pipeline/region/tarief-periods';
import type { TariefRow } from '../../../schemas/csv';

const base: TariefRow = {
  agbCode: '12340001',
  productCategorie: '15',
  productCode: '15A02',
  eenheid: '14',
  productTarief: 10950,
  ingangsdatum: '2020-01-01',
  einddatum: '2022-12-31',
  vestigingGemeente: '0983',
};
const rows = (...changes: Partial<TariefRow>[]): NumberedTarief[] =>
  changes.map((c, i) => ({ row: i + 2, tarief: { ...base, ...c } }));

describe('tariefPeriodProblems', () => {
  test.each([
    ['one row', rows({})],
    [
      'a new tariff from the day after the old one ends',
      rows({}, { ingangsdatum: '2023-01-01', einddatum: null, productTarief: 11388 }),
    ],
    ['the same row twice', rows({}, {})],
    ['another unit on the same days', rows({}, { eenheid: '16', productTarief: 20 })],
    ['another provider on the same days', rows({}, { agbCode: '12340002', productTarief: 9000 })],
    ['a one-day period', rows({ ingangsdatum: '2021-03-01', einddatum: '2021-03-01' })],
  ])('sound: %s', (_, given) => {
    expect(tariefPeriodProblems(given)).toEqual([]);
  });

  test('an Einddatum before the Ingangsdatum names row and column', () => {
    expect(tariefPeriodProblems(rows({}, { ingangsdatum: '2021-06-01', einddatum: '2021-01-31' }))).toEqual([
      'regel 3, kolom Einddatum: Einddatum 2021-01-31 ligt voor Ingangsdatum 2021-06-01',
    ]);
  });

  test('two tariffs for one day name the later row, the earlier one and what differs', () => {
    expect(
      tariefPeriodProblems(
        rows({}, { ingangsdatum: '2021-01-01', einddatum: '2021-12-31', productTarief: 99999 }),
      ),
    ).toEqual([
      'regel 3, kolom Ingangsdatum: de periode 2021-01-01 t/m 2021-12-31 overlapt met regel 2 (2020-01-01 t/m 2022-12-31) voor AgbCode 12340001, product 15/15A02 en Eenheid 14, met een andere ProductTarief: welk contract geldt is dan niet eenduidig',
    ]);
  });

  test('an open-ended row overlaps every later start; the first row in the file is named as the earlier one', () => {
    const found = tariefPeriodProblems(
      rows(
        { ingangsdatum: '2024-01-01', einddatum: null, vestigingGemeente: '0988' },
        { ingangsdatum: '2023-01-01', einddatum: null },
      ),
    );
    expect(found).toEqual([
      'regel 3, kolom Ingangsdatum: de periode 2023-01-01 t/m open einde overlapt met regel 2 (2024-01-01 t/m open einde) voor AgbCode 12340001, product 15/15A02 en Eenheid 14, met een andere VestigingGemeente: welk contract geldt is dan niet eenduidig',
    ]);
  });

  test('every problem is listed, in row order', () => {
    const found = tariefPeriodProblems(
      rows(
        {},
        { ingangsdatum: '2022-12-31', einddatum: '2023-06-30', productTarief: 1 },
        { ingangsdatum: '2021-05-01', einddatum: '2021-04-01' },
      ),
    );
    expect(found.map((p) => p.slice(0, 8))).toEqual(['regel 3,', 'regel 4,']);
  });
});
