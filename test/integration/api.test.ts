/**
 * The monitor API over loopback, as `bwmo serve` serves it (real HTTP, dynalite, s3rver): a small region with known
 * numbers goes through the pipeline, then every endpoint is asked as finance, as a policy adviser (small counts
 * suppressed), as a municipality's backoffice (own municipality only) and without a role; filters, pagination, bad
 * parameters, CSV parsed back and XLSX read back; no BSN in any answer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { writeMonthlyExport } from '../../pipeline/monitor/export';
import { VIEW_NAMES, VIEWS } from '../../pipeline/monitor/views';
import type { Report } from '../../schemas/report';
import type { Serving } from '../../serve/serve';
import { startQuietServe } from '../helpers/serve';
import { BSNS, MO, smallRegionFiles } from '../helpers/small-region';

const JAN = 31 * 10950;

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
  readonly bytes: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field in the tests.
  readonly json: any;
}

describe('monitor API over loopback', () => {
  let dir: string;
  let serving: Serving;
  const answers: Answer[] = [];
  const reports: Report[] = [];

  const ask = async (path: string, groups?: string): Promise<Answer> => {
    const res = await fetch(`${serving.http}${path}`, {
      headers: groups === undefined ? {} : { 'x-bwmo-groepen': groups },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    const text = bytes.toString('utf8');
    const answer = {
      status: res.status,
      type,
      text,
      bytes,
      json: type.includes('json') ? JSON.parse(text) : null,
    };
    answers.push(answer);
    return answer;
  };
  const finance = (path: string) => ask(path, 'financien');

  const upload = async (name: string, content: string) => {
    const res = await fetch(`${serving.http}/lokaal/ingest?gemeente=0983&naam=${name}`, {
      method: 'POST',
      body: content,
    });
    expect(res.status).toBe(200);
    reports.push((await res.json()) as Report);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-api-'));
    serving = await startQuietServe(dir);
    for (const { name, content } of smallRegionFiles()) await upload(name, content);
  }, 120_000);

  afterAll(async () => {
    await serving?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('processed the scenario as planned', () => {
    expect(reports.map((r) => r.status)).toEqual([
      'geaccepteerd',
      'deels-geaccepteerd',
      'geaccepteerd',
      'geaccepteerd',
      'geaccepteerd',
    ]);
    expect(
      reports[1].declaraties[0].prestaties.find((p) => p.referentieNummer === 'R003')?.retourcodes,
    ).toEqual(['0611']);
  });

  it('answers the health check and the region without data', async () => {
    expect((await ask('/api/gezondheid')).json).toEqual({ ok: true, regio: 'NML' });
    const regio = await ask('/api/regio');
    expect(regio.status).toBe(200);
    expect(regio.json.gemeenten).toHaveLength(14);
    expect(regio.json.onderdrukt).toBe(true);
    expect(regio.json.perioden).toEqual({ eersteMaand: '2022-01', laatsteMaand: '2022-02' });
    expect(regio.json.weergaven.map((w: { naam: string }) => w.naam)).toEqual(VIEW_NAMES);
  });

  it('gives the stand per municipality of origin and taakveld, exact for finance', async () => {
    const stand = await finance('/api/stand?datum=2022-01-15');
    expect(stand.status).toBe(200);
    const rows = Object.fromEntries(
      stand.json.rijen.map((r: { gemeente: string; BW: number; MO: number }) => [r.gemeente, [r.BW, r.MO]]),
    );
    expect(rows).toMatchObject({ '0988': [2, 0], '0957': [1, 1], '0983': [1, 0], '1507': [0, 0] });
    expect(stand.json.totaal).toEqual({ BW: 4, MO: 1, BWO: 0, totaal: 5 });
    expect(stand.json.rijen).toHaveLength(14);
    expect(stand.json.datum).toBe('2022-01-15');
    // In February Venlo's own client has left and Horst's has come.
    const feb = await finance('/api/stand?datum=2022-02-15');
    expect(feb.json.rijen.find((r: { gemeente: string }) => r.gemeente === '0983').BW).toBe(0);
    expect(feb.json.rijen.find((r: { gemeente: string }) => r.gemeente === '1507').BW).toBe(1);
  });

  it('gives monthly figures whose every number traces to its files', async () => {
    const maand = await finance('/api/maand?van=2022-01&tot=2022-02');
    expect(maand.status).toBe(200);
    const weertJan = maand.json.rijen.find(
      (r: { maand: string; gemeente: string; taakveld: string }) =>
        r.maand === '2022-01' && r.gemeente === '0988' && r.taakveld === 'BW',
    );
    // Two January debits, one credited in February: the credit counts in January, the month it corrects.
    expect(weertJan).toMatchObject({
      regels: 3,
      ingediend: JAN,
      toegekend: JAN,
      afgewezen: 0,
      toewijzingen: 2,
    });
    expect(weertJan.volume).toEqual({ '14': 31 });
    const roermondJan = maand.json.rijen.find(
      (r: { maand: string; gemeente: string; taakveld: string }) =>
        r.maand === '2022-01' && r.gemeente === '0957' && r.taakveld === 'BW',
    );
    expect(roermondJan).toMatchObject({
      regels: 1,
      ingediend: 31 * 11000,
      toegekend: 0,
      afgewezen: 31 * 11000,
    });
    for (const row of maand.json.rijen) {
      expect(row.bestanden.length).toBeGreaterThan(0);
      for (const id of row.bestanden) expect(maand.json.bronnen[id]).toMatchObject({ gemeente: '0983' });
    }
    const names = Object.values(maand.json.bronnen).map((b) => (b as { naam: string }).naam);
    expect(names).toEqual(expect.arrayContaining(['toewijzingen.csv', 'bw-2022-01.csv', 'bw-2022-02.csv']));
    expect(maand.json.totaal.toegekend).toBe(
      maand.json.rijen.reduce((s: number, r: { toegekend: number }) => s + r.toegekend, 0),
    );
  });

  it('applies filters: municipality, taakveld, provider and months', async () => {
    const weert = await finance('/api/maand?van=2022-01&tot=2022-02&gemeente=0988');
    expect(weert.json.rijen.length).toBeGreaterThan(0);
    expect(weert.json.rijen.every((r: { gemeente: string }) => r.gemeente === '0988')).toBe(true);
    const mo = await finance('/api/maand?van=2022-01&tot=2022-02&taakveld=MO');
    expect(
      mo.json.rijen.map((r: { gemeente: string; aanbieder: string }) => [r.gemeente, r.aanbieder]),
    ).toEqual([
      ['0957', MO.agb],
      ['0957', MO.agb],
    ]);
    const provider = await finance(`/api/maand?van=2022-01&tot=2022-01&aanbieder=${MO.agb}`);
    expect(provider.json.rijen).toHaveLength(1);
    expect(provider.json.rijen[0]).toMatchObject({ maand: '2022-01', toegekend: 31 * 7420 });
    const feb = await finance('/api/maand?van=2022-02&tot=2022-02');
    expect(feb.json.rijen.every((r: { maand: string }) => r.maand === '2022-02')).toBe(true);
    const two = await finance('/api/stand?datum=2022-01-15&gemeente=0988,0957');
    expect(two.json.rijen.map((r: { gemeente: string }) => r.gemeente).sort()).toEqual(['0957', '0988']);
  });

  it('pages through long views', async () => {
    const all = await finance('/api/maand?van=2022-01&tot=2022-02&per=1000');
    const n = all.json.aantal;
    expect(n).toBeGreaterThan(3);
    const first = await finance('/api/maand?van=2022-01&tot=2022-02&per=2');
    expect(first.json).toMatchObject({ pagina: 1, per: 2, aantal: n, paginas: Math.ceil(n / 2) });
    const second = await finance('/api/maand?van=2022-01&tot=2022-02&per=2&pagina=2');
    expect([...first.json.rijen, ...second.json.rijen]).toEqual(all.json.rijen.slice(0, 4));
    const beyond = await finance(`/api/maand?van=2022-01&tot=2022-02&per=2&pagina=${first.json.paginas + 1}`);
    expect(beyond.json.rijen).toEqual([]);
  });

  it.each([
    ['/api/maand?van=2022-01', 'van en tot (JJJJ-MM) zijn nodig'],
    ['/api/maand?van=2022-03&tot=2022-01', 'ligt na tot'],
    ['/api/maand?van=2022-1&tot=2022-02', 'van: maand als JJJJ-MM'],
    ['/api/maand?van=2022-01&tot=2022-02&per=5000', 'per:'],
    ['/api/maand?van=2022-01&tot=2022-02&pagina=0', 'pagina:'],
    ['/api/maand?van=2022-01&tot=2022-02&kleur=rood', 'onbekende parameter(s): kleur'],
    ['/api/maand?van=2022-01&tot=2022-02&van=2022-01', 'meer dan één keer'],
    ['/api/maand?van=2022-01&tot=2022-02&taakveld=XX', 'taakveld:'],
    ['/api/maand?van=2022-01&tot=2022-02&gemeente=98', 'gemeente:'],
    ['/api/maand?van=2022-01&tot=2022-02&format=pdf', 'format:'],
    ['/api/stand', 'datum (JJJJ-MM-DD) is nodig'],
    ['/api/stand?datum=2022-02-30', 'datum: een bestaande datum'],
    ['/api/stand?datum=2022-13-01', 'datum: een bestaande datum'],
    ['/api/spreiding?datum=2022-00-10', 'datum: een bestaande datum'],
    ['/api/stand?datum=2022-01-15&van=2022-01&tot=2022-01', 'één datum'],
    ['/api/afwijzingen?van=2022-01&tot=2022-02&gemeente=0988', 'filtert niet op gemeente'],
    ['/api/dichtheid?datum=2022-01-15&taakveld=BP', 'kent BW, MO, BWO'],
    ['/api/budget?jaar=2022&tot=2021-12', 'tot: een maand in 2022'],
    ['/api/export?van=2022-01&tot=2022-02&format=csv', 'de export is een werkmap'],
  ])('answers %s with 400 and a message', async (path, message) => {
    const answer = await finance(path);
    expect(answer.status).toBe(400);
    expect(answer.json.fout).toContain(message);
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    const unknown = await finance('/api/omzet');
    expect(unknown.status).toBe(404);
    expect(unknown.json.weergaven).toContain('/api/stand');
    const post = await fetch(`${serving.http}/api/stand?datum=2022-01-15`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('serves every view as JSON, CSV and XLSX with the same numbers', async () => {
    const params: Record<string, string> = {
      maand: 'van=2022-01&tot=2022-02',
      stand: 'datum=2022-01-15',
      dichtheid: 'datum=2022-01-15',
      spreiding: 'datum=2022-01-15',
      instroom: 'van=2022-01&tot=2022-02',
      taakgericht: 'van=2022-01&tot=2022-06',
      afwijzingen: 'van=2022-01&tot=2022-02',
      budget: 'jaar=2022',
      trend: 'van=2022-01&tot=2022-02',
    };
    expect(Object.keys(params)).toEqual(VIEW_NAMES);
    for (const view of VIEW_NAMES) {
      const json = await finance(`/api/${view}?${params[view]}&per=1000`);
      expect(json.status).toBe(200);
      expect(json.json.rijen.length).toBeGreaterThan(0);

      const csv = await finance(`/api/${view}?${params[view]}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.type).toBe('text/csv; charset=utf-8');
      expect(csv.text.startsWith('\uFEFF')).toBe(true);
      const parsed = Papa.parse<string[]>(csv.text.slice(1), { delimiter: ';', skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      const [header, ...rows] = parsed.data;
      // A view with totals has them as its last row, first cell "Totaal".
      const totaal: Record<string, number> | undefined = json.json.totaal;
      const totaalRij = totaal ? rows.pop() : undefined;
      expect(rows).toHaveLength(json.json.aantal);
      for (const k of json.json.kolommen as { sleutel: string; kop: string; soort: string }[]) {
        if (k.soort !== 'cents') continue;
        const c = header.indexOf(`${k.kop} (cent)`);
        const e = header.indexOf(`${k.kop} (euro)`);
        rows.forEach((row, i) => {
          expect(Number(row[c])).toBe(json.json.rijen[i][k.sleutel]);
          expect(Number(row[e].replace(',', '.'))).toBeCloseTo(json.json.rijen[i][k.sleutel] / 100, 2);
        });
        if (totaalRij && totaal?.[k.sleutel] !== undefined)
          expect(Number(totaalRij[c])).toBe(totaal[k.sleutel]);
      }
      if (totaalRij) expect(totaalRij[0]).toBe('Totaal');

      const xlsx = await finance(`/api/${view}?${params[view]}&format=xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.type).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe(VIEWS[view].titel);
      expect(sheet.rowCount).toBe(json.json.aantal + 1 + (totaal ? 1 : 0));
      const xheader = (sheet.getRow(1).values as unknown[]).slice(1);
      for (const k of json.json.kolommen as { sleutel: string; kop: string; soort: string }[]) {
        const col = xheader.indexOf(k.soort === 'cents' ? `${k.kop} (cent)` : k.kop) + 1;
        expect(col).toBeGreaterThan(0);
        if (k.soort !== 'cents' && k.soort !== 'count') continue;
        json.json.rijen.forEach((r: Record<string, unknown>, i: number) => {
          const cell = sheet.getRow(i + 2).getCell(col).value;
          expect(typeof cell).toBe('number');
          expect(cell).toBe(r[k.sleutel]);
        });
      }
    }
  });

  it('exports all views as one workbook for finance', async () => {
    const xlsx = await finance('/api/export?van=2022-01&tot=2022-02');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(VIEW_NAMES.map((v) => VIEWS[v].titel));
  });

  it('writes the monthly export for finance: the previous month and the year to date, exact', async () => {
    const keys = await writeMonthlyExport(serving.deps, '2022-03-04');
    expect(keys).toEqual(
      expect.arrayContaining([
        'exports/2022-02/maand-2022-02.xlsx',
        'exports/2022-02/maand-2022-02-maand.csv',
        'exports/2022-02/jaar-2022-tm-2022-02.xlsx',
        'exports/2022-02/jaar-2022-tm-2022-02-stand.csv',
      ]),
    );
    expect(keys).toHaveLength(2 * (1 + VIEW_NAMES.length));
    const chunks: Buffer[] = [];
    for await (const c of await serving.deps.blobs.open('exports/2022-02/jaar-2022-tm-2022-02-maand.csv'))
      chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    answers.push({ status: 200, type: 'text/csv', text, bytes: Buffer.alloc(0), json: null });
    const all = Papa.parse<Record<string, string>>(text.slice(1), {
      header: true,
      delimiter: ';',
    }).data.filter((r) => r.Maand);
    const rows = all.filter((r) => r.Maand !== 'Totaal');
    const api = await finance('/api/maand?van=2022-01&tot=2022-02&per=1000');
    expect(rows.map((r) => Number(r['Toegekend (cent)']))).toEqual(
      api.json.rijen.map((r: { toegekend: number }) => r.toegekend),
    );
    // The view's totals as the last row, as in a CSV of the API.
    expect(all.at(-1)).toMatchObject({
      Maand: 'Totaal',
      'Toegekend (cent)': String(api.json.totaal.toegekend),
    });
    expect(rows.map((r) => r['Cliënten'])).toEqual(
      api.json.rijen.map((r: { clienten: number }) => String(r.clienten)),
    );
  });

  it('suppresses small counts for policy advisers, and shows finance exact counts', async () => {
    const beleid = await ask('/api/stand?datum=2022-01-15');
    expect(beleid.json.onderdrukt).toBe(true);
    const weert = beleid.json.rijen.find((r: { gemeente: string }) => r.gemeente === '0988');
    expect(weert).toMatchObject({ BW: '<5', MO: 0, totaal: '<5' });
    // The column totals would give hidden cells away: small ones are hidden, others over hidden cells rounded.
    expect(beleid.json.totaal).toEqual({ BW: '<5', MO: '<5', BWO: 0, totaal: '≈10' });
    const dichtheid = await ask('/api/dichtheid?datum=2022-01-15');
    const w = dichtheid.json.rijen.find((r: { gemeente: string }) => r.gemeente === '0988');
    expect(w).toMatchObject({ clienten: '<5', per10000: null });
    const csv = await ask('/api/stand?datum=2022-01-15&format=csv');
    expect(csv.text).toContain('<5');
    const exact = await finance('/api/dichtheid?datum=2022-01-15');
    const e = exact.json.rijen.find((r: { gemeente: string }) => r.gemeente === '0988');
    expect(e).toMatchObject({ clienten: 2, per10000: 0.4 });
  });

  it("shows a backoffice only its own municipality's detail", async () => {
    const own = await ask('/api/maand?van=2022-01&tot=2022-02', 'backoffice-0988');
    expect(own.status).toBe(200);
    expect(own.json.rijen.length).toBeGreaterThan(0);
    expect(own.json.rijen.every((r: { gemeente: string }) => r.gemeente === '0988')).toBe(true);
    expect(own.json.onderdrukt).toBe(false);
    expect((await ask('/api/maand?van=2022-01&tot=2022-02&gemeente=0957', 'backoffice-0988')).status).toBe(
      403,
    );
    expect((await ask('/api/bestanden/0983', 'backoffice-0988')).status).toBe(403);
    expect((await ask('/api/export?van=2022-01&tot=2022-02', 'backoffice-0988')).status).toBe(403);
    // Rejections have no municipality of origin: a backoffice sees those of the files it sent (Weert sent none).
    expect((await ask('/api/afwijzingen?van=2022-01&tot=2022-02', 'backoffice-0988')).json.rijen).toEqual([]);
    const venlo = await ask('/api/afwijzingen?van=2022-01&tot=2022-02', 'backoffice-0983');
    expect(venlo.json.rijen).toEqual([expect.objectContaining({ retourcode: '0611', regels: 1 })]);
    const regio = await ask('/api/regio', 'backoffice-0988');
    expect(regio.json.gemeenten.map((g: { code: string }) => g.code)).toEqual(['0988']);
    // Weert's stand comes from Venlo's toewijzingen file: traceable by id, its name is Venlo's to see.
    const namen = async (group: string) =>
      Object.values(
        (await ask('/api/stand?datum=2022-01-15', group)).json.bronnen as Record<string, { naam: string }>,
      ).map((b) => b.naam);
    expect(await namen('backoffice-0988')).toEqual(['bestand van een andere gemeente']);
    expect(await namen('backoffice-0983')).toEqual(['toewijzingen.csv']);
  });

  it('serves the monitor page with protective headers, and nothing outside its files', async () => {
    const page = await fetch(`${serving.http}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('lang="nl"');
    expect(await (await fetch(`${serving.http}/config.json`)).json()).toEqual({ api: '', login: null });
    for (const path of ['/package.json', '/..%2Fpackage.json', '/web/monitor/index.html', '/serve.json']) {
      expect((await fetch(`${serving.http}${path}`)).status).toBe(404);
    }
  });

  it('refuses a caller without a role', async () => {
    const none = await ask('/api/stand?datum=2022-01-15', 'iemand');
    expect(none.status).toBe(403);
    expect(none.json.fout).toContain('geen rol');
  });

  it('lists the files of a municipality for finance', async () => {
    const files = await finance('/api/bestanden/0983');
    const bestanden = files.json.bestanden as { name: string; ontvangen: string; status: string }[];
    expect(bestanden.map((f) => f.name).sort()).toEqual(
      ['toewijzingen.csv', 'bw-2022-01.csv', 'mo-2022-01.csv', 'bw-2022-02.csv', 'bp-2022-h1.csv'].sort(),
    );
    expect(bestanden.every((f) => f.status === 'verwerkt')).toBe(true);
    // In order of receipt (S3 keeps whole seconds: files received in the same second may come in either order).
    const times = bestanden.map((f) => f.ontvangen);
    expect(times).toEqual([...times].sort());
  });

  it('never answers with a BSN', () => {
    expect(answers.length).toBeGreaterThan(40);
    for (const a of answers) {
      for (const bsn of BSNS) expect(a.text).not.toContain(bsn);
    }
  });
});
