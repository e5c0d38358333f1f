/**
 * The monitor's figures, as pure functions of the committed contributions (data.ts): monthly figures per
 * municipality of origin × taakveld × provider, the stand on a date, the spread of places, inflow and outflow,
 * taakgericht reports, rejections, and spending against budget. Every row lists the files it came from.
 */
import type { BudgetRow } from '../../schemas/csv';
import { retourcodeText } from '../../schemas/iwmo/codelists';
import type { Region } from '../../schemas/region';
import { firstOfMonth, lastOfMonth, monthOf, monthsBetween, toewijzingMoment } from '../dates';
import type { MonthFigures, ToewijzingContribution } from '../reconcile/contributions';
import { spreadOverMonths } from '../settle/round';
import { receivedAfter } from '../state/items';
import type { MonitorData } from './data';

export const ONBEKEND = '0000';
export const TAAKVELDEN = ['BW', 'MO', 'BWO', 'BP'] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface Filter {
  readonly van: string;
  readonly tot: string;
  readonly gemeenten?: ReadonlySet<string>;
  readonly taakveld?: string;
  readonly aanbieder?: string;
}

const keep = (f: Filter, gemeente: string, taakveld: string, aanbieder: string | null) =>
  (!f.gemeenten || f.gemeenten.has(gemeente)) &&
  (!f.taakveld || f.taakveld === taakveld) &&
  (!f.aanbieder || aanbieder === null || f.aanbieder === aanbieder);

export function gemeenteNaam(region: Region, code: string): string {
  if (code === ONBEKEND) return 'Onbekend';
  return region.gemeenten.find((g) => g.code === code)?.naam ?? `gemeente ${code}`;
}

type CurrentToewijzing = ToewijzingContribution & { fileId: string; gemeente: string };

const current = new WeakMap<MonitorData, readonly CurrentToewijzing[]>();

/**
 * The version of every toewijzing in effect: per sender and number the latest Toewijzingsdatum/-tijd. Worked out
 * once per data set: the views of an export each ask for it.
 */
export function currentToewijzingen(data: MonitorData): readonly CurrentToewijzing[] {
  let result = current.get(data);
  if (!result) {
    result = latestVersions(data);
    current.set(data, result);
  }
  return result;
}

function latestVersions(data: MonitorData): CurrentToewijzing[] {
  const best = new Map<string, CurrentToewijzing & { ontvangen: string }>();
  for (const file of data.toewijzingen) {
    const ontvangen = data.files.get(file.fileId)?.ontvangen ?? '';
    for (const row of file.rows) {
      const id = `${file.gemeente}|${row.nummer}`;
      const candidate = { ...row, fileId: file.fileId, gemeente: file.gemeente, ontvangen };
      const prev = best.get(id);
      if (!prev || later(candidate, prev)) best.set(id, candidate);
    }
  }
  return [...best.values()].filter((t) => t.redenWijziging !== '13');
}

function later(
  a: ToewijzingContribution & { ontvangen: string; fileId: string },
  b: ToewijzingContribution & { ontvangen: string; fileId: string },
): boolean {
  const ka = toewijzingMoment(a);
  const kb = toewijzingMoment(b);
  if (ka !== kb) return ka > kb;
  return a.fileId === b.fileId ? a.seq > b.seq : receivedAfter(a, b);
}

const activeOn = (t: { ingangsdatum: string; einddatum: string | null }, datum: string) =>
  t.ingangsdatum <= datum && (t.einddatum === null || t.einddatum >= datum);
const activeIn = (t: { ingangsdatum: string; einddatum: string | null }, maand: string) =>
  t.ingangsdatum <= lastOfMonth(`${maand}-01`) &&
  (t.einddatum === null || t.einddatum >= firstOfMonth(`${maand}-01`));

export interface MaandRij {
  readonly maand: string;
  readonly gemeente: string;
  readonly taakveld: string;
  readonly aanbieder: string;
  /** Distinct clients (keyed pseudonyms) with an approved prestatie in the month. */
  readonly clienten: number;
  /** Toewijzingen in effect at some day of the month. */
  readonly toewijzingen: number;
  readonly regels: number;
  readonly ingediend: number;
  readonly toegekend: number;
  readonly afgewezen: number;
  readonly volume: Readonly<Record<string, number>>;
  readonly bestanden: readonly string[];
}

