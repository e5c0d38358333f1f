/**
 * The settlement's endpoints (read only, like the whole API: computing on a GET never stores and never closes a year;
 * a statement is stored by `bwmo settle` and the settle function, and only `--sluit` or the function's `sluit`
 * closes one):
 *
 *   GET /api/verevening?jaar=JJJJ[&tot=JJJJ-MM][&versie=N][&format=json|csv|xlsx|html][&vergelijking=ja]
 *       without tot or versie: the latest stored version of the year (a closed year: its final statement), or when
 *       none is stored a provisional statement computed now (default month, see run.ts); with tot: a provisional
 *       statement computed now up to that month (the stored version when one has exactly these inputs);
 *       with versie: that stored version. With vergelijking=ja the JSON also holds the standard keys side by side
 *       on the statement's own inputs (xlsx and html always do), so the settlement page needs one computation.
 *   GET /api/verevening/versies?jaar=JJJJ          every stored version of the year (status, hash, when, changes)
 *   GET /api/verevening/scenarios?jaar=JJJJ[&tot=JJJJ-MM][&format=json|csv|xlsx]
 *       the year under the standard keys side by side (for the chart); the same figures as the statement above.
 *
 * Who sees what: finance, beheer and beleid see the whole statement (it holds amounts, no client counts);
 * a backoffice (backoffice-<g>) sees the regional figures and only its own member lines (settle/scope.ts).
 *
 * `localSettlement` is the write side for `bwmo serve` only (POST /lokaal/verevening): `bwmo settle` hands its run to
 * a running server, as `bwmo ingest` does, because LevelDB allows one process. It is never mounted on AWS.
 */

import { basename } from 'node:path';
import { z } from 'zod';
import { formatPad } from '../../schemas/settlement';
import { MONTH } from '../dates';
import type { IngestDeps } from '../ingest';
import { toCsv, toXlsx } from '../monitor/tables';
import { SettlementConfigError } from '../settle/errors';
import { statementHtml } from '../settle/html';
import {
  computeSettlement,
  runSettlement,
  SettleInputError,
  type SettleResult,
  settlementConfig,
  settlementVersions,
} from '../settle/run';
import { parseScenarioFile } from '../settle/scenario-file';
import { statementVoor, vergelijkingVoor, verschillen, type Zicht } from '../settle/scope';
import { type Versie, type VersieItem, zonderSleutel } from '../settle/store';
import { scenarioTable, statementLinesTable, statementWorkbookTables } from '../settle/tables';
import type { ScenarioVergelijking, Statement } from '../settle/types';
import type { Access } from './access';
import { attachment, bronnen, fout, json, XLSX } from './respond';
import type { ApiRequest, ApiResponse } from './router';

/** What a settlement answer carries as JSON (the API, and `bwmo settle` through a running server). */
export interface SettleAntwoord {
  readonly jaar: number;
  readonly opgeslagen: boolean;
  readonly opslag: SettleResult['opslag'];
  readonly melding: string | null;
  /** The stored version's index entry; null when computed and not stored. */
  readonly versie: Versie | null;
  readonly overzicht: Statement;
  readonly vergelijking: ScenarioVergelijking | null;
  /** The files behind the traceability: id → municipality, name, receipt time. */
  readonly bronnen: Readonly<Record<string, { gemeente: string; naam: string; ontvangen: string }>>;
}

/** A summary's sentences as the caller may see them: scope.ts's rule for the statement's differences. */
const samenvattingVoor = (samenvatting: readonly string[], zicht: Zicht): readonly string[] =>
  verschillen({ samenvatting, posten: [], bestandenToegevoegd: [], bestandenVervallen: [] }, zicht)
    .samenvatting;

/** A stored version's index entry as the caller may see it (a backoffice: its summary filtered like the statement's). */
function versieVoor(item: VersieItem, zicht: Zicht | null = null): Versie {
  const v = zonderSleutel(item);
  return zicht ? { ...v, samenvatting: samenvattingVoor(item.samenvatting, zicht) } : v;
}

