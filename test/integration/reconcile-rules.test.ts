/**
 * Every rule against state (control levels 3–4) through the real pipeline on dynalite over loopback: a toewijzing
 * CSV is uploaded, then the declaration(s); each rule has a compliant and a non-compliant case, and the exact
 * retourcodes are asserted on every prestatie, on the declaration (8001 / 0200 / 9333) and, for the
 * message-level codes, in the header of the WMO325 answer. Line- and declaration-level cases run for CSV and
 * WMO323 both.
 *
 * Also: the toewijzing registry (versions, RedenWijziging 13, Herkomstgemeente, TR332), taakgericht corrections,
 * withdrawing a file, and hours declared in minutes.
 */

import { taakgericht } from '../../pipeline/monitor/aggregates';
import { loadMonitorData } from '../../pipeline/monitor/data';
import { key, type ToewijzingItem, type UsageItem } from '../../pipeline/state/items';
import { fileRecord, notWithdrawable, withdrawable, withdrawFile } from '../../pipeline/withdraw';
import type { Report } from '../../schemas/report';
import {
  AGB,
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
  taakgerichtCsv,
  toewijzingCsv,
} from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

type Format = 'csv' | 'xml';
const FORMATS: readonly Format[] = ['csv', 'xml'];
const RECEIVED = new Date('2023-06-01T10:00:00Z');

let uploads = 0;
/** Uploads one declaration in the format and returns its report (and the WMO325 for XML). */
async function declare(
  stack: Stack,
  format: Format,
  d: DeclSpec,
  at = RECEIVED,
): Promise<{ report: Report; answer: string }> {
  const name = `decl-${++uploads}.${format}`;
  const { report } = await stack.upload(
    d.gemeente ?? GEMEENTE,
    name,
    format === 'csv' ? declaratieCsv(d) : declaratieXml(d),
    at,
  );
  const outputs = await stack.outputs();
  return { report, answer: outputs[`outbox/${d.gemeente ?? GEMEENTE}/${name}.antwoord.${format}`] ?? '' };
}

async function toewijzingen(
  stack: Stack,
  rows: readonly Partial<TwSpec>[],
  name = `tw-${++uploads}.csv`,
): Promise<Report> {
  const { report } = await stack.upload(GEMEENTE, name, toewijzingCsv(rows));
  expect(report.kind).toBe('toewijzing');
  return report;
}

/** The declaration's month: the latest month of its lines (TR319 allows earlier months only). */
const monthOfLines = (lines: readonly LineSpec[]) =>
  lines
    .map((l) => l.eind.slice(0, 7))
    .sort()
    .pop()!;

const codesOf = (report: Report) => report.declaraties.flatMap((d) => d.prestaties.map((p) => p.retourcodes));

/** The answer's header retourcode and the DeclaratieAntwoord's (the last RetourCode in the file). */
function answerCodes(xml: string): { header: string; declaratie: string | null } {
  const header =
    /<wmo325:Header>[\s\S]*?<wmo325:RetourCode>(\d{4}|[A-Z]\d{3})<\/wmo325:RetourCode>/.exec(xml)?.[1] ?? '';
  const antwoord =
    /<wmo325:DeclaratieAntwoord>[\s\S]*<wmo325:RetourCodes>\s*<wmo325:RetourCode>(\w+)<\/wmo325:RetourCode>\s*<\/wmo325:RetourCodes>\s*<\/wmo325:DeclaratieAntwoord>/.exec(
      xml,
    )?.[1];
  return { header, declaratie: antwoord ?? null };
}

/** Checks the count invariant and the money of every declaration of a report. */
function consistent(report: Report): void {
  expect(report.counts.regels).toBe(report.counts.geaccepteerd + report.counts.afgewezen);
  for (const d of report.declaraties) {
    const toegekend = d.prestaties.reduce((s, p) => s + p.toegekendBedrag, 0);
    expect(d.totaalToegekendBedrag).toBe(toegekend);
    for (const p of d.prestaties) {
      expect(p.status).toBe(p.retourcodes.length ? 'afgewezen' : 'toegekend');
      if (p.status === 'afgewezen') expect(p.toegekendBedrag).toBe(0);
    }
  }
}

interface Scenario {
  /** Toewijzing CSV rows (default: one TW_DEFAULT). */
  readonly tw?: readonly Partial<TwSpec>[];
  /** Earlier declaration files (each a list of lines), uploaded in order before the one under test. */
  readonly earlier?: readonly (readonly LineSpec[])[];
  readonly lines: readonly LineSpec[];
  /** Retourcodes due per line of the declaration under test; [] = approved. */
  readonly codes: readonly (readonly string[])[];
}

interface RuleCase {
  readonly rule: string;
  readonly code: string;
  readonly ok: Scenario;
  readonly bad: Scenario;
}

const MAART = line('2022-03', 'R1');

