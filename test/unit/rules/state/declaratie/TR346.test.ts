import { TR346 } from '../../../../../pipeline/rules/state/declaratie/TR346';
import type { LineSpec } from '../../../../helpers/records';
import { AGB, credit, type StateSpec, stubReference, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

/** 15A30: hourly contract tariff € 71,66 in the stub; the toewijzing assigns hours. */
const hours = version({ code: '15A30', volume: 3, eenheid: '04' });
const line = (eenheid: string, volume: number, bedrag: number, tarief = 7166): LineSpec => ({
  productCode: '15A30',
  eenheid,
  volume,
  tarief,
  bedrag,
});
const budgetOnly = version({ code: null, volume: null, eenheid: null, frequentie: null, budget: 1_000_000 });
/** A product with a contract tariff per minute (€ 1,20). */
const perMinuteRef = stubReference({
  tarieven: [
    {
      agbCode: AGB,
      productCategorie: '15',
      productCode: '15A31',
      eenheid: '01',
      productTarief: 120,
      ingangsdatum: '2023-01-01',
      einddatum: null,
      vestigingGemeente: '0983',
    },
  ],
});
/** Assigned in minutes. */
const perMinute: StateSpec = {
  toewijzing: version({ code: '15A31', volume: 600, eenheid: '01', frequentie: '4' }),
  ref: perMinuteRef,
};
/** Assigned in hours, while the contract tariff is per minute: the tariff's unit decides. */
const perMinuteOnHours: StateSpec = {
  toewijzing: version({ code: '15A31', volume: 10, eenheid: '04', frequentie: '4' }),
  ref: perMinuteRef,
};

describeLineRule(TR346, {
  title: 'IngediendBedrag = GeleverdVolume × ProductTarief',
  applies: 'D',
  field: 'IngediendBedrag',
  compliant: [
    ['30 etmalen × € 95,00 = € 2.850,00', {}, {}],
    ['4 hours × € 71,66 = € 286,64', line('04', 4, 28664), { toewijzing: hours }],
    [
      'an outputgericht piece: 1 × € 3.224,00',
      { productCode: '15A01', eenheid: '82', volume: 1, tarief: 322400, bedrag: 322400 },
      {},
    ],
    [
      'a declared tariff other than the contract’s is TR418’s: 30 × € 90,00',
      { tarief: 9000, bedrag: 270000 },
      {},
    ],
    [
      'hours declared in minutes: 45 min × € 71,66 ÷ 60 = € 53,745, half up € 53,75',
      line('01', 45, 5375),
      { toewijzing: hours },
    ],
    [
      'hours declared in minutes: 50 min × € 71,66 ÷ 60 = € 59,7166… → € 59,72',
      line('01', 50, 5972),
      { toewijzing: hours },
    ],
    [
      'hours declared in minutes: 90 min × € 71,66 ÷ 60 = € 107,49',
      line('01', 90, 10749),
      { toewijzing: hours },
    ],
    [
      'minutes against an hourly contract tariff when the toewijzing has no unit (Budget)',
      line('01', 45, 5375),
      { toewijzing: budgetOnly },
    ],
    [
      'minutes against an hourly contract tariff without toewijzing',
      line('01', 45, 5375),
      { toewijzing: null },
    ],
    [
      'a tariff per minute: 45 × € 1,20 = € 54,00',
      { ...line('01', 45, 5400, 120), productCode: '15A31' },
      perMinute,
    ],
    [
      'a contract tariff per minute on an hourly toewijzing: 45 × € 1,20 = € 54,00',
      { ...line('01', 45, 5400, 120), productCode: '15A31' },
      perMinuteOnHours,
    ],
    [
      'minutes on an hourly toewijzing, the product contracted per etmaal only (TR418 rejects the tariff): ÷ 60',
      { ...line('01', 45, 5375), productCode: '15A02' },
      { toewijzing: version({ code: '15A02', volume: 3, eenheid: '04' }) },
    ],
    [
      'minutes on an hourly toewijzing without contract (TR418 rejects it): the toewijzing’s unit, ÷ 60',
      { ...line('01', 45, 5375), productCode: '15A39' },
      { toewijzing: version({ code: '15A39', volume: 3, eenheid: '04' }) },
    ],
    [
      "euro's (83): no tariff, CS339 judges the amount",
      { eenheid: '83', volume: 1000, tarief: null, bedrag: 1000 },
      {},
    ],
    [
      "euro's (83) with a stray ProductTarief: CD087's, not TR346's",
      { eenheid: '83', volume: 1000, tarief: 100, bedrag: 1000 },
      {},
    ],
    ['no ProductTarief: CD087 reports that', { tarief: null, bedrag: 1 }, {}],
    ['a credit is not judged (TR323 compares it with its debit)', credit({ bedrag: 1 }), {}],
  ],
  nonCompliant: [
    ['one cent short: 30 × € 95,00 ≠ € 2.849,99', { bedrag: 284999 }, {}],
    ['one cent over', { bedrag: 285001 }, {}],
    ['the amount of another volume', { volume: 29 }, {}],
    [
      'hours declared in minutes, rounded down instead of half up',
      line('01', 45, 5374),
      { toewijzing: hours },
    ],
    ['hours declared in minutes, rounded down: € 59,71', line('01', 50, 5971), { toewijzing: hours }],
    [
      'hours declared in minutes, billed as hours: 45 × € 71,66',
      line('01', 45, 45 * 7166),
      { toewijzing: hours },
    ],
    [
      'minutes against an hourly contract tariff (Budget toewijzing), not divided by 60',
      line('01', 45, 45 * 7166),
      { toewijzing: budgetOnly },
    ],
    ['a tariff per minute divided by 60', { ...line('01', 45, 90, 120), productCode: '15A31' }, perMinute],
    [
      'a contract tariff per minute on an hourly toewijzing, divided by 60',
      { ...line('01', 45, 90, 120), productCode: '15A31' },
      perMinuteOnHours,
    ],
    [
      'minutes on an hourly toewijzing without contract, not divided by 60',
      { ...line('01', 45, 45 * 7166), productCode: '15A39' },
      { toewijzing: version({ code: '15A39', volume: 3, eenheid: '04' }) },
    ],
  ],
});