/** Monthly figures per month × municipality of origin × taakveld × provider. */
export function maandCijfers(data: MonitorData, f: Filter): MaandRij[] {
  const rows = new Map<
    string,
    Mutable<Omit<MaandRij, 'clienten' | 'bestanden' | 'volume'>> & {
      clients: Set<string>;
      files: Set<string>;
      volume: Record<string, number>;
    }
  >();
  const row = (maand: string, gemeente: string, taakveld: string, aanbieder: string) => {
    const id = `${maand}|${gemeente}|${taakveld}|${aanbieder}`;
    let r = rows.get(id);
    if (!r) {
      r = {
        maand,
        gemeente,
        taakveld,
        aanbieder,
        toewijzingen: 0,
        regels: 0,
        ingediend: 0,
        toegekend: 0,
        afgewezen: 0,
        volume: {},
        clients: new Set(),
        files: new Set(),
      };
      rows.set(id, r);
    }
    return r;
  };
  for (const { fileId, figures } of data.declaraties) {
    for (const [id, m] of Object.entries(figures.maanden)) {
      const [maand, gemeente, taakveld, aanbieder] = id.split('|');
      if (maand < f.van || maand > f.tot || !keep(f, gemeente, taakveld, aanbieder)) continue;
      const r = row(maand, gemeente, taakveld, aanbieder);
      r.regels += m.regels;
      r.ingediend += m.ingediend;
      r.toegekend += m.toegekend;
      r.afgewezen += m.afgewezen;
      for (const [eenheid, v] of Object.entries(m.volume)) r.volume[eenheid] = (r.volume[eenheid] ?? 0) + v;
      for (const c of m.clients) r.clients.add(c);
      r.files.add(fileId);
    }
  }
  const maanden = monthsBetween(f.van, f.tot);
  for (const t of currentToewijzingen(data)) {
    if (!keep(f, t.herkomst, t.taakveld, t.agb)) continue;
    for (const maand of maanden) {
      if (!activeIn(t, maand)) continue;
      const r = row(maand, t.herkomst, t.taakveld, t.agb);
      r.toewijzingen++;
      r.files.add(t.fileId);
    }
  }
  return [...rows.values()]
    .map(({ clients, files, ...r }) => ({ ...r, clienten: clients.size, bestanden: [...files].sort() }))
    .sort((a, b) =>
      `${a.maand}|${a.gemeente}|${a.taakveld}|${a.aanbieder}`.localeCompare(
        `${b.maand}|${b.gemeente}|${b.taakveld}|${b.aanbieder}`,
      ),
    );
}

export interface StandRij {
  readonly gemeente: string;
  readonly naam: string;
  readonly BW: number;
  readonly MO: number;
  readonly BWO: number;
  /** Distinct clients over the taakvelden: a client with both a BW and an MO toewijzing counts once. */
  readonly totaal: number;
  readonly bestanden: readonly string[];
}

/** The taakvelden with clients in the stand (B&P is taakgericht: no clients). */
const STAND_TAAKVELDEN: ReadonlySet<string> = new Set(['BW', 'MO', 'BWO']);

export interface Stand {
  readonly datum: string;
  readonly rijen: StandRij[];
  readonly totaal: Omit<StandRij, 'gemeente' | 'naam' | 'bestanden'>;
}

/**
 * Clients with a toewijzing in effect on a date, per municipality of origin and taakveld ("BW stand per 1 juli"),
 * and per municipality the distinct clients over its taakvelden. The totals row adds up the rows.
 */
