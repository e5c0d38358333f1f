/**
 * The monitor's views as named tables, one registry shared by the API, the CLI reports, the exports and the monitor
 * page, so every channel shows the same numbers. Each view says which parameters it needs and which filters it
 * honours; the API validates requests against that.
 */
import type { RegionData } from '../region/load';
import { referenceData } from '../region/reference';
import {
  afwijzingen,
  budgetUitputting,
  type DichtheidRij,
  dichtheid,
  type Filter,
  gemeenteNaam,
  type InstroomRij,
  instroom,
  instroomPerAanbieder,
  type MaandRij,
  maandCijfers,
  type SpreidingCel,
  type StandRij,
  spreiding,
  stand,
  type TrendPunt,
  taakgericht,
  trend,
  trendClientParts,
} from './aggregates';
import type { MonitorData } from './data';
import { type Column, type CountParts, col, type Table } from './tables';

export interface ViewParams {
  /** First and last month (YYYY-MM), for period views. */
  readonly van?: string;
  readonly tot?: string;
  /** Reference date (YYYY-MM-DD), for views of a moment. */
  readonly datum?: string;
  readonly jaar?: number;
  readonly gemeenten?: ReadonlySet<string>;
  readonly taakveld?: string;
  readonly aanbieder?: string;
}

export type Needed = 'periode' | 'datum' | 'jaar';
/** Every filter; the query parameters have the same names. */
export const FILTERS = ['gemeente', 'taakveld', 'aanbieder'] as const;
export type FilterName = (typeof FILTERS)[number];

export interface ViewTable extends Table<object> {
  /** Totals over all rows (not only the page), where the view has them. */
  readonly totaal?: Record<string, number>;
}

export interface MonitorView {
  readonly titel: string;
  readonly needs: readonly Needed[];
  readonly filters: readonly FilterName[];
  /** The taakvelden the view can filter on, when not all (B&P has no client-level toewijzingen to count). */
  readonly taakvelden?: readonly string[];
  build(data: MonitorData, regionData: RegionData, p: ViewParams): ViewTable;
}

/** A view's rows, and where counts add up several municipalities or taakvelden the finer counts (tables.ts). */
type Rows<R> =
  | readonly R[]
  | { readonly rows: readonly R[]; readonly parts: CountParts<R>; readonly estimateFrom?: CountParts<R> };

/** The client counts of spreiding cells, per municipality of origin. */
function countsPerHerkomst(cells: readonly SpreidingCel[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of cells) {
    const counts = out.get(c.herkomst);
    if (counts) counts.push(c.clienten);
    else out.set(c.herkomst, [c.clienten]);
  }
  return out;
}

/** Clients of a stand row counted in more than one taakveld (each extra taakveld once). */
const twoTaakvelden = (r: StandRij): number => r.BW + r.MO + r.BWO - r.totaal;

/** Taakvelden with client-level toewijzingen (B&P is reported per period, not per client). */
const CLIENT_TAAKVELDEN = ['BW', 'MO', 'BWO'] as const;

/** A volume per unit as text ("3 × uur, 2 × etmaal"), as the table shows it. */
export const volumeText = (volume: object): string =>
  Object.entries(volume)
    .map(([eenheid, v]) => `${v} × ${eenheid}`)
    .join(', ');

/** Columns several views share. */
const COL = {
  maand: col<object>('maand', 'Maand', 'text'),
  naam: col<object>('naam', 'Naam', 'text'),
  taakveld: col<object>('taakveld', 'Taakveld', 'text'),
  aanbieder: col<object>('aanbieder', 'Aanbieder (AGB)', 'text'),
  clienten: col<object>('clienten', 'Cliënten', 'count'),
  regels: col<object>('regels', 'Regels', 'count'),
  bedrag: col<object>('bedrag', 'Bedrag', 'cents'),
  toegekend: col<object>('toegekend', 'Toegekend', 'cents'),
  afgewezen: col<object>('afgewezen', 'Afgewezen', 'cents'),
};

const files = <R extends { bestanden: readonly string[] }>(): Column<R> =>
  col<R>('bestanden', 'Bestanden', 'text', (r) => r.bestanden.join(' '));

