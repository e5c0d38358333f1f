/**
 * The settlement from the stored, committed figures (used by `bwmo settle`, the settle Lambda and the API).
 *
 * Reads the region's settlement configuration, the committed contributions (cost lines, see costs.ts) and the stored
 * statements, and computes a year's statement with the pure model (settleYear). Then:
 * - a closed year (a definitief version exists) is never recomputed: its final statement comes back unchanged, with a
 *   note when corrections arrived since (they go into a later year's post-calculation);
 * - the same inputs as any stored version of the year give that version back (nothing written);
 * - changed inputs give version n+1, with the differences explained, stored immutably (store.ts);
 * - `sluit` makes the statement definitief (the whole year) and freezes the year. Only runSettlement writes; the API
 *   uses computeSettlement, which never stores and never closes.
 *
 * Provisional statements without a month use the default month (standaardTotMaand): the last month of the year with
 * approved costs, no later than the last full month before today.
 */
import { join } from 'node:path';
import { monthOf } from '../dates';
import type { IngestDeps } from '../ingest';
import { loadMonitorData, loadSourceFiles, type SourceFile } from '../monitor/data';
import { loadSettlementConfig } from './config';
import { costLines, maandenMetKosten } from './costs';
import { SettlementClosedError } from './errors';
import { compareKeys, computableStandardScenarios, type Scenario } from './scenarios';
import { settleYear } from './statement';
import { listVersies, readStatement, type VersieItem, writeStatement } from './store';
import type { CostLine, ScenarioVergelijking, SettlementConfig, Statement, Status } from './types';

/** A request that cannot be settled as asked (the CLI exits 2, the API answers 400), in Dutch. */
export class SettleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettleInputError';
  }
}

export interface SettleRun {
  readonly jaar: number;
  /** Provisional: the last month whose costs count (YYYY-MM within the year); default standaardTotMaand. */
  readonly totMaand?: string;
  /** Close the year: a definitief statement over the whole year. */
  readonly sluit: boolean;
  /** Today (default: now); decides the default month and whether a year is over. */
  readonly vandaag?: Date;
  /** Also compare keys side by side on the same figures ('standaard': STANDAARD_SCENARIOS). */
  readonly scenarios?: readonly Scenario[] | 'standaard';
  /** The file the scenarios came from, named in messages about them. */
  readonly scenarioBestand?: string;
}

export interface SettleResult {
  readonly overzicht: Statement;
  readonly versie: number;
  readonly invoerHash: string;
  readonly status: Status;
  /**
   * nieuw: stored by this run; bestaand: a stored version with these inputs (or the closed year's final statement);
   * berekend: computed for a reader and not stored (its version number is the one it would get).
   */
  readonly opslag: 'nieuw' | 'bestaand' | 'berekend';
  /** The stored version's index entry (not for `berekend`). */
  readonly index: VersieItem | null;
  /** A note for the user, e.g. that the year is closed. */
  readonly melding: string | null;
  readonly vergelijking: ScenarioVergelijking | null;
  /** The committed files the figures came from (to name the file ids of the traceability). */
  readonly bronnen: ReadonlyMap<string, SourceFile>;
}

const MAAND = /^([0-9]{4})-(0[1-9]|1[0-2])$/;

/** The month before today's month (YYYY-MM, UTC). */
export function vorigeMaand(vandaag: Date): string {
  const d = new Date(Date.UTC(vandaag.getUTCFullYear(), vandaag.getUTCMonth() - 1, 1));
  return monthOf(d.toISOString());
}

/**
 * The default last month of a provisional statement: the last month of the year with approved costs, not after the
 * last full month before today; without costs that full month (or December of a past year).
 */
function standaardTotMaand(jaar: number, maanden: readonly string[], vandaag: Date): string {
  const laatsteVolle = vorigeMaand(vandaag);
  const grens =
    jaar < Number(laatsteVolle.slice(0, 4))
      ? `${jaar}-12`
      : jaar === Number(laatsteVolle.slice(0, 4))
        ? laatsteVolle
        : null;
  if (grens === null)
    throw new SettleInputError(
      `${jaar} heeft nog geen volledige maand; geef de maand op (tot, JJJJ-MM binnen ${jaar})`,
    );
  const metKosten = maanden.filter((m) => m.startsWith(`${jaar}-`) && m <= grens);
  return metKosten.at(-1) ?? grens;
}

