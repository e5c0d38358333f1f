/**
 * How much of a toewijzing may be declared (pipeline/reconcile/omvang.ts): calendar weeks and Sundays of a period,
 * the maximum per prestatie (TR321) and the total (TR322), with examples and properties (fast-check) against a
 * day-by-day count made with the JavaScript Date.
 */
import fc from 'fast-check';
import {
  maxPerPrestatie,
  partialWeeks,
  sundays,
  totalAssigned,
  type Variant,
} from '../../../pipeline/reconcile/omvang';
import type { ToewijzingVersion } from '../../../pipeline/state/items';
import { version } from '../../helpers/state-context';

// Independent calendar helpers (UTC Date), not pipeline/dates.ts.
const DAY = 86_400_000;
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
function* days(begin: string, eind: string): Generator<string> {
  for (let t = ms(begin); t <= ms(eind); t += DAY) yield toIso(t);
}
/** 0 = Sunday, as Date.getUTCDay. */
const utcDay = (iso: string) => new Date(ms(iso)).getUTCDay();
/** The Monday of the ISO week of a day. */
const mondayOf = (iso: string) => toIso(ms(iso) - ((utcDay(iso) + 6) % 7) * DAY);
/** Months from begin to eind (inclusive), split as IV089 does. */
function monthlyPeriods(begin: string, eind: string): [string, string][] {
  const out: [string, string][] = [];
  let start = begin;
  while (start <= eind) {
    const d = new Date(ms(start));
    const monthEnd = toIso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
    const end = monthEnd < eind ? monthEnd : eind;
    out.push([start, end]);
    start = toIso(ms(end) + DAY);
  }
  return out;
}

/** The maxima per prestatie (maxPerPrestatie) of the periods added up; NaN when a period has no maximum. */
const sumOfMaxima = (t: ToewijzingVersion, periods: readonly [string, string][], variant: Variant): number =>
  periods.map(([b, e]) => maxPerPrestatie(t, b, e, variant) ?? Number.NaN).reduce((a, b) => a + b, 0);

/** A period of 1..400 days starting between 2021-01-01 and about 2035. */
const periodArb = fc
  .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 399 }))
  .map(([start, length]) => {
    const b = ms('2021-01-01') + start * DAY;
    return [toIso(b), toIso(b + length * DAY)] as const;
  });

describe('partialWeeks: calendar weeks (Monday..Sunday) a period touches', () => {
  it.each<[string, string, string, number]>([
    ['one day', '2023-04-05', '2023-04-05', 1],
    ['Monday to Sunday', '2023-04-03', '2023-04-09', 1],
    ['Sunday to Monday', '2023-04-09', '2023-04-10', 2],
    ['April 2023 (Saturday 1 to Sunday 30)', '2023-04-01', '2023-04-30', 5],
    ['July 2023 (Saturday 1 to Monday 31)', '2023-07-01', '2023-07-31', 6],
    ['February 2021 (Monday 1 to Sunday 28)', '2021-02-01', '2021-02-28', 4],
    ['across the new year, ISO week 53 of 2020', '2020-12-28', '2021-01-03', 1],
    ['all of 2023 (Sunday 1 Jan to Sunday 31 Dec)', '2023-01-01', '2023-12-31', 53],
    ['before 1970 too', '1969-12-29', '1970-01-04', 1],
  ])('%s: %s..%s touches %i', (_, begin, eind, n) => {
    expect(partialWeeks(begin, eind)).toBe(n);
  });

  it('equals the number of distinct ISO weeks of its days (property)', () => {
    fc.assert(
      fc.property(periodArb, ([begin, eind]) => {
        expect(partialWeeks(begin, eind)).toBe(new Set([...days(begin, eind)].map(mondayOf)).size);
      }),
    );
  });
});

