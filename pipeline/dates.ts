/** Calendar arithmetic on ISO dates (YYYY-MM-DD strings, which compare correctly as strings). */
import { daysInMonth } from '../schemas/iwmo/datatypes';

export const year = (iso: string): number => Number(iso.slice(0, 4));
export const monthNumber = (iso: string): number => Number(iso.slice(5, 7));
/** YYYY-MM */
export const monthOf = (iso: string): string => iso.slice(0, 7);
export const firstOfMonth = (iso: string): string => `${iso.slice(0, 7)}-01`;
export const lastOfMonth = (iso: string): string =>
  `${iso.slice(0, 7)}-${String(daysInMonth(year(iso), monthNumber(iso))).padStart(2, '0')}`;
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
export const toDayNumber = (iso: string): number =>
  Date.UTC(year(iso), monthNumber(iso) - 1, Number(iso.slice(8, 10))) / DAY_MS;
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
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}
