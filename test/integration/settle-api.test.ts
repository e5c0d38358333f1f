/**
 * The settlement endpoints through the API router, in process against dynalite: a GET computes without storing or
 * closing; stored versions come back as stored; the versions list; the key comparison for the chart; CSV, XLSX and
 * HTML; 400 with a Dutch message for bad parameters; what a backoffice sees; no BSN in any answer. And the write side
 * `bwmo serve` mounts for `bwmo settle` (POST /lokaal/verevening).
 *
 * Data (NML): Venlo sends toewijzingen for a Venlo client (Noord-Limburg BW pool) and a Weert client (Midden-Limburg
 * pool); declarations for February and April 2021.
 */
import ExcelJS from 'exceljs';
import { type ApiRequest, type ApiResponse, apiRouter } from '../../pipeline/api/router';
import { localSettlement } from '../../pipeline/api/settle';
import { nextMonth } from '../../pipeline/dates';
import { runSettlement } from '../../pipeline/settle/run';
import { listVersies } from '../../pipeline/settle/store';
import { BSN_A, BSN_B, declaratieCsv, line } from '../helpers/scenario';
import { TW_VENLO_WEERT, uploadToewijzingen } from '../helpers/settle';
import { type Stack, startStack } from '../helpers/stack';

const at = (iso: string) => new Date(iso);

