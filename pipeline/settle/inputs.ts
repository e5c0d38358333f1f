/**
 * Resolves one scheme's figures for a year from the configuration: its members with inleg and inhabitants, and its
 * operating costs. Missing or unusable configuration is recorded as a problem naming file and field; the same code
 * runs when loading (for every year in budgetten.csv) and when settling, so both report the same message.
 */
import { BEDRIJFSVOERING_POSTEN, type Regeling } from '../../schemas/settlement';
import type { Problemen } from './errors';
import { Dec, roundHalfUp } from './round';
import type { SchemeInput } from './scheme';
import type { BudgetRow, SettlementConfig, Taakveld } from './types';

export interface ActieveRegeling {
  /** Position in verevening.regelingen (for messages). */
  readonly index: number;
  readonly regeling: Regeling;
  readonly centrumgemeente: string;
}

export const regelingPad = (index: number): string => `verevening.regelingen[${index}]`;

export const actief = (regeling: Regeling, jaar: number): boolean =>
  (regeling.jaren?.van ?? Number.NEGATIVE_INFINITY) <= jaar &&
  jaar <= (regeling.jaren?.tot ?? Number.POSITIVE_INFINITY);

export function activeSchemes(config: SettlementConfig, jaar: number): ActieveRegeling[] {
  return config.verevening.regelingen
    .map((regeling, index) => ({
      index,
      regeling,
      centrumgemeente: regeling.centrumgemeente ?? config.region.centrumgemeente,
    }))
    .filter((a) => actief(a.regeling, jaar));
}

export interface BudgetIndex {
  readonly get: (
    jaar: number,
    gemeente: string,
    taakveld: Taakveld,
  ) => { row: BudgetRow; index: number } | undefined;
}

export const budgetKey = (jaar: number, gemeente: string, taakveld: string): string =>
  `${jaar}|${gemeente}|${taakveld}`;

/** The first row per (jaar, gemeente, taakveld); duplicates are refused by loadSettlementConfig. */
export function indexBudgetten(rows: readonly BudgetRow[]): BudgetIndex {
  const map = new Map<string, { row: BudgetRow; index: number }>();
  rows.forEach((row, index) => {
    const key = budgetKey(row.jaar, row.gemeente, row.taakveld);
    if (!map.has(key)) map.set(key, { row, index });
  });
  return { get: (jaar, gemeente, taakveld) => map.get(budgetKey(jaar, gemeente, taakveld)) };
}

/** How budgetten.csv rows are named in messages: the data row (line = row + 1 after the header) and its key. */
export const budgetRij = (index: number, row: BudgetRow): string =>
  `regel ${index + 2} (Jaar ${row.jaar}, Gemeente ${row.gemeente}, Taakveld ${row.taakveld})`;

export interface ResolvedLid {
  readonly gemeente: string;
  readonly naam: string;
  readonly inleg: number;
  readonly inwoners: number | null;
}

export interface ResolvedScheme {
  readonly actief: ActieveRegeling;
  readonly leden: readonly ResolvedLid[];
  readonly bedrijfsvoering: SchemeInput['bedrijfsvoering'];
}

const heeftGewicht = (v: string | undefined): boolean => v !== undefined && !new Dec(v).isZero();

export function resolveScheme(
  config: SettlementConfig,
  budgetten: BudgetIndex,
  a: ActieveRegeling,
  jaar: number,
  problemen: Problemen,
): ResolvedScheme {
  const { regeling, index } = a;
  const bestand = config.bestanden;
  const pad = regelingPad(index);
  const gemeenten = config.region.gemeenten;
  const inwonersNodig =
    heeftGewicht(regeling.sleutel.inwoners) || heeftGewicht(regeling.bedrijfsvoering?.sleutel.inwoners);
  const bron = regeling.inleg?.bron ?? 'budget';
  const factor = bron === 'ingroei' ? regeling.inleg?.ingroeipad?.[String(jaar)] : undefined;
  if (bron === 'ingroei' && factor === undefined)
    problemen.add(bestand.region, `${pad}.inleg.ingroeipad`, `geen ingroeifactor voor ${jaar}`);

  const inlegVan = (gemeente: string, verplicht: boolean): number => {
    let totaal = 0;
    for (const taakveld of regeling.taakvelden) {
      const hit = budgetten.get(jaar, gemeente, taakveld);
      if (hit === undefined) {
        if (verplicht)
          problemen.add(
            bestand.budgetten,
            `Jaar ${jaar}, Taakveld ${taakveld}, Gemeente ${gemeente}`,
            `regel ontbreekt; nodig als inleg voor ${pad} ("${regeling.naam}")`,
          );
        continue;
      }
      const { row } = hit;
      if (bron === 'budget') totaal += row.historischBudget;
      else if (row.objectiefBudget === null)
        problemen.add(
          bestand.budgetten,
          `${budgetRij(hit.index, row)}, ObjectiefBudget`,
          `ontbreekt; nodig voor inleg.bron "ingroei" van ${pad}`,
        );
      else if (factor !== undefined) {
        // (1 − f) × historical + f × objective, rounded to the cent half up per row.
        const f = new Dec(factor);
        totaal += roundHalfUp(
          new Dec(1).minus(f).times(row.historischBudget).plus(f.times(row.objectiefBudget)),
        );
      }
    }
    return totaal;
  };

  const leden: ResolvedLid[] = [];
  for (const code of regeling.leden) {
    const gi = gemeenten.findIndex((g) => g.code === code);
    const gemeente = gemeenten[gi];
    if (gemeente === undefined) {
      problemen.add(bestand.region, `${pad}.leden`, `gemeente ${code} is geen lid van de regio`);
      continue;
    }
    const inwoners = gemeente.inwoners[String(jaar)] ?? null;
    if (inwoners === null && inwonersNodig)
      problemen.add(
        bestand.region,
        `gemeenten[${gi}].inwoners.${jaar}`,
        `geen inwonertal voor ${gemeente.naam} in ${jaar}; de sleutel van ${pad} gebruikt inwoners`,
      );
    let inleg: number;
    if (regeling.soort === 'pool') inleg = inlegVan(code, true);
    else if (regeling.soort === 'local') inleg = inlegVan(code, false);
    else inleg = code === a.centrumgemeente ? inlegVan(code, true) : 0;
    leden.push({ gemeente: code, naam: gemeente.naam, inleg, inwoners });
  }

  let bedrijfsvoering: SchemeInput['bedrijfsvoering'] = null;
  if (regeling.bedrijfsvoering) {
    const bedragen = regeling.bedrijfsvoering.kosten[String(jaar)];
    if (bedragen === undefined)
      problemen.add(bestand.region, `${pad}.bedrijfsvoering.kosten`, `geen bedragen voor ${jaar}`);
    const posten = BEDRIJFSVOERING_POSTEN.flatMap((post) => {
      const bedrag = bedragen?.[post];
      return bedrag === undefined ? [] : [{ post, bedrag }];
    });
    bedrijfsvoering = {
      posten,
      innovatiePercentage: regeling.bedrijfsvoering.innovatiePercentage ?? '0',
      sleutel: regeling.bedrijfsvoering.sleutel,
    };
  }
  return { actief: a, leden, bedrijfsvoering };
}
