/**
 * The HTTP API's router, shared by the api Lambda (behind API Gateway) and `bwmo serve` (on localhost). Requests
 * carry the caller's groups (Cognito; machine clients with IAM auth count as finance), which decide what it sees
 * (access.ts). Every monitor view is an endpoint `/api/<view>` with filters, pagination and `format=json|csv|xlsx`.
 */
import { redactBsns } from '../bsn';
import { monthOf } from '../dates';
import type { IngestDeps } from '../ingest';
import { TAAKVELDEN } from '../monitor/aggregates';
import { loadMonitorData, type MonitorData } from '../monitor/data';
import { exportTables } from '../monitor/export';
import { asSheet, jsonRows, shownAs, toCsv, toXlsx } from '../monitor/tables';
import { VIEW_NAMES, VIEWS, type ViewName } from '../monitor/views';
import { loadFiles } from '../state/reader';
import { type Access, accessFor, allowedGemeenten, mayRead } from './access';
import { parseQuery, periodProblem, viewParams } from './params';
import { attachment, bronnen, fout, json, XLSX } from './respond';
import { settlementApi } from './settle';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Cognito groups of the caller (beheer, financien, beleid, backoffice-<gemeentecode>). */
  readonly groups: readonly string[];
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly base64?: boolean;
}

export const badRequest = (message: string): ApiResponse => fout(400, message);
const forbidden = (message: string): ApiResponse => fout(403, message);

