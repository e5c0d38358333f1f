import { TR321 } from '../../../../../pipeline/rules/state/declaratie/TR321';
import type { LineSpec } from '../../../../helpers/records';
import { credit, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

/*
 * Calendar facts used below: 2023-04-01 is a Saturday and 2023-04-30 a Sunday, so April 2023 touches 5 calendar
 * weeks and has 5 Sundays. July 2023 runs from Saturday 1 to Monday 31: it touches 6 calendar weeks but has 5
 * Sundays (2, 9, 16, 23, 30). 2023-07-19 is a Wednesday, 2023-07-16 a Sunday.
 */
const JULY: LineSpec = { begin: '2023-07-01', eind: '2023-07-31' };
const perDay = version({ volume: 1, frequentie: '1' });
const perMonth = version({ volume: 30, frequentie: '4' });
const total = version({ volume: 100, frequentie: '6' });
/** 15A01 is outputgericht in the stub; one piece per week. */
const output = (einddatum: string) => version({ code: '15A01', volume: 1, eenheid: '82', einddatum });
const outputLine = (more: LineSpec): LineSpec => ({
  productCode: '15A01',
  eenheid: '82',
  tarief: 322400,
  ...more,
});
/** 15A30 is inspanningsgericht in the stub; 3 hours per week. */
const hours = version({ code: '15A30', volume: 3, eenheid: '04' });
const minutes = (volume: number): LineSpec => ({ productCode: '15A30', eenheid: '01', volume, tarief: 7166 });
/** Hulp bij het huishouden (category 01), 3 hours per week. */
const hh = version({ categorie: '01', code: '01A01', volume: 3, eenheid: '04' });
const hhLine = (more: LineSpec): LineSpec => ({
  productCategorie: '01',
  productCode: '01A01',
  eenheid: '04',
  ...more,
});

describeLineRule(TR321, {
  title: 'one prestatie fits the Omvang of its period',
  applies: 'D',
  field: 'GeleverdVolume',
  compliant: [
    ['per day: 30 in the 30 days of April', { volume: 30 }, { toewijzing: perDay }],
    [
      'per day: 23 from a mid-month Ingangsdatum',
      { begin: '2023-04-08', volume: 23 },
      { toewijzing: version({ volume: 1, frequentie: '1', ingangsdatum: '2023-04-08' }) },
    ],
    ['per week, inspanningsgericht: 35 in the 5 weeks April touches', { volume: 35 }, {}],
    ['per week, inspanningsgericht: 42 in the 6 (partial) weeks of July', { ...JULY, volume: 42 }, {}],
    [
      'per week, outputgericht: 5 in the 5 Sundays of April',
      outputLine({ volume: 5 }),
      { toewijzing: output('2023-12-31') },
    ],
    [
      'per week, outputgericht: 5 in the 5 Sundays of July',
      outputLine({ ...JULY, volume: 5 }),
      { toewijzing: output('2023-12-31') },
    ],
    [
      'per week, outputgericht, last period, toewijzing ends on a Wednesday: 3 Sundays + 1',
      outputLine({ begin: '2023-07-01', eind: '2023-07-19', volume: 4 }),
      { toewijzing: output('2023-07-19') },
    ],
    [
      'per week, outputgericht, last period, toewijzing ends on a Sunday: 3 Sundays',
      outputLine({ begin: '2023-07-01', eind: '2023-07-16', volume: 3 }),
      { toewijzing: output('2023-07-16') },
    ],
    ['per month: 30 in April', { volume: 30 }, { toewijzing: perMonth }],
    [
      'per month: the whole month volume in a partial first month',
      { begin: '2023-04-08', volume: 30 },
      { toewijzing: version({ volume: 30, frequentie: '4', ingangsdatum: '2023-04-08' }) },
    ],
    ['totaal: the whole volume in one prestatie', { volume: 100 }, { toewijzing: total }],
    [
      'hours per week declared in minutes: 15 hours = 900 minutes in April',
      minutes(900),
      { toewijzing: hours },
    ],
    [
      'a product not on the list is judged as inspanningsgericht',
      { ...JULY, productCode: '15A99', volume: 42 },
      { toewijzing: version({ code: '15A99' }) },
    ],
    [
      'no Omvang (a Budget toewijzing)',
      { volume: 9999 },
      { toewijzing: version({ volume: null, eenheid: null, frequentie: null, budget: 1000000 }) },
    ],
    [
      'per week, hulp bij het huishouden: 18 = 6 × 3 hours in April, which touches 5 weeks',
      hhLine({ volume: 18 }),
      { toewijzing: hh },
    ],
    [
      'per week, hulp bij het huishouden: 18 hours in one week of April (the six-week room is per prestatie)',
      hhLine({ begin: '2023-04-03', eind: '2023-04-09', volume: 18 }),
      { toewijzing: hh },
    ],
    ['a credit over the Omvang is not judged', credit({ volume: 9999 }), {}],
    ['no toewijzing', { volume: 9999 }, { toewijzing: null }],
  ],
  nonCompliant: [
    ['per day: 31 in the 30 days of April', { volume: 31 }, { toewijzing: perDay }],
    [
      'per day: 24 from a mid-month Ingangsdatum (23 days)',
      { begin: '2023-04-08', volume: 24 },
      { toewijzing: version({ volume: 1, frequentie: '1', ingangsdatum: '2023-04-08' }) },
    ],
    ['per week, inspanningsgericht: 36 in April (5 weeks)', { volume: 36 }, {}],
    ['per week, inspanningsgericht: 43 in July (6 weeks)', { ...JULY, volume: 43 }, {}],
    [
      'per week, inspanningsgericht: 8 in one day (1 week)',
      { begin: '2023-04-05', eind: '2023-04-05', volume: 8 },
      {},
    ],
    [
      'per week, outputgericht: 6 in July (5 Sundays, not the last period)',
      outputLine({ ...JULY, volume: 6 }),
      { toewijzing: output('2023-12-31') },
    ],
    [
      'per week, outputgericht: 6 in July of a toewijzing ending mid-August (no +1 before the last period)',
      outputLine({ ...JULY, volume: 6 }),
      { toewijzing: output('2023-08-16') },
    ],
    [
      'per week, outputgericht, last period ending on a Wednesday: 5 > 3 Sundays + 1',
      outputLine({ begin: '2023-07-01', eind: '2023-07-19', volume: 5 }),
      { toewijzing: output('2023-07-19') },
    ],
    [
      'per week, outputgericht, last period ending on a Sunday: no +1',
      outputLine({ begin: '2023-07-01', eind: '2023-07-16', volume: 4 }),
      { toewijzing: output('2023-07-16') },
    ],
    ['per month: 31 in April', { volume: 31 }, { toewijzing: perMonth }],
    ['totaal: more than the whole volume', { volume: 101 }, { toewijzing: total }],
    ['hours per week declared in minutes: 901 minutes > 15 hours', minutes(901), { toewijzing: hours }],
    [
      'per week, hulp bij het huishouden: 19 > 6 × 3 hours in July, which touches 6 weeks',
      hhLine({ ...JULY, volume: 19 }),
      { toewijzing: hh },
    ],
    ['hours per week declared in hours: 16 > 15', { ...minutes(16), eenheid: '04' }, { toewijzing: hours }],
  ],
});
