/**
 * `bwmo report` and `bwmo export` as a user runs them, on a region generated to the seed's numbers: the stand on
 * 1 July 2020 reproduces the seed's BW column (870, including 5 Onbekend); CSV and XLSX say what the JSON says; bad
 * parameters get a message and exit code 2; no client's BSN appears in any output.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { generate } from '../../examples/generator/generate';
import { BW_STAND_2020_07_01 } from '../../examples/generator/seed';
import { writeGenerated } from '../../examples/generator/write';
import { VIEW_NAMES, VIEWS } from '../../pipeline/monitor/views';
import { loadRegion } from '../../pipeline/region/load';
import { bwmo } from '../helpers/cli';
import { NML } from '../helpers/stack';

const euroText = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

describe('bwmo report and bwmo export', () => {
  let dir: string;
  let data: string;
  let bsns: string[];
  const outputs: string[] = [];
  const run = async (args: readonly string[]) => {
    const r = await bwmo([...args, '--data', data], 60_000);
    outputs.push(r.stdout, r.stderr);
    return r;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-report-'));
    data = join(dir, 'data');
    const g = generate(await loadRegion(NML), {
      seed: 7,
      vanMaand: '2021-01',
      totMaand: '2021-02',
      toewijzer: 'centrum',
      formaat: 'gemengd',
      foutAandeel: 0,
    });
    bsns = [...new Set(g.toewijzingen.map((t) => t.bsn))];
    const manifest = await writeGenerated(g, join(dir, 'in'));
    const ingest = await run(['ingest', ...manifest.files.map((f) => join(dir, 'in', f.path))]);
    expect(ingest.code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reproduces the seed's BW stand per 1 July 2020: 870 in total, 5 of unknown origin", async () => {
    const r = await run(['report', 'stand', '--datum', '2020-07-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const stand = JSON.parse(r.stdout) as {
      datum: string;
      rijen: { gemeente: string; naam: string; BW: number; MO: number; BWO: number }[];
      totaal: { BW: number };
    };
    expect(stand.datum).toBe('2020-07-01');
    expect(Object.fromEntries(stand.rijen.map((row) => [row.gemeente, row.BW]))).toEqual(BW_STAND_2020_07_01);
    expect(stand.totaal.BW).toBe(870);
    expect(stand.rijen.find((row) => row.gemeente === '0000')).toMatchObject({ naam: 'Onbekend', BW: 5 });
    expect(stand.rijen.find((row) => row.gemeente === '0988')).toMatchObject({ naam: 'Weert', BW: 139 });
  }, 60_000);

  it('prints the monthly figures as a table, and as CSV that parses back to the JSON numbers', async () => {
    const args = ['report', 'maand', '--van', '2021-01', '--tot', '2021-02'];
    const json = JSON.parse((await run([...args, '--format', 'json'])).stdout) as {
      rijen: { maand: string; gemeente: string; toegekend: number; clienten: number }[];
      totaal: { toegekend: number };
    };
    expect(json.rijen.length).toBeGreaterThan(20);
    expect(json.totaal.toegekend).toBe(json.rijen.reduce((s, row) => s + row.toegekend, 0));

    const csv = await run([...args, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.stdout.slice(1), {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    // The rows, then the totals (as in the table and the JSON).
    expect(parsed.data).toHaveLength(json.rijen.length + 1);
    const totaal = parsed.data.pop()!;
    expect(totaal.Maand).toBe('Totaal');
    expect(Number(totaal['Toegekend (cent)'])).toBe(json.totaal.toegekend);
    expect(totaal['Toegekend (euro)']).toBe(euroText(json.totaal.toegekend));
    parsed.data.forEach((row, i) => {
      expect(row.Maand).toBe(json.rijen[i].maand);
      expect(row.Herkomstgemeente).toBe(json.rijen[i].gemeente);
      expect(Number(row['Toegekend (cent)'])).toBe(json.rijen[i].toegekend);
      expect(row['Toegekend (euro)']).toBe(euroText(json.rijen[i].toegekend));
      expect(Number(row.Cliënten)).toBe(json.rijen[i].clienten);
    });

    const table = await run([...args, '--format', 'table']);
    expect(table.stdout).toContain('Maandcijfers');
    expect(table.stdout).toMatch(/^Totaal\s/m);
  }, 60_000);

  it('writes every format to --uit when given, not to the screen', async () => {
    for (const format of ['table', 'json', 'csv']) {
      const file = join(dir, `trend.${format}`);
      const r = await run([
        'report',
        'trend',
        '--van',
        '2021-01',
        '--tot',
        '2021-02',
        '--format',
        format,
        '--uit',
        file,
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(await readFile(file, 'utf8')).toContain('2021-02');
    }
  }, 60_000);

  it('exports every view as one workbook and as CSV files, with the same numbers', async () => {
    const out = join(dir, 'export');
    const exportAs = (format: 'xlsx' | 'csv') =>
      run(['export', '--van', '2021-01', '--tot', '2021-02', '--format', format, '--uit', out]);
    const xlsx = await exportAs('xlsx');
    expect(xlsx.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'monitor-2021-01-2021-02.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(VIEW_NAMES.map((v) => VIEWS[v].titel));

    const maand = workbook.getWorksheet('Maandcijfers')!;
    const header = (maand.getRow(1).values as unknown[]).slice(1);
    const cents = header.indexOf('Toegekend (cent)') + 1;
    const euros = header.indexOf('Toegekend (€)') + 1;
    let sumCents = 0;
    let sumEuroCents = 0;
    let totaalRij: number | null = null;
    maand.eachRow((row, n) => {
      if (n === 1) return;
      // The totals as the last row (finance adds the rows above it and compares).
      if (row.getCell(1).value === 'Totaal') {
        totaalRij = row.getCell(cents).value as number;
        return;
      }
      const c = row.getCell(cents).value;
      expect(typeof c).toBe('number');
      sumCents += c as number;
      sumEuroCents += Math.round((row.getCell(euros).value as number) * 100);
    });
    const json = JSON.parse(
      (await run(['report', 'maand', '--van', '2021-01', '--tot', '2021-02', '--format', 'json'])).stdout,
    ) as { totaal: { toegekend: number } };
    expect(sumCents).toBe(json.totaal.toegekend);
    expect(sumEuroCents).toBe(json.totaal.toegekend);
    expect(totaalRij).toBe(json.totaal.toegekend);

    const csv = await exportAs('csv');
    expect(csv.code).toBe(0);
    const files = (await readdir(out)).filter((f) => f.endsWith('.csv')).sort();
    expect(files).toEqual(VIEW_NAMES.map((v) => `monitor-2021-01-2021-02-${v}.csv`).sort());
    for (const f of files) outputs.push(await readFile(join(out, f), 'utf8'));
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => outputs.push(JSON.stringify(row.values)));
  }, 60_000);

  it('answers bad parameters with a message and exit code 2', async () => {
    const badMonth = await run(['report', 'maand', '--van', '2021-13', '--tot', '2021-02']);
    expect(badMonth.code).toBe(2);
    expect(badMonth.stderr).toContain('van: maand als JJJJ-MM');
    const reversed = await run(['report', 'maand', '--van', '2021-03', '--tot', '2021-02']);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('ligt na tot');
    const missing = await run(['report', 'stand']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('datum (JJJJ-MM-DD) is nodig');
    const unknown = await run(['report', 'omzet', '--van', '2021-01', '--tot', '2021-02']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("onbekende weergave 'omzet'");
    const xlsxToStdout = await run(['report', 'stand', '--datum', '2021-01-01', '--format', 'xlsx']);
    expect(xlsxToStdout.code).toBe(2);
  }, 60_000);

  it('never prints a BSN', () => {
    expect(bsns.length).toBeGreaterThan(800);
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(10_000);
    for (const bsn of bsns) expect(all).not.toContain(bsn);
  });
});
