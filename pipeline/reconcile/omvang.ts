/**
 * How much of a toewijzing may be declared (iWmo IV076/IV077): per prestatie (TR321) and over the whole
 * toewijzing (TR322), from its Omvang (volume, eenheid, frequentie) and the product's uitvoeringsvariant.
 */
import { addDays, daysInclusive, monthOf, monthsBetween, toDayNumber, weekday } from '../dates';
import type { ToewijzingVersion } from '../state/items';

export type Variant = 'inspanningsgericht' | 'outputgericht' | 'taakgericht';

/** A Monday: weeks are counted from it. */
const A_MONDAY = toDayNumber('1970-01-05');
const weekIndex = (d: string) => Math.floor((toDayNumber(d) - A_MONDAY) / 7);

/** Calendar weeks (Monday to Sunday) that the period touches, counting partial weeks. */
export function partialWeeks(begin: string, eind: string): number {
  return weekIndex(eind) - weekIndex(begin) + 1;
}

/** Sundays in the period. */
export function sundays(begin: string, eind: string): number {
  const firstSunday = addDays(begin, (6 - weekday(begin) + 7) % 7);
  if (firstSunday > eind) return 0;
  return Math.floor((daysInclusive(firstSunday, eind) - 1) / 7) + 1;
}

/** Weeks to count for a "per week" Omvang over a period. */
function weeks(begin: string, eind: string, variant: Variant, toewijzingEinde: string | null): number {
  if (variant !== 'outputgericht') return partialWeeks(begin, eind);
  // Outputgericht: the Sundays, plus one in the last period when the toewijzing does not end on a Sunday.
  const last = toewijzingEinde !== null && eind === toewijzingEinde && weekday(toewijzingEinde) !== 6;
  return sundays(begin, eind) + (last ? 1 : 0);
}

/**
 * Hulp bij het huishouden (category 01) with a per-week Omvang: one prestatie may declare up to six times the
 * weekly volume, however many weeks its period touches (TR321), so that hours can shift between weeks of a month.
 */
const HH_CATEGORIE = '01';
const HH_WEEKS = 6;

/**
 * The most that one prestatie over [begin, eind] may declare, in the toewijzing's unit; null = no Omvang.
 * `categorie` is the prestatie's ProductCategorie (TR321 only: the total over a toewijzing counts real weeks).
 */
export function maxPerPrestatie(
  t: ToewijzingVersion,
  begin: string,
  eind: string,
  variant: Variant,
  categorie: string | null = null,
): number | null {
  if (t.volume === null) return null;
  switch (t.frequentie) {
    case '1':
      return t.volume * daysInclusive(begin, eind);
    case '2':
      if (categorie === HH_CATEGORIE) return t.volume * HH_WEEKS;
      return t.volume * weeks(begin, eind, variant, t.einddatum);
    case '4':
      return t.volume * monthsBetween(monthOf(begin), monthOf(eind)).length;
    case '6':
      return t.volume;
    default:
      return null;
  }
}

/** The total assigned over the whole toewijzing, in its unit; null when unbounded (no Einddatum) or no Omvang. */
export function totalAssigned(t: ToewijzingVersion, variant: Variant): number | null {
  if (t.volume === null) return null;
  if (t.frequentie === '6') return t.volume;
  if (t.einddatum === null) return null;
  return maxPerPrestatie(t, t.ingangsdatum, t.einddatum, variant);
}