/** Line-level rules: a compliant and a non-compliant scenario each. */
const LINE_RULES: readonly RuleCase[] = [
  {
    rule: 'TR338',
    code: '9338',
    ok: { lines: [MAART], codes: [[]] },
    bad: { lines: [line('2022-03', 'R1', { toewijzingNummer: 7777 })], codes: [['9338']] },
  },
  {
    rule: 'TR338 (toewijzing of another provider)',
    code: '9338',
    ok: { tw: [{ agb: AGB }], lines: [MAART], codes: [[]] },
    bad: { tw: [{ agb: '12340002' }], lines: [MAART], codes: [['9338']] },
  },
  {
    rule: 'TR304',
    code: '8187',
    ok: {
      tw: [{}, { nummer: 5002, bsn: BSN_B }],
      lines: [MAART, line('2022-03', 'R2', { bsn: BSN_B, toewijzingNummer: 5002 })],
      codes: [[], []],
    },
    bad: { lines: [line('2022-03', 'R1', { bsn: BSN_B })], codes: [['8187']] },
  },
  {
    rule: 'TR384',
    code: '9384',
    // RedenWijziging 13 requires Einddatum = Ingangsdatum (CS335): a one-day toewijzing, declared for that day.
    ok: {
      tw: [{ ingangsdatum: '2022-03-01', einddatum: '2022-03-01', redenWijziging: '05' }],
      lines: [line('2022-03', 'R1', { eind: '2022-03-01' })],
      codes: [[]],
    },
    bad: {
      tw: [{ ingangsdatum: '2022-03-01', einddatum: '2022-03-01', redenWijziging: '13' }],
      lines: [line('2022-03', 'R1', { eind: '2022-03-01' })],
      codes: [['9384']],
    },
  },
  {
    rule: 'TR307',
    code: '9307',
    ok: {
      tw: [{ ingangsdatum: '2022-03-10' }],
      lines: [line('2022-03', 'R1', { begin: '2022-03-10' })],
      codes: [[]],
    },
    // Begins before the toewijzing: the period also does not start at its Ingangsdatum (TR387).
    bad: { tw: [{ ingangsdatum: '2022-03-10' }], lines: [MAART], codes: [['9307', '9387']] },
  },
  {
    rule: 'TR307 + TR308 (a month wholly before the toewijzing)',
    code: '9307',
    ok: { tw: [{ ingangsdatum: '2022-04-01' }], lines: [line('2022-04', 'R1')], codes: [[]] },
    bad: { tw: [{ ingangsdatum: '2022-04-01' }], lines: [MAART], codes: [['9307', '9308']] },
  },
  {
    rule: 'TR308',
    code: '9308',
    ok: {
      tw: [{ einddatum: '2022-03-20' }],
      lines: [line('2022-03', 'R1', { eind: '2022-03-20' })],
      codes: [[]],
    },
    // Ends after the toewijzing: the period also does not end at its Einddatum (TR388).
    bad: { tw: [{ einddatum: '2022-03-20' }], lines: [MAART], codes: [['9308', '9388']] },
  },
  {
    rule: 'TR387',
    code: '9387',
    ok: { lines: [MAART], codes: [[]] },
    bad: { lines: [line('2022-03', 'R1', { begin: '2022-03-02' })], codes: [['9387']] },
  },
  {
    rule: 'TR388',
    code: '9388',
    ok: {
      tw: [{ einddatum: '2022-03-17' }],
      lines: [line('2022-03', 'R1', { eind: '2022-03-17' })],
      codes: [[]],
    },
    bad: { lines: [line('2022-03', 'R1', { eind: '2022-03-30' })], codes: [['9388']] },
  },
  {
    rule: 'TR339',
    code: '9339',
    // A toewijzing for a category only (no code, so no Omvang: CD080) allows any product of it.
    ok: { tw: [{ categorie: '15', code: null, volume: null }], lines: [MAART], codes: [[]] },
    bad: { tw: [{ categorie: '16', code: null, volume: null }], lines: [MAART], codes: [['9339']] },
  },
  {
    rule: 'TR340',
    code: '9340',
    ok: {
      tw: [{ code: '15A07' }],
      lines: [line('2022-03', 'R1', { productCode: '15A07', tarief: 14250 })],
      codes: [[]],
    },
    bad: { lines: [line('2022-03', 'R1', { productCode: '15A07', tarief: 14250 })], codes: [['9340']] },
  },
  {
    rule: 'TR341',
    code: '9341',
    ok: { lines: [line('2022-03', 'R1', { eenheid: '14' })], codes: [[]] },
    bad: { lines: [line('2022-03', 'R1', { eenheid: '82', volume: 1 })], codes: [['9341', '0611']] },
  },
  {
    rule: 'TR381',
    code: 'S329',
    // Euro lines (Eenheid 83) have no tariff, so TR346 stays quiet; a code outside the product list has no contract
    // either, so TR418 (OP302: only contracted products) joins S329.
    ok: {
      tw: [{ categorie: '15', code: null, volume: null }],
      lines: [
        line('2022-03', 'R1', {
          productCode: '15A01',
          eenheid: '83',
          volume: 5000,
          tarief: null,
          bedrag: 5000,
        }),
      ],
      codes: [[]],
    },
    bad: {
      tw: [{ categorie: '15', code: null, volume: null }],
      lines: [
        line('2022-03', 'R1', {
          productCode: '15Z99',
          eenheid: '83',
          volume: 5000,
          tarief: null,
          bedrag: 5000,
        }),
      ],
      codes: [['S329', '0611']],
    },
  },
  {
    rule: 'TR418',
    code: '0611',
    ok: { lines: [line('2022-03', 'R1', { tarief: TARIEF_2022 })], codes: [[]] },
    bad: { lines: [line('2022-03', 'R1', { tarief: 1 })], codes: [['0611']] },
  },
  {
    rule: 'TR418 (tariff of another year)',
    code: '0611',
    ok: { tw: [{ einddatum: '2023-12-31' }], lines: [line('2023-01', 'R1', { tarief: 11388 })], codes: [[]] },
    bad: {
      tw: [{ einddatum: '2023-12-31' }],
      lines: [line('2023-01', 'R1', { tarief: TARIEF_2022 })],
      codes: [['0611']],
    },
  },
  {
    rule: 'TR346',
    code: '9346',
    ok: { lines: [line('2022-03', 'R1', { bedrag: 31 * TARIEF_2022 })], codes: [[]] },
    bad: { lines: [line('2022-03', 'R1', { bedrag: 31 * TARIEF_2022 + 1 })], codes: [['9346']] },
  },
  {
    rule: 'TR321',
    code: '9321',
    // 7 etmalen per week; March 2022 touches 5 calendar weeks: at most 35.
    ok: { lines: [line('2022-03', 'R1', { volume: 35 })], codes: [[]] },
    bad: { lines: [line('2022-03', 'R1', { volume: 36 })], codes: [['9321']] },
  },
  {
    rule: 'TR322',
    code: '9322',
    // 40 etmalen over the whole toewijzing (Frequentie 6); 31 were declared in March.
    ok: {
      tw: [{ volume: 40, frequentie: '6' }],
      earlier: [[MAART]],
      lines: [line('2022-04', 'R2', { volume: 9 })],
      codes: [[]],
    },
    bad: {
      tw: [{ volume: 40, frequentie: '6' }],
      earlier: [[MAART]],
      lines: [line('2022-04', 'R2', { volume: 10 })],
      codes: [['9322']],
    },
  },
  {
    rule: 'TR322 (within one file)',
    code: '9322',
    ok: {
      tw: [{ volume: 61, frequentie: '6' }],
      lines: [MAART, line('2022-04', 'R2', { volume: 30 })],
      codes: [[], []],
    },
    bad: {
      tw: [{ volume: 60, frequentie: '6' }],
      lines: [MAART, line('2022-04', 'R2', { volume: 30 })],
      codes: [[], ['9322']],
    },
  },
  {
    rule: 'TR369',
    code: '9369',
    // A budget toewijzing (no Omvang, no code: CD041/CD077); 31 × 10950 = 339450 declared.
    ok: { tw: [{ code: null, volume: null, budget: 339450 }], lines: [MAART], codes: [[]] },
    bad: { tw: [{ code: null, volume: null, budget: 339449 }], lines: [MAART], codes: [['9369']] },
  },
  {
    rule: 'TR369 (cumulative)',
    code: '9369',
    ok: {
      tw: [{ code: null, volume: null, budget: 339450 + 30 * TARIEF_2022 }],
      earlier: [[MAART]],
      lines: [line('2022-04', 'R2')],
      codes: [[]],
    },
    bad: {
      tw: [{ code: null, volume: null, budget: 339450 + 30 * TARIEF_2022 - 1 }],
      earlier: [[MAART]],
      lines: [line('2022-04', 'R2')],
      codes: [['9369']],
    },
  },
  {
    rule: 'TR314',
    code: '8021',
    ok: { earlier: [[MAART]], lines: [line('2022-04', 'R2')], codes: [[]] },
    bad: { earlier: [[MAART]], lines: [line('2022-04', 'R1')], codes: [['8021']] },
  },
  {
    rule: 'TR314 (a number taken by a rejected line)',
    code: '8021',
    ok: { earlier: [[line('2022-03', 'R1', { tarief: 1 })]], lines: [line('2022-03', 'R2')], codes: [[]] },
    bad: {
      earlier: [[line('2022-03', 'R1', { tarief: 1 })]],
      lines: [line('2022-03', 'R1')],
      codes: [['8021']],
    },
  },
  {
    rule: 'TR323',
    code: '8017',
    ok: { earlier: [[MAART]], lines: [credit(MAART, 'R2')], codes: [[]] },
    bad: {
      earlier: [[MAART]],
      lines: [{ ...credit(MAART, 'R2'), vorigReferentieNummer: 'R9' }],
      codes: [['8017']],
    },
  },
  {
    rule: 'TR323 (the debit was rejected)',
    code: '8017',
    ok: { earlier: [[MAART]], lines: [credit(MAART, 'R2')], codes: [[]] },
    bad: {
      earlier: [[line('2022-03', 'R1', { tarief: 1 })]],
      lines: [credit(line('2022-03', 'R1', { tarief: 1 }), 'R2')],
      codes: [['8017']],
    },
  },
  {
    rule: 'TR323 (a credit of part of the debit)',
    code: '8017',
    // The correction is a full credit plus a new debit; a partial credit would leave 30 of 31 days counted.
    ok: {
      earlier: [[MAART]],
      lines: [credit(MAART, 'R2'), line('2022-03', 'R3', { volume: 20 })],
      codes: [[], []],
    },
    bad: {
      earlier: [[MAART]],
      lines: [{ ...credit(MAART, 'R2'), volume: 1, bedrag: 10950 }, line('2022-03', 'R3', { volume: 20 })],
      codes: [['8017'], ['9389']],
    },
  },
  {
    rule: 'TR323 (a credit of another amount)',
    code: '8017',
    ok: { earlier: [[MAART]], lines: [credit(MAART, 'R2')], codes: [[]] },
    bad: { earlier: [[MAART]], lines: [{ ...credit(MAART, 'R2'), bedrag: 1 }], codes: [['8017']] },
  },
  {
    rule: 'TR389',
    code: '9389',
    // A credit and its replacement debit in one message are both approved (credits are judged first).
    ok: {
      earlier: [[MAART]],
      lines: [line('2022-03', 'R3', { volume: 20 }), credit(MAART, 'R2')],
      codes: [[], []],
    },
    bad: { earlier: [[MAART]], lines: [line('2022-03', 'R3', { volume: 20 })], codes: [['9389']] },
  },
  {
    rule: 'TR390',
    code: '9390',
    ok: { earlier: [[MAART]], lines: [credit(MAART, 'R2')], codes: [[]] },
    bad: { earlier: [[MAART], [credit(MAART, 'R2')]], lines: [credit(MAART, 'R3')], codes: [['9390']] },
  },
];

