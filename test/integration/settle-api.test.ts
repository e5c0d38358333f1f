/**
 * The settlement endpoints through the API router, in process against dynalite: a GET computes without storing or
 * closing; stored versions come back as stored; the versions list; the key comparison for the chart; CSV, XLSX and
 * HTML; 400 with a Dutch message for bad parameters and for a year without settlement configuration; 500 without the
 * server's folders for a broken configuration; what a backoffice sees (also in the version summaries); no BSN in any
 * answer. And the write side `bwmo serve` mounts for `bwmo settle` (POST /lokaal/verevening), with a strict body.
 *
 * Data (NML): Venlo sends toewijzingen for a Venlo client (Noord-Limburg BW pool) and a Weert client (Midden-Limburg
 * pool); declarations for February and April 2021.
 */
import ExcelJS from 'exceljs';
import { type ApiRequest, type ApiResponse, apiRouter } from '../../pipeline/api/router';
import { localSettlement } from '../../pipeline/api/settle';
import { nextMonth } from '../../pipeline/dates';
import type { IngestDeps } from '../../pipeline/ingest';
import { runSettlement } from '../../pipeline/settle/run';
import { listVersies } from '../../pipeline/settle/store';
import { BSN_A, BSN_B, declaratieCsv, line } from '../helpers/scenario';
import { provisional, TW_VENLO, TW_VENLO_WEERT, uploadToewijzingen } from '../helpers/settle';
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

  it('the statement with vergelijking=ja carries the same key comparison, from one computation', async () => {
    const sleutels = json<{ vergelijking: unknown }>(
      await get('/api/verevening/scenarios', { jaar: '2021', tot: '2021-04' }),
    );
    const met = json<{ overzicht: { projectie: { totEnMetMaand: string } }; vergelijking: unknown }>(
      await get('/api/verevening', { jaar: '2021', tot: '2021-04', vergelijking: 'ja' }),
    );
    expect(met.overzicht.projectie.totEnMetMaand).toBe('2021-04');
    expect(met.vergelijking).toEqual(sleutels.vergelijking);
    const zonder = json<Record<string, unknown>>(
      await get('/api/verevening', { jaar: '2021', tot: '2021-04' }),
    );
    expect(zonder.vergelijking).toBeNull();
    const fout = await get('/api/verevening', { jaar: '2021', vergelijking: 'nee' });
    expect([fout.status, json<{ fout: string }>(fout).fout]).toEqual([
      400,
      'vergelijking is ja (of weggelaten)',
    ]);
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
    [{ jaar: '21' }, 'jaar is een jaartal (JJJJ), niet "21"'],
    [{ jaar: '2021', tot: '2021-13' }, 'tot is een maand (JJJJ-MM)'],
    [{ jaar: '2021', tot: '2022-01' }, 'tot moet een maand binnen 2021 zijn (JJJJ-MM), niet "2022-01"'],
    [
      { jaar: '2021', gemeente: '0983' },
      'onbekende parameter(s): gemeente; toegestaan: jaar, tot, versie, format, vergelijking',
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

  it.each([
    [{ jaar: '2015' }, 2015],
    [{ jaar: '2030', tot: '2030-01' }, 2030],
    [{ jaar: '2030', tot: '2030-01', format: 'csv' }, 2030],
  ])('a year without settlement configuration: 400, no server folder (%j)', async (query, jaar) => {
    const geen = `voor ${jaar} is geen verevening ingericht: budgetten.csv heeft geen budgetten voor dat jaar (wel voor 2021, 2022, 2023, 2024)`;
    const res = await get('/api/verevening', query);
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ fout: geen });
    const sleutels = await get('/api/verevening/scenarios', { jaar: String(jaar), tot: `${jaar}-01` });
    expect(sleutels.status).toBe(400);
    expect(json(sleutels)).toEqual({ fout: geen });
    expect(
      json(await localSettlement(stack.deps).handle(JSON.stringify({ jaar, tot: `${jaar}-01` }))),
    ).toEqual({
      fout: geen,
    });
  });

  it('a broken configuration: 500, naming the file and field but not the server folder', async () => {
    const region = stack.deps.region;
    const verevening = region.region.verevening as NonNullable<typeof region.region.verevening>;
    const [eerste, ...rest] = verevening.regelingen;
    const kapot: IngestDeps = {
      ...stack.deps,
      region: {
        ...region,
        region: {
          ...region.region,
          verevening: {
            ...verevening,
            regelingen: [{ ...eerste, leden: [...eerste.leden, '9999'] }, ...rest],
          },
        },
      },
    };
    for (const jaar of ['2021', '2015']) {
      const res = await apiRouter(kapot).handle({
        method: 'GET',
        path: '/api/verevening',
        query: new URLSearchParams({ jaar }),
        groups: ['financien'],
      });
      expect(res.status).toBe(500);
      const { fout } = json<{ fout: string }>(res);
      expect(fout.startsWith('de vereveningsconfiguratie klopt niet: region.json: ')).toBe(true);
      const regels = fout.replace('de vereveningsconfiguratie klopt niet: ', '').split('\n');
      expect(regels).toContain(
        `region.json: verevening.regelingen[0].leden[${eerste.leden.length}]: gemeente 9999 is geen lid van de regio`,
      );
      for (const r of regels) expect(r).toMatch(/^(region\.json|budgetten\.csv): /);
      expect(fout).not.toContain(region.dir);
    }
  });

  it.each([
    ['null', 'de vraag is geen JSON-object met jaar, tot, sluit, scenario'],
    ['[]', 'de vraag is geen JSON-object met jaar, tot, sluit, scenario'],
    ['"x"', 'de vraag is geen JSON-object met jaar, tot, sluit, scenario'],
    ['{"jaar":2021,"sluit":"true"}', 'sluit: moet true of false zijn (geen tekst, geen getal)'],
    ['{"jaar":"2021"}', 'jaar: moet een getal zijn (JJJJ), geen tekst'],
    ['{"jaar":2021.5}', 'jaar: moet een geheel getal zijn (JJJJ)'],
    ['{"jaar":2021,"tot":"2021-4"}', 'tot: moet een maand zijn (JJJJ-MM)'],
    [
      '{"jaar":2021,"scenario":{"bestand":"s.json","tekst":1}}',
      'scenario.tekst: moet tekst zijn (de inhoud van het scenariobestand)',
    ],
    ['{"jaar":2021,"sluiten":true}', 'onbekend(e) veld(en): sluiten; toegestaan: jaar, tot, sluit, scenario'],
  ])('POST /lokaal/verevening refuses the body %s with 400, storing nothing', async (body, fout) => {
    const voor = await listVersies(stack.store);
    const res = await localSettlement(stack.deps).handle(body);
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ fout });
    expect(await listVersies(stack.store)).toEqual(voor);
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

describe('/api/verevening: the version summaries a backoffice sees', () => {
  // Venlo's client only, in February and April: version 2's summary names Venlo (0983), the other Noord-Limburg
  // members and the April file; Weert (0988) has no lines, no traceability and no files of its own.
  let stack: Stack;
  let router: ReturnType<typeof apiRouter>;
  const get = async (path: string, groups: string[]) => {
    const res = await router.handle({
      method: 'GET',
      path,
      query: new URLSearchParams({ jaar: '2021' }),
      groups,
    });
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Every key and string value of a JSON text (codes as numbers, e.g. in amounts, are no codes). */
  const teksten = (body: string): string[] => {
    const out: string[] = [];
    const loop = (v: unknown): void => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(loop);
      else if (typeof v === 'object' && v !== null)
        for (const [k, w] of Object.entries(v)) {
          out.push(k);
          loop(w);
        }
    };
    loop(JSON.parse(body));
    return out;
  };

  beforeAll(async () => {
    stack = await startStack();
    router = apiRouter(stack.deps);
    await uploadToewijzingen(stack, TW_VENLO);
    for (const maand of ['2021-02', '2021-04'])
      await stack.upload(
        '0983',
        `d-${maand}.csv`,
        declaratieCsv({ nummer: `D${maand.replace('-', '')}`, maand, lines: [line(maand, `A${maand}`)] }),
        at(`${nextMonth(maand)}-10T09:00:00Z`),
      );
    await provisional(stack.deps, 2021, '2021-02', '2021-05-10');
    await provisional(stack.deps, 2021, '2021-04', '2021-05-10');
  });
  afterAll(() => stack.close());

  it('finance sees the full summary lines, in the statement and in the versions list', async () => {
    const opgeslagen = (await listVersies(stack.store, 2021)).map((v) => v.samenvatting);
    const a = JSON.parse(await get('/api/verevening', ['financien'])) as {
      versie: { versie: number; samenvatting: string[] };
      bronnen: Record<string, unknown>;
    };
    expect(a.versie.versie).toBe(2);
    expect(a.versie.samenvatting).toEqual(opgeslagen[1]);
    expect(a.versie.samenvatting).toContainEqual(
      expect.stringMatching(/^Bestanden toegevoegd: [0-9a-f]{64}\.$/),
    );
    expect(a.versie.samenvatting).toContainEqual(expect.stringContaining(', 0983 Venlo, eigen zorgkosten: '));
    const lijst = JSON.parse(await get('/api/verevening/versies', ['financien'])) as {
      versies: { samenvatting: string[] }[];
    };
    expect(lijst.versies.map((v) => v.samenvatting)).toEqual(opgeslagen);
  });

  it('backoffice-0988: no other member and no file id anywhere in the statement or the versions list', async () => {
    const financien = JSON.parse(await get('/api/verevening', ['financien'])) as {
      versie: { samenvatting: string[] };
      bronnen: Record<string, unknown>;
    };
    const bestanden = Object.keys(financien.bronnen);
    expect(bestanden).toHaveLength(2);
    const anderen = stack.deps.region.region.gemeenten.map((g) => g.code).filter((c) => c !== '0988');
    const overAnderen = new RegExp(`\\b(${anderen.join('|')})\\b`);
    for (const path of ['/api/verevening', '/api/verevening/versies']) {
      const body = await get(path, ['backoffice-0988']);
      for (const id of bestanden) expect(body).not.toContain(id);
      expect(teksten(body).filter((t) => overAnderen.test(t))).toEqual([]);
    }
    // Filtered, not emptied: the sentences about the region as a whole remain.
    const weert = JSON.parse(await get('/api/verevening', ['backoffice-0988'])) as {
      versie: { samenvatting: string[] };
    };
    expect(weert.versie.samenvatting).toContain('Kosten bekend tot en met: 2021-02 → 2021-04.');
    expect(weert.versie.samenvatting.length).toBeLessThan(financien.versie.samenvatting.length);
    const lijst = JSON.parse(await get('/api/verevening/versies', ['backoffice-0988'])) as {
      versies: { samenvatting: string[] }[];
    };
    expect(lijst.versies.at(-1)?.samenvatting).toEqual(weert.versie.samenvatting);
  });
});
