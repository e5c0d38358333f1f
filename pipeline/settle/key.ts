/**
 * The distribution key: weights over four components, each a share per member that sums to 1.
 *   inleg     the member's inleg / total inleg
 *   gebruik   the member's own care costs / total own care costs (negative own costs count as 0: a member whose
 *             credits exceed its debits does not get a negative share)
 *   inwoners  the member's inhabitants / total inhabitants
 *   vast      an explicit share list (zeggenschap naar rato)
 * share = Σ weight × component share. When a component's total is 0 (no use yet, no inleg), that component is split
 * equally over the members and the statement says so: a key must always divide the whole amount.
 */
import type Decimal from 'decimal.js';
import type { Sleutel } from '../../schemas/settlement';
import { Dec } from './round';
import type { Gewichten } from './types';

export interface SleutelLid {
  readonly gemeente: string;
  readonly inleg: number;
  /** Own care costs (the use). */
  readonly gebruik: number;
  readonly inwoners: number | null;
}

export interface LidAandeel {
  readonly aandeel: Decimal;
  readonly inleg: Decimal;
  readonly gebruik: Decimal;
  readonly inwoners: Decimal;
  readonly vast: Decimal;
}

export interface SleutelUitkomst {
  readonly aandelen: ReadonlyMap<string, LidAandeel>;
  readonly opmerkingen: readonly string[];
}

const w = (v: string | undefined): Decimal => new Dec(v ?? 0);

/** The weights of a key as canonical strings. */
export function gewichten(sleutel: Sleutel): Gewichten {
  return {
    omschrijving: sleutel.omschrijving ?? omschrijf(sleutel),
    inleg: w(sleutel.inleg).toFixed(),
    gebruik: w(sleutel.gebruik).toFixed(),
    inwoners: w(sleutel.inwoners).toFixed(),
    vast: w(sleutel.vast?.gewicht).toFixed(),
    aandelen: sleutel.vast ? { ...sleutel.vast.aandelen } : null,
  };
}

function omschrijf(sleutel: Sleutel): string {
  const delen: string[] = [];
  const pct = (v: string | undefined) => w(v).times(100).toFixed();
  if (!w(sleutel.inleg).isZero()) delen.push(`${pct(sleutel.inleg)}% inleg`);
  if (!w(sleutel.gebruik).isZero()) delen.push(`${pct(sleutel.gebruik)}% gebruik`);
  if (!w(sleutel.inwoners).isZero()) delen.push(`${pct(sleutel.inwoners)}% inwoners`);
  if (sleutel.vast && !w(sleutel.vast.gewicht).isZero())
    delen.push(`${pct(sleutel.vast.gewicht)}% vaste verdeling`);
  return delen.join(' / ');
}

function component(
  naam: string,
  leden: readonly SleutelLid[],
  waarde: (l: SleutelLid) => Decimal,
  opmerkingen: string[],
): Map<string, Decimal> {
  const waarden = leden.map((l) => waarde(l));
  const totaal = waarden.reduce((s, v) => s.plus(v), new Dec(0));
  const out = new Map<string, Decimal>();
  if (totaal.isZero()) {
    opmerkingen.push(`${naam} is nul voor alle leden: dit deel van de sleutel is gelijk verdeeld`);
    for (const l of leden) out.set(l.gemeente, new Dec(1).div(leden.length));
  } else
    leden.forEach((l, i) => {
      out.set(l.gemeente, waarden[i].div(totaal));
    });
  return out;
}

/** Each member's share in the key. Throws when the weights do not sum to 1 or a needed figure is missing. */
export function keyShares(sleutel: Sleutel, leden: readonly SleutelLid[]): SleutelUitkomst {
  const gInleg = w(sleutel.inleg);
  const gGebruik = w(sleutel.gebruik);
  const gInwoners = w(sleutel.inwoners);
  const gVast = w(sleutel.vast?.gewicht);
  const som = gInleg.plus(gGebruik).plus(gInwoners).plus(gVast);
  if (!som.eq(1)) throw new RangeError(`sleutel: gewichten tellen op tot ${som.toFixed()}, moeten 1 zijn`);
  if (leden.length === 0) return { aandelen: new Map(), opmerkingen: [] };
  const opmerkingen: string[] = [];
  const nul = new Map(leden.map((l) => [l.gemeente, new Dec(0)]));
  const inleg = gInleg.isZero() ? nul : component('de inleg', leden, (l) => new Dec(l.inleg), opmerkingen);
  const gebruik = gGebruik.isZero()
    ? nul
    : component('het gebruik (eigen zorgkosten)', leden, (l) => new Dec(Math.max(0, l.gebruik)), opmerkingen);
  const inwoners = gInwoners.isZero()
    ? nul
    : component(
        'het aantal inwoners',
        leden,
        (l) => {
          if (l.inwoners === null) throw new RangeError(`sleutel: inwonertal ontbreekt voor ${l.gemeente}`);
          return new Dec(l.inwoners);
        },
        opmerkingen,
      );
  const aandelen = new Map<string, LidAandeel>();
  for (const l of leden) {
    const vast = gVast.isZero() ? new Dec(0) : new Dec(sleutel.vast?.aandelen[l.gemeente] ?? 0);
    const deel = {
      inleg: inleg.get(l.gemeente) ?? new Dec(0),
      gebruik: gebruik.get(l.gemeente) ?? new Dec(0),
      inwoners: inwoners.get(l.gemeente) ?? new Dec(0),
      vast,
    };
    const aandeel = gInleg
      .times(deel.inleg)
      .plus(gGebruik.times(deel.gebruik))
      .plus(gInwoners.times(deel.inwoners))
      .plus(gVast.times(deel.vast));
    aandelen.set(l.gemeente, { aandeel, ...deel });
  }
  return { aandelen, opmerkingen };
}

/** A share for display: 10 decimals, no trailing zeros. */
export const toonAandeel = (d: Decimal): string => d.toDecimalPlaces(10).toFixed();