async function run(stack: Stack, format: Format, s: Scenario): Promise<Report> {
  await toewijzingen(stack, s.tw ?? [{}]);
  let n = 0;
  for (const lines of s.earlier ?? []) {
    await declare(stack, format, { nummer: `E${++n}`, maand: monthOfLines(lines), lines });
  }
  const { report } = await declare(stack, format, {
    nummer: 'DX',
    maand: monthOfLines(s.lines),
    lines: s.lines,
  });
  expect(report.level).toBe(3);
  consistent(report);
  return report;
}

function expectCodes(report: Report, s: Scenario): void {
  expect(codesOf(report)).toEqual(s.codes);
  const d = report.declaraties[0];
  const allApproved = s.codes.every((c) => c.length === 0);
  expect(d.retourcodes).toEqual([allApproved ? '8001' : '0200']);
  const declared = s.lines.reduce((sum, l) => sum + (l.debetCredit === 'C' ? -l.bedrag : l.bedrag), 0);
  const approved = s.lines.reduce(
    (sum, l, i) => sum + (s.codes[i].length ? 0 : l.debetCredit === 'C' ? -l.bedrag : l.bedrag),
    0,
  );
  expect(d.totaalIngediendBedrag).toBe(declared);
  expect(d.totaalToegekendBedrag).toBe(approved);
  const rejected = s.codes.filter((c) => c.length).length;
  expect(report.counts).toEqual({
    regels: s.lines.length,
    geaccepteerd: s.lines.length - rejected,
    afgewezen: rejected,
  });
}

describe('line-level rules against state', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  describe.each(FORMATS)('%s', (format) => {
    it.each(LINE_RULES.map((c) => [c.rule, c.code, c] as const))('%s (%s): compliant', async (_r, _c, c) => {
      const report = await run(stack, format, c.ok);
      expectCodes(report, c.ok);
    });
    it.each(LINE_RULES.map((c) => [c.rule, c.code, c] as const))(
      '%s (%s): non-compliant',
      async (_r, code, c) => {
        const report = await run(stack, format, c.bad);
        expectCodes(report, c.bad);
        expect(codesOf(report).flat()).toContain(code);
      },
    );
  });

  it('TR314 within one file: a number used by an earlier declaration of the same CSV is taken (8021)', async () => {
    await toewijzingen(stack, [{}]);
    const { report } = await stack.upload(
      GEMEENTE,
      'twee.csv',
      declaratieCsv(
        { nummer: 'D1', maand: '2022-03', lines: [MAART] },
        { nummer: 'D2', maand: '2022-04', lines: [line('2022-04', 'R1')] },
      ),
    );
    consistent(report);
    expect(report.declaraties.map((d) => d.retourcodes)).toEqual([['8001'], ['0200']]);
    expect(codesOf(report)).toEqual([[], ['8021']]);
  });

  it('TR314: a number on a debit and again on a later credit of one message: the repeat gets 8021, whatever is judged first', async () => {
    await toewijzingen(stack, [{}, { nummer: 5002, bsn: BSN_B }]);
    await declare(stack, 'xml', { nummer: 'D1', maand: '2022-03', lines: [MAART] });
    // Another client on each line, so TR101 (level 2) does not see the double number.
    const { report } = await declare(stack, 'xml', {
      nummer: 'D2',
      maand: '2022-04',
      lines: [line('2022-04', 'X', { bsn: BSN_B, toewijzingNummer: 5002 }), credit(MAART, 'X')],
    });
    consistent(report);
    expect(codesOf(report)).toEqual([[], ['8021']]);
    // And the other way round: the credit first, the debit repeats its number.
    const { report: reversed } = await declare(stack, 'xml', {
      nummer: 'D3',
      maand: '2022-05',
      lines: [
        credit(line('2022-04', 'X', { bsn: BSN_B, toewijzingNummer: 5002 }), 'Y'),
        line('2022-05', 'Y'),
      ],
    });
    expect(codesOf(reversed)).toEqual([[], ['8021']]);
  });

  it('a declaration of a CSV crediting a debit of an earlier declaration of the file is judged after it', async () => {
    await toewijzingen(stack, [{}]);
    // D2 credits a debit that D1 of the same file declares, and replaces it: D1 is a message sent before D2.
    const { report } = await stack.upload(
      GEMEENTE,
      'correctie.csv',
      declaratieCsv(
        { nummer: 'D1', maand: '2022-03', lines: [MAART] },
        {
          nummer: 'D2',
          maand: '2022-04',
          lines: [credit(MAART, 'R2'), line('2022-03', 'R3', { volume: 20 })],
        },
      ),
    );
    consistent(report);
    expect(report.declaraties.map((d) => d.prestaties.map((p) => p.retourcodes))).toEqual([[[]], [[], []]]);
    // The debit is credited: a later file crediting it again is refused as a second credit.
    const later = await stack.upload(
      GEMEENTE,
      'correctie-later.csv',
      declaratieCsv({ nummer: 'D3', maand: '2022-05', lines: [credit(MAART, 'R4')] }),
    );
    expect(later.report.declaraties.map((d) => d.prestaties.map((p) => p.retourcodes))).toEqual([[['9390']]]);
  });

  it('a line breaking several rules lists every code, in rule order', async () => {
    await toewijzingen(stack, [{ ingangsdatum: '2022-03-10' }]);
    const bad = line('2022-03', 'R1', {
      bsn: BSN_B,
      begin: '2022-03-02',
      productCode: '15A07',
      tarief: 1,
      volume: 30,
      bedrag: 31,
    });
    const { report } = await declare(stack, 'csv', { nummer: 'D1', maand: '2022-03', lines: [bad] });
    expect(codesOf(report)).toEqual([['8187', '9307', '9387', '9340', '0611', '9346']]);
  });
});