export function apiRouter(deps: IngestDeps) {
  const regionData = deps.region;
  const region = regionData.region;
  const codes = region.gemeenten.map((g) => g.code);
  const load = () => loadMonitorData(deps.store, codes);
  const settlement = settlementApi(deps);

  /** Data a caller limited to some municipalities may use for views without a municipality column: its own files. */
  const limitFiles = (data: MonitorData, access: Access): MonitorData =>
    access.gemeenten
      ? {
          ...data,
          declaraties: data.declaraties.filter((d) =>
            access.gemeenten!.has(data.files.get(d.fileId)?.gemeente ?? ''),
          ),
        }
      : data;

  async function view(name: ViewName, req: ApiRequest, access: Access): Promise<ApiResponse> {
    const q = parseQuery(req.query);
    if (!q.ok) return badRequest(q.message);
    const monitorView = VIEWS[name];
    const p = viewParams(monitorView, q.value);
    if (!p.ok) return badRequest(p.message);
    const gemeenten = allowedGemeenten(access, p.value.gemeenten);
    if (gemeenten === null) return forbidden('geen toegang tot (een van) deze gemeente(n)');
    const all = await load();
    const data = monitorView.filters.includes('gemeente') ? all : limitFiles(all, access);
    const params = { ...p.value, gemeenten };
    const exact = monitorView.build(data, regionData, params);
    const threshold = access.onderdrukt ? region.kleineAantallenDrempel : null;
    const label = [name, p.value.datum ?? p.value.jaar ?? `${p.value.van}-${p.value.tot}`].join('-');
    if (q.value.format === 'csv')
      return attachment('text/csv; charset=utf-8', `${label}.csv`, toCsv(asSheet(exact, threshold)));
    if (q.value.format === 'xlsx')
      return attachment(XLSX, `${label}.xlsx`, await toXlsx([asSheet(exact, threshold)]));
    const { table, totaal } = shownAs(exact, threshold);
    const { pagina, per } = q.value;
    const rows = table.rows.slice((pagina - 1) * per, pagina * per);
    const rijen = jsonRows({ ...table, rows });
    return json(200, {
      weergave: name,
      titel: monitorView.titel,
      parameters: Object.fromEntries(
        Object.entries({ ...p.value, gemeenten: gemeenten ? [...gemeenten] : undefined }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
      ...(p.value.datum ? { datum: p.value.datum } : {}),
      onderdrukt: access.onderdrukt,
      drempel: region.kleineAantallenDrempel,
      aantal: table.rows.length,
      pagina,
      per,
      paginas: Math.max(1, Math.ceil(table.rows.length / per)),
      kolommen: table.columns.map((c) => ({ sleutel: c.key, kop: c.header, soort: c.kind })),
      rijen,
      ...(totaal ? { totaal } : {}),
      bronnen: sources(all, rijen, access),
    });
  }

  return {
    async handle(req: ApiRequest): Promise<ApiResponse> {
      if (req.method !== 'GET') return json(405, { fout: 'alleen GET' });
      if (req.path === '/api/gezondheid') return json(200, { ok: true, regio: region.code });
      const access = accessFor(req.groups);
      if (!access) return forbidden('geen rol: vraag toegang aan bij het beheer van de regio');

      if (req.path === '/api/regio') return json(200, await regio(access));
      const files = /^\/api\/bestanden\/([0-9]{4})$/.exec(req.path);
      if (files) {
        const gemeente = files[1];
        if (!mayRead(access, gemeente)) return forbidden(`geen toegang tot gemeente ${gemeente}`);
        // Per file its exact counts: nothing for a role whose views suppress small counts.
        if (access.onderdrukt)
          return forbidden('de bestanden van een gemeente zijn er voor beheer, financiën en haar backoffice');
        const records = await loadFiles(deps.store, gemeente);
        // File names and withdrawal reasons are free text: a possible BSN in them is masked.
        const bestanden = [...records.values()]
          .sort((a, b) => a.ontvangen.localeCompare(b.ontvangen))
          .map(({ pk: _pk, sk: _sk, ...r }) => ({
            ...r,
            name: redactBsns(r.name),
            ...(r.uitvoer !== undefined ? { uitvoer: redactBsns(r.uitvoer) } : {}),
            ...(r.ingetrokken
              ? {
                  ingetrokken: {
                    ...r.ingetrokken,
                    reden: redactBsns(r.ingetrokken.reden),
                    ...(r.ingetrokken.verzoek !== undefined
                      ? { verzoek: redactBsns(r.ingetrokken.verzoek) }
                      : {}),
                  },
                }
              : {}),
          }));
        return json(200, { gemeente, bestanden });
      }
      if (req.path === '/api/export') return exportWorkbook(req, access);
      const settled = await settlement.handle(req, access);
      if (settled) return settled;
      const name = /^\/api\/([a-z]+)$/.exec(req.path)?.[1];
      if (name && (VIEW_NAMES as string[]).includes(name)) return view(name as ViewName, req, access);
      return json(404, { fout: `onbekend pad ${req.path}`, weergaven: VIEW_NAMES.map((v) => `/api/${v}`) });
    },
  };

  /** The region, the caller's view of it and the months that have data (the page's defaults). */
  async function regio(access: Access) {
    const data = await load();
    // The months with declarations (toewijzingen may start years earlier); without any, those of the toewijzingen.
    // Only of the clients the caller may see: when others delivered says something about them too.
    const mine = (herkomst: string) => mayRead(access, herkomst);
    const months = new Set<string>();
    for (const { figures } of data.declaraties)
      for (const id of Object.keys(figures.maanden)) {
        const [maand, herkomst] = id.split('|');
        if (mine(herkomst)) months.add(maand);
      }
    if (!months.size)
      for (const t of data.toewijzingen)
        for (const r of t.rows) if (mine(r.herkomst)) months.add(monthOf(r.ingangsdatum));
    const sorted = [...months].sort();
    return {
      code: region.code,
      naam: region.naam,
      centrumgemeente: region.centrumgemeente,
      gemeenten: region.gemeenten
        .filter((g) => mayRead(access, g.code))
        .map((g) => ({ code: g.code, naam: g.naam, inwoners: g.inwoners, subregio: g.subregio ?? null })),
      taakvelden: TAAKVELDEN,
      drempel: region.kleineAantallenDrempel,
      onderdrukt: access.onderdrukt,
      // A caller limited to some municipalities sees the views without a municipality column (afwijzingen) over
      // the files those municipalities delivered, not over their clients.
      alleenEigenBestanden: access.gemeenten !== undefined,
      perioden: { eersteMaand: sorted[0] ?? null, laatsteMaand: sorted.at(-1) ?? null },
      weergaven: VIEW_NAMES.map((v) => ({
        naam: v,
        titel: VIEWS[v].titel,
        nodig: VIEWS[v].needs,
        filters: VIEWS[v].filters,
        // The taakvelden it can filter on, when not all (B&P has no client-level toewijzingen to count).
        ...(VIEWS[v].taakvelden ? { taakvelden: VIEWS[v].taakvelden } : {}),
      })),
    };
  }

  /** All views of a period in one workbook (finance: exact counts; others as their access says). */
  async function exportWorkbook(req: ApiRequest, access: Access): Promise<ApiResponse> {
    if (access.gemeenten) return forbidden('de regionale export is voor financiën, beleid en beheer');
    const q = parseQuery(req.query);
    if (!q.ok) return badRequest(q.message);
    const { van, tot } = q.value;
    if ((req.query.get('format') ?? 'xlsx') !== 'xlsx')
      return badRequest(
        'format: de export is een werkmap (xlsx); CSV per weergave via /api/<weergave>?format=csv',
      );
    // The views' own limit: a period of centuries made one request take the whole process down.
    const problem = periodProblem({ van, tot });
    if (problem || !van || !tot) return badRequest(problem ?? 'van en tot (JJJJ-MM) zijn nodig');
    const extra = [...req.query.keys()].filter((k) => !['van', 'tot', 'format'].includes(k));
    if (extra.length) return badRequest(`onbekende parameter(s) voor de export: ${extra.join(', ')}`);
    const tables = exportTables(await load(), regionData, { van, tot }).map(({ table }) =>
      asSheet(table, access.onderdrukt ? region.kleineAantallenDrempel : null),
    );
    return attachment(XLSX, `monitor-${van}-${tot}.xlsx`, await toXlsx(tables));
  }
}

/** The files behind the rows on this page: id → municipality, name and receipt time (every figure traceable). */
function sources(data: MonitorData, rows: readonly Record<string, unknown>[], access: Access) {
  const ids: string[] = [];
  for (const r of rows) {
    if (Array.isArray(r.bestanden)) for (const id of r.bestanden) ids.push(String(id));
    if (typeof r.bestand === 'string') ids.push(r.bestand);
  }
  return bronnen(data.files, ids, (g) => mayRead(access, g));
}