describe('sundays: Sundays in a period', () => {
  it.each<[string, string, string, number]>([
    ['one Sunday', '2023-04-02', '2023-04-02', 1],
    ['one Monday', '2023-04-03', '2023-04-03', 0],
    ['Monday to Saturday', '2023-04-03', '2023-04-08', 0],
    ['April 2023', '2023-04-01', '2023-04-30', 5],
    ['July 2023', '2023-07-01', '2023-07-31', 5],
    ['February 2021', '2021-02-01', '2021-02-28', 4],
    ['all of 2023', '2023-01-01', '2023-12-31', 53],
  ])('%s: %s..%s has %i', (_, begin, eind, n) => {
    expect(sundays(begin, eind)).toBe(n);
  });

  it('equals a day-by-day count (property)', () => {
    fc.assert(
      fc.property(periodArb, ([begin, eind]) => {
        expect(sundays(begin, eind)).toBe([...days(begin, eind)].filter((d) => utcDay(d) === 0).length);
      }),
    );
  });

  it('Sundays, plus one when the period does not end on a Sunday, are the weeks touched (property)', () => {
    fc.assert(
      fc.property(periodArb, ([begin, eind]) => {
        expect(sundays(begin, eind) + (utcDay(eind) === 0 ? 0 : 1)).toBe(partialWeeks(begin, eind));
      }),
    );
  });
});

describe('maxPerPrestatie: the most one prestatie may declare (TR321)', () => {
  const perWeek = version({ volume: 7, frequentie: '2' });
  it.each<[string, ToewijzingVersion, string, string, Variant, number | null]>([
    [
      'per day × days',
      version({ volume: 2, frequentie: '1' }),
      '2023-04-01',
      '2023-04-30',
      'inspanningsgericht',
      60,
    ],
    [
      'per day × days, partial month',
      version({ volume: 2, frequentie: '1' }),
      '2023-04-08',
      '2023-04-30',
      'inspanningsgericht',
      46,
    ],
    [
      'per week inspanningsgericht × weeks touched (April)',
      perWeek,
      '2023-04-01',
      '2023-04-30',
      'inspanningsgericht',
      35,
    ],
    [
      'per week inspanningsgericht × weeks touched (July)',
      perWeek,
      '2023-07-01',
      '2023-07-31',
      'inspanningsgericht',
      42,
    ],
    ['per week taakgericht counts weeks touched', perWeek, '2023-07-01', '2023-07-31', 'taakgericht', 42],
    ['per week outputgericht × Sundays (July)', perWeek, '2023-07-01', '2023-07-31', 'outputgericht', 35],
    [
      'per week outputgericht, last period, toewijzing ends on a Wednesday: + 1',
      version({ volume: 7, frequentie: '2', einddatum: '2023-07-19' }),
      '2023-07-01',
      '2023-07-19',
      'outputgericht',
      28,
    ],
    [
      'per week outputgericht, last period, toewijzing ends on a Sunday: no + 1',
      version({ volume: 7, frequentie: '2', einddatum: '2023-07-16' }),
      '2023-07-01',
      '2023-07-16',
      'outputgericht',
      21,
    ],
    [
      'per week outputgericht, a period ending mid-week before the last: no + 1',
      version({ volume: 7, frequentie: '2', einddatum: '2023-07-31' }),
      '2023-07-01',
      '2023-07-19',
      'outputgericht',
      21,
    ],
    [
      'per month × months',
      version({ volume: 30, frequentie: '4' }),
      '2023-04-08',
      '2023-04-30',
      'inspanningsgericht',
      30,
    ],
    [
      'per month × months (two months)',
      version({ volume: 30, frequentie: '4' }),
      '2023-04-20',
      '2023-05-10',
      'inspanningsgericht',
      60,
    ],
    [
      'totaal: the whole volume',
      version({ volume: 100, frequentie: '6' }),
      '2023-04-01',
      '2023-04-30',
      'outputgericht',
      100,
    ],
    [
      'no Omvang',
      version({ volume: null, frequentie: null }),
      '2023-04-01',
      '2023-04-30',
      'inspanningsgericht',
      null,
    ],
    [
      'a 2.1-era frequentie (3, per vier weken)',
      version({ volume: 7, frequentie: '3' }),
      '2023-04-01',
      '2023-04-30',
      'inspanningsgericht',
      null,
    ],
  ])('%s', (_, t, begin, eind, variant, max) => {
    expect(maxPerPrestatie(t, begin, eind, variant)).toBe(max);
  });

  it('per day is volume × days (property)', () => {
    fc.assert(
      fc.property(periodArb, fc.integer({ min: 0, max: 24 }), ([begin, eind], volume) => {
        const t = version({ volume, frequentie: '1' });
        expect(maxPerPrestatie(t, begin, eind, 'inspanningsgericht')).toBe(
          volume * [...days(begin, eind)].length,
        );
      }),
    );
  });
});