describe('declaration- and message-level rules against state', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
    await toewijzingen(stack, [{}]);
  });
  afterEach(async () => {
    await stack.close();
  });

  describe.each(FORMATS)('%s', (format) => {
    it('TR333 (9333): a DeclaratieNummer used before rejects the whole declaration, toegekend 0', async () => {
      await declare(stack, format, { nummer: 'D1', maand: '2022-03', lines: [MAART], identificatie: 'MSG1' });
      const ok = await declare(stack, format, {
        nummer: 'D2',
        maand: '2022-04',
        lines: [line('2022-04', 'R2')],
        identificatie: 'MSG2',
      });
      expect(ok.report.declaraties[0].retourcodes).toEqual(['8001']);
      const lines = [line('2022-05', 'R3'), line('2022-05', 'R4', { bsn: BSN_B, toewijzingNummer: 7777 })];
      const { report, answer } = await declare(stack, format, {
        nummer: 'D1',
        maand: '2022-05',
        lines,
        identificatie: 'MSG3',
      });
      consistent(report);
      const d = report.declaraties[0];
      expect(d.retourcodes).toEqual(['9333']);
      expect(d.totaalToegekendBedrag).toBe(0);
      expect(d.totaalIngediendBedrag).toBe(31 * TARIEF_2022 * 2);
      expect(codesOf(report)).toEqual([['9333'], ['9333']]);
      expect(report.status).toBe('afgewezen');
      expect(report.counts).toEqual({ regels: 2, geaccepteerd: 0, afgewezen: 2 });
      if (format === 'xml') expect(answerCodes(answer)).toEqual({ header: '0200', declaratie: '9333' });
      // The rejected declaration did not take its numbers: R3 is still free.
      const again = await declare(stack, format, {
        nummer: 'D3',
        maand: '2022-05',
        lines: [line('2022-05', 'R3')],
        identificatie: 'MSG4',
      });
      expect(codesOf(again.report)).toEqual([[]]);
    });

    it('TR135 (8848): a dagtekening after the receipt day rejects the whole message; the receipt day itself is fine', async () => {
      // Received 00:30 on 1 June in the Netherlands (22:30 UTC the day before): dagtekening 1 June is not future.
      const at = new Date('2023-05-31T22:30:00Z');
      const ok = await declare(
        stack,
        format,
        { nummer: 'D1', maand: '2022-03', lines: [MAART], dagtekening: '2023-06-01' },
        at,
      );
      expect(ok.report.declaraties[0].retourcodes).toEqual(['8001']);
      const lines = [line('2022-04', 'R2')];
      const { report, answer } = await declare(
        stack,
        format,
        { nummer: 'D2', maand: '2022-04', lines, dagtekening: '2023-06-02' },
        at,
      );
      consistent(report);
      expect(report.declaraties[0].retourcodes).toEqual(['8848']);
      expect(report.declaraties[0].totaalToegekendBedrag).toBe(0);
      expect(codesOf(report)).toEqual([['8848']]);
      expect(report.findings.map((f) => f.retourcode)).toContain('8848');
      if (format === 'xml') expect(answerCodes(answer).header).toBe('8848');
      else expect(answer).toContain(';afgewezen;8848;0');
    });

    it('TR378 (S300): a gemeentecode the region does not know rejects the whole message', async () => {
      const lines = [line('2022-03', 'R1')];
      const { report, answer } = await declare(stack, format, {
        nummer: 'D1',
        maand: '2022-03',
        lines,
        gemeente: '9999',
      });
      consistent(report);
      expect(report.status).toBe('afgewezen');
      expect(report.declaraties[0].retourcodes).toEqual(['S300']);
      expect(codesOf(report)).toEqual([['S300']]);
      if (format === 'xml') expect(answerCodes(answer).header).toBe('S300');
      // A known municipality (the compliant case) is judged normally.
      const ok = await declare(stack, format, { nummer: 'D1', maand: '2022-03', lines });
      expect(ok.report.declaraties[0].retourcodes).toEqual(['8001']);
    });
  });

  /** A WMO323 of one line in its own month. */
  const xmlMessage = (
    nummer: string,
    maand: string,
    ref: string,
    identificatie: string,
    p: Partial<LineSpec> = {},
  ) => declare(stack, 'xml', { nummer, maand, lines: [line(maand, ref, p)], identificatie });

  it('TR056 (9056, XML only): a BerichtIdentificatie used before rejects the whole message in the header', async () => {
    const first = await declare(stack, 'xml', {
      nummer: 'D1',
      maand: '2022-03',
      lines: [MAART],
      identificatie: 'MSG1',
    });
    expect(answerCodes(first.answer)).toEqual({ header: '0200', declaratie: '8001' });
    const ok = await declare(stack, 'xml', {
      nummer: 'D2',
      maand: '2022-04',
      lines: [line('2022-04', 'R2')],
      identificatie: 'MSG2',
    });
    expect(ok.report.declaraties[0].retourcodes).toEqual(['8001']);
    const { report, answer } = await declare(stack, 'xml', {
      nummer: 'D3',
      maand: '2022-05',
      lines: [line('2022-05', 'R3')],
      identificatie: 'MSG1',
    });
    consistent(report);
    expect(report.declaraties[0].retourcodes).toEqual(['9056']);
    expect(codesOf(report)).toEqual([['9056']]);
    expect(report.declaraties[0].totaalToegekendBedrag).toBe(0);
    expect(answerCodes(answer)).toEqual({ header: '9056', declaratie: '0233' });
    // The rejected message counts as sent (it was answered at level 3): its DeclaratieNummer is taken, the
    // ReferentieNummers of its lines (not judged) are not.
    const sameNumber = await xmlMessage('D3', '2022-05', 'R3', 'MSG3');
    expect(sameNumber.report.declaraties[0].retourcodes).toEqual(['9333']);
    const again = await xmlMessage('D4', '2022-05', 'R3', 'MSG4');
    expect(again.report.declaraties[0].retourcodes).toEqual(['8001']);
  });

  it('TR056 (9056): the BerichtIdentificatie of a message rejected as a whole at level 3 is taken; at level 2 it is not', async () => {
    await declare(stack, 'xml', { nummer: 'D1', maand: '2022-03', lines: [MAART], identificatie: 'MSG1' });
    // D1 again: 9333, but the message was answered, so MSG2 is used.
    const rejected = await xmlMessage('D1', '2022-04', 'R2', 'MSG2');
    expect(rejected.report.declaraties[0].retourcodes).toEqual(['9333']);
    const reused = await xmlMessage('D2', '2022-04', 'R2', 'MSG2');
    expect(answerCodes(reused.answer)).toEqual({ header: '9056', declaratie: '0233' });
    // Level 2 (a BSN failing the 11-proef, CS002): 0001, the message counts as not sent; MSG3 and D3 stay free.
    const level2 = await xmlMessage('D3', '2022-04', 'R3', 'MSG3', { bsn: '111111111' });
    expect(answerCodes(level2.answer)).toEqual({ header: '0001', declaratie: null });
    const fresh = await xmlMessage('D3', '2022-04', 'R3', 'MSG3');
    expect(answerCodes(fresh.answer)).toEqual({ header: '0200', declaratie: '8001' });
  });

  it('the same BerichtIdentificatie from another provider is fine', async () => {
    await toewijzingen(stack, [{ nummer: 6001, agb: '12340002', bsn: BSN_B }]);
    await declare(stack, 'xml', { nummer: 'D1', maand: '2022-03', lines: [MAART], identificatie: 'MSG1' });
    const other = await declare(stack, 'xml', {
      nummer: 'D1',
      maand: '2022-03',
      agb: '12340002',
      identificatie: 'MSG1',
      lines: [line('2022-03', 'R1', { bsn: BSN_B, toewijzingNummer: 6001 })],
    });
    expect(other.report.declaraties[0].retourcodes).toEqual(['8001']);
  });
});