export function stand(
  data: MonitorData,
  region: Region,
  datum: string,
  gemeenten?: ReadonlySet<string>,
): Stand {
  const clients = new Map<string, Set<string>>();
  const clientsOfGemeente = new Map<string, Set<string>>();
  const files = new Map<string, Set<string>>();
  for (const t of currentToewijzingen(data)) {
    if (!activeOn(t, datum) || (gemeenten && !gemeenten.has(t.herkomst))) continue;
    const id = `${t.herkomst}|${t.taakveld}`;
    clients.set(id, (clients.get(id) ?? new Set()).add(t.client));
    if (STAND_TAAKVELDEN.has(t.taakveld))
      clientsOfGemeente.set(t.herkomst, (clientsOfGemeente.get(t.herkomst) ?? new Set()).add(t.client));
    files.set(t.herkomst, (files.get(t.herkomst) ?? new Set()).add(t.fileId));
  }
  const codes = [
    ...new Set([...region.gemeenten.map((g) => g.code), ...[...clients.keys()].map((k) => k.split('|')[0])]),
  ]
    .filter((g) => !gemeenten || gemeenten.has(g))
    .sort((a, b) =>
      a === ONBEKEND
        ? 1
        : b === ONBEKEND
          ? -1
          : gemeenteNaam(region, a).localeCompare(gemeenteNaam(region, b)),
    );
  const count = (g: string, tv: string) => clients.get(`${g}|${tv}`)?.size ?? 0;
  const rijen = codes
    .map((g) => {
      const BW = count(g, 'BW');
      const MO = count(g, 'MO');
      const BWO = count(g, 'BWO');
      const bestanden = [...(files.get(g) ?? [])].sort();
      const totaal = clientsOfGemeente.get(g)?.size ?? 0;
      return { gemeente: g, naam: gemeenteNaam(region, g), BW, MO, BWO, totaal, bestanden };
    })
    .filter((r) => r.gemeente !== ONBEKEND || r.totaal > 0);
  const totaal = {
    BW: rijen.reduce((s, r) => s + r.BW, 0),
    MO: rijen.reduce((s, r) => s + r.MO, 0),
    BWO: rijen.reduce((s, r) => s + r.BWO, 0),
    totaal: rijen.reduce((s, r) => s + r.totaal, 0),
  };
  return { datum, rijen, totaal };
}

export interface DichtheidRij {
  readonly gemeente: string;
  readonly naam: string;
  readonly inwoners: number | null;
  readonly clienten: number;
  /** Clients per 10,000 inhabitants, one decimal (null without an inhabitants figure for the year). */
  readonly per10000: number | null;
  readonly bestanden: readonly string[];
}

/**
 * Clients with a toewijzing in effect on a date per 10,000 inhabitants (inhabitants of the date's year), from the
 * stand on that date.
 */
export function dichtheid(
  standOpDatum: Stand,
  region: Region,
  datum: string,
  taakveld?: string,
): DichtheidRij[] {
  const jaar = datum.slice(0, 4);
  return standOpDatum.rijen
    .filter((r) => r.gemeente !== ONBEKEND)
    .map((r) => {
      const clienten = taakveld ? (r[taakveld as 'BW' | 'MO' | 'BWO'] ?? 0) : r.totaal;
      const inwoners = region.gemeenten.find((g) => g.code === r.gemeente)?.inwoners[jaar] ?? null;
      const per10000 = inwoners ? Math.round((clienten * 100_000) / inwoners) / 10 : null;
      return { gemeente: r.gemeente, naam: r.naam, inwoners, clienten, per10000, bestanden: r.bestanden };
    });
}

export interface SpreidingCel {
  readonly herkomst: string;
  readonly vestiging: string;
  readonly clienten: number;
  readonly bestanden: readonly string[];
}

/**
 * Spread of places (uitgangspunt 5): clients by municipality of origin × municipality of the provider's location
 * (VestigingGemeente of the product's contract, else the provider's), on a date.
 */
export function spreiding(
  data: MonitorData,
  datum: string,
  vestiging: (agb: string, categorie: string, code: string, datum: string) => string | null,
  taakveld?: string,
): SpreidingCel[] {
  const cells = new Map<string, { clients: Set<string>; files: Set<string> }>();
  for (const t of currentToewijzingen(data)) {
    if (!activeOn(t, datum) || (taakveld && t.taakveld !== taakveld)) continue;
    const plaats = vestiging(t.agb, t.categorie ?? '', t.code ?? '', datum) ?? ONBEKEND;
    const id = `${t.herkomst}|${plaats}`;
    const cell = cells.get(id) ?? { clients: new Set<string>(), files: new Set<string>() };
    cell.clients.add(t.client);
    cell.files.add(t.fileId);
    cells.set(id, cell);
  }
  return [...cells.entries()]
    .map(([id, cell]) => {
      const [herkomst, plaats] = id.split('|');
      return { herkomst, vestiging: plaats, clienten: cell.clients.size, bestanden: [...cell.files].sort() };
    })
    .sort((a, b) => `${a.herkomst}|${a.vestiging}`.localeCompare(`${b.herkomst}|${b.vestiging}`));
}

export interface InstroomRij {
  readonly maand: string;
  readonly gemeente: string;
  readonly taakveld: string;
  readonly gestart: number;
  readonly beeindigd: number;
  readonly bestanden: readonly string[];
}

/** Toewijzingen started (Ingangsdatum) and ended (Einddatum) per month, municipality of origin and taakveld. */
export function instroom(data: MonitorData, f: Filter): InstroomRij[] {
  return instroomRows(data, f, false);
}