function checkJaar(jaar: number): void {
  if (!Number.isInteger(jaar) || jaar < 2015 || jaar > 2100)
    throw new SettleInputError(`jaar moet een jaartal zijn (JJJJ), niet ${jaar}`);
}

function checkTot(jaar: number, tot: string): void {
  const m = MAAND.exec(tot);
  if (!m || Number(m[1]) !== jaar)
    throw new SettleInputError(`tot moet een maand binnen ${jaar} zijn (JJJJ-MM), niet "${tot}"`);
}

/** Everything a settlement reads, loaded once per request. */
interface Invoer {
  readonly config: SettlementConfig;
  readonly kosten: readonly CostLine[];
  readonly versies: readonly VersieItem[];
  /** Every final statement (all years). */
  readonly afgesloten: readonly Statement[];
  readonly bronnen: ReadonlyMap<string, SourceFile>;
}

/** The configuration with the region folder's file names in its messages. */
export function settlementConfig(deps: IngestDeps): SettlementConfig {
  const dir = deps.region.dir;
  return loadSettlementConfig(deps.region.region, deps.region.budgetten, {
    region: join(dir, 'region.json'),
    budgetten: join(dir, 'budgetten.csv'),
  });
}

async function laad(deps: IngestDeps): Promise<Invoer> {
  const config = settlementConfig(deps);
  const data = await loadMonitorData(deps.store, gemeenteCodes(config));
  const kosten = costLines(data, config);
  const versies = await listVersies(deps.store);
  const afgesloten: Statement[] = [];
  for (const v of versies) if (v.status === 'definitief') afgesloten.push(await readStatement(deps.store, v));
  for (const s of afgesloten) checkRegio(s, config);
  return { config, kosten, versies, afgesloten, bronnen: data.files };
}

const gemeenteCodes = (config: SettlementConfig) => config.region.gemeenten.map((g) => g.code);

/** A stored statement belongs to the region of this folder. */
function checkRegio(s: Statement, config: SettlementConfig): void {
  if (s.regio.code !== config.region.code)
    throw new Error(
      `de opgeslagen verevening hoort bij regio ${s.regio.code}, niet bij ${config.region.code}: gebruik de bijbehorende regiomap`,
    );
}

interface Uitkomst {
  readonly overzicht: Statement;
  readonly bestaand: VersieItem | null;
  readonly melding: string | null;
}

