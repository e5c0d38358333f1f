/**
 * Reading declaratie CSV files (CONTRACT §1b): encoding (UTF-8 or Windows-1252, also when the first non-ASCII
 * byte comes after the 64 KiB head that decides what is tried first), the delimiter decided from the header line,
 * header names in any case and order, DD-MM-YYYY dates, and leading zeros restored to BSN and AGB codes.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { checkFile, checkReportHead } from '../../../pipeline/check';
import { FindingCollector } from '../../../pipeline/read/collector';
import { readDeclaraties } from '../../../pipeline/read/declaraties';
import { decodeText } from '../../../pipeline/read/decode';
import { classifyHead } from '../../../pipeline/read/sniff';
import { bufferSource } from '../../../pipeline/source';
import type { DeclaratieRegel } from '../../../schemas/iwmo/wmo323';
import type { Finding, Report } from '../../../schemas/report';
import { bwmo } from '../../helpers/cli';

const HEAD_BYTES = 64 * 1024;

const COLUMNS = [
  'Afzender',
  'Ontvanger',
  'DeclaratieNummer',
  'DeclaratieDagtekening',
  'DeclaratiePeriodeBegindatum',
  'DeclaratiePeriodeEinddatum',
  'TotaalIngediendBedrag',
  'TotaalDebetCredit',
  'Bsn',
  'ReferentieNummer',
  'VorigReferentieNummer',
  'ToewijzingNummer',
  'ProductCategorie',
  'ProductCode',
  'ProductPeriodeBegindatum',
  'ProductPeriodeEinddatum',
  'GeleverdVolume',
  'Eenheid',
  'ProductTarief',
  'IngediendBedrag',
  'DebetCredit',
] as const;

type Row = Record<string, string>;

/** Test BSNs (11-proef valid), one per client. */
const BSNS = ['999900006', '999900018', '999900031', '999900043', '999900055'];

/** n valid prestaties of one declaration: April 2023, 30 etmalen × € 95,00, each on its own toewijzing. */
function prestaties(n: number, ref: (i: number) => string = (i) => `R${String(i).padStart(8, '0')}`): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      Afzender: '65656055',
      Ontvanger: '0983',
      DeclaratieNummer: 'DN001',
      DeclaratieDagtekening: '2023-05-06',
      DeclaratiePeriodeBegindatum: '2023-04-01',
      DeclaratiePeriodeEinddatum: '2023-04-30',
      TotaalIngediendBedrag: String(285000 * n),
      TotaalDebetCredit: 'D',
      Bsn: BSNS[i % BSNS.length],
      ReferentieNummer: ref(i),
      VorigReferentieNummer: '',
      ToewijzingNummer: String(20000 + i),
      ProductCategorie: '15',
      ProductCode: '15A02',
      ProductPeriodeBegindatum: '2023-04-01',
      ProductPeriodeEinddatum: '2023-04-30',
      GeleverdVolume: '30',
      Eenheid: '14',
      ProductTarief: '9500',
      IngediendBedrag: '285000',
      DebetCredit: 'D',
    });
  }
  return rows;
}

/** CSV text with the given header cells; `cell(row, header)` gives the value written under a header cell. */
function csv(
  header: readonly string[],
  rows: readonly Row[],
  delimiter: ';' | ',' = ';',
  cell: (row: Row, column: string) => string = (row, column) => row[column] ?? '',
): string {
  const lines = [header.join(delimiter), ...rows.map((r) => header.map((h) => cell(r, h)).join(delimiter))];
  return `${lines.join('\r\n')}\r\n`;
}

async function check(bytes: Buffer | string) {
  const checked = await checkFile(bufferSource('inbox/0983/declaratie.csv', bytes));
  return { checked, head: checkReportHead(checked) };
}

/** The records the declaratie reader makes of a UTF-8 text, with the findings of level 1. */
async function records(text: string): Promise<{ regels: DeclaratieRegel[]; findings: Finding[] }> {
  const source = bufferSource('declaratie.csv', text);
  const head = await classifyHead(source);
  expect(head).toMatchObject({ kind: 'declaratie', format: 'csv', problems: [] });
  const findings = new FindingCollector();
  const regels: DeclaratieRegel[] = [];
  for await (const batch of readDeclaraties(decodeText(await source.open(), 'utf-8'), head, findings, {
    lines: 0,
  })) {
    regels.push(...batch);
  }
  return { regels, findings: findings.result() };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwmo-csv-encoding-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const errorsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'fout');

