/**
 * One scheme's statement for one year, from resolved figures (no configuration lookups here: see inputs.ts).
 *
 *   pot        = Σ inleg (pool, local) or the centrumgemeente's budget (charge-on)
 *   zorgkosten = Σ own care costs + unknown-origin costs
 *   bedrijfsvoering = configured yearly amounts + innovation percentage × pot (rounded half up)
 *   resultaat  = pot − zorgkosten − bedrijfsvoering
 * How the result lands on the members depends on the kind:
 *   pool      every member's part = resultaat × key share (largest remainder)
 *   charge-on a surplus stays with the centrumgemeente; a shortfall is charged to the members by the key
 *   local     each member keeps its own result (inleg − own costs − its operating costs − its share of the unknown
 *             costs, the latter by the key)
 * For every kind: nettoKosten = inleg − deelResultaat, so Σ nettoKosten = zorgkosten + bedrijfsvoering.
 */

import {
  BEDRIJFSVOERING_LABEL,
  type BedrijfsvoeringPost,
  SCHEME_SOORT_LABEL,
  type SchemeSoort,
  type Sleutel,
} from '../../schemas/settlement';
import { gewichten, keyShares, type SleutelLid, toonAandeel } from './key';
import { Dec, largestRemainder, roundHalfUp } from './round';
import type { HerleidingRegel, SchemeStatement, StatementLine, StatementTotals, Taakveld } from './types';
import { cmpText } from './types';

export interface LidInvoer {
  readonly gemeente: string;
  readonly naam: string;
  readonly inleg: number;
  readonly inwoners: number | null;
  readonly eigenZorgkosten: number;
  readonly waarvanOvergang: number;
  /** Provisional statements: the care costs known up to the month (eigenZorgkosten is then the projection). */
  readonly zorgkostenTotDatum?: number | null;
}

export interface SchemeInput {
  readonly naam: string;
  readonly soort: SchemeSoort;
  readonly taakvelden: readonly Taakveld[];
  /** Required for charge-on: who keeps a surplus. */
  readonly centrumgemeente: string | null;
  readonly leden: readonly LidInvoer[];
  readonly onbekend: number;
  readonly buitenZorgkosten: number;
  readonly bedrijfsvoering: {
    readonly posten: readonly { readonly post: BedrijfsvoeringPost; readonly bedrag: number }[];
    /** Percentage of the pot ("1.5" = 1.5 %). */
    readonly innovatiePercentage: string;
    readonly sleutel: Sleutel;
  } | null;
  readonly sleutel: Sleutel;
  readonly bestanden: readonly string[];
  /** Care costs per member and month with their files (traceability); any order. */
  readonly herleiding?: readonly HerleidingRegel[];
  readonly opmerkingen: readonly string[];
}

const byCode = <T extends { gemeente: string }>(a: T, b: T): number =>
  a.gemeente < b.gemeente ? -1 : a.gemeente > b.gemeente ? 1 : 0;

const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);