describe('toewijzing registry', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  /** A declaration for one month on toewijzing 5001, under new numbers. */
  const month = (maand: string) => {
    const n = ++uploads;
    return { nummer: `D${n}`, maand, lines: [line(maand, `A${n}`)] };
  };

  it('a later Toewijzingsdatum replaces an earlier version; an older version arriving later does not', async () => {
    await toewijzingen(stack, [{ einddatum: '2022-03-31', toewijzingsdatum: '2021-12-15' }]);
    expect(codesOf((await declare(stack, 'csv', month('2022-04'))).report)).toEqual([['9307', '9308']]);
    await toewijzingen(stack, [{ einddatum: '2022-12-31', toewijzingsdatum: '2022-03-20' }]);
    expect(codesOf((await declare(stack, 'csv', month('2022-04'))).report)).toEqual([[]]);
    // The first version again, in a new file: its Toewijzingsdatum is earlier, so it does not replace.
    await toewijzingen(stack, [
      { einddatum: '2022-03-31', toewijzingsdatum: '2021-12-15', toewijzingstijd: '10:00:01' },
    ]);
    expect(codesOf((await declare(stack, 'csv', month('2022-05'))).report)).toEqual([[]]);
  });

  it('on the same date the later Toewijzingstijd wins, whatever the order of the rows', async () => {
    await toewijzingen(stack, [
      { einddatum: '2022-12-31', toewijzingsdatum: '2022-03-20', toewijzingstijd: '11:00:00' },
      { einddatum: '2022-03-31', toewijzingsdatum: '2022-03-20', toewijzingstijd: '09:00:00' },
    ]);
    expect(codesOf((await declare(stack, 'csv', month('2022-04'))).report)).toEqual([[]]);
    await toewijzingen(stack, [
      { einddatum: '2022-03-31', toewijzingsdatum: '2022-03-20', toewijzingstijd: '11:00:01' },
    ]);
    expect(codesOf((await declare(stack, 'csv', month('2022-05'))).report)).toEqual([['9307', '9308']]);
  });

  it('RedenWijziging 13 (verwijderd) in a later version: debits get 9384, a credit of an earlier debit is still approved', async () => {
    await toewijzingen(stack, [{}]);
    await declare(stack, 'csv', { nummer: 'D1', maand: '2022-03', lines: [MAART] });
    // RedenWijziging 13 comes with Einddatum = Ingangsdatum (CS335).
    await toewijzingen(stack, [
      { toewijzingsdatum: '2022-04-02', einddatum: '2022-01-01', redenWijziging: '13' },
    ]);
    const { report } = await declare(stack, 'csv', {
      nummer: 'D2',
      maand: '2022-04',
      lines: [line('2022-04', 'R2'), credit(MAART, 'R3')],
    });
    // The one-day toewijzing also holds 7 etmalen in total (TR322).
    expect(codesOf(report)).toEqual([['9384', '9307', '9308', '9322'], []]);
    expect(report.declaraties[0].totaalToegekendBedrag).toBe(-31 * TARIEF_2022);
  });

  it('Herkomstgemeente is kept from the CSV; empty means the sender', async () => {
    const report = await toewijzingen(stack, [
      { nummer: 5001, herkomst: '0988' },
      { nummer: 5002, bsn: BSN_B, herkomst: null },
      { nummer: 5003, bsn: '999900031', herkomst: '0000' },
    ]);
    expect(report.status).toBe('geaccepteerd');
    const items = (await stack.store.get(
      [5001, 5002, 5003].map((n) => key.toewijzing(GEMEENTE, n)),
    )) as ToewijzingItem[];
    const herkomst = Object.fromEntries(items.map((i) => [i.pk, i.versions.map((v) => v.herkomst)]));
    expect(herkomst).toEqual({
      'GEM#0983#TW#5001': ['0988'],
      'GEM#0983#TW#5002': ['0983'],
      'GEM#0983#TW#5003': ['0000'],
    });
    // An approved line counts for the municipality of origin of its toewijzing.
    await declare(stack, 'csv', {
      nummer: 'D1',
      maand: '2022-03',
      lines: [MAART, line('2022-03', 'R2', { bsn: BSN_B, toewijzingNummer: 5002 })],
    });
    const usage = (await stack.store.get([5001, 5002].map((n) => key.usage(GEMEENTE, n)))) as UsageItem[];
    expect(Object.fromEntries(usage.map((u) => [u.pk, u.entries.map((e) => e.herkomst)]))).toEqual({
      'GEM#0983#TW#5001': ['0988'],
      'GEM#0983#TW#5002': ['0983'],
    });
  });

  it('TR332 (9332): the same number for another client or another product is rejected; the toewijzing stays as it was', async () => {
    await toewijzingen(stack, [{}]);
    const report = await toewijzingen(stack, [
      { bsn: BSN_B, toewijzingsdatum: '2022-02-01' },
      { code: '15A07', toewijzingsdatum: '2022-02-02' },
      { nummer: 5002, bsn: BSN_B },
    ]);
    expect(report.status).toBe('deels-geaccepteerd');
    expect(report.counts).toEqual({ regels: 3, geaccepteerd: 1, afgewezen: 2 });
    const tr332 = report.findings.filter((f) => f.rule === 'TR332');
    expect(tr332.map((f) => f.retourcode)).toEqual(['9332', '9332']);
    expect(tr332.map((f) => f.message).join(' ')).toMatch(/andere client[\s\S]*product 15\/15A02/);
    const { report: d } = await declare(stack, 'csv', {
      nummer: 'D1',
      maand: '2022-04',
      lines: [MAART, line('2022-04', 'R2', { bsn: BSN_B })],
    });
    expect(codesOf(d)).toEqual([[], ['8187']]);
  });

  it('TR332 (9332): the number again for another provider is rejected; the first provider keeps its toewijzing', async () => {
    await toewijzingen(stack, [{}]);
    const { report: second } = await stack.upload(
      GEMEENTE,
      'tw-ander.csv',
      toewijzingCsv([{ agb: '12340002', toewijzingsdatum: '2022-04-15' }]),
    );
    expect(second.findings.filter((f) => f.rule === 'TR332').map((f) => [f.retourcode, f.message])).toEqual([
      ['9332', 'ToewijzingNummer 5001 is al in gebruik voor aanbieder 12340001'],
    ]);
    expect(second.counts).toMatchObject({ geaccepteerd: 0, afgewezen: 1 });
    const { report } = await declare(stack, 'csv', { nummer: 'D1', maand: '2022-03', lines: [MAART] });
    expect(codesOf(report)).toEqual([[]]);
  });

  it('TR332 within one file: a second row with the number for another client is rejected', async () => {
    const report = await toewijzingen(stack, [{}, { bsn: BSN_B, toewijzingsdatum: '2022-01-05' }]);
    expect(report.counts).toEqual({ regels: 2, geaccepteerd: 1, afgewezen: 1 });
    expect(report.findings.filter((f) => f.rule === 'TR332').map((f) => f.retourcode)).toEqual(['9332']);
  });
});