describe('encoding', () => {
  const LATE_REF = 'CAFÉ-Ø-ÀÇ'; // Windows-1252: one byte each for É, Ø, À and Ç
  const N = 600;
  // An extra column, so that the warning about it shows the restarted read reports it once, not twice.
  const header = [...COLUMNS, 'Toelichting'];
  const rows = prestaties(N, (i) => (i === N - 1 ? LATE_REF : `R${String(i).padStart(8, '0')}`));
  const text = csv(header, rows, ';', (r, c) => (c === 'Toelichting' ? 'geen' : (r[c] ?? '')));

  it('a Windows-1252 byte only after the first 64 KiB: checkFile starts again as Windows-1252', async () => {
    const bytes = iconv.encode(text, 'win1252');
    const { checked, head } = await check(bytes);
    expect(checked.facts.encoding).toBe('windows-1252');
    expect(errorsOf(head.findings)).toEqual([]);
    expect(head.findings.filter((f) => f.rule === 'CSV-COLUMN')).toHaveLength(1);
    expect(checked.declaraties[0].refs[N - 1]).toBe(LATE_REF);
    expect(head.fileId).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('a Windows-1252 byte only after the first 64 KiB: `bwmo check` reads it again as Windows-1252', async () => {
    const bytes = iconv.encode(text, 'win1252');
    // The premise: the head is plain ASCII (so UTF-8 is tried first) and the only non-ASCII bytes come later.
    const firstHigh = bytes.findIndex((b) => b >= 0x80);
    expect(firstHigh).toBeGreaterThan(HEAD_BYTES);
    expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(false);

    const path = join(dir, 'laat-1252.csv');
    await writeFile(path, bytes);
    const run = await bwmo(['check', path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [report] = JSON.parse(run.stdout) as Report[];
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'CSV-COLUMN',
        severity: 'waarschuwing',
        message: expect.stringContaining('Toelichting'),
      }),
    ]);
    expect(report).toMatchObject({
      kind: 'declaratie',
      format: 'csv',
      status: 'geaccepteerd',
      level: 2,
      counts: { regels: N, geaccepteerd: N, afgewezen: 0 },
    });
    // Decoded right: the ReferentieNummer has its letters, not replacement characters.
    const prestaties = report.declaraties[0].prestaties;
    expect(prestaties).toHaveLength(N);
    expect(prestaties[N - 1].referentieNummer).toBe(LATE_REF);
    expect(report.declaraties[0].totaalToegekendBedrag).toBe(285000 * N);
    // The file's identity is that of its bytes, also after the restart.
    expect(report.fileId).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('the same file in UTF-8 (with BOM) is read as UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const { checked, head } = await check(bytes);
    expect(checked.facts.encoding).toBe('utf-8');
    expect(errorsOf(head.findings)).toEqual([]);
    expect(head.status).toBe('geaccepteerd');
    expect(checked.declaraties[0].refs[N - 1]).toBe(LATE_REF);
    expect(checked.declaraties[0].refs[0]).toBe('R00000000');
  });

  it('a Windows-1252 header: the unknown-column warning names the column with its diacritic', async () => {
    const bytes = iconv.encode(csv([...COLUMNS, 'Opmerkingën'], prestaties(3)), 'win1252');
    expect(bytes.includes(0xeb)).toBe(true); // ë in Windows-1252
    const { checked, head } = await check(bytes);
    expect(checked.facts.encoding).toBe('windows-1252');
    expect(head.findings).toHaveLength(1);
    expect(head.findings[0]).toMatchObject({ rule: 'CSV-COLUMN', severity: 'waarschuwing' });
    expect(head.findings[0].message).toContain('Opmerkingën');
    expect(head.status).toBe('geaccepteerd');
  });

  it('a UTF-8 byte order mark before Windows-1252 text is dropped, not read as ï»¿', async () => {
    const text = csv([...COLUMNS, 'Opmerkingën'], prestaties(3));
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(text, 'win1252')]);
    const { checked, head } = await check(bytes);
    expect(checked.facts.encoding).toBe('windows-1252');
    expect(head.findings.map((f) => [f.rule, f.message])).toEqual([
      ['CSV-COLUMN', 'onbekende kolom(men) genegeerd: Opmerkingën'],
    ]);
    expect(head.status).toBe('geaccepteerd');
  });

  it('decodeText drops a byte order mark split over chunks, and keeps a lone EF that is no mark', async () => {
    const decoded = async (chunks: number[][]) => {
      let out = '';
      for await (const t of decodeText(
        (async function* () {
          for (const c of chunks) yield Buffer.from(c);
        })(),
        'windows-1252',
      ))
        out += t;
      return out;
    };
    expect(await decoded([[0xef], [0xbb, 0xbf, 0x41]])).toBe('A');
    expect(await decoded([[0xef, 0x41]])).toBe('ïA');
    expect(await decoded([[0xef, 0xbb]])).toBe('');
  });
});