describe('/api/verevening', () => {
  let stack: Stack;
  let router: ReturnType<typeof apiRouter>;
  const bodies: string[] = [];
  const get = async (path: string, query: Record<string, string> = {}, groups = ['financien']) => {
    const res = await router.handle({ method: 'GET', path, query: new URLSearchParams(query), groups });
    bodies.push(res.base64 ? Buffer.from(res.body, 'base64').toString('latin1') : res.body);
    return res;
  };
  const json = <T = Record<string, unknown>>(res: ApiResponse) => JSON.parse(res.body) as T;

  beforeAll(async () => {
    stack = await startStack();
    router = apiRouter(stack.deps);
    await uploadToewijzingen(stack, TW_VENLO_WEERT);
    for (const maand of ['2021-02', '2021-04'])
      await stack.upload(
        '0983',
        `d-${maand}.csv`,
        declaratieCsv({
          nummer: `D${maand.replace('-', '')}`,
          maand,
          lines: [
            line(maand, `A${maand.replace('-', '')}`),
            line(maand, `B${maand.replace('-', '')}`, { bsn: BSN_B, toewijzingNummer: 5002 }),
          ],
        }),
        at(`${nextMonth(maand)}-10T09:00:00Z`),
      );
  });
  afterAll(() => stack.close());

  it('a GET computes a provisional statement up to the last month with costs, and stores nothing', async () => {
    const res = await get('/api/verevening', { jaar: '2021' });
    expect(res.status).toBe(200);
    const a = json<{
      opgeslagen: boolean;
      opslag: string;
      versie: unknown;
      overzicht: { status: string; versie: number; projectie: { totEnMetMaand: string } };
      bronnen: Record<string, { naam: string }>;
    }>(res);
    expect(a).toMatchObject({ opgeslagen: false, opslag: 'berekend', versie: null });
    expect(a.overzicht).toMatchObject({
      status: 'voorlopig',
      versie: 1,
      projectie: { totEnMetMaand: '2021-04' },
    });
    expect(
      Object.values(a.bronnen)
        .map((b) => b.naam)
        .sort(),
    ).toEqual(['d-2021-02.csv', 'd-2021-04.csv']);
    expect(await listVersies(stack.store)).toEqual([]);
  });

  it('returns the latest stored version, a chosen version, or a provisional one for a month', async () => {
    await runSettlement(stack.deps, {
      jaar: 2021,
      totMaand: '2021-04',
      sluit: false,
      vandaag: at('2021-05-10'),
    });
    const stored = json<{ opgeslagen: boolean; versie: { versie: number; bestand: string } }>(
      await get('/api/verevening', { jaar: '2021' }),
    );
    expect(stored).toMatchObject({
      opgeslagen: true,
      versie: { versie: 1, bestand: 'exports/verevening/2021/v1.json' },
    });
    const feb = json<{
      opgeslagen: boolean;
      overzicht: { versie: number; projectie: { totEnMetMaand: string } };
    }>(await get('/api/verevening', { jaar: '2021', tot: '2021-02' }));
    expect(feb).toMatchObject({
      opgeslagen: false,
      overzicht: { versie: 2, projectie: { totEnMetMaand: '2021-02' } },
    });
    const v1 = json<{ versie: { versie: number } }>(
      await get('/api/verevening', { jaar: '2021', versie: '1' }),
    );
    expect(v1.versie.versie).toBe(1);
    const lijst = json<{ afgesloten: boolean; versies: { versie: number; status: string; pk?: string }[] }>(
      await get('/api/verevening/versies', { jaar: '2021' }),
    );
    expect(lijst.afgesloten).toBe(false);
    expect(lijst.versies.map((v) => [v.versie, v.status, v.pk])).toEqual([[1, 'voorlopig', undefined]]);
  });

  it('the key comparison for the chart: every pool, every standard key, parts summing to the result', async () => {
    const res = await get('/api/verevening/scenarios', { jaar: '2021', tot: '2021-04' });
    const body = json<{
      status: string;
      totEnMetMaand: string;
      vergelijking: {
        scenarios: string[];
        regelingen: {
          naam: string;
          resultaat: number;
          leden: { scenarios: { deelResultaat: number }[] }[];
        }[];
      };
    }>(res);
    expect(body).toMatchObject({ status: 'voorlopig', totEnMetMaand: '2021-04' });
    const v = body.vergelijking;
    expect(v.scenarios).toEqual([
      'huidige sleutel',
      '100% inleg',
      '100% gebruik',
      '50% inleg / 50% gebruik',
      '100% inwoners',
    ]);
    expect(v.regelingen).toHaveLength(2);
    for (const r of v.regelingen)
      for (let i = 0; i < v.scenarios.length; i++)
        expect(r.leden.reduce((t, l) => t + l.scenarios[i].deelResultaat, 0)).toBe(r.resultaat);
    const csv = await get('/api/verevening/scenarios', { jaar: '2021', format: 'csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFFRegeling;Gemeente;Naam;Inleg (cent)')).toBe(true);
  });

  it('CSV, XLSX and a printable HTML statement', async () => {
    const csv = await get('/api/verevening', { jaar: '2021', format: 'csv' });
    expect(csv.headers['content-disposition']).toBe('attachment; filename="verevening-2021-v1.csv"');
    expect(csv.body).toContain(';0983;Venlo;');
    const xlsx = await get('/api/verevening', { jaar: '2021', format: 'xlsx' });
    expect(xlsx.base64).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.body, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        'Verantwoording',
        'Regelingen',
        'Midden-Limburg BW, MO en B&P',
        'Sleutelvergelijking',
      ]),
    );
    const html = await get('/api/verevening', { jaar: '2021', format: 'html' });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<html lang="nl">');
    expect(html.body).toContain('VOORLOPIG');
  });

  it.each([
    [{}, 'jaar is nodig (JJJJ)'],
    [{ jaar: '21' }, 'jaar is nodig (JJJJ)'],
    [{ jaar: '2021', tot: '2021-13' }, 'tot is een maand (JJJJ-MM)'],
    [{ jaar: '2021', tot: '2022-01' }, 'tot moet een maand binnen 2021 zijn (JJJJ-MM), niet "2022-01"'],
    [
      { jaar: '2021', gemeente: '0983' },
      'onbekende parameter(s): gemeente; toegestaan: jaar, tot, versie, format',
    ],
    [{ jaar: '2021', format: 'pdf' }, 'format is json, csv, xlsx, html'],
    [{ jaar: '2021', versie: '9' }, 'er is geen versie 9 van de verevening 2021'],
    [
      { jaar: '2021', versie: '1', tot: '2021-02' },
      'geef versie of tot, niet allebei: een opgeslagen versie heeft haar eigen maand',
    ],
  ])('400 with a Dutch message: %j', async (query, fout) => {
    const res = await get('/api/verevening', query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ fout });
  });

  it('unknown settlement paths, other methods and callers without a role', async () => {
    expect((await get('/api/verevening/iets', { jaar: '2021' })).status).toBe(404);
    expect((await get('/api/verevening/versies', { jaar: '2021', tot: '2021-01' })).status).toBe(400);
    const post: ApiRequest = {
      method: 'POST',
      path: '/api/verevening',
      query: new URLSearchParams({ jaar: '2021' }),
      groups: ['financien'],
    };
    expect((await router.handle(post)).status).toBe(405);
    expect((await get('/api/verevening', { jaar: '2021' }, [])).status).toBe(403);
  });

  it('finance and policy see every line; a backoffice the regional figures and its own lines', async () => {
    type Antwoord = {
      overzicht: {
        regelingen: {
          resultaat: number;
          regels: { gemeente: string }[];
          herleiding: { gemeente: string }[];
        }[];
        perGemeente: { gemeente: string }[];
      };
    };
    const alles = json<Antwoord>(await get('/api/verevening', { jaar: '2021' }, ['beleid']));
    expect(alles.overzicht.regelingen.map((r) => r.regels.length)).toEqual([6, 7]);
    const weert = json<Antwoord>(await get('/api/verevening', { jaar: '2021' }, ['backoffice-0988']));
    expect(weert.overzicht.regelingen.map((r) => r.regels.map((l) => l.gemeente))).toEqual([[], ['0988']]);
    expect(weert.overzicht.regelingen.map((r) => r.resultaat)).toEqual(
      alles.overzicht.regelingen.map((r) => r.resultaat),
    );
    expect(weert.overzicht.regelingen.flatMap((r) => r.herleiding.map((h) => h.gemeente))).toEqual([
      '0988',
      '0988',
    ]);
    expect(weert.overzicht.perGemeente.map((g) => g.gemeente)).toEqual(['0988']);
    const sleutels = json<{ vergelijking: { regelingen: { leden: { gemeente: string }[] }[] } }>(
      await get('/api/verevening/scenarios', { jaar: '2021' }, ['backoffice-0988']),
    );
    expect(sleutels.vergelijking.regelingen.map((r) => r.leden.map((l) => l.gemeente))).toEqual([
      [],
      ['0988'],
    ]);
  });

  it('POST /lokaal/verevening (bwmo serve only) stores and closes; the GET then shows the final statement', async () => {
    const lokaal = localSettlement(stack.deps);
    expect((await lokaal.handle('{')).status).toBe(400);
    expect(json(await lokaal.handle(JSON.stringify({ jaar: 2021, tot: '2021-12', sluit: true })))).toEqual({
      fout: 'afsluiten gaat over het hele jaar: laat de maand (tot) weg',
    });
    const res = await lokaal.handle(JSON.stringify({ jaar: 2021, sluit: true }));
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({
      opgeslagen: true,
      opslag: 'nieuw',
      overzicht: { versie: 2, status: 'definitief' },
    });
    const a = json<{ melding: string; overzicht: { status: string; versie: number } }>(
      await get('/api/verevening', { jaar: '2021', tot: '2021-06' }),
    );
    expect(a.overzicht).toMatchObject({ status: 'definitief', versie: 2 });
    expect(a.melding).toContain('definitief afgesloten');
    expect(
      json<{ afgesloten: boolean }>(await get('/api/verevening/versies', { jaar: '2021' })).afgesloten,
    ).toBe(true);
  });

  it('no BSN in any answer', () => {
    for (const body of bodies) expect(body).not.toMatch(new RegExp(`${BSN_A}|${BSN_B}`));
    expect(bodies.length).toBeGreaterThan(20);
  });
});