function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what}: ${value} is geen geheel aantal eurocent`);
}

export function computeScheme(input: SchemeInput): SchemeStatement {
  const leden = [...input.leden].sort(byCode);
  for (let i = 1; i < leden.length; i++)
    if (leden[i].gemeente === leden[i - 1].gemeente)
      throw new RangeError(`regeling "${input.naam}": lid ${leden[i].gemeente} komt dubbel voor`);
  for (const l of leden) {
    assertCents(l.inleg, `inleg ${l.gemeente}`);
    assertCents(l.eigenZorgkosten, `zorgkosten ${l.gemeente}`);
  }
  assertCents(input.onbekend, 'zorgkosten onbekend');
  const centrum = input.centrumgemeente;
  if (
    input.soort === 'centrumgemeente-with-charge-on' &&
    (centrum === null || !leden.some((l) => l.gemeente === centrum))
  )
    throw new RangeError(`regeling "${input.naam}": centrumgemeente ${centrum} is geen lid`);
  // Under charge-on only the centrumgemeente's budget is in the pot; the other members pay only a shortfall.
  if (input.soort === 'centrumgemeente-with-charge-on')
    for (const l of leden)
      if (l.gemeente !== centrum && l.inleg !== 0)
        throw new RangeError(
          `regeling "${input.naam}": bij doorbelasting heeft alleen de centrumgemeente inleg`,
        );
  const opmerkingen = [...input.opmerkingen];

  const pot = sum(leden.map((l) => l.inleg));
  const zorgLeden = sum(leden.map((l) => l.eigenZorgkosten));
  const zorgTotaal = zorgLeden + input.onbekend;

  const posten = (input.bedrijfsvoering?.posten ?? []).map((p) => {
    assertCents(p.bedrag, `bedrijfsvoering ${p.post}`);
    return { post: p.post, omschrijving: BEDRIJFSVOERING_LABEL[p.post], bedrag: p.bedrag };
  });
  const percentage = input.bedrijfsvoering?.innovatiePercentage ?? '0';
  const innovatie = roundHalfUp(new Dec(pot).times(percentage).div(100));
  const bvTotaal = sum(posten.map((p) => p.bedrag)) + innovatie;

  const sleutelLeden: SleutelLid[] = leden.map((l) => ({
    gemeente: l.gemeente,
    inleg: l.inleg,
    gebruik: l.eigenZorgkosten,
    inwoners: l.inwoners,
  }));
  const verdeel = (totaal: number, sleutel: Sleutel, wat: string) => {
    const uitkomst = keyShares(sleutel, sleutelLeden);
    for (const o of uitkomst.opmerkingen) opmerkingen.push(`${wat}: ${o}`);
    const delen = largestRemainder(
      totaal,
      leden.map((l) => ({
        gemeente: l.gemeente,
        aandeel: uitkomst.aandelen.get(l.gemeente)?.aandeel ?? new Dec(0),
      })),
    );
    return { uitkomst, delen };
  };

  const bv =
    input.bedrijfsvoering === null
      ? null
      : verdeel(bvTotaal, input.bedrijfsvoering.sleutel, 'sleutel bedrijfsvoering');
  const bvDeel = (code: string): number => bv?.delen.get(code) ?? 0;

  const resultaat = pot - zorgTotaal - bvTotaal;
  const sleutel = keyShares(input.sleutel, sleutelLeden);
  for (const o of sleutel.opmerkingen) opmerkingen.push(`sleutel: ${o}`);
  const aandelen = leden.map((l) => ({
    gemeente: l.gemeente,
    aandeel: sleutel.aandelen.get(l.gemeente)?.aandeel ?? new Dec(0),
  }));

  let deel: (code: string) => number;
  let onbekendDeel: (code: string) => number = () => 0;
  if (input.soort === 'pool') {
    const delen = largestRemainder(resultaat, aandelen);
    deel = (code) => delen.get(code) ?? 0;
  } else if (input.soort === 'centrumgemeente-with-charge-on') {
    if (resultaat >= 0) {
      deel = (code) => (code === centrum ? resultaat : 0);
      if (resultaat > 0) opmerkingen.push('overschot blijft bij de centrumgemeente');
    } else {
      const delen = largestRemainder(resultaat, aandelen);
      deel = (code) => delen.get(code) ?? 0;
      opmerkingen.push('tekort doorbelast aan de leden volgens de sleutel');
    }
  } else {
    const onbekend = largestRemainder(input.onbekend, aandelen);
    onbekendDeel = (code) => onbekend.get(code) ?? 0;
    const lid = new Map(leden.map((l) => [l.gemeente, l]));
    deel = (code) => {
      const l = lid.get(code);
      return l === undefined ? 0 : l.inleg - l.eigenZorgkosten - bvDeel(code) - onbekendDeel(code);
    };
  }

  const regels: StatementLine[] = leden.map((l) => {
    const s = sleutel.aandelen.get(l.gemeente);
    const deelResultaat = deel(l.gemeente);
    const nettoKosten = l.inleg - deelResultaat;
    const kostenZonderVerevening = l.eigenZorgkosten + bvDeel(l.gemeente);
    return {
      gemeente: l.gemeente,
      naam: l.naam,
      inwoners: l.inwoners,
      inleg: l.inleg,
      eigenZorgkosten: l.eigenZorgkosten,
      waarvanOvergang: l.waarvanOvergang,
      zorgkostenTotDatum: l.zorgkostenTotDatum ?? null,
      aandeelBedrijfsvoering: bvDeel(l.gemeente),
      aandeelOnbekend: onbekendDeel(l.gemeente),
      sleutelAandeel: toonAandeel(s?.aandeel ?? new Dec(0)),
      sleutelOnderdelen: {
        inleg: toonAandeel(s?.inleg ?? new Dec(0)),
        gebruik: toonAandeel(s?.gebruik ?? new Dec(0)),
        inwoners: toonAandeel(s?.inwoners ?? new Dec(0)),
        vast: toonAandeel(s?.vast ?? new Dec(0)),
      },
      deelResultaat,
      nettoKosten,
      kostenZonderVerevening,
      vereveningseffect: nettoKosten - kostenZonderVerevening,
    };
  });

  return {
    naam: input.naam,
    soort: input.soort,
    soortOmschrijving: SCHEME_SOORT_LABEL[input.soort],
    taakvelden: [...input.taakvelden],
    centrumgemeente: centrum,
    pot,
    zorgkosten: {
      leden: zorgLeden,
      onbekend: input.onbekend,
      totaal: zorgTotaal,
      buitenZorgkosten: input.buitenZorgkosten,
    },
    bedrijfsvoering: {
      posten,
      innovatie: { percentage: new Dec(percentage).toFixed(), bedrag: innovatie },
      totaal: bvTotaal,
      sleutel: input.bedrijfsvoering === null ? null : gewichten(input.bedrijfsvoering.sleutel),
    },
    resultaat,
    resultaatSoort: resultaat > 0 ? 'overschot' : resultaat < 0 ? 'tekort' : 'nul',
    sleutel: gewichten(input.sleutel),
    regels,
    totalen: totalen(regels),
    bestanden: [...new Set(input.bestanden)].sort(),
    herleiding: [...(input.herleiding ?? [])]
      .map((h) => ({ ...h, bestanden: [...new Set(h.bestanden)].sort() }))
      .sort((a, b) =>
        a.gemeente === b.gemeente ? cmpText(a.maand, b.maand) : cmpText(a.gemeente, b.gemeente),
      ),
    opmerkingen,
  };
}

function totalen(regels: readonly StatementLine[]): StatementTotals {
  const t = (f: (r: StatementLine) => number) => sum(regels.map(f));
  return {
    inleg: t((r) => r.inleg),
    eigenZorgkosten: t((r) => r.eigenZorgkosten),
    waarvanOvergang: t((r) => r.waarvanOvergang),
    aandeelBedrijfsvoering: t((r) => r.aandeelBedrijfsvoering),
    aandeelOnbekend: t((r) => r.aandeelOnbekend),
    deelResultaat: t((r) => r.deelResultaat),
    nettoKosten: t((r) => r.nettoKosten),
    kostenZonderVerevening: t((r) => r.kostenZonderVerevening),
    vereveningseffect: t((r) => r.vereveningseffect),
    // Over all members, so that a statement cut to one municipality's lines (scope.ts) keeps the region's figure.
    zorgkostenTotDatum: regels.some((r) => r.zorgkostenTotDatum !== null)
      ? t((r) => r.zorgkostenTotDatum ?? 0)
      : null,
  };
}
