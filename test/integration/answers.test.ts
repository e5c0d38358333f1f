/**
 * The answers the pipeline writes (CONTRACT §2), through the real pipeline on dynalite:
 * - every WMO325 validates against reference/iwmo-3.2/xsd/WMO325-derived.xsd and says what the standard says for
 *   each outcome (all approved, some rejected, level-2 failure, 9333, message-level codes);
 * - the CSV answer is the input rows plus Status, Retourcodes and ToegekendBedrag, and agrees with the report;
 * - every JSON report validates against ReportSchema and holds no BSN.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { SaxesParser } from 'saxes';
import { validateXML } from 'xmllint-wasm';
import { invalidTestBsn, testBsn } from '../../examples/generator/bsn';
import { withdrawFile } from '../../pipeline/withdraw';
import { type Report, ReportSchema } from '../../schemas/report';
import { IWMO_XSD as XSD_DIR } from '../helpers/reference';
import {
  BSN_A,
  BSN_B,
  credit,
  type DeclSpec,
  declaratieCsv,
  declaratieXml,
  GEMEENTE,
  type LineSpec,
  line,
  TARIEF_2022,
  type TwSpec,
  toewijzingCsv,
} from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

let xsd: { wmo325: string; basis: string };

beforeAll(async () => {
  xsd = {
    wmo325: await readFile(join(XSD_DIR, 'WMO325-derived.xsd'), 'utf8'),
    basis: await readFile(join(XSD_DIR, 'basisschema.xsd'), 'utf8'),
  };
});

async function xsdErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'antwoord.xml', contents: xml },
    schema: { fileName: 'WMO325-derived.xsd', contents: xsd.wmo325 },
    preload: [{ fileName: 'basisschema.xsd', contents: xsd.basis }],
  });
  return result.errors.map((e) => e.message);
}

/** A small element tree of an XML text (local names, concatenated text). */
interface El {
  readonly name: string;
  readonly children: El[];
  text: string;
}