describe('delimiter decided from the header line', () => {
  it.each([';', ','] as const)("'%s': every row is read, no findings", async (delimiter) => {
    const { checked, head } = await check(csv(COLUMNS, prestaties(4), delimiter));
    expect(checked.facts.delimiter).toBe(delimiter);
    expect(head.findings).toEqual([]);
    expect(head).toMatchObject({ status: 'geaccepteerd', counts: { regels: 4, geaccepteerd: 4 } });
    expect(checked.declaraties[0].refs).toEqual(['R00000000', 'R00000001', 'R00000002', 'R00000003']);
  });

  it.each([
    ["a ';' header decides, even when the data rows are full of commas", ';', 'a, b, c, d, e, f, g'],
    ["a ',' header decides, even when the data rows hold semicolons", ',', 'a; b; c; d; e; f; g'],
  ] as const)('%s', async (_, delimiter, toelichting) => {
    const header = [...COLUMNS, 'Toelichting'];
    const text = csv(header, prestaties(3), delimiter, (r, c) => (c === 'Toelichting' ? toelichting : r[c]));
    const { checked, head } = await check(text);
    expect(checked.facts.delimiter).toBe(delimiter);
    expect(head.findings.map((f) => f.rule)).toEqual(['CSV-COLUMN']);
    expect(head.status).toBe('geaccepteerd');
  });

  it('rows split by the other delimiter than the header are reported per row', async () => {
    const rows = csv(COLUMNS, prestaties(2), ',').split('\r\n').slice(1).join('\r\n');
    const text = `${COLUMNS.join(';')}\r\n${rows}`;
    const { head } = await check(text);
    expect(head.status).toBe('quarantaine');
    expect(head.findings.map((f) => [f.rule, f.location])).toEqual([
      ['CSV-ROW', 'regel 2'],
      ['CSV-ROW', 'regel 3'],
    ]);
  });
});

describe('header names', () => {
  // A fixed shuffle, with every name in a different case.
  const ORDER = [20, 3, 9, 0, 17, 12, 5, 1, 14, 8, 19, 6, 11, 2, 16, 10, 4, 18, 7, 15, 13];
  const cased = (name: string, i: number) =>
    i % 3 === 0 ? name.toUpperCase() : i % 3 === 1 ? name.toLowerCase() : name;
  const header = ORDER.map((k, i) => cased(COLUMNS[k], i));

  it('the shuffle covers every column once, and changes the case of most', () => {
    expect([...ORDER].sort((a, b) => a - b)).toEqual(COLUMNS.map((_, i) => i));
    expect(header.filter((h, i) => h !== COLUMNS[ORDER[i]]).length).toBeGreaterThan(10);
  });

  it('are matched case-insensitively, in any order', async () => {
    const rows = prestaties(3);
    const text = csv(
      header,
      rows,
      ';',
      (r, h) => r[COLUMNS.find((c) => c.toLowerCase() === h.toLowerCase())!],
    );
    const { checked, head } = await check(text);
    expect(head.findings).toEqual([]);
    expect(head.status).toBe('geaccepteerd');
    const { regels, findings } = await records(text);
    expect(findings).toEqual([]);
    expect(
      regels.map((r) => [r.prestatie.referentieNummer, r.prestatie.bsn, r.prestatie.toewijzingNummer]),
    ).toEqual(rows.map((r) => [r.ReferentieNummer, r.Bsn, Number(r.ToewijzingNummer)]));
    expect(regels[0].kop).toEqual({
      declaratieNummer: 'DN001',
      dagtekening: '2023-05-06',
      periodeBegin: '2023-04-01',
      periodeEind: '2023-04-30',
      totaalBedrag: 855000,
      totaalDebetCredit: 'D',
    });
    expect(checked.declaraties[0].amounts).toEqual([285000, 285000, 285000]);
  });

  it('an unknown column twice is ignored with the warning; a known column twice is ambiguous', async () => {
    const rows = prestaties(2).map((r) => ({ ...r, Opmerking: 'zie dossier' }));
    const unknownTwice = await check(csv([...COLUMNS, 'Opmerking', 'Opmerking'], rows));
    expect(unknownTwice.head.findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['CSV-COLUMN', 'waarschuwing', 'onbekende kolom(men) genegeerd: Opmerking'],
    ]);
    expect(unknownTwice.head.status).toBe('geaccepteerd');
    const knownTwice = await check(csv([...COLUMNS, 'Bsn'], prestaties(2)));
    expect(knownTwice.head.status).toBe('quarantaine');
    expect(knownTwice.head.findings.map((f) => [f.rule, f.location])).toEqual([
      ['CSV-HEADER', 'regel 1, kolom Bsn'],
    ]);
  });

  it('a missing required column is named', async () => {
    const without = COLUMNS.filter((c) => c !== 'IngediendBedrag');
    const { head } = await check(csv(without, prestaties(2)));
    expect(head.status).toBe('quarantaine');
    expect(head.findings.map((f) => [f.rule, f.location])).toEqual([
      ['CSV-HEADER', 'regel 1, kolom IngediendBedrag'],
    ]);
  });
});

