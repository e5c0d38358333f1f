/**
 * Attribution of cost lines: which scheme a line belongs to, whether it counts as care costs, and which member
 * carries it.
 * - Scheme: the active scheme with the line's taakveld whose members include the municipality of origin. A line of
 *   unknown origin (`0000`) goes to the scheme of the municipality that approved it (`gemeente`), or to the only
 *   scheme with that taakveld. Lines that fit no scheme are listed as not attributed, never dropped.
 * - Care costs: the scheme's `zorgkosten` categories and codes, or by default the products marked `zorgkosten: true`
 *   in region.producten. Other lines of the scheme are shown as `buitenZorgkosten`.
 * - Transition rule: a toewijzing the centrumgemeente sent that started before the transition date stays with the
 *   centrumgemeente for the months up to and including the month of its Einddatum as it stood on that date (an
 *   open-ended one until a reassessment). Months after that end, months from a reassessment (RedenWijziging 04/05)
 *   and every newer toewijzing go to the municipality of origin. Lines are monthly, so the month is the unit.
 */

import type { Region } from '../../schemas/region';
import type { Regeling } from '../../schemas/settlement';
import type { ActieveRegeling } from './inputs';
import { type CostLine, cmpText, type NietToegerekend, ONBEKEND, type Taakveld } from './types';

export interface LidKosten {
  zorgkosten: number;
  /** Part kept by the centrumgemeente under the transition rule. */
  overgang: number;
}

/** Care costs of one member (or `0000`) in one month, with their files. */
export interface MaandKosten {
  readonly gemeente: string;
  readonly maand: string;
  bedrag: number;
  overgang: number;
  readonly bestanden: Set<string>;
}

export interface RegelingKosten {
  readonly leden: Map<string, LidKosten>;
  /** Keyed `gemeente|maand`: what the statement's traceability lists. */
  readonly herleiding: Map<string, MaandKosten>;
  onbekend: number;
  buitenZorgkosten: number;
  readonly bestanden: Set<string>;
  /** Lines under a transition rule that had no toewijzing facts (attributed to their origin). */
  zonderToewijzing: number;
}

export interface Toerekening {
  /** Keyed by the scheme's index in verevening.regelingen. */
  readonly perRegeling: ReadonlyMap<number, RegelingKosten>;
  readonly nietToegerekend: readonly NietToegerekend[];
}

/** Whether a line counts as care costs in a scheme. */
export function zorgkostenFilter(regeling: Regeling, region: Region): (line: CostLine) => boolean {
  if (regeling.zorgkosten) {
    const categorieen = new Set(regeling.zorgkosten.categorieen);
    const codes = new Set(regeling.zorgkosten.codes);
    return (l) => categorieen.has(l.productCategorie) || codes.has(l.productCode);
  }
  const producten = new Set(
    region.producten.filter((p) => p.zorgkosten).map((p) => `${p.categorie}/${p.code}`),
  );
  return (l) => producten.has(`${l.productCategorie}/${l.productCode}`);
}

/** The transition rule for one line (see the module comment). */
export function blijftBijCentrum(overgangsdatum: string, centrumgemeente: string, line: CostLine): boolean {
  const t = line.toewijzing;
  if (t === undefined) return false;
  if (t.toewijzingGemeente !== centrumgemeente || t.ingangsdatum >= overgangsdatum) return false;
  if (t.herbeoordeeldOp && line.maand >= t.herbeoordeeldOp.slice(0, 7)) return false;
  if (t.einddatumOpOvergangsdatum !== null) return line.maand <= t.einddatumOpOvergangsdatum.slice(0, 7);
  return t.zonderEinddatumOpOvergangsdatum === true;
}

/** Plain code-unit order: deterministic, unlike locale-aware comparison. */

const REDEN_GEEN_REGELING = 'geen regeling voor deze herkomstgemeente en dit taakveld';
const REDEN_ONBEKEND =
  'herkomst onbekend en de regeling is niet te bepalen (meerdere regelingen voor dit taakveld)';