/**
 * The instroom rows per provider as well (`aanbieder` set; the same view with the provider filter): the parts of
 * each row's counts (small-cell protection, tables.ts), keyed `maand|gemeente|taakveld`.
 */
export function instroomPerAanbieder(data: MonitorData, f: Filter): Map<string, InstroomRij[]> {
  const parts = new Map<string, InstroomRij[]>();
  for (const r of instroomRows(data, f, true)) {
    const id = `${r.maand}|${r.gemeente}|${r.taakveld}`;
    const rows = parts.get(id);
    if (rows) rows.push(r);
    else parts.set(id, [r]);
  }
  return parts;
}

function instroomRows(
  data: MonitorData,
  f: Filter,
  perAanbieder: boolean,
): (InstroomRij & { aanbieder?: string })[] {
  const rows = new Map<
    string,
    Mutable<Omit<InstroomRij, 'bestanden'>> & { aanbieder?: string; files: Set<string> }
  >();
  const row = (maand: string, gemeente: string, taakveld: string, agb: string, fileId: string) => {
    const id = `${maand}|${gemeente}|${taakveld}${perAanbieder ? `|${agb}` : ''}`;
    let r = rows.get(id);
    if (!r) {
      r = {
        maand,
        gemeente,
        taakveld,
        ...(perAanbieder ? { aanbieder: agb } : {}),
        gestart: 0,
        beeindigd: 0,
        files: new Set(),
      };
      rows.set(id, r);
    }
    r.files.add(fileId);
    return r;
  };
  for (const t of currentToewijzingen(data)) {
    if (!keep(f, t.herkomst, t.taakveld, t.agb)) continue;
    const start = monthOf(t.ingangsdatum);
    if (start >= f.van && start <= f.tot) row(start, t.herkomst, t.taakveld, t.agb, t.fileId).gestart++;
    if (t.einddatum) {
      const end = monthOf(t.einddatum);
      if (end >= f.van && end <= f.tot) row(end, t.herkomst, t.taakveld, t.agb, t.fileId).beeindigd++;
    }
  }
  return [...rows.values()]
    .map(({ files, ...r }) => ({ ...r, bestanden: [...files].sort() }))
    .sort((a, b) =>
      `${a.maand}|${a.gemeente}|${a.taakveld}`.localeCompare(`${b.maand}|${b.gemeente}|${b.taakveld}`),
    );
}

export interface TaakRij {
  readonly gemeente: string;
  readonly taakveld: string;
  readonly periodeBegin: string;
  readonly periodeEind: string;
  readonly aanbieder: string;
  readonly clienten: number;
  readonly bedrag: number;
  readonly bestand: string;
}

/** Taakgericht reports (B&P) overlapping the months: the latest committed report per municipality, taakveld, period and provider. */
export function taakgericht(
  data: {
    readonly files: ReadonlyMap<string, { readonly ontvangen: string }>;
    readonly taakgericht: MonitorData['taakgericht'];
  },
  f: Filter,
): TaakRij[] {
  const best = new Map<string, TaakRij & { ontvangen: string }>();
  for (const file of data.taakgericht) {
    const ontvangen = data.files.get(file.fileId)?.ontvangen ?? '';
    for (const r of file.rows) {
      if (
        monthOf(r.periodeEind) < f.van ||
        monthOf(r.periodeBegin) > f.tot ||
        !keep(f, r.gemeente, r.taakveld, r.agbCode)
      )
        continue;
      const id = `${r.gemeente}|${r.taakveld}|${r.periodeBegin}|${r.periodeEind}|${r.agbCode}`;
      const prev = best.get(id);
      // The later report counts (as pipeline/reconcile/taakgericht.ts says in the report).
      if (
        prev &&
        receivedAfter({ fileId: prev.bestand, ontvangen: prev.ontvangen }, { fileId: file.fileId, ontvangen })
      )
        continue;
      best.set(id, {
        gemeente: r.gemeente,
        taakveld: r.taakveld,
        periodeBegin: r.periodeBegin,
        periodeEind: r.periodeEind,
        aanbieder: r.agbCode,
        clienten: r.aantalClienten,
        bedrag: r.bedrag,
        bestand: file.fileId,
        ontvangen,
      });
    }
  }
  return [...best.values()]
    .map(({ ontvangen: _o, ...r }) => r)
    .sort((a, b) => `${a.gemeente}|${a.periodeBegin}`.localeCompare(`${b.gemeente}|${b.periodeBegin}`));
}

