/**
 * `bwmo report <weergave>` and `bwmo export`: the monitor's views for finance, with exact counts. Both ask the same
 * API router the HTTP API uses (in process, or the running `bwmo serve`), so the numbers are the API's numbers.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type ApiResponse, apiRouter } from '../pipeline/api/router';
import { periodParams } from '../pipeline/monitor/export';
import { VIEW_NAMES, type ViewName, volumeText } from '../pipeline/monitor/views';
import { runningServe } from '../serve/info';
import { euro, table, writeAll } from './output';
import { openLocal, type RuntimeOptions } from './runtime';

export type Ask = (path: string, query: URLSearchParams) => Promise<ApiResponse>;

/** The API as finance sees it, in process: for commands that already hold the local stack (demo). */
export const askInProcess =
  (router: ReturnType<typeof apiRouter>): Ask =>
  (path, query) =>
    router.handle({ method: 'GET', path, query, groups: GROUPS });

/** A view as a text table (what `bwmo report VIEW` prints). */
export async function viewText(ask: Ask, name: ViewName, query: Record<string, string>): Promise<string> {
  return textTable(await allPages(ask, `/api/${name}`, new URLSearchParams(query)));
}

/** Finance's view: exact counts, every municipality. */
const GROUPS = ['financien'];

async function withApi<T>(options: RuntimeOptions, use: (ask: Ask) => Promise<T>): Promise<T> {
  const serving = await runningServe(options.data);
  if (serving) {
    return use(async (path, query) => {
      const res = await fetch(`${serving.http}${path}?${query}`, {
        headers: { 'x-bwmo-groepen': GROUPS.join(',') },
      });
      const type = res.headers.get('content-type') ?? '';
      const bytes = Buffer.from(await res.arrayBuffer());
      const binary = type.includes('spreadsheetml');
      return {
        status: res.status,
        headers: { 'content-type': type },
        body: binary ? bytes.toString('base64') : bytes.toString('utf8'),
        base64: binary,
      };
    });
  }
  const runtime = await openLocal(options, { existing: true });
  try {
    const router = apiRouter(runtime);
    return await use(askInProcess(router));
  } finally {
    await runtime.close();
  }
}

class ApiError extends Error {}

const bodyOf = (res: ApiResponse): string | Buffer => {
  if (res.status !== 200) {
    const message = (() => {
      try {
        return (JSON.parse(res.body) as { fout?: string }).fout ?? res.body;
      } catch {
        return res.body;
      }
    })();
    throw new ApiError(message);
  }
  return res.base64 ? Buffer.from(res.body, 'base64') : res.body;
};

interface Kolom {
  readonly sleutel: string;
  readonly kop: string;
  readonly soort: string;
}

interface ViewJson {
  readonly titel: string;
  readonly parameters: Record<string, unknown>;
  readonly datum?: string;
  readonly paginas: number;
  readonly kolommen: readonly Kolom[];
  readonly rijen: Record<string, unknown>[];
  readonly totaal?: Record<string, number>;
}

export interface ReportOptions extends RuntimeOptions {
  readonly format: 'table' | 'json' | 'csv' | 'xlsx';
  readonly uit?: string;
  readonly datum?: string;
  readonly van?: string;
  readonly tot?: string;
  readonly jaar?: string;
  readonly gemeente?: string;
  readonly taakveld?: string;
  readonly aanbieder?: string;
}

const QUERY_OPTIONS = ['datum', 'van', 'tot', 'jaar', 'gemeente', 'taakveld', 'aanbieder'] as const;

export async function runReport(name: string, options: ReportOptions): Promise<number> {
  if (!(VIEW_NAMES as string[]).includes(name)) {
    process.stderr.write(`bwmo report: onbekende weergave '${name}'; kies uit ${VIEW_NAMES.join(', ')}\n`);
    return 2;
  }
  if (options.format === 'xlsx' && !options.uit) {
    process.stderr.write(
      'bwmo report: --format xlsx schrijft naar een bestand; geef --uit BESTAND.xlsx op\n',
    );
    return 2;
  }
  const query = new URLSearchParams();
  for (const o of QUERY_OPTIONS) if (options[o] !== undefined) query.set(o, String(options[o]));
  try {
    return await withApi(options, async (ask) => {
      const path = `/api/${name}`;
      const out = async (body: string | Buffer) => {
        if (!options.uit) return writeAll(process.stdout, [String(body)]);
        await writeFile(options.uit, body);
        process.stderr.write(`bwmo report: ${options.uit} geschreven\n`);
      };
      if (options.format === 'csv' || options.format === 'xlsx') {
        query.set('format', options.format);
        await out(bodyOf(await ask(path, query)));
        return 0;
      }
      const view = await allPages(ask, path, query);
      if (options.format === 'json') {
        const { datum, parameters, rijen, totaal } = view;
        const json = { ...(datum ? { datum } : parameters), rijen, ...(totaal ? { totaal } : {}) };
        await out(`${JSON.stringify(json, null, 2)}\n`);
      } else {
        await out(`${textTable(view)}\n`);
      }
      return 0;
    });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    process.stderr.write(`bwmo report: ${err.message}\n`);
    return 2;
  }
}