function herleid(k: RegelingKosten, gemeente: string, line: CostLine, overgang: boolean): void {
  const id = `${gemeente}|${line.maand}`;
  let m = k.herleiding.get(id);
  if (m === undefined) {
    m = { gemeente, maand: line.maand, bedrag: 0, overgang: 0, bestanden: new Set() };
    k.herleiding.set(id, m);
  }
  m.bedrag += line.bedrag;
  if (overgang) m.overgang += line.bedrag;
  for (const f of line.fileIds) m.bestanden.add(f);
}

/** Attributes the lines (already limited to the settled period) to the active schemes. */
export function attributeCosts(
  region: Region,
  regelingen: readonly ActieveRegeling[],
  kosten: readonly CostLine[],
): Toerekening {
  const perRegeling = new Map<number, RegelingKosten>();
  const filters = new Map<number, (line: CostLine) => boolean>();
  for (const a of regelingen) {
    perRegeling.set(a.index, {
      leden: new Map(a.regeling.leden.map((c) => [c, { zorgkosten: 0, overgang: 0 }])),
      herleiding: new Map(),
      onbekend: 0,
      buitenZorgkosten: 0,
      bestanden: new Set(),
      zonderToewijzing: 0,
    });
    filters.set(a.index, zorgkostenFilter(a.regeling, region));
  }
  const niet = new Map<
    string,
    { taakveld: Taakveld; herkomstgemeente: string; reden: string; regels: number; bedrag: number }
  >();
  const weiger = (line: CostLine, reden: string) => {
    const key = `${line.taakveld}|${line.herkomstgemeente}|${reden}`;
    const n = niet.get(key) ?? {
      taakveld: line.taakveld,
      herkomstgemeente: line.herkomstgemeente,
      reden,
      regels: 0,
      bedrag: 0,
    };
    n.regels += 1;
    n.bedrag += line.bedrag;
    niet.set(key, n);
  };

  for (const line of kosten) {
    if (!Number.isSafeInteger(line.bedrag))
      throw new RangeError(`kostenregel ${line.maand}: bedrag is geen geheel aantal eurocent`);
    const kandidaten = regelingen.filter((a) => a.regeling.taakvelden.includes(line.taakveld));
    let a: ActieveRegeling | undefined;
    if (line.herkomstgemeente !== ONBEKEND) {
      a = kandidaten.find((k) => k.regeling.leden.includes(line.herkomstgemeente));
      if (a === undefined) {
        weiger(line, REDEN_GEEN_REGELING);
        continue;
      }
    } else {
      const beoordelaar = line.gemeente;
      a =
        beoordelaar !== undefined
          ? kandidaten.find((k) => k.regeling.leden.includes(beoordelaar))
          : kandidaten.length === 1
            ? kandidaten[0]
            : undefined;
      if (a === undefined) {
        weiger(
          line,
          beoordelaar !== undefined || kandidaten.length === 0 ? REDEN_GEEN_REGELING : REDEN_ONBEKEND,
        );
        continue;
      }
    }
    const k = perRegeling.get(a.index);
    const telt = filters.get(a.index);
    if (k === undefined || telt === undefined) continue;
    if (!telt(line)) {
      k.buitenZorgkosten += line.bedrag;
      continue;
    }
    for (const f of line.fileIds) k.bestanden.add(f);
    const overgang = a.regeling.overgang;
    if (overgang !== undefined && line.toewijzing === undefined) k.zonderToewijzing += 1;
    if (overgang !== undefined && blijftBijCentrum(overgang.datum, a.centrumgemeente, line)) {
      const c = k.leden.get(a.centrumgemeente);
      if (c !== undefined) {
        c.zorgkosten += line.bedrag;
        c.overgang += line.bedrag;
        herleid(k, a.centrumgemeente, line, true);
        continue;
      }
    }
    const lid = k.leden.get(line.herkomstgemeente);
    if (lid !== undefined) lid.zorgkosten += line.bedrag;
    else k.onbekend += line.bedrag;
    herleid(k, lid !== undefined ? line.herkomstgemeente : ONBEKEND, line, false);
  }

  const nietToegerekend = [...niet.values()].sort(
    (x, y) =>
      cmpText(x.taakveld, y.taakveld) ||
      cmpText(x.herkomstgemeente, y.herkomstgemeente) ||
      cmpText(x.reden, y.reden),
  );
  return { perRegeling, nietToegerekend };
}
