import { TR322 } from '../../../../../pipeline/rules/state/declaratie/TR322';
import type { LineSpec } from '../../../../helpers/records';
import { credit, creditOf, entry, usage, version } from '../../../../helpers/state-context';
import { describeLineRule } from '../../../../helpers/state-rule-cases';

/** 7 etmalen per week over April 2023 (5 calendar weeks): 35 in total. */
const april = version({ ingangsdatum: '2023-04-01', einddatum: '2023-04-30' });
/** A debit of 20 etmalen earlier in April. */
const earlier = entry({ ref: 'RN-E1', begin: '2023-04-01', eind: '2023-04-15', volume: 20, bedrag: 190000 });
const second = entry({ ref: 'RN-E2', begin: '2023-04-16', eind: '2023-04-30', volume: 5, bedrag: 47500 });
const rest = (volume: number): LineSpec => ({
  begin: '2023-04-16',
  eind: '2023-04-30',
  volume,
  bedrag: volume * 9500,
});
/** 10 hours in total of 15A30. */
const tenHours = version({ code: '15A30', volume: 10, eenheid: '04', frequentie: '6' });
const hourEntry = (ref: string, volume: number, eenheid: string) =>
  entry({ ref, code: '15A30', volume, eenheid, bedrag: 1000 });
const minutes = (volume: number): LineSpec => ({ productCode: '15A30', eenheid: '01', volume, tarief: 7166 });

describeLineRule(TR322, {
  title: 'the sum of the volumes fits the toewijzing',
  applies: 'D',
  field: 'GeleverdVolume',
  compliant: [
    ['the first prestatie, within the total', {}, {}],
    ['up to the total exactly: 20 + 15 = 35', rest(15), { toewijzing: april, usage: usage(earlier) }],
    [
      'a credit frees the volume of its debit: 20 + 5 − 5 + 15 = 35',
      rest(15),
      { toewijzing: april, usage: usage(earlier, second, creditOf(second, 'RN-C2')) },
    ],
    [
      'a credited debit no longer counts: 20 − 20 + 30 ≤ 35',
      {},
      { toewijzing: april, usage: usage(earlier, creditOf(earlier, 'RN-C1')) },
    ],
    [
      'hours declared in minutes: 300 + 240 minutes = 9 hours ≤ 10',
      minutes(240),
      { toewijzing: tenHours, usage: usage(hourEntry('RN-H1', 300, '01')) },
    ],
    [
      'minutes and hours mixed: 4 hours + 360 minutes = 10 hours',
      minutes(360),
      { toewijzing: tenHours, usage: usage(hourEntry('RN-H1', 4, '04')) },
    ],
    [
      'no Einddatum and per day: no total',
      { volume: 30 },
      {
        toewijzing: version({ einddatum: null, volume: 1, frequentie: '1' }),
        usage: usage(earlier, earlier),
      },
    ],
    [
      'no Omvang (a Budget toewijzing)',
      { volume: 9999 },
      { toewijzing: version({ volume: null, eenheid: null, frequentie: null, budget: 1000000 }) },
    ],
    ['a credit is not judged', credit({ volume: 9999 }), { toewijzing: april, usage: usage(earlier) }],
    ['no toewijzing and no usage', {}, { toewijzing: null }],
  ],
  nonCompliant: [
    ['one more than the total: 20 + 16 > 35', rest(16), { toewijzing: april, usage: usage(earlier) }],
    ['one prestatie over the total', { volume: 36, bedrag: 36 * 9500 }, { toewijzing: april }],
    [
      'a credit frees only the volume of its debit: 20 + 5 − 5 + 16 > 35',
      rest(16),
      { toewijzing: april, usage: usage(earlier, second, creditOf(second, 'RN-C2')) },
    ],
    [
      'hours declared in minutes: 300 + 361 minutes > 10 hours',
      minutes(361),
      { toewijzing: tenHours, usage: usage(hourEntry('RN-H1', 300, '01')) },
    ],
    [
      'totaal without Einddatum: 100 + 1 > 100',
      { volume: 1, bedrag: 9500 },
      {
        toewijzing: version({ einddatum: null, volume: 100, frequentie: '6' }),
        usage: usage(entry({ volume: 100 })),
      },
    ],
    [
      'per month over Jan..Mar: 3 × 10 = 30 < 20 + 11',
      { begin: '2023-03-01', eind: '2023-03-31', volume: 11, bedrag: 11 * 9500 },
      {
        toewijzing: version({
          ingangsdatum: '2023-01-15',
          einddatum: '2023-03-31',
          volume: 10,
          frequentie: '4',
        }),
        usage: usage(
          entry({ ref: 'RN-J', begin: '2023-01-15', eind: '2023-01-31', volume: 10 }),
          entry({ ref: 'RN-F', begin: '2023-02-01', eind: '2023-02-28', volume: 10 }),
        ),
      },
    ],
  ],
});