async function allPages(ask: Ask, path: string, query: URLSearchParams): Promise<ViewJson> {
  query.set('per', '1000');
  let first: ViewJson | null = null;
  const rijen: Record<string, unknown>[] = [];
  for (let pagina = 1; first === null || pagina <= first.paginas; pagina++) {
    query.set('pagina', String(pagina));
    const page = JSON.parse(String(bodyOf(await ask(path, query)))) as ViewJson;
    first ??= page;
    rijen.push(...page.rijen);
  }
  return { ...(first as ViewJson), rijen };
}

/** A text table: amounts in euros, the file lists left out (they are in the JSON, CSV and XLSX). */
function textTable(view: ViewJson): string {
  const kolommen = view.kolommen.filter((k) => k.sleutel !== 'bestanden' && k.sleutel !== 'bestand');
  const cell = (k: Kolom, v: unknown): string | number => {
    if (v !== null && typeof v === 'object') return volumeText(v);
    if (typeof v !== 'number') return v === null || v === undefined ? '' : String(v);
    if (k.soort === 'cents') return euro(v);
    if (k.soort === 'rate') return v.toFixed(1).replace('.', ',');
    return v;
  };
  const rows = view.rijen.map((r) => kolommen.map((k) => cell(k, r[k.sleutel])));
  if (view.totaal) {
    const totaal = view.totaal;
    rows.push(
      kolommen.map((k, i) => (i === 0 ? 'Totaal' : k.sleutel in totaal ? cell(k, totaal[k.sleutel]) : '')),
    );
  }
  const params = Object.entries(view.parameters)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(',') : v}`)
    .join(', ');
  const header = kolommen.map((k) => (k.soort === 'cents' ? `${k.kop} €` : k.kop));
  // Counts, amounts and rates to the right, also where a cell is text (euros, '<5', an empty total).
  const right = kolommen.map((k) => k.soort !== 'text');
  return `${view.titel} (${params})\n\n${table(header, rows, right)}`;
}

export interface ExportOptions extends RuntimeOptions {
  readonly van: string;
  readonly tot: string;
  readonly format: 'csv' | 'xlsx';
  readonly uit?: string;
}

/** All views of a period: one workbook (a sheet per view) or a CSV per view, in --uit (default <data>/exports). */
export async function runExport(options: ExportOptions): Promise<number> {
  const dir = resolve(options.uit ?? join(options.data, 'exports'));
  const label = `monitor-${options.van}-${options.tot}`;
  try {
    const written = await withApi(options, async (ask) => {
      // Everything asked first: a refused period leaves no folder or half an export behind.
      const bodies: [string, string | Buffer][] = [];
      if (options.format === 'xlsx') {
        const query = new URLSearchParams({ van: options.van, tot: options.tot, format: 'xlsx' });
        bodies.push([join(dir, `${label}.xlsx`), bodyOf(await ask('/api/export', query))]);
      } else {
        for (const name of VIEW_NAMES) {
          const query = new URLSearchParams({ format: 'csv' });
          for (const [k, v] of Object.entries(periodParams(name, options)))
            if (v !== undefined) query.set(k, String(v));
          bodies.push([join(dir, `${label}-${name}.csv`), bodyOf(await ask(`/api/${name}`, query))]);
        }
      }
      await mkdir(dir, { recursive: true });
      for (const [file, body] of bodies) await writeFile(file, body);
      return bodies.map(([file]) => file);
    });
    for (const f of written) process.stdout.write(`${f}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    process.stderr.write(`bwmo export: ${err.message}\n`);
    return 2;
  }
}