describe('taakgericht reports', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  const taakRows = async () =>
    taakgericht(await loadMonitorData(stack.store, ['0983', '0988']), { van: '2022-01', tot: '2022-12' });
  const vervangt = (r: Report) => r.findings.filter((f) => f.rule === 'TAAK-VERVANGT').map((f) => f.message);

  it('a report whose period ends before it begins is quarantined, naming the row; nothing of it counts', async () => {
    const { report } = await stack.upload(
      '0988',
      'bp-omgekeerd.csv',
      taakgerichtCsv([
        { gemeente: '0988', periodeBegin: '2022-06-30', periodeEind: '2022-01-01', bedrag: 41500 },
      ]),
    );
    expect(report.status).toBe('quarantaine');
    expect(report.findings.map((f) => [f.rule, f.location, f.message])).toEqual([
      [
        'CSV-VALUE',
        'regel 2, kolom PeriodeEinddatum',
        'PeriodeEinddatum 2022-01-01 ligt voor PeriodeBegindatum 2022-06-30',
      ],
    ]);
    expect(await taakRows()).toEqual([]);
  });

  it('a member correcting the report its centrumgemeente sent for it: its report says it replaces that one', async () => {
    await stack.upload(
      '0983',
      'bp-centrum.csv',
      taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]),
      new Date('2022-07-10T09:00:00Z'),
    );
    const eigen = await stack.upload(
      '0988',
      'bp-eigen.csv',
      taakgerichtCsv([{ gemeente: '0988', aantalClienten: 9, bedrag: 9 * 41500 }]),
      new Date('2022-08-10T09:00:00Z'),
    );
    expect((await taakRows()).map((x) => [x.gemeente, x.clienten, x.bestand])).toEqual([
      ['0988', 9, eigen.report.fileId],
    ]);
    expect(vervangt(eigen.report)).toEqual([
      'vervangt de eerdere melding voor 0988 BP 2022-01-01 t/m 2022-06-30 (7 clienten, 290500 cent)',
    ]);
  });

  it('a centrumgemeente correcting a member’s own report, then the member again: each names the one it replaces', async () => {
    await stack.upload(
      '0984',
      'bp-0984.csv',
      taakgerichtCsv([{ gemeente: '0984', aantalClienten: 12, bedrag: 12 * 41500 }]),
      new Date('2022-07-10T09:00:00Z'),
    );
    const correctie = await stack.upload(
      '0983',
      'bp-correctie.csv',
      taakgerichtCsv([{ gemeente: '0984', aantalClienten: 14, bedrag: 14 * 41500 }]),
      new Date('2022-07-11T09:00:00Z'),
    );
    expect(vervangt(correctie.report)).toEqual([expect.stringContaining('(12 clienten')]);
    const derde = await stack.upload(
      '0984',
      'bp-0984-v3.csv',
      taakgerichtCsv([{ gemeente: '0984', aantalClienten: 15, bedrag: 15 * 41500 }]),
      new Date('2022-07-12T09:00:00Z'),
    );
    expect(vervangt(derde.report)).toEqual([expect.stringContaining('(14 clienten')]);
  });

  it('received before a report that already counts (redriven late): it says so and does not count', async () => {
    const augustus = await stack.upload(
      GEMEENTE,
      'bp-aug.csv',
      taakgerichtCsv([{ aantalClienten: 14, bedrag: 14 * 41500 }]),
      new Date('2022-08-10T09:00:00Z'),
    );
    const juli = await stack.upload(
      GEMEENTE,
      'bp-jul.csv',
      taakgerichtCsv([{ aantalClienten: 12, bedrag: 12 * 41500 }]),
      new Date('2022-07-10T09:00:00Z'),
    );
    expect((await taakRows()).map((x) => [x.clienten, x.bestand])).toEqual([[14, augustus.report.fileId]]);
    expect(vervangt(juli.report)).toEqual([
      'de melding voor 0983 BP 2022-01-01 t/m 2022-06-30 is al vervangen door een later ontvangen melding (14 clienten, 581000 cent); deze telt niet',
    ]);
  });

  it('two reports received in the same second: the report and the monitor agree on which counts', async () => {
    const at = new Date('2022-07-10T09:00:00Z');
    const a = await stack.upload(
      GEMEENTE,
      'bp-a.csv',
      taakgerichtCsv([{ aantalClienten: 12, bedrag: 12 * 41500 }]),
      at,
    );
    const b = await stack.upload(
      GEMEENTE,
      'bp-b.csv',
      taakgerichtCsv([{ aantalClienten: 13, bedrag: 13 * 41500 }]),
      at,
    );
    const [counting] = await taakRows();
    // The larger file id counts; the other file's report says it does not.
    const [winner, loser] = a.report.fileId! > b.report.fileId! ? [a, b] : [b, a];
    expect(counting.bestand).toBe(winner.report.fileId);
    if (loser === b) expect(vervangt(b.report)[0]).toContain('deze telt niet');
    else expect(vervangt(b.report)[0]).toMatch(/^vervangt de eerdere melding/);
  });

  it('a later report for the same gemeente, taakveld, period and provider replaces the earlier one, and says so', async () => {
    const first = await stack.upload(
      GEMEENTE,
      'bp-1.csv',
      taakgerichtCsv([{}, { gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]),
      new Date('2022-07-10T09:00:00Z'),
    );
    expect(first.report.kind).toBe('taakgericht');
    expect(first.report.status).toBe('geaccepteerd');
    expect(first.report.findings.filter((f) => f.rule === 'TAAK-VERVANGT')).toEqual([]);

    const second = await stack.upload(
      GEMEENTE,
      'bp-2.csv',
      taakgerichtCsv([
        { aantalClienten: 14, bedrag: 14 * 41500 },
        { periodeBegin: '2022-07-01', periodeEind: '2022-12-31' },
      ]),
      new Date('2023-01-10T09:00:00Z'),
    );
    expect(second.report.status).toBe('geaccepteerd');
    const vervangt = second.report.findings.filter((f) => f.rule === 'TAAK-VERVANGT');
    expect(vervangt).toHaveLength(1);
    // Line 2 of the file: its first data row.
    expect(vervangt[0]).toMatchObject({ severity: 'waarschuwing', location: 'regel 2', retourcode: null });
    expect(vervangt[0].message).toContain(`12 clienten, ${12 * 41500} cent`);

    // The stored state keeps both versions; the contribution of the second says whom it replaces.
    const contributions: {
      fileId: string;
      rows: { gemeente: string; periodeBegin: string; vervangt: string | null }[];
    }[] = [];
    for await (const page of stack.store.query(key.contributions(GEMEENTE)))
      contributions.push(...(page as never[]));
    const rows = contributions.filter((c) => c.fileId === second.report.fileId).flatMap((c) => c.rows);
    expect(rows.map((r) => [r.gemeente, r.periodeBegin, r.vervangt])).toEqual([
      ['0983', '2022-01-01', first.report.fileId],
      ['0983', '2022-07-01', null],
    ]);

    // A third correction replaces the second (the latest), not the first.
    const third = await stack.upload(
      GEMEENTE,
      'bp-3.csv',
      taakgerichtCsv([{ aantalClienten: 13, bedrag: 13 * 41500 }]),
      new Date('2023-02-10T09:00:00Z'),
    );
    const msg = third.report.findings.filter((f) => f.rule === 'TAAK-VERVANGT').map((f) => f.message);
    expect(msg).toHaveLength(1);
    expect(msg[0]).toContain(`14 clienten, ${14 * 41500} cent`);
  });
});

