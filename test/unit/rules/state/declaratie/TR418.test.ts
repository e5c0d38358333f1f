import { TR418 } from '../../../../../pipeline/rules/state/declaratie/TR418';
import type { LineSpec } from '../../../../helpers/records';
import { credit, STUB_DATA, stubReference, tariefRow, version } from '../../../../helpers/state-context';
import { describeLineRule, describeLineRuleInRegion } from '../../../../helpers/state-rule-cases';

// Stub contract: 65656055, 15/15A02 per etmaal € 90,00 in 2022 and € 95,00 from 2023.
const in2022: LineSpec = {
  begin: '2022-12-01',
  eind: '2022-12-31',
  volume: 31,
  tarief: 9000,
  bedrag: 279000,
};

/** 15A02 contracted per etmaal (€ 95,00) and per dagdeel (€ 25,00). */
const perDagdeel = stubReference({ tarieven: [...STUB_DATA.tarieven, tariefRow('15A02', '16', 2500)] });

describeLineRule(TR418, {
  title: 'ProductTarief equals the contract tariff',
  applies: 'D',
  field: 'ProductTarief',
  compliant: [
    ['the 2023 tariff in 2023', {}, {}],
    ['the 2022 tariff in 2022', in2022, {}],
    [
      'the hourly tariff for hours declared in minutes',
      { productCode: '15A30', eenheid: '01', volume: 45, tarief: 7166, bedrag: 5375 },
      {},
    ],
    [
      "euro's (83) for a contracted product: no tariff to compare",
      { eenheid: '83', volume: 1000, tarief: null, bedrag: 1000 },
      {},
    ],
    ['a credit is not judged', credit({ tarief: 1 }), {}],
    ['the contract is judged without a toewijzing too', {}, { toewijzing: null }],
  ],
  nonCompliant: [
    ['the 2022 tariff in 2023', { tarief: 9000, bedrag: 270000 }, {}],
    ['the 2023 tariff in 2022', { ...in2022, tarief: 9500, bedrag: 294500 }, {}],
    ['one cent more', { tarief: 9501, bedrag: 285030 }, {}],
    ['no contract for this product', { productCode: '15A07' }, { toewijzing: version({ code: '15A07' }) }],
    [
      'no contract for this provider',
      { bericht: { afzender: '12340001' } },
      { toewijzing: version({ agb: '12340001' }) },
    ],
    ['no contract yet on the begin date', { begin: '2021-06-01', eind: '2021-06-30' }, {}],
    ['no ProductTarief although Eenheid ≠ 83', { tarief: null }, {}],
    // OP302: on a generic (budget) toewijzing any contracted product, not any product.
    [
      "euro's (83) for a product the provider has no contract for",
      { productCode: '15A07', eenheid: '83', volume: 500000, tarief: null, bedrag: 500000 },
      {
        toewijzing: version({ code: null, volume: null, eenheid: null, frequentie: null, budget: 2_000_000 }),
      },
    ],
    [
      'dagdelen at the tariff per etmaal: the contract has none per dagdeel',
      { eenheid: '16', volume: 60, tarief: 9500, bedrag: 570000 },
      {
        toewijzing: version({ code: null, volume: null, eenheid: null, frequentie: null, budget: 1_000_000 }),
      },
    ],
    [
      'dagdelen at the etmaal tariff where the contract has one per dagdeel',
      { eenheid: '16', volume: 60, tarief: 9500, bedrag: 570000 },
      { ref: perDagdeel },
    ],
  ],
});

describeLineRule(TR418, {
  title: 'a contract with tariffs in two units',
  applies: 'D',
  field: 'ProductTarief',
  compliant: [
    ['the tariff per etmaal for etmalen', {}, { ref: perDagdeel }],
    [
      'the tariff per dagdeel for dagdelen',
      { eenheid: '16', volume: 60, tarief: 2500, bedrag: 150000 },
      { ref: perDagdeel },
    ],
  ],
  nonCompliant: [
    ['the tariff per dagdeel for etmalen', { tarief: 2500, bedrag: 75000 }, { ref: perDagdeel }],
  ],
});

// tarieven.csv: 12340001, 15/15A02 per etmaal € 109,50 in 2020..2022 and € 113,88 from 2023.
const at = (line: LineSpec): LineSpec => ({ ...line, bericht: { afzender: '12340001' } });

describeLineRuleInRegion(TR418, {
  title: 'against the tariffs of examples/regions/nml',
  field: 'ProductTarief',
  spec: (ref) => ({ ref, toewijzing: version({ agb: '12340001' }) }),
  compliant: [
    ['€ 113,88 in April 2023', at({ tarief: 11388, bedrag: 30 * 11388 })],
    [
      '€ 109,50 in December 2022',
      at({ begin: '2022-12-01', eind: '2022-12-31', volume: 31, tarief: 10950, bedrag: 31 * 10950 }),
    ],
  ],
  nonCompliant: [
    ['€ 109,50 in April 2023', at({ tarief: 10950, bedrag: 30 * 10950 })],
    [
      'a product without contract for this provider (16/16002)',
      at({ productCategorie: '16', productCode: '16002', tarief: 12272 }),
    ],
    ['the default sender 65656055 has no contract in the region', { tarief: 11388, bedrag: 30 * 11388 }],
  ],
});
