/**
 * `bwmo settle --jaar JJJJ [--tot JJJJ-MM] [--sluit] [--scenario FILE] [--format table|csv|xlsx|json|html] [--uit FILE]`:
 * computes, stores and prints the year's settlement statement (provisional, or with --sluit final; the same inputs
 * give the stored version back). With --scenario the keys in FILE are compared side by side (see
 * pipeline/settle/scenario-file.ts for the format; without it xlsx and html carry the standard keys).
 *
 * Outputs: table (readable Dutch statement; with --scenario the comparison after it), json (the statement; with
 * --scenario {overzicht, vergelijking}), csv (the member lines of every scheme; with --scenario the comparison),
 * xlsx (a sheet per scheme, the totals, traceability and the key comparison; needs --uit) and html (a printable
 * statement). Notes (stored as version n, unchanged, year closed) go to stderr.
 *
 * While a `bwmo serve` runs on the data folder the run goes to it (POST /lokaal/verevening), because LevelDB allows
 * one process; a server without that route can still compute a provisional statement (GET /api/verevening), but
 * cannot store or close one.
 */

import { readFile, writeFile } from 'node:fs/promises';
import { antwoord, geenVereveningVoor, type LokaleRun, type SettleAntwoord } from '../pipeline/api/settle';
import { MONTH } from '../pipeline/dates';
import { fileErrorText } from '../pipeline/file-errors';
import { toCsv, toXlsx } from '../pipeline/monitor/tables';
import { RegionConfigError } from '../pipeline/region/load';
import { SettlementConfigError } from '../pipeline/settle/errors';
import { statementHtml } from '../pipeline/settle/html';
import { runSettlement, SettleInputError } from '../pipeline/settle/run';
import { parseScenarioFile } from '../pipeline/settle/scenario-file';
import { scenarioTable, statementLinesTable, statementWorkbookTables } from '../pipeline/settle/tables';
import { scenarioText, statementText } from '../pipeline/settle/text';
import { runningServe, type ServeInfo } from '../serve/info';
import { writeAll } from './output';
import { openLocal, type RuntimeOptions } from './runtime';

export interface SettleCliOptions extends RuntimeOptions {
  readonly jaar: string;
  readonly scenario?: string;
  readonly tot?: string;
  readonly sluit: boolean;
  readonly format: 'table' | 'csv' | 'xlsx' | 'json' | 'html';
  readonly uit?: string;
}

class Gebruik extends Error {}

/** The run through a running `bwmo serve`. */
async function viaServe(serving: ServeInfo, run: LokaleRun): Promise<SettleAntwoord> {
  const res = await fetch(`${serving.http}/lokaal/verevening`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(run),
  });
  if (res.status === 404) return alleenBerekenen(serving, run);
  const body = (await res.json()) as SettleAntwoord & { fout?: string };
  if (!res.ok) throw new Gebruik(body.fout ?? `bwmo serve antwoordde ${res.status}`);
  return body;
}

/** A server without the write route: compute through the read-only API, store nothing. */
async function alleenBerekenen(serving: ServeInfo, run: LokaleRun): Promise<SettleAntwoord> {
  if (run.sluit)
    throw new Gebruik(
      'de draaiende bwmo serve kan een jaar niet afsluiten; stop bwmo serve en geef het commando opnieuw',
    );
  if (run.scenario)
    throw new Gebruik(
      'de draaiende bwmo serve kan geen eigen scenario’s vergelijken; stop bwmo serve of laat --scenario weg',
    );
  // The statement with the standard keys side by side (xlsx and html show them), in one computation.
  const query = new URLSearchParams({
    jaar: String(run.jaar),
    ...(run.tot ? { tot: run.tot } : {}),
    vergelijking: 'ja',
  });
  const res = await fetch(`${serving.http}/api/verevening?${query}`, {
    headers: { 'x-bwmo-groepen': 'financien' },
  });
  const body = (await res.json()) as SettleAntwoord & { fout?: string };
  if (!res.ok) throw new Gebruik(body.fout ?? `bwmo serve antwoordde ${res.status}`);
  const { fout: _, ...a } = body;
  return {
    ...a,
    melding: [a.melding, 'Berekend door de draaiende bwmo serve en niet opgeslagen.']
      .filter(Boolean)
      .join(' '),
  };
}

