/**
 * Loads the settlement configuration: validates `verevening` in region.json against the schema and against the
 * region and budgetten.csv (members known, members present in the budgets for every year and taakveld a scheme
 * needs, no negative or duplicate budgets, inhabitants, tariffs and operating costs present for those years).
 * Throws SettlementConfigError listing every problem with file and field; returns the typed configuration.
 */
import { z } from 'zod';
import type { Region } from '../../schemas/region';
import { formatPad, VereveningSchema } from '../../schemas/settlement';
import { perInhabitantContribution } from './contribution';
import { Problemen, SettlementConfigError } from './errors';
import { activeSchemes, budgetKey, budgetRij, indexBudgetten, regelingPad, resolveScheme } from './inputs';
import type { Bestandsnamen, BudgetRow, SettlementConfig } from './types';

export const STANDAARD_BESTANDEN: Bestandsnamen = { region: 'region.json', budgetten: 'budgetten.csv' };

export function loadSettlementConfig(
  region: Region,
  budgetten: readonly BudgetRow[],
  bestandsnamen: Partial<Bestandsnamen> = {},
): SettlementConfig {
  const bestanden: Bestandsnamen = { ...STANDAARD_BESTANDEN, ...bestandsnamen };
  if (region.verevening === undefined)
    throw new SettlementConfigError([
      {
        bestand: bestanden.region,
        veld: 'verevening',
        melding: 'ontbreekt: de regio heeft geen vereveningsconfiguratie',
      },
    ]);
  const parsed = VereveningSchema.safeParse(region.verevening, { error: z.locales.nl().localeError });
  if (!parsed.success)
    throw new SettlementConfigError(
      parsed.error.issues.map((i) => ({
        bestand: bestanden.region,
        veld: formatPad(['verevening', ...i.path]),
        melding: i.message,
      })),
    );
  const verevening = parsed.data;
  const problemen = new Problemen();
  const codes = new Set(region.gemeenten.map((g) => g.code));

  verevening.regelingen.forEach((r, i) => {
    const pad = regelingPad(i);
    r.leden.forEach((code, j) => {
      if (!codes.has(code))
        problemen.add(bestanden.region, `${pad}.leden[${j}]`, `gemeente ${code} is geen lid van de regio`);
    });
    const centrum = r.centrumgemeente ?? region.centrumgemeente;
    const veld = r.centrumgemeente !== undefined ? `${pad}.centrumgemeente` : 'centrumgemeente';
    if (r.soort === 'centrumgemeente-with-charge-on' && !r.leden.includes(centrum))
      problemen.add(
        bestanden.region,
        veld,
        `centrumgemeente ${centrum} is geen lid van ${pad} ("${r.naam}")`,
      );
    if (r.overgang !== undefined && !r.leden.includes(centrum))
      problemen.add(
        bestanden.region,
        `${pad}.overgang`,
        `de overgangsregel vraagt centrumgemeente ${centrum} als lid`,
      );
  });

  const eerste = new Map<string, number>();
  budgetten.forEach((row, i) => {
    if (!codes.has(row.gemeente))
      problemen.add(
        bestanden.budgetten,
        `${budgetRij(i, row)}, Gemeente`,
        `${row.gemeente} is geen lid van de regio`,
      );
    if (row.historischBudget < 0)
      problemen.add(
        bestanden.budgetten,
        `${budgetRij(i, row)}, HistorischBudget`,
        `negatief budget (${row.historischBudget})`,
      );
    if (row.objectiefBudget !== null && row.objectiefBudget < 0)
      problemen.add(
        bestanden.budgetten,
        `${budgetRij(i, row)}, ObjectiefBudget`,
        `negatief budget (${row.objectiefBudget})`,
      );
    const key = budgetKey(row.jaar, row.gemeente, row.taakveld);
    const eerder = eerste.get(key);
    if (eerder !== undefined)
      problemen.add(bestanden.budgetten, budgetRij(i, row), `komt dubbel voor (ook op regel ${eerder + 2})`);
    else eerste.set(key, i);
  });

  const config: SettlementConfig = { region, verevening, budgetten, bestanden };
  // Every year budgetten.csv covers is a year someone will settle: check now what settling it needs.
  const index = indexBudgetten(budgetten);
  const jaren = [...new Set(budgetten.map((b) => b.jaar))].sort((a, b) => a - b);
  for (const jaar of jaren) {
    for (const a of activeSchemes(config, jaar)) resolveScheme(config, index, a, jaar, problemen);
    perInhabitantContribution(config, jaar, problemen);
  }
  problemen.throwIfAny();
  return config;
}
