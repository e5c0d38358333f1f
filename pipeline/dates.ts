/** Calendar arithmetic on ISO dates (YYYY-MM-DD strings, which compare correctly as strings). */
import { daysInMonth } from '../schemas/iwmo/datatypes';

export const year = (iso: string): number => Number(iso.slice(0, 4));
export const monthNumber = (iso: string): number => Number(iso.slice(5, 7));
/** YYYY-MM */
/** A month as YYYY-MM (01–12). */
export const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

export const monthOf = (iso: string): string => iso.slice(0, 7);
export const firstOfMonth = (iso: string): string => `${iso.slice(0, 7)}-01`;

// The rules ask for the month end of the same few dates on every line: remember the last answer.
let lastOfMonthOf = '';
let lastOfMonthIs = '';
export function lastOfMonth(iso: string): string {
  if (iso !== lastOfMonthOf) {
    lastOfMonthOf = iso;
    lastOfMonthIs = `${iso.slice(0, 7)}-${String(daysInMonth(year(iso), monthNumber(iso))).padStart(2, '0')}`;
  }
  return lastOfMonthIs;
}
export const isFirstOfMonth = (iso: string): boolean => iso.endsWith('-01');
export const isLastOfMonth = (iso: string): boolean => iso === lastOfMonth(iso);
export const sameMonth = (a: string, b: string): boolean => a.slice(0, 7) === b.slice(0, 7);

export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** The same day n years earlier (29 February becomes 28 February). */
export function minusYears(iso: string, n: number): string {
  const y = year(iso) - n;
  const m = monthNumber(iso);
  const d = Math.min(Number(iso.slice(8, 10)), daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${iso.slice(5, 7)}-${String(d).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

/** The number written by the digits iso[from..to), or -1 when one of them is not a digit. */
function digitsAt(iso: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = iso.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Days since 1970-01-01. Computed from the digits (days_from_civil, H. Hinnant) rather than through Date and
 * substrings: the rules on volumes count days and weeks for every line. Anything unusual (years before 100,
 * which Date.UTC reads as 19xx, or a malformed date) goes through Date.UTC as before.
 */
export function toDayNumber(iso: string): number {
  const y = iso.length === 10 ? digitsAt(iso, 0, 4) : -1;
  const m = digitsAt(iso, 5, 7);
  const d = digitsAt(iso, 8, 10);
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > 31 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) {
    return Date.UTC(year(iso), monthNumber(iso) - 1, Number(iso.slice(8, 10))) / DAY_MS;
  }
  // Years from March, so that the leap day is the last day of a year.
  const yearFromMarch = m <= 2 ? y - 1 : y;
  const era = Math.floor(yearFromMarch / 400);
  const yearOfEra = yearFromMarch - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
export const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
export const addDays = (iso: string, n: number): string => fromDayNumber(toDayNumber(iso) + n);
/** Days from a to b inclusive. */
export const daysInclusive = (a: string, b: string): number => toDayNumber(b) - toDayNumber(a) + 1;
/** 0 = Monday … 6 = Sunday. */
export const weekday = (iso: string): number => (toDayNumber(iso) + 3) % 7;

/** YYYY-MM of the month after. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const year = (n: number) => String(n).padStart(4, '0');
  return m === 12 ? `${year(y + 1)}-01` : `${year(y)}-${String(m + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

/** The date in the Netherlands of an instant (a file received at 00:30 local time belongs to that day). */
export function dutchDate(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

/**
 * A Toewijzingsdatum/-tijd as a key that sorts in time order: xs:time may carry fractional seconds, and
 * 10:00:00.000 is the same moment as 10:00:00 (trailing zeros of the fraction are dropped); 24:00:00 is the next
 * day's 00:00:00.
 */
export function toewijzingMoment(v: {
  readonly toewijzingsdatum: string;
  readonly toewijzingstijd: string | null;
}) {
  const tijd = (v.toewijzingstijd ?? '').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  if (tijd === '24:00:00') return `${addDays(v.toewijzingsdatum, 1)}T00:00:00`;
  return `${v.toewijzingsdatum}T${tijd}`;
}