function parseXml(xml: string): El {
  const parser = new SaxesParser();
  const root: El = { name: '#document', children: [], text: '' };
  const open: El[] = [root];
  parser.on('opentag', (t) => {
    const el: El = { name: t.name.split(':').pop()!, children: [], text: '' };
    open[open.length - 1].children.push(el);
    open.push(el);
  });
  parser.on('text', (t) => {
    open[open.length - 1].text += t;
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.write(xml).close();
  return root.children[0];
}

const kids = (el: El | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
const kid = (el: El | undefined, name: string) => kids(el, name)[0];
const path = (el: El | undefined, ...names: string[]) =>
  names.reduce<El | undefined>((e, n) => kid(e, n), el);
const codes = (el: El | undefined) => kids(kid(el, 'RetourCodes'), 'RetourCode').map((c) => c.text.trim());
const amount = (el: El | undefined) => {
  const cents = Number(kid(el, 'TotaalBedrag')?.text ?? kid(el, 'Bedrag')?.text);
  return kid(el, 'DebetCredit')?.text === 'C' ? -cents : cents;
};

interface Answer325 {
  readonly header: string[];
  readonly antwoord: El | undefined;
  readonly declaratie: string[];
  readonly ingediend: number | null;
  readonly toegekend: number | null;
  /** Clients listed: BSN, client codes, and their prestaties (reference → codes). */
  readonly clienten: { bsn: string; codes: string[]; prestaties: [string, string[]][] }[];
}

function read325(xml: string): Answer325 {
  const root = parseXml(xml);
  expect(root.name).toBe('Bericht');
  expect(path(root, 'Header', 'BerichtCode')?.text).toBe('485');
  const antwoord = kid(root, 'DeclaratieAntwoord');
  return {
    header: codes(kid(root, 'Header')),
    antwoord,
    declaratie: codes(antwoord),
    ingediend: antwoord ? amount(kid(antwoord, 'TotaalIngediendBedrag')) : null,
    toegekend: antwoord ? amount(kid(antwoord, 'TotaalToegekendBedrag')) : null,
    clienten: kids(kid(antwoord, 'Clienten'), 'Client').map((c) => ({
      bsn: kid(c, 'Bsn')!.text,
      codes: codes(c),
      prestaties: kids(kid(c, 'Prestaties'), 'Prestatie').map((p) => [
        path(p, 'ProductReferentie', 'ReferentieNummer')!.text,
        codes(p),
      ]),
    })),
  };
}

/** What a report may never contain: the BSNs of the test clients. */
const BSN_PATTERN = /(?<![0-9a-f])9999\d{5}(?![0-9a-f])/;

function expectValidReport(report: Report, text: string): void {
  const parsed = ReportSchema.safeParse(report);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  expect(text).not.toMatch(BSN_PATTERN);
  expect(report.counts.regels).toBe(report.counts.geaccepteerd + report.counts.afgewezen);
}

describe('answers', () => {
  let stack: Stack;
  let n = 0;
  beforeEach(async () => {
    stack = await startStack();
    await stack.upload(
      GEMEENTE,
      'tw.csv',
      toewijzingCsv([{}, { nummer: 5002, bsn: BSN_B, code: '15A07' }, { nummer: 5003, bsn: testBsn(40) }]),
    );
  });
  afterEach(async () => {
    await stack.close();
  });

  /** Uploads a declaration and returns its report (checked), its answer and the report's stored text. */
  async function submit(
    format: 'xml' | 'csv',
    content: string,
    at = new Date('2023-06-01T10:00:00Z'),
  ): Promise<{ report: Report; answer: string; name: string }> {
    const name = `d${++n}.${format}`;
    const { report } = await stack.upload(GEMEENTE, name, content, at);
    const outputs = await stack.outputs();
    const reportText = outputs[`outbox/${GEMEENTE}/${name}.rapport.json`];
    expect(reportText).toBeDefined();
    expectValidReport(JSON.parse(reportText) as Report, reportText);
    expect(JSON.parse(reportText)).toEqual(report);
    const answer = outputs[`outbox/${GEMEENTE}/${name}.antwoord.${format}`];
    expect(answer).toBeDefined();
    if (format === 'xml') expect(await xsdErrors(answer)).toEqual([]);
    return { report, answer, name };
  }

  const xml = (d: DeclSpec) => submit('xml', declaratieXml(d));

  describe('WMO325', () => {
    it('all approved: header 0200, DeclaratieAntwoord 8001, no Clienten, toegekend = ingediend', async () => {
      const lines = [
        line('2022-03', 'R1'),
        line('2022-03', 'R2', { bsn: BSN_B, toewijzingNummer: 5002, productCode: '15A07', tarief: 14250 }),
      ];
      const { report, answer } = await xml({ nummer: 'D1', maand: '2022-03', lines });
      const a = read325(answer);
      expect(a.header).toEqual(['0200']);
      expect(a.declaratie).toEqual(['8001']);
      expect(a.clienten).toEqual([]);
      expect(kid(a.antwoord, 'Clienten')).toBeUndefined();
      expect(a.ingediend).toBe(31 * TARIEF_2022 + 31 * 14250);
      expect(a.toegekend).toBe(a.ingediend);
      expect(report.declaraties[0].totaalToegekendBedrag).toBe(a.toegekend);
      expect(path(a.antwoord, 'DeclaratieNummer')?.text).toBe('D1');
    });

    it('some rejected: only clients with rejected prestaties, only those prestaties with their codes, client 0200', async () => {
      const lines = [
        line('2022-03', 'R1'),
        line('2022-02', 'R2', { tarief: 1 }), // 0611
        line('2022-03', 'R3', { bsn: BSN_B, toewijzingNummer: 5002, productCode: '15A07', tarief: 14250 }),
        line('2022-03', 'R4', { bsn: testBsn(40), toewijzingNummer: 5003, begin: '2022-03-02', volume: 40 }), // 9387 9321
        line('2022-03', 'R5', { bsn: testBsn(41), toewijzingNummer: 7777 }), // 9338
      ];
      const { report, answer } = await xml({ nummer: 'D1', maand: '2022-03', lines });
      const a = read325(answer);
      expect(a.header).toEqual(['0200']);
      expect(a.declaratie).toEqual(['0200']);
      expect(a.clienten).toEqual([
        { bsn: BSN_A, codes: ['0200'], prestaties: [['R2', ['0611']]] },
        { bsn: testBsn(40), codes: ['0200'], prestaties: [['R4', ['9387', '9321']]] },
        { bsn: testBsn(41), codes: ['0200'], prestaties: [['R5', ['9338']]] },
      ]);
      const approved = 31 * TARIEF_2022 + 31 * 14250;
      expect(a.toegekend).toBe(approved);
      expect(a.ingediend).toBe(approved + 28 + 40 * TARIEF_2022 + 31 * TARIEF_2022);
      // The report lists every prestatie; the answer the rejected ones, with the same codes.
      const rejected = report.declaraties[0].prestaties.filter((p) => p.status === 'afgewezen');
      expect(rejected.map((p) => [p.referentieNummer, p.retourcodes])).toEqual(
        a.clienten.flatMap((c) => c.prestaties),
      );
      expect(report.declaraties[0].totaalToegekendBedrag).toBe(a.toegekend);
      // A rejected prestatie is answered with its own data (the standard's Prestatie, with ProductTarief).
      const r4 = kid(kids(kid(a.antwoord, 'Clienten'), 'Client')[1], 'Prestaties')!.children[0];
      expect(path(r4, 'ProductPeriode', 'Begindatum')?.text).toBe('2022-03-02');
      expect(kid(r4, 'GeleverdVolume')?.text).toBe('40');
      expect(amount(kid(r4, 'IngediendBedrag'))).toBe(40 * TARIEF_2022);
    });

    it('a rejected credit is answered with its VorigReferentieNummer and credit amount', async () => {
      const debit = line('2022-03', 'R1');
      await xml({ nummer: 'D1', maand: '2022-03', lines: [debit] });
      const lines = [credit(debit, 'R2'), { ...credit(debit, 'R3'), vorigReferentieNummer: 'R9' }];
      const { answer } = await xml({ nummer: 'D2', maand: '2022-04', lines: lines as LineSpec[] });
      const a = read325(answer);
      // Both credits: −2 × 31 days; toegekend the approved one.
      expect(a.ingediend).toBe(-2 * 31 * TARIEF_2022);
      expect(a.toegekend).toBe(-31 * TARIEF_2022);
      expect(a.clienten).toEqual([{ bsn: BSN_A, codes: ['0200'], prestaties: [['R3', ['8017']]] }]);
      const p = kid(kid(kid(a.antwoord, 'Clienten'), 'Client'), 'Prestaties')!.children[0];
      expect(path(p, 'ProductReferentie', 'VorigReferentieNummer')?.text).toBe('R9');
      expect(amount(kid(p, 'IngediendBedrag'))).toBe(-31 * TARIEF_2022);
    });

    it('a level-2 failure: header 0001 and no DeclaratieAntwoord', async () => {
      // A number failing the 11-proef (CS002).
      const lines = [
        line('2022-03', 'R1'),
        line('2022-03', 'R2', {
          bsn: invalidTestBsn(7),
          toewijzingNummer: 5002,
          productCode: '15A07',
          tarief: 14250,
        }),
      ];
      const { report, answer } = await xml({ nummer: 'D1', maand: '2022-03', lines });
      expect(report.level).toBe(2);
      const a = read325(answer);
      expect(a.header).toEqual(['0001']);
      expect(a.antwoord).toBeUndefined();
      expect(report.declaraties[0].retourcodes).toEqual(['0001']);
      expect(report.findings.map((f) => f.rule)).toContain('CS002');
      // The failed message did not take its numbers.
      const again = await xml({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
      expect(read325(again.answer).declaratie).toEqual(['8001']);
    });

    it('9333: the DeclaratieAntwoord carries 9333, toegekend 0, no clients', async () => {
      await xml({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')], identificatie: 'M1' });
      const { answer } = await xml({
        nummer: 'D1',
        maand: '2022-04',
        lines: [line('2022-04', 'R2')],
        identificatie: 'M2',
      });
      const a = read325(answer);
      expect(a.header).toEqual(['0200']);
      expect(a.declaratie).toEqual(['9333']);
      expect(a.toegekend).toBe(0);
      expect(path(a.antwoord, 'TotaalToegekendBedrag', 'DebetCredit')?.text).toBe('D');
      expect(a.ingediend).toBe(30 * TARIEF_2022);
      expect(a.clienten).toEqual([]);
    });

    it.each([
      [
        '9056',
        async () => {
          await xml({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')], identificatie: 'M1' });
          return xml({ nummer: 'D2', maand: '2022-04', lines: [line('2022-04', 'R2')], identificatie: 'M1' });
        },
      ],
      [
        '8848',
        async () =>
          submit(
            'xml',
            declaratieXml({
              nummer: 'D1',
              maand: '2022-03',
              lines: [line('2022-03', 'R1')],
              dagtekening: '2023-06-02',
            }),
          ),
      ],
      [
        'S300',
        async () => {
          const name = `d${++n}.xml`;
          const content = declaratieXml({
            nummer: 'D1',
            maand: '2022-03',
            lines: [line('2022-03', 'R1')],
            gemeente: '9999',
          });
          await stack.upload('9999', name, content);
          const outputs = await stack.outputs();
          const answer = outputs[`outbox/9999/${name}.antwoord.xml`];
          expect(await xsdErrors(answer)).toEqual([]);
          const reportText = outputs[`outbox/9999/${name}.rapport.json`];
          expectValidReport(JSON.parse(reportText), reportText);
          return { answer };
        },
      ],
    ] as const)(
      '%s: the message-level code in the header, the declaration rejected as a whole (toegekend 0)',
      async (code, make) => {
        const { answer } = await make();
        const a = read325(answer);
        expect(a.header).toEqual([code]);
        expect(a.declaratie).toEqual(['0233']);
        expect(a.toegekend).toBe(0);
        expect(a.clienten).toEqual([]);
      },
    );

    it('two message-level codes at once (9056 and 8848): both in the header, both on every line', async () => {
      await xml({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')], identificatie: 'M1' });
      const { answer, report } = await xml({
        nummer: 'D2',
        maand: '2022-04',
        lines: [line('2022-04', 'R2')],
        identificatie: 'M1',
        dagtekening: '2023-06-02',
      });
      const a = read325(answer);
      expect(a.header).toEqual(['9056', '8848']);
      expect(a.declaratie).toEqual(['0233']);
      expect(report.declaraties[0].prestaties.map((p) => p.retourcodes)).toEqual([['9056', '8848']]);
    });

    it('a duplicate upload gets the same answer again, still valid', async () => {
      const content = declaratieXml({
        nummer: 'D1',
        maand: '2022-03',
        lines: [line('2022-03', 'R1', { tarief: 1 })],
      });
      const first = await submit('xml', content);
      const again = await submit('xml', content, new Date('2023-06-02T10:00:00Z'));
      expect(again.report.duplicaatVan).toBe(`inbox/${GEMEENTE}/${first.name}`);
      expect(again.answer).toBe(first.answer);
    });

    it('a withdrawn WMO323 sent again: 9056 in the header, every line rejected and listed, nothing counted', async () => {
      const content = declaratieXml({
        nummer: 'D1',
        maand: '2022-03',
        lines: [line('2022-03', 'R1'), line('2022-03', 'R2', { bsn: BSN_B, toewijzingNummer: 5002 })],
        identificatie: 'M1',
      });
      const first = await submit('xml', content);
      expect(read325(first.answer).declaratie).toEqual(['0200']);
      expect(await withdrawFile(stack.deps.store, [GEMEENTE], first.report.fileId!, 'dubbel')).not.toBeNull();
      const again = await submit('xml', content, new Date('2023-06-02T10:00:00Z'));
      const a = read325(again.answer);
      expect(a.header).toEqual(['9056']);
      expect(a.declaratie).toEqual(['0233']);
      expect(a.toegekend).toBe(0);
      expect(again.report).toMatchObject({
        status: 'afgewezen',
        duplicaatVan: `inbox/${GEMEENTE}/${first.name}`,
        counts: { regels: 2, geaccepteerd: 0, afgewezen: 2 },
      });
      expect(again.report.findings.map((f) => f.rule)).toEqual(['INGETROKKEN', 'TR056', 'TR333']);
      expect(again.report.declaraties[0].prestaties.map((p) => [p.referentieNummer, p.retourcodes])).toEqual([
        ['R1', ['9056']],
        ['R2', ['9056']],
      ]);
      // Still nothing counts: the same message under a new identification is judged as new.
      const fresh = await xml({
        nummer: 'D1',
        maand: '2022-03',
        lines: [line('2022-03', 'R1'), line('2022-03', 'R2', { bsn: BSN_B, toewijzingNummer: 5002 })],
        identificatie: 'M2',
      });
      expect(read325(fresh.answer).header).toEqual(['0200']);
      expect(fresh.report.declaraties[0].prestaties.map((p) => p.retourcodes)).toEqual(
        first.report.declaraties[0].prestaties.map((p) => p.retourcodes),
      );
    });
  });

  describe('every rule against state, answered in a valid WMO325', () => {
    /** One toewijzing per line (own client), so the lines do not interfere (TR416, usage). */
    const tw = (i: number, o: Partial<TwSpec> = {}): Partial<TwSpec> => ({
      nummer: 6000 + i,
      bsn: testBsn(100 + i),
      ...o,
    });
    const l = (i: number, o: Partial<LineSpec> = {}) =>
      line('2022-03', `Q${i}`, { toewijzingNummer: 6000 + i, bsn: testBsn(100 + i), ...o });
    /** Per case: its toewijzing, its line(s), and the rejected line with the codes due (approved lines first). */
    const CASES: readonly { tw: Partial<TwSpec>; line: LineSpec; codes: string[]; before?: LineSpec }[] = [
      { tw: tw(1), line: l(1, { toewijzingNummer: 9999 }), codes: ['9338'] },
      { tw: tw(2), line: l(2, { bsn: testBsn(300) }), codes: ['8187'] },
      {
        tw: tw(3, { ingangsdatum: '2022-03-01', einddatum: '2022-03-01', redenWijziging: '13' }),
        line: l(3, { eind: '2022-03-01' }),
        codes: ['9384'],
      },
      { tw: tw(4, { ingangsdatum: '2022-04-01' }), line: l(4), codes: ['9307', '9308'] },
      { tw: tw(5), line: l(5, { begin: '2022-03-02' }), codes: ['9387'] },
      { tw: tw(6), line: l(6, { eind: '2022-03-30' }), codes: ['9388'] },
      { tw: tw(7, { categorie: '16', code: null, volume: null }), line: l(7), codes: ['9339'] },
      { tw: tw(8), line: l(8, { productCode: '15A07', tarief: 14250 }), codes: ['9340'] },
      // Etmalen on a toewijzing in hours, at the contract's etmaal tariff: only the unit differs from the toewijzing.
      { tw: tw(9, { eenheid: '04', frequentie: '4', volume: 1000 }), line: l(9), codes: ['9341'] },
      {
        tw: tw(10, { code: null, volume: null }),
        line: l(10, { productCode: '15Z99', eenheid: '83', volume: 500, tarief: null, bedrag: 500 }),
        // Not in the product list, so not contracted either (TR418).
        codes: ['S329', '0611'],
      },
      { tw: tw(11), line: l(11, { tarief: 2 }), codes: ['0611'] },
      { tw: tw(12), line: l(12, { bedrag: 31 * TARIEF_2022 - 1 }), codes: ['9346'] },
      { tw: tw(13), line: l(13, { volume: 36 }), codes: ['9321'] },
      // 40 etmalen in total: March (31) is approved, then February (28) exceeds the total.
      {
        tw: tw(14, { volume: 40, frequentie: '6' }),
        before: l(14),
        line: l(14, { referentieNummer: 'Q14b', begin: '2022-02-01', volume: 28 }),
        codes: ['9322'],
      },
      { tw: tw(15, { code: null, volume: null, budget: 1000 }), line: l(15), codes: ['9369'] },
      { tw: tw(16), line: { ...credit(l(16), 'Q16C'), vorigReferentieNummer: 'ONBEKEND' }, codes: ['8017'] },
    ];

    it('one message with one rejected prestatie per rule, each listed with exactly its codes', async () => {
      await stack.upload(GEMEENTE, 'tw-regels.csv', toewijzingCsv(CASES.map((c) => c.tw)));
      const approved = line('2022-03', 'OK1');
      const lines = CASES.flatMap((c) => (c.before ? [c.before, c.line] : [c.line]));
      const { report, answer } = await xml({
        nummer: 'ALLES',
        maand: '2022-03',
        lines: [approved, ...lines],
      });
      const a = read325(answer);
      expect(a.header).toEqual(['0200']);
      expect(a.declaratie).toEqual(['0200']);
      expect(a.clienten.map((c) => c.prestaties)).toEqual(
        CASES.map((c) => [[c.line.referentieNummer, c.codes]]),
      );
      expect(a.clienten.every((c) => c.codes.join() === '0200')).toBe(true);
      expect(a.toegekend).toBe(2 * 31 * TARIEF_2022);
      expect(report.counts).toEqual({ regels: lines.length + 1, geaccepteerd: 2, afgewezen: CASES.length });
      expect(new Set(CASES.flatMap((c) => c.codes)).size).toBe(CASES.length + 1);
    });

    it('8021, 9389 and 9390 against earlier messages', async () => {
      const debit = line('2022-03', 'R1');
      await xml({
        nummer: 'D1',
        maand: '2022-03',
        lines: [
          debit,
          line('2022-03', 'R2', { bsn: BSN_B, toewijzingNummer: 5002, productCode: '15A07', tarief: 14250 }),
        ],
      });
      await xml({ nummer: 'D2', maand: '2022-04', lines: [credit(debit, 'R3')] });
      const { answer } = await xml({
        nummer: 'D3',
        maand: '2022-04',
        lines: [
          line('2022-04', 'R2'),
          credit(debit, 'R4'),
          line('2022-03', 'R5', { bsn: BSN_B, toewijzingNummer: 5002, productCode: '15A07', tarief: 14250 }),
        ],
      });
      const a = read325(answer);
      expect(a.clienten).toEqual([
        {
          bsn: BSN_A,
          codes: ['0200'],
          prestaties: [
            ['R2', ['8021']],
            ['R4', ['9390']],
          ],
        },
        { bsn: BSN_B, codes: ['0200'], prestaties: [['R5', ['9389']]] },
      ]);
      expect(a.toegekend).toBe(0);
      expect(a.declaratie).toEqual(['0200']);
    });
  });

  describe('CSV answer', () => {
    /** Parses a CSV answer (or input) into rows of cells. */
    const rows = (text: string, delimiter = ';') =>
      Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: true }).data;

    function expectAnswer(input: string, answer: string, report: Report, delimiter = ';'): string[][] {
      const inRows = rows(input, delimiter);
      const outRows = rows(answer, delimiter);
      expect(outRows).toHaveLength(inRows.length);
      expect(outRows[0]).toEqual([...inRows[0], 'Status', 'Retourcodes', 'ToegekendBedrag']);
      const prestaties = report.declaraties.flatMap((d) => d.prestaties);
      expect(prestaties).toHaveLength(inRows.length - 1);
      outRows.slice(1).forEach((row, i) => {
        expect(row.slice(0, -3)).toEqual(inRows[i + 1]);
        const p = prestaties[i];
        expect(row[inRows[0].indexOf('ReferentieNummer')]).toBe(p.referentieNummer);
        expect(row.slice(-3)).toEqual([p.status, p.retourcodes.join(' '), String(p.toegekendBedrag)]);
      });
      return outRows;
    }

    it('input rows plus Status, Retourcodes and ToegekendBedrag, agreeing with the report', async () => {
      const debit = line('2022-03', 'R1');
      await submit('csv', declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [debit] }));
      const input = declaratieCsv(
        {
          nummer: 'D2',
          maand: '2022-04',
          lines: [
            line('2022-04', 'R2'),
            credit(debit, 'R3'),
            line('2022-04', 'R4', { bsn: BSN_B, toewijzingNummer: 5002, productCode: '15A07', tarief: 1 }),
            line('2022-04', 'R5', { toewijzingNummer: 5003, bsn: testBsn(40), bedrag: 1 }),
          ],
        },
        // A second declaration in the same file, with a DeclaratieNummer used before: rejected as a whole.
        {
          nummer: 'D1',
          maand: '2022-04',
          lines: [line('2022-04', 'R6', { toewijzingNummer: 5003, bsn: testBsn(40), begin: '2022-04-01' })],
        },
      );
      const { report, answer } = await submit('csv', input);
      const out = expectAnswer(input, answer, report);
      expect(out.slice(1).map((r) => r.slice(-3))).toEqual([
        ['toegekend', '', String(30 * TARIEF_2022)],
        ['toegekend', '', String(-31 * TARIEF_2022)],
        ['afgewezen', '0611', '0'],
        ['afgewezen', '9346', '0'],
        ['afgewezen', '9333', '0'],
      ]);
      expect(report.declaraties.map((d) => [d.retourcodes, d.totaalToegekendBedrag])).toEqual([
        [['0200'], -TARIEF_2022],
        [['9333'], 0],
      ]);
    });

    it('a comma-delimited file with a BOM is answered with commas and the BOM; a level-2 failure marks its rows 0001', async () => {
      const semicolon = declaratieCsv(
        {
          nummer: 'D1',
          maand: '2022-03',
          lines: [
            line('2022-03', 'R1'),
            line('2022-03', 'R2', {
              bsn: BSN_B,
              toewijzingNummer: 5002,
              productCode: '15A07',
              tarief: 14250,
            }),
          ],
        },
        // TR358: the total does not match the lines (level 2, this declaration only).
        {
          nummer: 'D2',
          maand: '2022-03',
          lines: [line('2022-03', 'R3', { toewijzingNummer: 5003, bsn: testBsn(40) })],
        },
      );
      const parsed = rows(semicolon);
      const totaal = parsed[0].indexOf('TotaalIngediendBedrag');
      parsed[3][totaal] = String(Number(parsed[3][totaal]) + 1);
      const input = `\uFEFF${Papa.unparse(parsed, { delimiter: ',', newline: '\n' })}\n`;
      const { report, answer } = await submit('csv', input);
      expect(report.declaraties.map((d) => d.retourcodes)).toEqual([['8001'], ['0001']]);
      expect(answer.startsWith('\uFEFF')).toBe(true);
      const out = expectAnswer(input, answer, report, ',');
      expect(out.slice(1).map((r) => r.slice(-3))).toEqual([
        ['toegekend', '', String(31 * TARIEF_2022)],
        ['toegekend', '', String(31 * 14250)],
        ['afgewezen', '0001', '0'],
      ]);
    });

    it('a message-level rejection (8848) marks every row with the code', async () => {
      const input = declaratieCsv({
        nummer: 'D1',
        maand: '2022-03',
        lines: [line('2022-03', 'R1')],
        dagtekening: '2023-06-02',
      });
      const { report, answer } = await submit('csv', input);
      const out = expectAnswer(input, answer, report);
      expect(out.slice(1).map((r) => r.slice(-3))).toEqual([['afgewezen', '8848', '0']]);
    });
  });

  describe('reports', () => {
    it('toewijzing, quarantine and taakgericht reports validate too and name no BSN', async () => {
      // A toewijzing with a rejected row (TR332), one naming another municipality (quarantine), a taakgericht one.
      const tw = await stack.upload(
        GEMEENTE,
        'tw2.csv',
        toewijzingCsv([
          { bsn: BSN_B, toewijzingsdatum: '2022-01-02' },
          { nummer: 5004, bsn: testBsn(50) },
        ]),
      );
      expect(tw.report.findings.map((f) => f.retourcode)).toContain('9332');
      const foreign = await stack.upload(GEMEENTE, 'vreemd.csv', toewijzingCsv([{ nummer: 5005 }], '0988'));
      expect(foreign.report.status).toBe('quarantaine');
      const broken = await stack.upload(GEMEENTE, 'kapot.xml', '<?xml version="1.0"?><niets/>');
      expect(broken.report.status).toBe('quarantaine');
      const outputs = await stack.outputs();
      const reports = Object.entries(outputs).filter(([k]) => k.endsWith('.rapport.json'));
      expect(reports.length).toBeGreaterThanOrEqual(4);
      for (const [, text] of reports) expectValidReport(JSON.parse(text) as Report, text);
      expect(JSON.stringify(stack.alerts.sent)).not.toMatch(BSN_PATTERN);
    });
  });
});
