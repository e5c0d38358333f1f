/**
 * `bwmo settle` as the command line parses it (cli/main.ts in process, stdout and stderr captured), on a data folder
 * filled through the real ingest: the readable table, stored versions, --sluit, every format, --scenario with its
 * file format and errors, usage errors and bad configuration with exit code 2 and a message naming file and field;
 * and the hand-off to a running `bwmo serve` (LevelDB allows one process).
 */
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../cli/main';
import { openLocal } from '../../cli/runtime';
import { logger } from '../../functions/aws';
import { ingestObject } from '../../pipeline/ingest';
import type { Statement } from '../../pipeline/settle/types';
import { SERVE_FILE, type ServeInfo } from '../../serve/info';
import { type Serving, startServe } from '../../serve/serve';
import { BSN_A, BSN_B, declaratieCsv, line } from '../helpers/scenario';
import { TW_VENLO_WEERT } from '../helpers/settle';
import { NML } from '../helpers/stack';

const DECL = declaratieCsv({
  nummer: 'D1',
  maand: '2021-03',
  lines: [line('2021-03', 'R1'), line('2021-03', 'R2', { bsn: BSN_B, toewijzingNummer: 5002 })],
});

interface Uitvoer {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bwmo ARGS` in process. */
async function bwmo(args: readonly string[]): Promise<Uitvoer> {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out.push(String(c));
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    err.push(String(c));
    return true;
  });
  try {
    const code = await main(['node', 'bwmo', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('bwmo settle', () => {
  let dir: string;
  let data: string;
  const alles: string[] = [];
  const settle = async (args: readonly string[]) => {
    const r = await bwmo(['settle', '--jaar', '2021', '--data', data, ...args]);
    alles.push(r.stdout, r.stderr);
    return r;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-settle-cli-'));
    data = join(dir, 'data');
    const runtime = await openLocal({ data, region: NML });
    try {
      for (const [naam, tekst] of [
        ['tw.csv', TW_VENLO_WEERT],
        ['d.csv', DECL],
      ]) {
        await runtime.blobs.put(`inbox/0983/${naam}`, tekst);
        await ingestObject(runtime, `inbox/0983/${naam}`);
      }
    } finally {
      await runtime.close();
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints a readable provisional statement per scheme and stores it as version 1', async () => {
    const r = await settle([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Opgeslagen: verevening 2021 versie 1 \(voorlopig/);
    expect(r.stdout.split('\n')[0]).toBe(
      'VOORLOPIG vereveningsoverzicht Noord- en Midden-Limburg 2021: kosten t/m 2021-03, geprojecteerd naar het jaareinde',
    );
    expect(r.stdout).toContain('== Noord-Limburg BW (2021, zonder Gennep)');
    expect(r.stdout).toContain('== Midden-Limburg BW, MO en B&P');
    // Venlo: March 2021 = 31 × 109.50 = 3.394,50 known, × 12 / 3 = 13.578,00 projected.
    expect(r.stdout).toMatch(/0983\s+Venlo\s+17\.204\.000,00\s+3\.394,50\s+13\.578,00/);
    for (const kop of [
      'Sleutelaandeel',
      'Deel resultaat',
      'Netto kosten',
      'Zonder verevening',
      'Vereveningseffect',
    ])
      expect(r.stdout).toContain(kop);
    const again = await settle([]);
    expect(again.stderr).toMatch(/Ongewijzigd: verevening 2021 versie 1/);
  });

  it('json, csv, xlsx and html', async () => {
    const json = JSON.parse((await settle(['--format', 'json'])).stdout) as Statement;
    expect(json).toMatchObject({ soort: 'vereveningsoverzicht', jaar: 2021, versie: 1, status: 'voorlopig' });
    const csv = await settle(['--format', 'csv']);
    expect(csv.stdout.startsWith('\uFEFFRegeling;Gemeente;')).toBe(true);
    expect(csv.stdout).toContain(';0983;Venlo;103785;1720400000;17204000,00;');
    expect((await settle(['--format', 'xlsx'])).code).toBe(2);
    const xlsx = join(dir, 'v.xlsx');
    expect((await settle(['--format', 'xlsx', '--uit', xlsx])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toContain('Sleutelvergelijking');
    const html = join(dir, 'v.html');
    expect((await settle(['--format', 'html', '--uit', html])).code).toBe(0);
    expect(await readFile(html, 'utf8')).toContain('<html lang="nl">');
  });

  it('--scenario FILE compares the keys in the file side by side', async () => {
    const file = join(dir, 'sleutels.json');
    await writeFile(
      file,
      JSON.stringify([
        { naam: 'huidige sleutel', sleutel: 'geconfigureerd' },
        { naam: 'alles inleg', sleutel: { inleg: 1 } },
        { naam: 'alles gebruik', sleutel: { gebruik: '1' } },
      ]),
    );
    const t = await settle(['--scenario', file]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('VOORLOPIGE vergelijking van verdeelsleutels');
    expect(t.stdout).toMatch(/0983\s+Venlo\s+-?[0-9.,]+\s+-?[0-9.,]+ \([+-]?[0-9.,]+\)/);
    const j = JSON.parse((await settle(['--scenario', file, '--format', 'json'])).stdout) as {
      overzicht: Statement;
      vergelijking: { scenarios: string[] };
    };
    expect(j.vergelijking.scenarios).toEqual(['huidige sleutel', 'alles inleg', 'alles gebruik']);
    const csv = await settle(['--scenario', file, '--format', 'csv']);
    expect(csv.stdout).toContain('Netto kosten: alles inleg (cent)');

    await writeFile(file, JSON.stringify([{ naam: 'x', sleutel: { inleg: 0.5, gebruik: 0.4 } }]));
    const fout = await settle(['--scenario', file]);
    expect(fout.code).toBe(2);
    expect(fout.stderr).toContain(
      `${file}: scenarios[0].sleutel: gewichten tellen op tot 0.9, moeten 1 zijn`,
    );
    expect((await settle(['--scenario', join(dir, 'bestaat-niet.json')])).code).toBe(2);
  });

  it.each([
    [['--jaar', '21'], '--jaar is een jaartal'],
    [['--tot', '2021-13'], '--tot is een maand'],
    [['--tot', '2022-01'], 'tot moet een maand binnen 2021 zijn'],
    [['--sluit', '--tot', '2021-12'], '--sluit sluit het hele jaar af'],
    [['--format', 'pdf'], "'pdf' is geen geldige waarde voor '--format <format>'"],
  ])('usage error %j: exit 2 with a message', async (args, melding) => {
    const r = await settle(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(melding);
  });

  it('--sluit closes the year; later runs give the final statement unchanged', async () => {
    const r = await settle(['--sluit']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Opgeslagen: verevening 2021 versie 2 \(definitief/);
    expect(r.stdout.split('\n')[0]).toBe('Definitief vereveningsoverzicht Noord- en Midden-Limburg 2021');
    const again = await settle(['--tot', '2021-06']);
    expect(again.stderr).toContain('2021 is definitief afgesloten (versie 2)');
    expect(again.stdout.split('\n')[0]).toBe('Definitief vereveningsoverzicht Noord- en Midden-Limburg 2021');
  });

  it('bad configuration stops with exit 2 and a message naming the file and the field', async () => {
    const region = join(dir, 'regio');
    await mkdir(region);
    await cp(NML, region, { recursive: true });
    const budgetten = join(region, 'budgetten.csv');
    const rijen = (await readFile(budgetten, 'utf8'))
      .split('\n')
      .filter((r) => !r.startsWith('2021;0889;BW;'));
    await writeFile(budgetten, rijen.join('\n'));
    const r = await settle(['--region', region]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${budgetten}: Jaar 2021, Taakveld BW, Gemeente 0889: regel ontbreekt`);

    await copyFile(join(NML, 'budgetten.csv'), budgetten);
    const regionJson = join(region, 'region.json');
    const json = JSON.parse(await readFile(regionJson, 'utf8'));
    json.verevening.regelingen[0].sleutel = { inleg: 0.5, gebruik: 0.6 };
    await writeFile(regionJson, JSON.stringify(json));
    const w = await settle(['--region', region]);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain(regionJson);
    expect(w.stderr).toContain('regelingen');
    expect(w.stderr).toContain('gewichten tellen op tot 1.1, moeten 1 zijn');
  });

  it('no BSN in any output', () => {
    for (const t of alles) expect(t).not.toMatch(new RegExp(`${BSN_A}|${BSN_B}`));
  });
});

