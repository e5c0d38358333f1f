/**
 * Finance exports: every view of the monitor for a period as one XLSX workbook (a sheet per view) and a CSV per
 * view, with exact counts. Used by `bwmo export`, the API's /api/export and the scheduled monthly export.
 */
import { lastOfMonth } from '../dates';
import type { BlobStore, ItemStore } from '../ports';
import type { RegionData } from '../region/load';
import { loadMonitorData, type MonitorData } from './data';
import { asSheet, toCsv, toXlsx } from './tables';
import { VIEW_NAMES, VIEWS, type ViewName, type ViewParams, type ViewTable } from './views';

export interface ExportPeriod {
  readonly van: string;
  readonly tot: string;
}

/** The parameters each view gets for a period: moments at the period's last day, the year of its last month. */
export function periodParams(name: ViewName, period: ExportPeriod): ViewParams {
  const view = VIEWS[name];
  if (view.needs.includes('datum')) return { datum: lastOfMonth(`${period.tot}-01`) };
  if (view.needs.includes('jaar')) return { jaar: Number(period.tot.slice(0, 4)), tot: period.tot };
  return { van: period.van, tot: period.tot };
}

export function exportTables(
  data: MonitorData,
  regionData: RegionData,
  period: ExportPeriod,
): { name: ViewName; table: ViewTable }[] {
  return VIEW_NAMES.map((name) => ({
    name,
    table: VIEWS[name].build(data, regionData, periodParams(name, period)),
  }));
}

export interface ExportFile {
  readonly name: string;
  readonly body: Buffer;
}

/** The workbook and the CSV files of a period, named `<label>.xlsx` and `<label>-<view>.csv`. */
export async function exportFiles(
  data: MonitorData,
  regionData: RegionData,
  period: ExportPeriod,
  label: string,
): Promise<ExportFile[]> {
  // Finance's: exact counts, each view with its totals as the last row.
  const tables = exportTables(data, regionData, period).map((t) => ({ ...t, table: asSheet(t.table, null) }));
  return [
    { name: `${label}.xlsx`, body: await toXlsx(tables.map((t) => t.table)) },
    ...tables.map((t) => ({ name: `${label}-${t.name}.csv`, body: Buffer.from(toCsv(t.table), 'utf8') })),
  ];
}

/** The scheduled export's periods for a run date: the previous month and the year to date up to that month. */
export function monthlyPeriods(today: string): { label: string; period: ExportPeriod }[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return [
    { label: `maand-${prev}`, period: { van: prev, tot: prev } },
    { label: `jaar-${prev.slice(0, 4)}-tm-${prev}`, period: { van: `${prev.slice(0, 4)}-01`, tot: prev } },
  ];
}

/**
 * The scheduled monthly export: for the run date, the previous month and the year to date, each as a workbook and
 * CSV files under exports/<previous month>/ in the bucket. Writing the same keys again makes a rerun harmless.
 */
export async function writeMonthlyExport(
  deps: { readonly store: ItemStore; readonly blobs: BlobStore; readonly region: RegionData },
  today: string,
): Promise<string[]> {
  const data = await loadMonitorData(
    deps.store,
    deps.region.region.gemeenten.map((g) => g.code),
  );
  const periods = monthlyPeriods(today);
  const written: string[] = [];
  for (const { label, period } of periods) {
    for (const file of await exportFiles(data, deps.region, period, label)) {
      const key = `exports/${periods[0].period.tot}/${file.name}`;
      await deps.blobs.put(key, file.body);
      written.push(key);
    }
  }
  return written;
}