export function antwoord(r: SettleResult, zicht: Zicht | null = null): SettleAntwoord {
  const overzicht = zicht ? statementVoor(r.overzicht, zicht) : r.overzicht;
  const ids = overzicht.regelingen.flatMap((x) => x.herleiding.flatMap((h) => h.bestanden));
  return {
    jaar: r.overzicht.jaar,
    opgeslagen: r.opslag !== 'berekend',
    opslag: r.opslag,
    melding: r.melding,
    versie: r.index ? versieVoor(r.index, zicht) : null,
    overzicht,
    vergelijking: r.vergelijking && (zicht ? vergelijkingVoor(r.vergelijking, zicht) : r.vergelijking),
    bronnen: bronnen(r.bronnen, ids, (g) => zicht === null || zicht.eigen.has(g)),
  };
}

/** An absolute path in a message (at least one folder, Unix or Windows), to be cut down to its file name. */
const PAD = /(^|[\s"'(])(?:[A-Za-z]:)?[\\/](?:[^\s\\/"']+[\\/])+([^\s\\/"']+)/g;

/** A configuration error's problems without the server's folders: `region.json: veld: melding`. */
function zonderPaden(err: SettlementConfigError): string {
  return err.problemen
    .map((p) => `${basename(p.bestand)}: ${p.veld}: ${p.melding}`.replace(PAD, '$1$2'))
    .join('\n');
}

/**
 * The message for a year the configuration does not cover: the configuration itself is sound (every year
 * budgetten.csv has budgets for can be settled, config.ts checks that), but this year has no budgets. Null when the
 * year is covered or the configuration itself is broken (that stays a 500).
 */
export function geenVereveningVoor(deps: IngestDeps, jaar: number): string | null {
  const jaren = [...new Set(deps.region.budgetten.map((b) => b.jaar))].sort((a, b) => a - b);
  if (!Number.isInteger(jaar) || jaren.includes(jaar)) return null;
  let budgetten: string;
  try {
    budgetten = basename(settlementConfig(deps).bestanden.budgetten);
  } catch (err) {
    if (err instanceof SettlementConfigError) return null;
    throw err;
  }
  const wel = jaren.length > 0 ? ` (wel voor ${jaren.join(', ')})` : '';
  return `voor ${jaar} is geen verevening ingericht: ${budgetten} heeft geen budgetten voor dat jaar${wel}`;
}

type Params = { jaar: number; tot?: string; versie?: number; format: string; vergelijking: boolean };

function params(query: URLSearchParams, toegestaan: readonly string[], formats: readonly string[]) {
  const onbekend = [...query.keys()].filter((k) => !toegestaan.includes(k));
  if (onbekend.length > 0)
    return { fout: `onbekende parameter(s): ${onbekend.join(', ')}; toegestaan: ${toegestaan.join(', ')}` };
  const jaar = query.get('jaar');
  if (jaar === null) return { fout: 'jaar is nodig (JJJJ)' };
  if (!/^[0-9]{4}$/.test(jaar)) return { fout: `jaar is een jaartal (JJJJ), niet "${jaar}"` };
  const tot = query.get('tot') ?? undefined;
  if (tot !== undefined && !MONTH.test(tot)) return { fout: 'tot is een maand (JJJJ-MM)' };
  const versieText = query.get('versie') ?? undefined;
  if (versieText !== undefined && !/^[1-9][0-9]{0,5}$/.test(versieText))
    return { fout: 'versie is een positief geheel getal' };
  if (versieText !== undefined && tot !== undefined)
    return { fout: 'geef versie of tot, niet allebei: een opgeslagen versie heeft haar eigen maand' };
  const format = query.get('format') ?? 'json';
  if (!formats.includes(format)) return { fout: `format is ${formats.join(', ')}` };
  const vergelijking = query.get('vergelijking');
  if (vergelijking !== null && vergelijking !== 'ja') return { fout: 'vergelijking is ja (of weggelaten)' };
  const p: Params = {
    jaar: Number(jaar),
    format,
    vergelijking: vergelijking === 'ja',
    ...(tot !== undefined ? { tot } : {}),
    ...(versieText !== undefined ? { versie: Number(versieText) } : {}),
  };
  return { p };
}