describe('totalAssigned: the most the whole toewijzing may declare (TR322)', () => {
  it.each<[string, ToewijzingVersion, Variant, number | null]>([
    ['per week over 2023: 53 weeks', version({ volume: 7, frequentie: '2' }), 'inspanningsgericht', 371],
    [
      'per week outputgericht over 2023: 53 Sundays',
      version({ volume: 7, frequentie: '2' }),
      'outputgericht',
      371,
    ],
    [
      'per week outputgericht ending on a Wednesday: Sundays + 1',
      version({ volume: 1, frequentie: '2', ingangsdatum: '2023-07-01', einddatum: '2023-07-19' }),
      'outputgericht',
      4,
    ],
    ['per day over 2023', version({ volume: 1, frequentie: '1' }), 'inspanningsgericht', 365],
    ['per month over 2023', version({ volume: 30, frequentie: '4' }), 'inspanningsgericht', 360],
    [
      'per month from mid-April to mid-June: 3 months',
      version({ volume: 30, frequentie: '4', ingangsdatum: '2023-04-08', einddatum: '2023-06-17' }),
      'inspanningsgericht',
      90,
    ],
    ['totaal', version({ volume: 100, frequentie: '6' }), 'inspanningsgericht', 100],
    [
      'totaal without Einddatum',
      version({ volume: 100, frequentie: '6', einddatum: null }),
      'inspanningsgericht',
      100,
    ],
    [
      'per day without Einddatum: unbounded',
      version({ volume: 1, frequentie: '1', einddatum: null }),
      'inspanningsgericht',
      null,
    ],
    [
      'per month without Einddatum: unbounded',
      version({ volume: 1, frequentie: '4', einddatum: null }),
      'inspanningsgericht',
      null,
    ],
    [
      'no Omvang (Budget)',
      version({ volume: null, eenheid: null, frequentie: null, budget: 1000 }),
      'inspanningsgericht',
      null,
    ],
  ])('%s', (_, t, variant, total) => {
    expect(totalAssigned(t, variant)).toBe(total);
  });

  it('per week: the same total for both variants (property)', () => {
    fc.assert(
      fc.property(periodArb, fc.integer({ min: 1, max: 40 }), ([ingangsdatum, einddatum], volume) => {
        const t = version({ volume, frequentie: '2', ingangsdatum, einddatum });
        expect(totalAssigned(t, 'outputgericht')).toBe(totalAssigned(t, 'inspanningsgericht'));
      }),
    );
  });

  it('per week outputgericht: the monthly maxima (IV089 periods) add up to the total (property)', () => {
    fc.assert(
      fc.property(periodArb, fc.integer({ min: 1, max: 40 }), ([ingangsdatum, einddatum], volume) => {
        const t = version({ volume, frequentie: '2', ingangsdatum, einddatum });
        const sum = sumOfMaxima(t, monthlyPeriods(ingangsdatum, einddatum), 'outputgericht');
        expect(sum).toBe(totalAssigned(t, 'outputgericht'));
      }),
    );
  });

  it('per week inspanningsgericht: the monthly maxima are at least the total, split weeks counting twice (property)', () => {
    fc.assert(
      fc.property(periodArb, ([ingangsdatum, einddatum]) => {
        const t = version({ volume: 1, frequentie: '2', ingangsdatum, einddatum });
        const periods = monthlyPeriods(ingangsdatum, einddatum);
        const sum = sumOfMaxima(t, periods, 'inspanningsgericht');
        const total = totalAssigned(t, 'inspanningsgericht') ?? Number.NaN;
        expect(sum).toBeGreaterThanOrEqual(total);
        expect(sum).toBeLessThanOrEqual(total + periods.length - 1);
      }),
    );
  });
});
