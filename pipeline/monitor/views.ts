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
  dichtheid,
  gemeenteNaam,
  instroom,
  maandCijfers,
  spreiding,
  stand,
  taakgericht,
  trend,
} from './aggregates';
import type { MonitorData } from './data';
import { type Column, col, type Table } from './tables';

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
export type FilterName = 'gemeente' | 'taakveld' | 'aanbieder';

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

/** Taakvelden with client-level toewijzingen (B&P is reported per period, not per client). */
const CLIENT_TAAKVELDEN = ['BW', 'MO', 'BWO'] as const;

const files = <R extends { bestanden: readonly string[] }>(): Column<R> =>
  col<R>('bestanden', 'Bestanden', 'text', (r) => r.bestanden.join(' '));

const named = <R>(regionData: RegionData, field: keyof R & string, header = 'Naam'): Column<R> =>
  col<R>(`${field}Naam`, header, 'text', (r) => gemeenteNaam(regionData.region, String(r[field])));

const period = (p: ViewParams) => ({
  van: p.van!,
  tot: p.tot!,
  gemeenten: p.gemeenten,
  taakveld: p.taakveld,
  aanbieder: p.aanbieder,
});

const view = <R extends object>(v: {
  titel: string;
  needs: readonly Needed[];
  filters: readonly FilterName[];
  taakvelden?: readonly string[];
  columns: (regionData: RegionData) => readonly Column<R>[];
  rows: (data: MonitorData, regionData: RegionData, p: ViewParams) => readonly R[];
  totaal?: (rows: readonly R[]) => Record<string, number>;
}): MonitorView => ({
  titel: v.titel,
  needs: v.needs,
  filters: v.filters,
  taakvelden: v.taakvelden,
  build(data, regionData, p) {
    const rows = v.rows(data, regionData, p);
    return {
      name: v.titel,
      columns: v.columns(regionData) as readonly Column<object>[],
      rows,
      ...(v.totaal ? { totaal: v.totaal(rows) } : {}),
    };
  },
});

const sum = <R>(rows: readonly R[], fields: readonly (keyof R & string)[]) =>
  Object.fromEntries(fields.map((f) => [f, rows.reduce((s, r) => s + (r[f] as number), 0)]));