async function bereken(
  deps: IngestDeps,
  invoer: Invoer,
  run: Omit<SettleRun, 'scenarios'>,
  vandaag: Date,
): Promise<Uitkomst> {
  const { jaar } = run;
  checkJaar(jaar);
  const { config, kosten, versies, afgesloten } = invoer;
  const vanJaar = versies.filter((v) => v.jaar === jaar);
  const finaal = afgesloten.find((s) => s.jaar === jaar);
  if (finaal !== undefined) {
    let melding = `${jaar} is definitief afgesloten (versie ${finaal.versie}); dit overzicht verandert niet meer.`;
    try {
      settleYear(config, kosten, { jaar, status: 'definitief', afgesloten });
    } catch (err) {
      if (!(err instanceof SettlementClosedError)) throw err;
      melding +=
        ' Sindsdien zijn correcties binnengekomen: die komen als nacalculatie in het overzicht van een later jaar.';
    }
    const index = vanJaar.find((v) => v.versie === finaal.versie) ?? null;
    return { overzicht: finaal, bestaand: index, melding };
  }
  if (run.sluit && run.totMaand !== undefined)
    throw new SettleInputError('afsluiten gaat over het hele jaar: laat de maand (tot) weg');
  if (run.sluit && jaar >= vandaag.getUTCFullYear())
    throw new SettleInputError(`${jaar} is nog niet voorbij: een jaar kan pas na afloop worden afgesloten`);
  // Years close in order: a later closed year may already carry a post-calculation of this one, which this year's
  // final statement would not see (postcalc.ts compares with closed years before it), and so book it twice.
  const later = afgesloten.filter((s) => s.jaar > jaar).map((s) => s.jaar);
  if (run.sluit && later.length > 0)
    throw new SettleInputError(
      `${jaar} kan niet meer worden afgesloten: het latere jaar ${Math.min(...later)} is al definitief; correcties voor ${jaar} komen als nacalculatie in een later overzicht`,
    );
  if (run.totMaand !== undefined) checkTot(jaar, run.totMaand);
  const status: Status = run.sluit ? 'definitief' : 'voorlopig';
  const kostenMaanden = maandenMetKosten(kosten);
  const totEnMetMaand = run.sluit
    ? undefined
    : (run.totMaand ?? standaardTotMaand(jaar, kostenMaanden, vandaag));
  const laatste = vanJaar.at(-1);
  const vorige = laatste === undefined ? null : await readStatement(deps.store, laatste);
  const overzicht = settleYear(config, kosten, { jaar, status, totEnMetMaand, afgesloten, vorige });
  // The same inputs as any stored version (not only the latest) give that version back.
  const gelijk = vanJaar.find((v) => v.invoerHash === overzicht.invoerHash) ?? null;
  // A statement without a single cost month is legitimate (the budgets alone) but should not pass for a real one.
  const melding = kostenMaanden.some(
    (m) => m.startsWith(`${jaar}-`) && (totEnMetMaand === undefined || m <= totEnMetMaand),
  )
    ? null
    : `Voor ${jaar} zijn nog geen kosten verwerkt: dit overzicht bevat alleen de inleg uit de budgetten.`;
  if (gelijk !== null)
    return {
      overzicht: gelijk === laatste && vorige !== null ? vorige : await readStatement(deps.store, gelijk),
      bestaand: gelijk,
      melding,
    };
  return { overzicht, bestaand: null, melding };
}

/** The status and month a statement's figures were computed for (a provisional one always has its projection). */
const berekening = (s: Statement) => ({
  jaar: s.jaar,
  status: s.status,
  totEnMetMaand: s.projectie?.totEnMetMaand,
});

function vergelijking(invoer: Invoer, u: Uitkomst, run: SettleRun | Omit<SettleRun, 'sluit'>) {
  if (run.scenarios === undefined) return null;
  if (run.scenarios !== 'standaard')
    return compareKeys(
      invoer.config,
      invoer.kosten,
      berekening(u.overzicht),
      run.scenarios,
      run.scenarioBestand,
    );
  // The standard candidates nobody asked for by name: one the year's data cannot compute is left out, not an error.
  const { scenarios, weggelaten } = computableStandardScenarios(invoer.config, u.overzicht.jaar);
  return compareKeys(invoer.config, invoer.kosten, { ...berekening(u.overzicht), weggelaten }, scenarios);
}

/**
 * The key comparison beside a statement: computed on the current figures, so beside a stored statement (a closed year,
 * a stored version) only while its inputs are still the current ones; else left out, saying why.
 */
function vergelijkingBij(
  invoer: Invoer,
  u: Uitkomst,
  run: SettleRun | Omit<SettleRun, 'sluit'>,
): { v: ReturnType<typeof vergelijking>; weggelaten?: { readonly melding: string } } {
  if (run.scenarios === undefined || u.bestaand === null || opHuidigeCijfers(invoer, u))
    return { v: vergelijking(invoer, u, run) };
  const waarom =
    u.overzicht.status === 'definitief'
      ? `de cijfers zijn veranderd sinds het afgesloten overzicht (versie ${u.overzicht.versie}); de correcties komen als nacalculatie in een later jaar`
      : `de cijfers zijn veranderd sinds versie ${u.overzicht.versie}. Vraag een voorlopig overzicht tot een maand voor een vergelijking op de huidige cijfers`;
  return { v: null, weggelaten: { melding: `De sleutelvergelijking is weggelaten: ${waarom}.` } };
}