export function settlementApi(deps: IngestDeps) {
  const alle = deps.region.region.gemeenten.map((g) => g.code);
  const zichtVoor = (access: Access): Zicht | null =>
    access.gemeenten ? { eigen: access.gemeenten, alle } : null;

  async function overzicht(req: ApiRequest, access: Access): Promise<ApiResponse> {
    const q = params(
      req.query,
      ['jaar', 'tot', 'versie', 'format', 'vergelijking'],
      ['json', 'csv', 'xlsx', 'html'],
    );
    if (!q.p) return fout(400, q.fout);
    const { jaar, tot, versie, format } = q.p;
    const metVergelijking = format === 'xlsx' || format === 'html' || (format === 'json' && q.p.vergelijking);
    const r = await computeSettlement(deps, {
      jaar,
      ...(tot !== undefined ? { totMaand: tot } : {}),
      ...(versie !== undefined ? { versie } : {}),
      ...(metVergelijking ? { scenarios: 'standaard' as const } : {}),
    });
    const a = antwoord(r, zichtVoor(access));
    const naam = `verevening-${jaar}-v${a.overzicht.versie}${a.opgeslagen ? '' : '-berekend'}`;
    if (format === 'csv')
      return attachment('text/csv; charset=utf-8', `${naam}.csv`, toCsv(statementLinesTable(a.overzicht)));
    if (format === 'xlsx')
      return attachment(
        XLSX,
        `${naam}.xlsx`,
        await toXlsx(statementWorkbookTables(a.overzicht, a.vergelijking)),
      );
    if (format === 'html')
      return attachment(
        'text/html; charset=utf-8',
        `${naam}.html`,
        statementHtml(a.overzicht, a.vergelijking),
        true,
      );
    return json(200, a);
  }

  async function scenarios(req: ApiRequest, access: Access): Promise<ApiResponse> {
    const q = params(req.query, ['jaar', 'tot', 'format'], ['json', 'csv', 'xlsx']);
    if (!q.p) return fout(400, q.fout);
    const { jaar, tot, format } = q.p;
    const r = await computeSettlement(deps, {
      jaar,
      ...(tot !== undefined ? { totMaand: tot } : {}),
      scenarios: 'standaard',
    });
    const a = antwoord(r, zichtVoor(access));
    const v = a.vergelijking;
    // Left out (the figures changed since the statement shown): no table to give, only why.
    if (v === null && format !== 'json')
      return fout(409, a.melding ?? 'geen sleutelvergelijking voor dit overzicht');
    const naam = `sleutelvergelijking-${jaar}`;
    if (v !== null && format === 'csv')
      return attachment('text/csv; charset=utf-8', `${naam}.csv`, toCsv(scenarioTable(v)));
    if (v !== null && format === 'xlsx')
      return attachment(XLSX, `${naam}.xlsx`, await toXlsx([scenarioTable(v)]));
    return json(200, {
      jaar,
      status: a.overzicht.status,
      totEnMetMaand: a.overzicht.projectie?.totEnMetMaand ?? null,
      overzicht: { versie: a.overzicht.versie, invoerHash: a.overzicht.invoerHash, opgeslagen: a.opgeslagen },
      vergelijking: v,
      ...(v === null && a.melding ? { melding: a.melding } : {}),
    });
  }

  async function versies(req: ApiRequest, access: Access): Promise<ApiResponse> {
    const q = params(req.query, ['jaar'], ['json']);
    if (!q.p) return fout(400, q.fout);
    const zicht = zichtVoor(access);
    const lijst = (await settlementVersions(deps, q.p.jaar)).map((v) => versieVoor(v, zicht));
    return json(200, {
      jaar: q.p.jaar,
      afgesloten: lijst.some((v) => v.status === 'definitief'),
      versies: lijst,
    });
  }

  return {
    async handle(req: ApiRequest, access: Access): Promise<ApiResponse | null> {
      if (req.path !== '/api/verevening' && !req.path.startsWith('/api/verevening/')) return null;
      try {
        if (req.path === '/api/verevening') return await overzicht(req, access);
        if (req.path === '/api/verevening/versies') return await versies(req, access);
        if (req.path === '/api/verevening/scenarios') return await scenarios(req, access);
        return fout(
          404,
          `onbekend pad ${req.path}; kies /api/verevening, /api/verevening/versies of /api/verevening/scenarios`,
        );
      } catch (err) {
        if (err instanceof SettleInputError) return fout(400, err.message);
        if (err instanceof SettlementConfigError) {
          const jaar = Number(req.query.get('jaar'));
          const nietIngericht = geenVereveningVoor(deps, jaar);
          if (nietIngericht !== null) return fout(400, nietIngericht);
          return fout(500, `de vereveningsconfiguratie klopt niet: ${zonderPaden(err)}`);
        }
        throw err;
      }
    },
  };
}