export const VIEWS = {
  maand: view({
    titel: 'Maandcijfers',
    needs: ['periode'],
    filters: ['gemeente', 'taakveld', 'aanbieder'],
    columns: (rd) => [
      col('maand', 'Maand', 'text'),
      col('gemeente', 'Herkomstgemeente', 'text'),
      named(rd, 'gemeente'),
      col('taakveld', 'Taakveld', 'text'),
      col('aanbieder', 'Aanbieder (AGB)', 'text'),
      col('clienten', 'Cliënten', 'count'),
      col('toewijzingen', 'Toewijzingen', 'count'),
      col('regels', 'Regels', 'count'),
      col('ingediend', 'Ingediend', 'cents'),
      col('toegekend', 'Toegekend', 'cents'),
      col('afgewezen', 'Afgewezen', 'cents'),
      col<ReturnType<typeof maandCijfers>[number]>('volume', 'Volume', 'text', (r) =>
        Object.entries(r.volume)
          .map(([eenheid, v]) => `${v} × ${eenheid}`)
          .join(', '),
      ),
      files(),
    ],
    rows: (data, _rd, p) => maandCijfers(data, period(p)),
    totaal: (rows) => sum(rows, ['regels', 'ingediend', 'toegekend', 'afgewezen']),
  }),
  stand: view({
    titel: 'Stand',
    needs: ['datum'],
    filters: ['gemeente'],
    columns: () => [
      col('gemeente', 'Herkomstgemeente', 'text'),
      col('naam', 'Naam', 'text'),
      col('BW', 'BW', 'count'),
      col('MO', 'MO', 'count'),
      col('BWO', 'BWO', 'count'),
      { ...col('totaal', 'Totaal', 'count'), totalOf: ['BW', 'MO', 'BWO'] },
      files(),
    ],
    rows: (data, rd, p) => stand(data, rd.region, p.datum!, p.gemeenten).rijen,
    totaal: (rows) => sum(rows, ['BW', 'MO', 'BWO', 'totaal']),
  }),
  dichtheid: view({
    titel: 'Per 10.000 inwoners',
    needs: ['datum'],
    filters: ['gemeente', 'taakveld'],
    taakvelden: CLIENT_TAAKVELDEN,
    columns: () => [
      col('gemeente', 'Gemeente', 'text'),
      col('naam', 'Naam', 'text'),
      col('inwoners', 'Inwoners', 'number'),
      col('clienten', 'Cliënten', 'count'),
      col('per10000', 'Per 10.000 inwoners', 'rate'),
      files(),
    ],
    rows: (data, rd, p) => dichtheid(data, rd.region, p.datum!, p.taakveld, p.gemeenten),
  }),
  spreiding: view({
    titel: 'Spreiding',
    needs: ['datum'],
    filters: ['gemeente', 'taakveld'],
    taakvelden: CLIENT_TAAKVELDEN,
    columns: (rd) => [
      col('herkomst', 'Herkomstgemeente', 'text'),
      named(rd, 'herkomst', 'Naam herkomst'),
      col('vestiging', 'Vestigingsgemeente', 'text'),
      named(rd, 'vestiging', 'Naam vestiging'),
      col('clienten', 'Cliënten', 'count'),
      files(),
    ],
    rows: (data, rd, p) =>
      spreiding(data, p.datum!, referenceData(rd).vestiging, p.taakveld).filter(
        (c) => !p.gemeenten || p.gemeenten.has(c.herkomst),
      ),
  }),
  instroom: view({
    titel: 'Instroom en uitstroom',
    needs: ['periode'],
    filters: ['gemeente', 'taakveld', 'aanbieder'],
    columns: (rd) => [
      col('maand', 'Maand', 'text'),
      col('gemeente', 'Herkomstgemeente', 'text'),
      named(rd, 'gemeente'),
      col('taakveld', 'Taakveld', 'text'),
      col('gestart', 'Gestart', 'count'),
      col('beeindigd', 'Beëindigd', 'count'),
      files(),
    ],
    rows: (data, _rd, p) => instroom(data, period(p)),
    totaal: (rows) => sum(rows, ['gestart', 'beeindigd']),
  }),
  taakgericht: view({
    titel: 'Taakgericht (B&P)',
    needs: ['periode'],
    filters: ['gemeente', 'taakveld', 'aanbieder'],
    columns: (rd) => [
      col('gemeente', 'Gemeente', 'text'),
      named(rd, 'gemeente'),
      col('taakveld', 'Taakveld', 'text'),
      col('periodeBegin', 'Periode van', 'text'),
      col('periodeEind', 'Periode tot en met', 'text'),
      col('aanbieder', 'Aanbieder (AGB)', 'text'),
      col('clienten', 'Cliënten', 'count'),
      col('bedrag', 'Bedrag', 'cents'),
      col('bestand', 'Bestand', 'text'),
    ],
    rows: (data, _rd, p) => taakgericht(data, period(p)),
    totaal: (rows) => sum(rows, ['bedrag']),
  }),
  afwijzingen: view({
    titel: 'Afwijzingen',
    needs: ['periode'],
    filters: ['aanbieder'],
    columns: () => [
      col('aanbieder', 'Aanbieder (AGB)', 'text'),
      col('retourcode', 'Retourcode', 'text'),
      col('tekst', 'Omschrijving', 'text'),
      col('regels', 'Regels', 'count'),
      col('bedrag', 'Bedrag', 'cents'),
      files(),
    ],
    rows: (data, _rd, p) => afwijzingen(data, period(p)),
    totaal: (rows) => sum(rows, ['regels', 'bedrag']),
  }),
  budget: view({
    titel: 'Budget',
    needs: ['jaar'],
    filters: ['gemeente', 'taakveld'],
    columns: () => [
      col('gemeente', 'Gemeente', 'text'),
      col('naam', 'Naam', 'text'),
      col('taakveld', 'Taakveld', 'text'),
      col('budget', 'Budget', 'cents'),
      col('toegekend', 'Toegekend', 'cents'),
      col('verschil', 'Verschil', 'cents'),
      files(),
    ],
    rows: (data, rd, p) =>
      budgetUitputting(data, rd.region, rd.budgetten, p.jaar!, p.tot).filter(
        (r) => (!p.gemeenten || p.gemeenten.has(r.gemeente)) && (!p.taakveld || p.taakveld === r.taakveld),
      ),
    totaal: (rows) => sum(rows, ['budget', 'toegekend', 'verschil']),
  }),
  trend: view({
    titel: 'Trend',
    needs: ['periode'],
    filters: ['gemeente', 'taakveld', 'aanbieder'],
    columns: () => [
      col('maand', 'Maand', 'text'),
      col('clienten', 'Cliënten', 'count'),
      col('toegekend', 'Toegekend', 'cents'),
      col('afgewezen', 'Afgewezen', 'cents'),
      files(),
    ],
    rows: (data, _rd, p) => trend(data, period(p)),
    totaal: (rows) => sum(rows, ['toegekend', 'afgewezen']),
  }),
} satisfies Record<string, MonitorView>;

export type ViewName = keyof typeof VIEWS;
export const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];