function melding(a: SettleAntwoord): string {
  const s = a.overzicht;
  const wat = `verevening ${s.jaar} versie ${s.versie} (${s.status}, invoerhash ${s.invoerHash.slice(0, 12)}…)`;
  const regels = [
    a.opslag === 'nieuw'
      ? `Opgeslagen: ${wat}${a.versie ? ` in de bucket als ${a.versie.bestand}` : ''}.`
      : a.opslag === 'bestaand'
        ? `Ongewijzigd: ${wat} had al deze invoer.`
        : `Berekend, niet opgeslagen: ${wat}.`,
  ];
  if (a.melding) regels.push(a.melding);
  return `bwmo settle: ${regels.join(' ')}\n`;
}

export async function runSettle(options: SettleCliOptions): Promise<number> {
  try {
    if (!/^[0-9]{4}$/.test(options.jaar))
      throw new Gebruik(`--jaar is een jaartal (JJJJ), niet "${options.jaar}"`);
    if (options.tot !== undefined && !MONTH.test(options.tot))
      throw new Gebruik(`--tot is een maand (JJJJ-MM), niet "${options.tot}"`);
    if (options.sluit && options.tot !== undefined)
      throw new Gebruik('--sluit sluit het hele jaar af: laat --tot weg');
    if (options.format === 'xlsx' && !options.uit)
      throw new Gebruik('--format xlsx schrijft naar een bestand; geef --uit BESTAND.xlsx op');
    const scenario =
      options.scenario === undefined
        ? undefined
        : {
            bestand: options.scenario,
            tekst: await readFile(options.scenario, 'utf8').catch((err: Error) => {
              throw new Gebruik(`--scenario ${options.scenario}: ${fileErrorText(err)}`);
            }),
          };
    // Checked here too, so a bad file stops before anything is computed or stored.
    const scenarios = scenario ? parseScenarioFile(scenario.bestand, scenario.tekst) : undefined;
    const run: LokaleRun = {
      jaar: Number(options.jaar),
      ...(options.tot !== undefined ? { tot: options.tot } : {}),
      sluit: options.sluit,
      ...(scenario ? { scenario } : {}),
    };

    const serving = await runningServe(options.data);
    let a: SettleAntwoord;
    if (serving) a = await viaServe(serving, run);
    else {
      const runtime = await openLocal(options, { existing: true });
      try {
        a = antwoord(
          await runSettlement(runtime, {
            jaar: run.jaar,
            ...(run.tot !== undefined ? { totMaand: run.tot } : {}),
            sluit: options.sluit,
            scenarios: scenarios ?? 'standaard',
            ...(scenario ? { scenarioBestand: scenario.bestand } : {}),
          }),
        );
      } catch (err) {
        // A year the region has no budgets for: one line, as the API says it, not every missing figure.
        const nietIngericht =
          err instanceof SettlementConfigError ? geenVereveningVoor(runtime, run.jaar) : null;
        throw nietIngericht === null ? err : new Gebruik(nietIngericht);
      } finally {
        await runtime.close();
      }
    }
    process.stderr.write(melding(a));
    await schrijf(options, a, scenario !== undefined);
    return 0;
  } catch (err) {
    if (
      err instanceof Gebruik ||
      err instanceof SettleInputError ||
      err instanceof SettlementConfigError ||
      err instanceof RegionConfigError
    ) {
      process.stderr.write(`bwmo settle: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

async function schrijf(options: SettleCliOptions, a: SettleAntwoord, eigenScenarios: boolean): Promise<void> {
  const v = a.vergelijking;
  let uit: string | Buffer;
  switch (options.format) {
    case 'json':
      uit = `${JSON.stringify(eigenScenarios ? { overzicht: a.overzicht, vergelijking: v } : a.overzicht, null, 2)}\n`;
      break;
    case 'csv':
      uit = toCsv(eigenScenarios && v ? scenarioTable(v) : statementLinesTable(a.overzicht));
      break;
    case 'xlsx':
      uit = await toXlsx(statementWorkbookTables(a.overzicht, v));
      break;
    case 'html':
      uit = statementHtml(a.overzicht, v);
      break;
    default:
      uit = `${statementText(a.overzicht)}${eigenScenarios && v ? `\n${scenarioText(v)}` : ''}`;
  }
  if (options.uit) {
    await writeFile(options.uit, uit);
    process.stderr.write(`bwmo settle: ${options.uit} geschreven\n`);
  } else await writeAll(process.stdout, [String(uit)]);
}
