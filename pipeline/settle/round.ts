/**
 * Rounding of money. Amounts are integer eurocent; shares are decimals (decimal.js, never floating point).
 *
 * Largest remainder (DESIGN §4.4): a total is split over members by shares so the parts sum exactly to the total.
 * 1. Work on the absolute value of the total; every part gets the total's sign at the end (a deficit is split like
 *    a surplus, mirrored).
 * 2. Each member's exact amount |total| × share / Σshares is floored to whole cents.
 * 3. The cents left over (always fewer than the number of members) go one each to the members with the largest
 *    remainder; equal remainders go to the lowest gemeentecode first (ascending string order).
 * Exact amounts are rounded to 24 decimals before flooring, so representation noise of shares like 1/3 never
 * decides a cent or breaks a tie.
 */
import Decimal from 'decimal.js';
import { daysInclusive, firstOfMonth, lastOfMonth, monthOf, monthsBetween } from '../dates';

/** Decimal with ample precision for shares of amounts up to 2^53 cents; half up (away from zero) when rounding. */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

const RUIS_DECIMALEN = 24;

function toCents(value: Decimal, what: string): number {
  const n = value.toNumber();
  if (!Number.isSafeInteger(n))
    throw new RangeError(`${what}: ${value.toFixed()} is geen veilig geheel aantal centen`);
  return n === 0 ? 0 : n;
}

/** Rounds to whole cents, half up (x.5 away from zero: 2.5 → 3, −2.5 → −3). */
export function roundHalfUp(value: Decimal.Value): number {
  return toCents(new Dec(value).toDecimalPlaces(0, Decimal.ROUND_HALF_UP), 'afronding');
}

export interface Aandeel {
  readonly gemeente: string;
  /** Non-negative; the shares need not sum to 1 exactly (they are normalised). */
  readonly aandeel: Decimal;
}

/** Splits `total` cents by shares with largest remainder (see above); returns cents per gemeente. */
export function largestRemainder(total: number, aandelen: readonly Aandeel[]): Map<string, number> {
  if (!Number.isSafeInteger(total)) throw new RangeError(`totaal ${total} is geen geheel aantal centen`);
  const result = new Map<string, number>();
  if (aandelen.length === 0) {
    if (total !== 0) throw new RangeError(`totaal ${total} kan niet over nul leden verdeeld worden`);
    return result;
  }
  let som = new Dec(0);
  const codes = new Set<string>();
  for (const a of aandelen) {
    if (a.aandeel.isNegative() && !a.aandeel.isZero())
      throw new RangeError(`negatief aandeel voor ${a.gemeente}`);
    if (codes.has(a.gemeente))
      throw new RangeError(`gemeente ${a.gemeente} komt dubbel voor in de verdeling`);
    codes.add(a.gemeente);
    som = som.plus(a.aandeel);
  }
  if (som.lte(0)) throw new RangeError('de aandelen tellen op tot 0');
  const abs = Math.abs(total);
  const rows = aandelen.map((a) => {
    const exact = new Dec(abs)
      .times(a.aandeel)
      .div(som)
      .toDecimalPlaces(RUIS_DECIMALEN, Decimal.ROUND_HALF_UP);
    const floor = exact.floor();
    return { gemeente: a.gemeente, cents: floor.toNumber(), rest: exact.minus(floor) };
  });
  const left = abs - rows.reduce((s, r) => s + r.cents, 0);
  if (left < 0 || left >= rows.length)
    throw new Error(`interne fout: ${left} centen over bij ${rows.length} leden`);
  const order = [...rows].sort(
    (a, b) => b.rest.comparedTo(a.rest) || (a.gemeente < b.gemeente ? -1 : a.gemeente > b.gemeente ? 1 : 0),
  );
  for (let i = 0; i < left; i++) order[i].cents += 1;
  for (const r of rows) result.set(r.gemeente, total < 0 && r.cents !== 0 ? -r.cents : r.cents);
  return result;
}

/**
 * Cents over the months of [begin, eind] in proportion to their days, by largest remainder (ties: the earlier
 * month): the parts sum exactly to the amount, each within a cent of its share.
 */
export function spreadOverMonths(
  bedrag: number,
  begin: string,
  eind: string,
): { maand: string; bedrag: number }[] {
  // Ingest quarantines a report whose period ends before it begins; should one be stored, its month is its begin.
  if (eind < begin) return [{ maand: monthOf(begin), bedrag }];
  const maanden = monthsBetween(monthOf(begin), monthOf(eind));
  const dagen = maanden.map((maand) =>
    daysInclusive(
      maand === monthOf(begin) ? begin : firstOfMonth(maand),
      maand === monthOf(eind) ? eind : lastOfMonth(maand),
    ),
  );
  const delen = largestRemainder(
    bedrag,
    maanden.map((maand, i) => ({ gemeente: maand, aandeel: new Dec(dagen[i]) })),
  );
  return maanden.map((maand) => ({ maand, bedrag: delen.get(maand) ?? 0 }));
}