/**
 * The taakgericht reports that count (the latest per municipality, taakveld, period and provider), each amount spread
 * over the months of its period by days: what the budget view and the settlement count as B&P costs.
 */
export function* taakgerichtPerMaand(
  data: Parameters<typeof taakgericht>[0],
): Generator<{ rij: TaakRij; maand: string; bedrag: number }> {
  for (const rij of taakgericht(data, { van: '0000-01', tot: '9999-12' }))
    for (const { maand, bedrag } of spreadOverMonths(rij.bedrag, rij.periodeBegin, rij.periodeEind))
      yield { rij, maand, bedrag };
}

export interface AfwijzingRij {
  readonly aanbieder: string;
  readonly retourcode: string;
  readonly tekst: string;
  readonly regels: number;
  readonly bedrag: number;
  readonly bestanden: readonly string[];
}

/** Rejections per provider and retourcode in the months (bedrag: absolute cents of the rejected lines). */
export function afwijzingen(data: MonitorData, f: Filter): AfwijzingRij[] {
  const rows = new Map<string, Mutable<Omit<AfwijzingRij, 'tekst' | 'bestanden'>> & { files: Set<string> }>();
  for (const { fileId, figures } of data.declaraties) {
    for (const [id, a] of Object.entries(figures.afwijzingen)) {
      const [maand, aanbieder, retourcode] = id.split('|');
      if (maand < f.van || maand > f.tot || (f.aanbieder && f.aanbieder !== aanbieder)) continue;
      const k = `${aanbieder}|${retourcode}`;
      const r = rows.get(k) ?? { aanbieder, retourcode, regels: 0, bedrag: 0, files: new Set<string>() };
      r.regels += a.regels;
      r.bedrag += a.bedrag;
      r.files.add(fileId);
      rows.set(k, r);
    }
  }
  return [...rows.values()]
    .map(({ files, ...r }) => ({ ...r, tekst: retourcodeText(r.retourcode), bestanden: [...files].sort() }))
    .sort(
      (a, b) =>
        b.regels - a.regels ||
        a.aanbieder.localeCompare(b.aanbieder) ||
        a.retourcode.localeCompare(b.retourcode),
    );
}

export interface BudgetRij {
  readonly gemeente: string;
  readonly naam: string;
  readonly taakveld: string;
  readonly budget: number;
  readonly toegekend: number;
  /** budget − toegekend (negative: overspent). */
  readonly verschil: number;
  readonly bestanden: readonly string[];
}

/**
 * Approved amounts in a year per municipality of origin and taakveld against its budget (budgetten.csv): declared
 * care, and for B&P the taakgericht reports that count, spread over their period's months by days as the settlement
 * spreads them.
 */
export function budgetUitputting(
  data: MonitorData,
  region: Region,
  budgetten: readonly BudgetRow[],
  jaar: number,
  totMaand?: string,
): BudgetRij[] {
  const spent = new Map<string, { toegekend: number; files: Set<string> }>();
  const van = `${jaar}-01`;
  const tot = totMaand ?? `${jaar}-12`;
  const add = (maand: string, gemeente: string, taakveld: string, bedrag: number, fileId: string) => {
    if (maand < van || maand > tot) return;
    const s = spent.get(`${gemeente}|${taakveld}`) ?? { toegekend: 0, files: new Set<string>() };
    s.toegekend += bedrag;
    s.files.add(fileId);
    spent.set(`${gemeente}|${taakveld}`, s);
  };
  for (const { fileId, figures } of data.declaraties) {
    for (const [id, m] of Object.entries(figures.maanden)) {
      const [maand, gemeente, taakveld] = id.split('|');
      add(maand, gemeente, taakveld, m.toegekend, fileId);
    }
  }
  for (const { rij, maand, bedrag } of taakgerichtPerMaand(data))
    add(maand, rij.gemeente, rij.taakveld, bedrag, rij.bestand);
  const rows: BudgetRij[] = [];
  for (const g of region.gemeenten) {
    for (const taakveld of TAAKVELDEN) {
      const budget = budgetten
        .filter((b) => b.jaar === jaar && b.gemeente === g.code && b.taakveld === taakveld)
        .reduce((s, b) => s + b.historischBudget, 0);
      const s = spent.get(`${g.code}|${taakveld}`);
      const toegekend = s?.toegekend ?? 0;
      if (budget === 0 && toegekend === 0) continue;
      rows.push({
        gemeente: g.code,
        naam: g.naam,
        taakveld,
        budget,
        toegekend,
        verschil: budget - toegekend,
        bestanden: [...(s?.files ?? [])].sort(),
      });
    }
  }
  // Approved care of clients whose municipality of origin is unknown (0000) or outside the region has no budget
  // here, but it was paid: a row of its own, so that the totals equal what was approved.
  const members = new Set(region.gemeenten.map((g) => g.code));
  for (const [id, s] of [...spent].sort(([a], [b]) => a.localeCompare(b))) {
    const [gemeente, taakveld] = id.split('|');
    if (members.has(gemeente) || s.toegekend === 0) continue;
    rows.push({
      gemeente,
      naam: gemeenteNaam(region, gemeente),
      taakveld,
      budget: 0,
      toegekend: s.toegekend,
      verschil: -s.toegekend,
      bestanden: [...s.files].sort(),
    });
  }
  return rows;
}