/** Computes and stores (a new version of) a year's statement; closes the year with `sluit`. */
export async function runSettlement(deps: IngestDeps, run: SettleRun): Promise<SettleResult> {
  const vandaag = run.vandaag ?? new Date();
  const invoer = await laad(deps);
  const u = await bereken(deps, invoer, run, vandaag);
  // The key comparison first: a scenario that cannot be computed stops the run before anything is stored.
  const { v, weggelaten } = vergelijkingBij(invoer, u, run);
  const nieuw =
    u.bestaand === null ? await writeStatement(deps.store, deps.blobs, u.overzicht, vandaag) : null;
  return resultaat(u, invoer.bronnen, v, nieuw, weggelaten);
}

/**
 * For readers (the API): the latest stored statement of the year, or with `totMaand` a provisional one computed on the
 * current figures; never stores and never closes. A closed year gives its final statement.
 */
export async function computeSettlement(
  deps: IngestDeps,
  run: Omit<SettleRun, 'sluit'> & { readonly versie?: number },
): Promise<SettleResult> {
  const vandaag = run.vandaag ?? new Date();
  checkJaar(run.jaar);
  const config = settlementConfig(deps);
  const vanJaar = (await listVersies(deps.store)).filter((v) => v.jaar === run.jaar);
  const opgeslagen = run.versie !== undefined ? vanJaar.find((v) => v.versie === run.versie) : vanJaar.at(-1);
  if (run.versie !== undefined && opgeslagen === undefined)
    throw new SettleInputError(`er is geen versie ${run.versie} van de verevening ${run.jaar}`);
  const finaal = vanJaar.some((v) => v.status === 'definitief');
  if (opgeslagen !== undefined && (run.versie !== undefined || (run.totMaand === undefined && !finaal))) {
    const overzicht = await readStatement(deps.store, opgeslagen);
    const u: Uitkomst = { overzicht, bestaand: opgeslagen, melding: null };
    // A stored statement as it is needs only its files, not the figures of every year.
    if (run.scenarios === undefined) {
      checkRegio(overzicht, config);
      return resultaat(u, await loadSourceFiles(deps.store, gemeenteCodes(config)), null);
    }
    const invoer = await laad(deps);
    const { v, weggelaten } = vergelijkingBij(invoer, u, run);
    return resultaat(u, invoer.bronnen, v, null, weggelaten);
  }
  const invoer = await laad(deps);
  const u = await bereken(deps, invoer, { ...run, sluit: false }, vandaag);
  const { v, weggelaten } = vergelijkingBij(invoer, u, run);
  return resultaat(u, invoer.bronnen, v, null, weggelaten);
}

/** Whether a stored statement's inputs are still the current ones (so a key comparison computed now fits it). */
function opHuidigeCijfers(invoer: Invoer, u: Uitkomst): boolean {
  try {
    const nu = settleYear(invoer.config, invoer.kosten, {
      ...berekening(u.overzicht),
      afgesloten: invoer.afgesloten,
    });
    return nu.invoerHash === u.overzicht.invoerHash;
  } catch (err) {
    // A closed year whose figures changed since.
    if (err instanceof SettlementClosedError) return false;
    throw err;
  }
}

/**
 * The answer to a run; `nieuw` is the version this run stored (null when it stored nothing). Without a comparison
 * where one was asked for, `weggelaten.melding` says why.
 */
function resultaat(
  u: Uitkomst,
  bronnen: ReadonlyMap<string, SourceFile>,
  v: ReturnType<typeof vergelijking>,
  nieuw: VersieItem | null = null,
  weggelaten?: { readonly melding: string },
): SettleResult {
  return {
    overzicht: u.overzicht,
    versie: u.overzicht.versie,
    invoerHash: u.overzicht.invoerHash,
    status: u.overzicht.status,
    opslag: u.bestaand !== null ? 'bestaand' : nieuw !== null ? 'nieuw' : 'berekend',
    index: u.bestaand ?? nieuw,
    melding: weggelaten ? [u.melding, weggelaten.melding].filter(Boolean).join(' ') : u.melding,
    vergelijking: v,
    bronnen,
  };
}

/** Every stored version of a year (the API's version list). */
export async function settlementVersions(deps: IngestDeps, jaar: number): Promise<VersieItem[]> {
  checkJaar(jaar);
  return listVersies(deps.store, jaar);
}