const named = <R>(regionData: RegionData, field: keyof R & string, header = 'Naam'): Column<R> =>
  col<R>(`${field}Naam`, header, 'text', (r) => gemeenteNaam(regionData.region, String(r[field])));

/** The row's municipality: its code under this header, and its name. */
const gemeente = <R extends { gemeente: string }>(regionData: RegionData, header: string): Column<R>[] => [
  col<R>('gemeente', header, 'text'),
  named<R>(regionData, 'gemeente'),
];

interface ViewDefinition<R> {
  titel: string;
  needs: readonly Needed[];
  filters: readonly FilterName[];
  taakvelden?: readonly string[];
  columns: (regionData: RegionData) => readonly Column<R>[];
  rows: (data: MonitorData, regionData: RegionData, p: ViewParams) => Rows<R>;
  totaal?: (rows: readonly R[]) => Record<string, number>;
}

const view = <R extends object>(v: ViewDefinition<R>): MonitorView => ({
  titel: v.titel,
  needs: v.needs,
  filters: v.filters,
  taakvelden: v.taakvelden,
  build(data, regionData, p) {
    const out = v.rows(data, regionData, p);
    const { rows, parts, estimateFrom } = 'parts' in out ? out : { rows: out, parts: undefined };
    return {
      name: v.titel,
      columns: v.columns(regionData) as readonly Column<object>[],
      rows,
      ...(parts ? { parts: parts as CountParts<object> } : {}),
      ...(estimateFrom ? { estimateFrom: estimateFrom as CountParts<object> } : {}),
      ...(v.totaal ? { totaal: v.totaal(rows) } : {}),
    };
  },
});

/** A view of the months van..tot, its rows an aggregate of those months under the request's filters. */
const periodView = <R extends object>(
  v: Omit<ViewDefinition<R>, 'needs' | 'rows'> & { rows: (data: MonitorData, f: Filter) => Rows<R> },
): MonitorView =>
  view<R>({
    ...v,
    needs: ['periode'],
    rows: (data, _rd, p) => v.rows(data, filterOf(p)),
  });

const filterOf = (p: ViewParams): Filter => ({
  van: p.van!,
  tot: p.tot!,
  gemeenten: p.gemeenten,
  taakveld: p.taakveld,
  aanbieder: p.aanbieder,
});

const sum = <R>(rows: readonly R[], fields: readonly (keyof R & string)[]) =>
  Object.fromEntries(fields.map((f) => [f, rows.reduce((s, r) => s + (r[f] as number), 0)]));