export interface TrendPunt {
  readonly maand: string;
  readonly clienten: number;
  readonly toegekend: number;
  readonly afgewezen: number;
  readonly bestanden: readonly string[];
}

/** Each month figure of the declarations within van..tot that the filter keeps. */
function forEachMonth(
  data: MonitorData,
  f: Filter,
  visit: (
    fileId: string,
    maand: string,
    m: MonthFigures,
    gemeente: string,
    taakveld: string,
    agb: string,
  ) => void,
): void {
  for (const { fileId, figures } of data.declaraties) {
    for (const [id, m] of Object.entries(figures.maanden)) {
      const [maand, gemeente, taakveld, aanbieder] = id.split('|');
      if (maand >= f.van && maand <= f.tot && keep(f, gemeente, taakveld, aanbieder))
        visit(fileId, maand, m, gemeente, taakveld, aanbieder);
    }
  }
}

/** Monthly totals for a trend line (clients counted distinct per month across municipalities). */
export function trend(data: MonitorData, f: Filter): TrendPunt[] {
  const months = new Map<
    string,
    Mutable<Pick<TrendPunt, 'toegekend' | 'afgewezen'>> & { clients: Set<string>; files: Set<string> }
  >();
  for (const maand of monthsBetween(f.van, f.tot))
    months.set(maand, { clients: new Set(), toegekend: 0, afgewezen: 0, files: new Set() });
  forEachMonth(data, f, (fileId, maand, m) => {
    const t = months.get(maand)!;
    t.toegekend += m.toegekend;
    t.afgewezen += m.afgewezen;
    for (const c of m.clients) t.clients.add(c);
    t.files.add(fileId);
  });
  return [...months.entries()].map(([maand, t]) => ({
    maand,
    clienten: t.clients.size,
    toegekend: t.toegekend,
    afgewezen: t.afgewezen,
    bestanden: [...t.files].sort(),
  }));
}

/**
 * The trend's clients per month, split by each filter the trend leaves open (municipality, taakveld, provider) and
 * by the maand view's cells (municipality × taakveld × provider), in one pass: the parts of each month's count that
 * another view or filter shows (small-cell protection, tables.ts). Keyed `gemeente:0983`, `taakveld:BW`,
 * `aanbieder:12340001`, `cel:0983|BW|12340001`; each a month → count map.
 */
export function trendClientParts(data: MonitorData, f: Filter): Map<string, Map<string, number>> {
  const sets = new Map<string, Map<string, Set<string>>>();
  const add = (part: string, maand: string, clients: readonly string[]) => {
    const perMaand = sets.get(part) ?? new Map<string, Set<string>>();
    sets.set(part, perMaand);
    const set = perMaand.get(maand) ?? new Set<string>();
    perMaand.set(maand, set);
    for (const c of clients) set.add(c);
  };
  forEachMonth(data, f, (_fileId, maand, m, gemeente, taakveld, agb) => {
    add(`gemeente:${gemeente}`, maand, m.clients);
    if (!f.taakveld) add(`taakveld:${taakveld}`, maand, m.clients);
    if (!f.aanbieder) add(`aanbieder:${agb}`, maand, m.clients);
    // The maand view's own cells: with all of them shown but one, an exact month total gives that one back.
    add(`cel:${gemeente}|${taakveld}|${agb}`, maand, m.clients);
  });
  return new Map(
    [...sets].map(([part, perMaand]) => [part, new Map([...perMaand].map(([maand, c]) => [maand, c.size]))]),
  );
}