describe('withdrawing a file', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  it('frees its ReferentieNummers and DeclaratieNummer and stops its usage from counting', async () => {
    await toewijzingen(stack, [{ volume: 40, frequentie: '6' }]);
    const a = await declare(stack, 'csv', { nummer: 'D1', maand: '2022-03', lines: [MAART] });
    expect(codesOf(a.report)).toEqual([[]]);
    // While it counts: the number is taken, the slot has an open debit and the total of 40 would be exceeded.
    const before = await declare(stack, 'csv', {
      nummer: 'D2',
      maand: '2022-03',
      lines: [line('2022-03', 'R1', { volume: 31 })],
    });
    expect(codesOf(before.report)).toEqual([['8021', '9322', '9389']]);

    const withdrawn = await withdrawFile(
      stack.store,
      [GEMEENTE],
      a.report.fileId!,
      'dubbel ingediend',
      new Date('2023-06-02T08:00:00Z'),
    );
    expect(withdrawn).toMatchObject({ status: 'ingetrokken', ingetrokken: { reden: 'dubbel ingediend' } });
    expect(await withdrawFile(stack.store, [GEMEENTE], a.report.fileId!, 'nogmaals')).toBeNull();
    // The operator is told why: withdrawn before, when and why.
    expect(
      notWithdrawable(a.report.fileId!, await fileRecord(stack.store, GEMEENTE, a.report.fileId!)),
    ).toMatch(/is al ingetrokken op 2023-06-02T08:00:00.000Z \(reden: dubbel ingediend\)$/);
    expect(notWithdrawable('onbekend', await fileRecord(stack.store, GEMEENTE, 'onbekend'))).toContain(
      'geen bestand met id onbekend',
    );

    // The same numbers again (another dagtekening, so not the identical bytes of the withdrawn file).
    const after = await declare(stack, 'csv', {
      nummer: 'D1',
      maand: '2022-03',
      lines: [MAART],
      dagtekening: '2022-04-06',
    });
    expect(after.report.duplicaatVan).toBeNull();
    expect(after.report.declaraties[0].retourcodes).toEqual(['8001']);
    expect(codesOf(after.report)).toEqual([[]]);
    // The usage that counts now is the new file's alone: 31 + 9 = 40 fits, one more does not.
    const fits = await declare(stack, 'csv', {
      nummer: 'D3',
      maand: '2022-04',
      lines: [line('2022-04', 'R2', { volume: 9 })],
    });
    expect(codesOf(fits.report)).toEqual([[]]);
    const over = await declare(stack, 'csv', {
      nummer: 'D4',
      maand: '2022-05',
      lines: [line('2022-05', 'R3', { volume: 1 })],
    });
    expect(codesOf(over.report)).toEqual([['9322']]);
  });

  it('a credit of a debit in a withdrawn file has nothing to reverse (8017)', async () => {
    await toewijzingen(stack, [{}]);
    const a = await declare(stack, 'xml', { nummer: 'D1', maand: '2022-03', lines: [MAART] });
    await withdrawFile(stack.store, [GEMEENTE], a.report.fileId!, 'fout bestand');
    const { report } = await declare(stack, 'xml', {
      nummer: 'D2',
      maand: '2022-04',
      lines: [credit(MAART, 'R2')],
    });
    expect(codesOf(report)).toEqual([['8017']]);
  });

  it('a file whose debit a later file credits is withdrawn after that file, never before it', async () => {
    await toewijzingen(stack, [{ volume: 40, frequentie: '6' }]);
    const a = await declare(stack, 'csv', { nummer: 'D1', maand: '2022-03', lines: [MAART] });
    const b = await declare(stack, 'csv', { nummer: 'D2', maand: '2022-04', lines: [credit(MAART, 'R2')] });
    expect(codesOf(b.report)).toEqual([[]]);
    // First: refused, with the file that credits it named; nothing changes.
    const check = await withdrawable(stack.store, [GEMEENTE], a.report.fileId!);
    const naam = (r: Report) => r.file.split('/').pop();
    expect(check).toEqual({
      reden: `${naam(a.report)} kan nog niet worden ingetrokken: ${naam(b.report)} (fileId ${b.report.fileId}) bouwt erop voort (crediteert prestaties ervan, vervangt een prestatie die het crediteert, declareert daarna op een toewijzing die het crediteert, of heeft goedgekeurde prestaties op een toewijzing die alleen dit bestand toewijst); trek dat bestand eerst in`,
    });
    expect(await withdrawFile(stack.store, [GEMEENTE], a.report.fileId!, 'fout bestand')).toBeNull();
    expect(await fileRecord(stack.store, GEMEENTE, a.report.fileId!)).toMatchObject({ status: 'verwerkt' });
    // The credit's file first, then the debit's: the toewijzing's 40 is free again, and only 40.
    expect(await withdrawFile(stack.store, [GEMEENTE], b.report.fileId!, 'fout bestand')).not.toBeNull();
    expect(await withdrawFile(stack.store, [GEMEENTE], a.report.fileId!, 'fout bestand')).not.toBeNull();
    const april = await declare(stack, 'csv', {
      nummer: 'D3',
      maand: '2022-04',
      lines: [line('2022-04', 'R3', { volume: 30 })],
    });
    expect(codesOf(april.report)).toEqual([[]]);
    const mei = await declare(stack, 'csv', {
      nummer: 'D4',
      maand: '2022-05',
      lines: [line('2022-05', 'R4', { volume: 30 })],
    });
    expect(codesOf(mei.report)).toEqual([['9322']]);
  });

  it('a credit whose freed room a later debit did not need can be withdrawn first (31 + 5 fits the 40 without it)', async () => {
    await toewijzingen(stack, [{ volume: 40, frequentie: '6' }]);
    await declare(stack, 'csv', { nummer: 'D1', maand: '2022-03', lines: [MAART] });
    const b = await declare(stack, 'csv', { nummer: 'D2', maand: '2022-04', lines: [credit(MAART, 'R2')] });
    const c = await declare(stack, 'csv', {
      nummer: 'D3',
      maand: '2022-05',
      lines: [line('2022-05', 'R3', { volume: 5 })],
    });
    expect(codesOf(c.report)).toEqual([[]]);
    expect(await withdrawFile(stack.store, [GEMEENTE], b.report.fileId!, 'fout')).not.toBeNull();
    // March and May count again: 36 of 40, so 5 more is too much.
    const over = await declare(stack, 'csv', {
      nummer: 'D4',
      maand: '2022-06',
      lines: [line('2022-06', 'R4', { volume: 5 })],
    });
    expect(codesOf(over.report)).toEqual([['9322']]);
  });

  // A credit (b) and a later file (c) that builds on it: b is withdrawn after c, never before it. Withdrawn first,
  // the credit would let March count again beside what c was approved on; in the right order, March alone counts
  // again, so 10 more is too much.
  const OMVANG_40: Partial<TwSpec> = { volume: 40, frequentie: '6' };
  const BUDGET_36: Partial<TwSpec> = { code: null, volume: null, budget: 36 * TARIEF_2022 };
  it.each([
    [
      'the credit of a debit that a later file replaced',
      OMVANG_40,
      line('2022-03', 'R3', { volume: 25 }),
      '9322',
    ],
    [
      'a credit whose freed room a later file used (TR322: 31 + 31 > 40)',
      OMVANG_40,
      line('2022-05', 'R3', { volume: 31 }),
      '9322',
    ],
    [
      'a credit whose freed budget a later file used (TR369: 31 + 31 days > 36 days of budget)',
      BUDGET_36,
      line('2022-05', 'R3', { volume: 31 }),
      '9369',
    ],
  ])('%s: withdrawn after that file, never before it', async (_, tw, laterLine, overCode) => {
    await toewijzingen(stack, [tw]);
    await declare(stack, 'csv', { nummer: 'D1', maand: '2022-03', lines: [MAART] });
    const b = await declare(stack, 'csv', { nummer: 'D2', maand: '2022-04', lines: [credit(MAART, 'R2')] });
    const c = await declare(stack, 'csv', { nummer: 'D3', maand: '2022-05', lines: [laterLine] });
    expect([codesOf(b.report), codesOf(c.report)]).toEqual([[[]], [[]]]);
    const check = await withdrawable(stack.store, [GEMEENTE], b.report.fileId!);
    expect('reden' in check && check.reden).toContain(`(fileId ${c.report.fileId}) bouwt erop voort`);
    expect(await withdrawFile(stack.store, [GEMEENTE], b.report.fileId!, 'fout')).toBeNull();
    expect(await withdrawFile(stack.store, [GEMEENTE], c.report.fileId!, 'fout')).not.toBeNull();
    expect(await withdrawFile(stack.store, [GEMEENTE], b.report.fileId!, 'fout')).not.toBeNull();
    const over = await declare(stack, 'csv', {
      nummer: 'D4',
      maand: '2022-05',
      lines: [line('2022-05', 'R4', { volume: 10 })],
    });
    expect(codesOf(over.report)).toEqual([[overCode]]);
  });
});