export const VIEWS = {
  maand: periodView({
    titel: 'Maandcijfers',
    filters: FILTERS,
    columns: (rd) => [
      COL.maand,
      ...gemeente(rd, 'Herkomstgemeente'),
      COL.taakveld,
      COL.aanbieder,
      COL.clienten,
      col('toewijzingen', 'Toewijzingen', 'count'),
      COL.regels,
      col('ingediend', 'Ingediend', 'cents'),
      COL.toegekend,
      COL.afgewezen,
      { ...col<MaandRij>('volume', 'Volume', 'text', (r) => volumeText(r.volume)), revealsCounts: true },
      files(),
    ],
    rows: maandCijfers,
    totaal: (rows) => sum(rows, ['regels', 'ingediend', 'toegekend', 'afgewezen']),
  }),
  stand: view<StandRij>({
    titel: 'Stand',
    needs: ['datum'],
    filters: ['gemeente'],
    columns: () => [
      col('gemeente', 'Herkomstgemeente', 'text'),
      COL.naam,
      col('BW', 'BW', 'count'),
      col('MO', 'MO', 'count'),
      col('BWO', 'BWO', 'count'),
      { ...col('totaal', 'Totaal', 'count'), totalOf: ['BW', 'MO', 'BWO'] },
      files(),
    ],
    rows: (data, rd, p) => {
      const rows = stand(data, rd.region, p.datum!, p.gemeenten).rijen;
      // Totaal counts a client in two taakvelden once: BW + MO + BWO − totaal is how many are in two, a count too.
      return { rows, parts: (row, key) => (key === 'totaal' ? [twoTaakvelden(row)] : undefined) };
    },
    totaal: (rows) => sum(rows, ['BW', 'MO', 'BWO', 'totaal']),
  }),
  dichtheid: view<DichtheidRij>({
    titel: 'Per 10.000 inwoners',
    needs: ['datum'],
    filters: ['gemeente', 'taakveld'],
    taakvelden: CLIENT_TAAKVELDEN,
    columns: () => [
      col('gemeente', 'Gemeente', 'text'),
      COL.naam,
      col('inwoners', 'Inwoners', 'number'),
      COL.clienten,
      col('per10000', 'Per 10.000 inwoners', 'rate'),
      files(),
    ],
    rows: (data, rd, p) => {
      const opDatum = stand(data, rd.region, p.datum!, p.gemeenten);
      const rows = dichtheid(opDatum, rd.region, p.datum!, p.taakveld);
      if (p.taakveld) return rows;
      // Over all taakvelden, a municipality's clients are the stand's BW, MO and BWO (shown per taakveld there)
      // less those in two of them.
      const perGemeente = new Map(
        opDatum.rijen.map((r) => [r.gemeente, [r.BW, r.MO, r.BWO, twoTaakvelden(r)]]),
      );
      // Rounded from BW, MO and BWO as the stand shows them, not from itself (fewer by those in two).
      const taakvelden = new Map(opDatum.rijen.map((r) => [r.gemeente, [r.BW, r.MO, r.BWO]]));
      return {
        rows,
        parts: (row, key) => (key === 'clienten' ? perGemeente.get(row.gemeente) : undefined),
        estimateFrom: (row, key) => (key === 'clienten' ? taakvelden.get(row.gemeente) : undefined),
      };
    },
  }),
  spreiding: view<SpreidingCel>({
    titel: 'Spreiding',
    needs: ['datum'],
    filters: ['gemeente', 'taakveld'],
    taakvelden: CLIENT_TAAKVELDEN,
    columns: (rd) => [
      col('herkomst', 'Herkomstgemeente', 'text'),
      named(rd, 'herkomst', 'Naam herkomst'),
      col('vestiging', 'Vestigingsgemeente', 'text'),
      named(rd, 'vestiging', 'Naam vestiging'),
      COL.clienten,
      files(),
    ],
    rows: (data, rd, p) => {
      const { vestiging } = referenceData(rd);
      const rows = spreiding(data, p.datum!, vestiging, p.taakveld).filter(
        (c) => !p.gemeenten || p.gemeenten.has(c.herkomst),
      );
      // The cells of one municipality of origin add up to its stand count, shown exactly: when one of them is
      // hidden, the others are rounded, so that it cannot be subtracted out.
      const perHerkomst = countsPerHerkomst(rows);
      // Over all taakvelden a cell adds up its cells per taakveld (the same view with the taakveld filter). Each of
      // those is suppressed in its own view when it, or another place of its municipality of origin there, is small:
      // then the sum is rounded too, else the sum minus the exact other taakvelden gives that cell back.
      let perTaakveld: { cell: Map<string, number>; ofHerkomst: Map<string, number[]> }[] | null = null;
      const taakveldParts = (row: SpreidingCel): number[] => {
        if (p.taakveld) return [];
        perTaakveld ??= CLIENT_TAAKVELDEN.map((tv) => {
          const cells = spreiding(data, p.datum!, vestiging, tv);
          return {
            cell: new Map(cells.map((c) => [`${c.herkomst}|${c.vestiging}`, c.clienten])),
            ofHerkomst: countsPerHerkomst(cells),
          };
        });
        return perTaakveld.flatMap(({ cell, ofHerkomst }) => {
          const part = cell.get(`${row.herkomst}|${row.vestiging}`) ?? 0;
          return part > 0 ? (ofHerkomst.get(row.herkomst) ?? []) : [];
        });
      };
      return {
        rows,
        parts: (row, key) =>
          key === 'clienten' ? [...(perHerkomst.get(row.herkomst) ?? []), ...taakveldParts(row)] : undefined,
      };
    },
  }),
  instroom: periodView<InstroomRij>({
    titel: 'Instroom en uitstroom',
    filters: FILTERS,
    columns: (rd) => [
      COL.maand,
      ...gemeente(rd, 'Herkomstgemeente'),
      COL.taakveld,
      col('gestart', 'Gestart', 'count'),
      col('beeindigd', 'Beëindigd', 'count'),
      files(),
    ],
    rows: (data, f) => {
      const rows = instroom(data, f);
      if (f.aanbieder) return rows;
      // A row adds up the providers (each shown on its own with the provider filter).
      let perAanbieder: Map<string, InstroomRij[]> | null = null;
      return {
        rows,
        parts: (row, key) => {
          if (key !== 'gestart' && key !== 'beeindigd') return undefined;
          perAanbieder ??= instroomPerAanbieder(data, f);
          return (perAanbieder.get(`${row.maand}|${row.gemeente}|${row.taakveld}`) ?? []).map((r) => r[key]);
        },
      };
    },
    totaal: (rows) => sum(rows, ['gestart', 'beeindigd']),
  }),
  taakgericht: periodView({
    titel: 'Taakgericht (B&P)',
    filters: FILTERS,
    columns: (rd) => [
      ...gemeente(rd, 'Gemeente'),
      COL.taakveld,
      col('periodeBegin', 'Periode van', 'text'),
      col('periodeEind', 'Periode tot en met', 'text'),
      COL.aanbieder,
      COL.clienten,
      COL.bedrag,
      col('bestand', 'Bestand', 'text'),
    ],
    rows: taakgericht,
    totaal: (rows) => sum(rows, ['bedrag']),
  }),
  afwijzingen: periodView({
    titel: 'Afwijzingen',
    filters: ['aanbieder'],
    columns: () => [
      COL.aanbieder,
      col('retourcode', 'Retourcode', 'text'),
      col('tekst', 'Omschrijving', 'text'),
      COL.regels,
      COL.bedrag,
      files(),
    ],
    // No totals: a line rejected with two retourcodes is in two rows (the rejected total is in maandcijfers).
    rows: afwijzingen,
  }),
  budget: view({
    titel: 'Budget',
    needs: ['jaar'],
    filters: ['gemeente', 'taakveld'],
    columns: () => [
      col('gemeente', 'Gemeente', 'text'),
      COL.naam,
      COL.taakveld,
      col('budget', 'Budget', 'cents'),
      COL.toegekend,
      col('verschil', 'Verschil', 'cents'),
      files(),
    ],
    rows: (data, rd, p) =>
      budgetUitputting(data, rd.region, rd.budgetten, p.jaar!, p.tot).filter(
        (r) => (!p.gemeenten || p.gemeenten.has(r.gemeente)) && (!p.taakveld || p.taakveld === r.taakveld),
      ),
    totaal: (rows) => sum(rows, ['budget', 'toegekend', 'verschil']),
  }),
  trend: periodView<TrendPunt>({
    titel: 'Trend',
    filters: FILTERS,
    columns: () => [COL.maand, COL.clienten, COL.toegekend, COL.afgewezen, files()],
    rows: (data, f) => {
      // A month's clients add up the municipalities, taakvelden and providers (each shown on its own with that
      // filter): counted per part only when a suppressed view asks.
      // Split once: every part, and the municipalities among them.
      let delen: { alle: Map<string, number>[]; gemeenten: Map<string, number>[] } | null = null;
      const perMaand = (row: TrendPunt, soort: 'alle' | 'gemeenten') => {
        if (delen === null) {
          const parts = [...trendClientParts(data, f)];
          delen = {
            alle: parts.map(([, m]) => m),
            gemeenten: parts.filter(([part]) => part.startsWith('gemeente:')).map(([, m]) => m),
          };
        }
        return delen[soort].map((m) => m.get(row.maand) ?? 0);
      };
      return {
        rows: trend(data, f),
        parts: (row, key) => (key === 'clienten' ? perMaand(row, 'alle') : undefined),
        // Rounded from its municipalities as each is shown, not from itself (they add up but for a client of two).
        estimateFrom: (row, key) => (key === 'clienten' ? perMaand(row, 'gemeenten') : undefined),
      };
    },
    totaal: (rows) => sum(rows, ['toegekend', 'afgewezen']),
  }),
} satisfies Record<string, MonitorView>;

export type ViewName = keyof typeof VIEWS;
export const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];