describe('bwmo settle while bwmo serve runs on the data folder', () => {
  let dir: string;
  let serving: Serving;
  beforeAll(async () => {
    logger.setLogLevel('SILENT');
    dir = await mkdtemp(join(tmpdir(), 'bwmo-settle-serve-'));
    serving = await startServe({ data: join(dir, 'data'), region: NML, log: () => undefined });
    for (const [naam, tekst] of [
      ['tw.csv', TW_VENLO_WEERT],
      ['d.csv', DECL],
    ]) {
      const res = await fetch(`${serving.http}/lokaal/ingest?gemeente=0983&naam=${naam}`, {
        method: 'POST',
        body: tekst,
      });
      expect(res.status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await serving.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('goes through the server instead of opening the store', async () => {
    const data = join(dir, 'data');
    const r = await bwmo(['settle', '--jaar', '2021', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'VOORLOPIG vereveningsoverzicht Noord- en Midden-Limburg 2021: kosten t/m 2021-03',
    );
    expect(r.stderr).toContain('Opgeslagen: verevening 2021 versie 1');
    const sluit = await bwmo(['settle', '--jaar', '2021', '--data', data, '--sluit']);
    expect(sluit).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Definitief/) });
  });

  it('a server without the write route (an older bwmo serve): computed once through the API, nothing stored', async () => {
    // A stand-in for such a server in front of the real one: no POST /lokaal/verevening, the rest passed on.
    const gevraagd: string[] = [];
    const voorkant = createServer(async (req, res) => {
      gevraagd.push(`${req.method} ${req.url}`);
      if (req.url?.startsWith('/lokaal/')) {
        res.writeHead(404).end();
        return;
      }
      const achter = await fetch(`${serving.http}${req.url}`, {
        headers: req.headers as Record<string, string>,
      });
      res.writeHead(achter.status, { 'content-type': achter.headers.get('content-type') ?? 'text/plain' });
      res.end(Buffer.from(await achter.arrayBuffer()));
    });
    await new Promise<void>((klaar) => voorkant.listen(0, '127.0.0.1', klaar));
    const oud = join(dir, 'oud');
    await mkdir(oud);
    const info = JSON.parse(await readFile(join(dir, 'data', SERVE_FILE), 'utf8')) as ServeInfo;
    const { port } = voorkant.address() as AddressInfo;
    await writeFile(join(oud, SERVE_FILE), JSON.stringify({ ...info, http: `http://127.0.0.1:${port}` }));
    try {
      const r = await bwmo([
        'settle',
        '--jaar',
        '2021',
        '--tot',
        '2021-03',
        '--data',
        oud,
        '--format',
        'html',
      ]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('Berekend door de draaiende bwmo serve en niet opgeslagen.');
      // The standard keys side by side came with the statement.
      expect(r.stdout).toContain('Netto kosten per gemeente onder elke sleutel');
      expect(gevraagd.filter((v) => !v.includes('/api/gezondheid'))).toEqual([
        'POST /lokaal/verevening',
        'GET /api/verevening?jaar=2021&tot=2021-03&vergelijking=ja',
      ]);
    } finally {
      voorkant.close();
    }
  });
});