describe('hours assigned, declared in minutes (IV081)', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
    // 15A30 begeleiding: 6 uur per week; the contract tariff is 6890 cents per hour in 2022.
    await toewijzingen(stack, [{ nummer: 5030, code: '15A30', volume: 6, eenheid: '04', frequentie: '2' }]);
  });
  afterEach(async () => {
    await stack.close();
  });

  const uren = (ref: string, o: Partial<LineSpec>) =>
    line('2022-03', ref, { toewijzingNummer: 5030, productCode: '15A30', eenheid: '01', tarief: 6890, ...o });

  it.each(FORMATS)(
    '%s: bedrag = round(tarief × minuten / 60), half up; anything else is 9346',
    async (format) => {
      const lines = [
        uren('M1', { volume: 125, bedrag: 14354 }), // 6890 × 125 / 60 = 14354.17
        uren('M2', { begin: '2022-02-01', eind: '2022-02-28', volume: 3, bedrag: 345 }), // 344.5 → 345
        uren('M3', { begin: '2022-01-01', eind: '2022-01-31', volume: 3, bedrag: 344 }),
        uren('M4', {
          begin: '2022-03-01',
          eind: '2022-03-31',
          productCode: '15A30',
          volume: 1,
          bedrag: 6890,
          toewijzingNummer: 5031,
        }),
      ];
      await toewijzingen(stack, [
        { nummer: 5031, bsn: BSN_B, code: '15A30', volume: 6, eenheid: '04', frequentie: '2' },
      ]);
      const withBsn = lines.map((l, i) => (i === 3 ? { ...l, bsn: BSN_B } : l));
      const { report } = await declare(stack, format, { nummer: 'U1', maand: '2022-03', lines: withBsn });
      consistent(report);
      // M4: 1 minute at the hourly tariff is 115 cents, not 6890.
      expect(codesOf(report)).toEqual([[], [], ['9346'], ['9346']]);
      expect(report.declaraties[0].prestaties.map((p) => p.toegekendBedrag)).toEqual([14354, 345, 0, 0]);
    },
  );

  it('declared in hours is fine too; minutes count as sixtieths of an hour for TR321', async () => {
    const hours = line('2022-03', 'H1', {
      toewijzingNummer: 5030,
      productCode: '15A30',
      eenheid: '04',
      tarief: 6890,
      volume: 30,
    });
    // March 2022: 5 calendar weeks × 6 uur = 30 uur = 1800 minuten.
    const ok = uren('M1', { begin: '2022-04-01', eind: '2022-04-30', volume: 1800, bedrag: 6890 * 30 });
    const may = uren('M2', {
      begin: '2022-05-01',
      eind: '2022-05-31',
      volume: 1861,
      bedrag: Math.round((6890 * 1861) / 60),
    });
    const { report } = await declare(stack, 'csv', {
      nummer: 'U1',
      maand: '2022-05',
      lines: [hours, ok, may],
    });
    // May 2022 touches 6 calendar weeks: 36 uur = 2160 minuten; 1861 fits. (April touches 5: 30 uur.)
    expect(codesOf(report)).toEqual([[], [], []]);
    const tooMuch = uren('M3', {
      begin: '2022-06-01',
      eind: '2022-06-30',
      volume: 1801,
      bedrag: Math.round((6890 * 1801) / 60),
    });
    const { report: r2 } = await declare(stack, 'csv', { nummer: 'U2', maand: '2022-06', lines: [tooMuch] });
    expect(codesOf(r2)).toEqual([['9321']]);
  });
});
