import { TR134 } from '../../../../pipeline/rules/toewijzing/TR134';
import { type ProductSpec, type ToewijzingOverrides, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

// The default WMO301 is dated 2023-08-13; its products were assigned on that day.
describe('TR134 Toewijzingsdatum and Geboortedatum not after the Dagtekening (xml)', () => {
  it.each<[string, ProductSpec[], ToewijzingOverrides]>([
    ['assigned on the dagtekening', [{ toewijzingsdatum: '2023-08-13' }], {}],
    ['assigned earlier', [{ toewijzingsdatum: '2023-07-01' }], {}],
    [
      'Ingangsdatum and Einddatum in the future',
      [{ ingangsdatum: '2024-01-01', einddatum: '2024-12-31' }],
      {},
    ],
    ['born on the dagtekening', [{}], { client: { geboortedatum: '2023-08-13' } }],
    ['no Geboortedatum', [{}], { client: { geboortedatum: null } }],
  ])('compliant: %s', (_, products, overrides) => {
    expect(runToewijzingRule(TR134, toewijzing('xml', products, overrides))).toEqual([]);
  });

  it.each<[string, ProductSpec[], ToewijzingOverrides, At[]]>([
    ['assigned a day after', [{ toewijzingsdatum: '2023-08-14' }], {}, [[0, 'Toewijzingsdatum']]],
    [
      'each product assigned after',
      [{ toewijzingsdatum: '2023-09-01' }, {}, { toewijzingsdatum: '2024-01-01' }],
      {},
      [
        [0, 'Toewijzingsdatum'],
        [2, 'Toewijzingsdatum'],
      ],
    ],
    [
      'born after the dagtekening, once per client',
      [{}, {}],
      { client: { geboortedatum: '2023-08-14' } },
      [[0, 'Geboortedatum']],
    ],
  ])('non-compliant: %s', (_, products, overrides, where) => {
    const regels = toewijzing('xml', products, overrides);
    expect(runToewijzingRule(TR134, regels)).toEqual(expectedOnProducts('TR134', regels, where));
  });
});

it('TR134 does not apply to a CSV: it has no message date', () => {
  expect(runToewijzingRule(TR134, toewijzing('csv', [{ toewijzingsdatum: '2099-01-01' }]))).toEqual([]);
});