describe('dates', () => {
  const DATE_COLUMNS = [
    'DeclaratieDagtekening',
    'DeclaratiePeriodeBegindatum',
    'DeclaratiePeriodeEinddatum',
    'ProductPeriodeBegindatum',
    'ProductPeriodeEinddatum',
  ];
  const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

  it('DD-MM-YYYY is accepted and read as the same date', async () => {
    const text = csv(COLUMNS, prestaties(2), ';', (r, c) =>
      DATE_COLUMNS.includes(c) ? ddmmyyyy(r[c]) : r[c],
    );
    expect(text).toContain(';06-05-2023;01-04-2023;30-04-2023;');
    const { head } = await check(text);
    expect(head.findings).toEqual([]);
    expect(head.status).toBe('geaccepteerd');
    const { regels } = await records(text);
    expect(regels[0].kop).toMatchObject({
      dagtekening: '2023-05-06',
      periodeBegin: '2023-04-01',
      periodeEind: '2023-04-30',
    });
    expect(regels.map((r) => [r.prestatie.begin, r.prestatie.eind])).toEqual([
      ['2023-04-01', '2023-04-30'],
      ['2023-04-01', '2023-04-30'],
    ]);
  });

  it.each([
    ['2023/04/01', 'slashes'],
    ['1-4-2023', 'no leading zeros'],
    ['31-04-2023', 'a day that does not exist'],
    ['2023-02-29', 'not a leap year'],
    ['20230401', 'no separators'],
  ])('%s (%s) is rejected with a finding on its cell', async (value) => {
    const rows = prestaties(2);
    const text = csv(COLUMNS, rows, ';', (r, c) =>
      c === 'ProductPeriodeBegindatum' && r === rows[1] ? value : r[c],
    );
    const { head } = await check(text);
    expect(head.status).toBe('quarantaine');
    expect(head.findings.map((f) => [f.rule, f.location])).toEqual([
      ['CSV-VALUE', 'regel 3, kolom ProductPeriodeBegindatum'],
    ]);
  });
});

describe('leading zeros lost by a spreadsheet', () => {
  // 012345672 passes the 11-proef (9·0 + 8·1 + … + 2·7 = 112 = 10·11 + 2, and the last digit is 2).
  const BSN = '012345672';
  const AGB = '01234567';

  it('an 8-digit BSN and a 7-digit AGB code get their leading zero back', async () => {
    const rows = prestaties(2).map((r) => ({ ...r, Bsn: BSN.slice(1), Afzender: AGB.slice(1) }));
    const text = csv(COLUMNS, rows);
    expect(text).toContain(';12345672;');
    const { checked, head } = await check(text);
    // Without the zero the BSN would not be 9 digits (RS037), nor the AGB code 8 (CSV-VALUE).
    expect(head.findings).toEqual([]);
    expect(head.status).toBe('geaccepteerd');
    expect(checked.aanbieder).toBe(AGB);
    const { regels } = await records(text);
    expect(regels.map((r) => [r.bericht.afzender, r.prestatie.bsn])).toEqual([
      [AGB, BSN],
      [AGB, BSN],
    ]);
  });

  it('a BSN of fewer than 8 digits is not padded: RS037 rejects it (12 would pass the 11-proef as 000000012)', async () => {
    for (const bsn of ['12', '1234567']) {
      const rows = prestaties(1).map((r) => ({ ...r, Bsn: bsn }));
      const { head } = await check(csv(COLUMNS, rows));
      expect(head.findings.map((f) => [f.rule, f.location])).toContainEqual(['RS037', 'regel 2, kolom Bsn']);
      expect(head.status).toBe('afgewezen');
    }
  });

  it('a restored BSN is still judged by the 11-proef', async () => {
    const rows = prestaties(1).map((r) => ({ ...r, Bsn: '12345673' }));
    const { head } = await check(csv(COLUMNS, rows));
    expect(head.findings.map((f) => [f.rule, f.location])).toEqual([['CS002', 'regel 2, kolom Bsn']]);
  });
});