/** The body of POST /lokaal/verevening (what `bwmo settle` sends to a running `bwmo serve`). */
export interface LokaleRun {
  readonly jaar: number;
  readonly tot?: string;
  readonly sluit?: boolean;
  /** The scenario file's text and name, when `--scenario` was given; otherwise the standard keys. */
  readonly scenario?: { readonly bestand: string; readonly tekst: string };
}

const VELDEN = ['jaar', 'tot', 'sluit', 'scenario'] as const;

/** LokaleRun, strictly: a wrong type is refused, never read as "not given" (`"sluit": "true"` closes nothing). */
const LokaleRunSchema = z.strictObject({
  jaar: z
    .number({
      error: (i) =>
        i.input === undefined ? 'is nodig (een jaartal, JJJJ)' : 'moet een getal zijn (JJJJ), geen tekst',
    })
    .int('moet een geheel getal zijn (JJJJ)')
    .min(2000, 'moet tussen 2000 en 2100 liggen')
    .max(2100, 'moet tussen 2000 en 2100 liggen'),
  tot: z
    .string({ error: 'moet een maand als tekst zijn (JJJJ-MM)' })
    .regex(MONTH, 'moet een maand zijn (JJJJ-MM)')
    .optional(),
  sluit: z.boolean({ error: 'moet true of false zijn (geen tekst, geen getal)' }).optional(),
  scenario: z
    .strictObject(
      {
        bestand: z.string({ error: 'moet tekst zijn (de naam van het scenariobestand)' }),
        tekst: z.string({ error: 'moet tekst zijn (de inhoud van het scenariobestand)' }),
      },
      { error: (i) => (i.code === 'invalid_type' ? 'moet een object {bestand, tekst} zijn' : undefined) },
    )
    .optional(),
});

/** The body as a LokaleRun, or the Dutch message why not. */
export function parseLokaleRun(body: string): { run: LokaleRun } | { fout: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { fout: 'de vraag is geen JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { fout: `de vraag is geen JSON-object met ${VELDEN.join(', ')}` };
  const parsed = LokaleRunSchema.safeParse(json, { error: z.locales.nl().localeError });
  if (parsed.success) return { run: parsed.data };
  return {
    fout: parsed.error.issues
      .map((i) => {
        const waar = i.path.length > 0 ? `${formatPad(i.path)}: ` : '';
        if (i.code !== 'unrecognized_keys') return `${waar}${i.message}`;
        const toegestaan = i.path.length > 0 ? 'bestand, tekst' : VELDEN.join(', ');
        return `${waar}onbekend(e) veld(en): ${i.keys.join(', ')}; toegestaan: ${toegestaan}`;
      })
      .join('; '),
  };
}

/** The write side for `bwmo serve` (see the module comment): runs, stores and (with sluit) closes a year. */
export function localSettlement(deps: IngestDeps) {
  // Runs one at a time: a run takes version n+1 after reading version n, so two at once would both take n+1.
  let rij: Promise<unknown> = Promise.resolve();

  async function run(body: string): Promise<ApiResponse> {
    const p = parseLokaleRun(body);
    if ('fout' in p) return fout(400, p.fout);
    const vraag = p.run;
    try {
      const r = await runSettlement(deps, {
        jaar: vraag.jaar,
        ...(vraag.tot !== undefined ? { totMaand: vraag.tot } : {}),
        sluit: vraag.sluit === true,
        scenarios: vraag.scenario
          ? parseScenarioFile(vraag.scenario.bestand, vraag.scenario.tekst)
          : 'standaard',
        ...(vraag.scenario ? { scenarioBestand: vraag.scenario.bestand } : {}),
      });
      return json(200, antwoord(r));
    } catch (err) {
      if (err instanceof SettleInputError) return fout(400, err.message);
      // Here the caller is `bwmo settle` on the same machine: the full paths help fix the region folder.
      if (err instanceof SettlementConfigError)
        return fout(400, geenVereveningVoor(deps, vraag.jaar) ?? err.message);
      throw err;
    }
  }

  return {
    handle(body: string): Promise<ApiResponse> {
      // One run at a time; the chain never rejects, so a failed run does not stop the next.
      const volgende = rij.then(() => run(body));
      rij = volgende.catch(() => undefined);
      return volgende;
    },
  };
}
