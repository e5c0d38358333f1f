/**
 * The arithmetic a backoffice checks by hand, worked out from the reference (§4; §3 Eenheid, Frequentie) and pinned
 * through the whole pipeline for CSV and WMO323 alike: per-week Omvang counted in calendar weeks (inspanningsgericht)
 * and Sundays (outputgericht), minutes against an hourly tariff rounded half up, totals and budgets filled exactly
 * after a credit and its replacement, a later version shortening a toewijzing, a removal, and 9389/9390 over three
 * months. The expected codes per scenario are explained next to the expectation.
 */
import type { Report } from '../../schemas/report';
import {
  credit,
  type DeclSpec,
  declaratieCsv,
  declaratieXml,
  GEMEENTE,
  type LineSpec,
  line,
  type TwSpec,
  toewijzingCsv,
} from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

let n = 0;
let FMT: 'csv' | 'xml' = 'csv';
let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.close();
});
async function tw(rows: Partial<TwSpec>[]) {
  const { report } = await stack.upload(GEMEENTE, `tw-${++n}.csv`, toewijzingCsv(rows));
  return report;
}
async function decl(maand: string, lines: LineSpec[]): Promise<string[][]> {
  const d: DeclSpec = { nummer: `D${++n}`, maand, lines };
  const fmt = FMT;
  const { report } = await stack.upload(
    GEMEENTE,
    `d-${n}.${fmt}`,
    fmt === 'csv' ? declaratieCsv(d) : declaratieXml(d),
  );
  return (report as Report).declaraties.flatMap((x) => x.prestaties.map((p) => p.retourcodes));
}
const uur = (nummer: number, maand: string, ref: string, min: number, bedrag?: number) =>
  line(maand, ref, {
    toewijzingNummer: nummer,
    productCode: '15A30',
    eenheid: '01',
    volume: min,
    tarief: 6890,
    bedrag: bedrag ?? Math.round((6890 * min) / 60),
  });

describe.each(['csv', 'xml'] as const)('%s', (f) => {
  beforeAll(() => {
    FMT = f;
  });
  it('volumes, units, rounding, versions and credits: hand-computed outcomes (reference §4, §3 Eenheid/Frequentie)', async () => {
    const out: Record<string, unknown> = {};
    const HR = { categorie: '15', code: '15A30', volume: 4, eenheid: '04', frequentie: '2' };
    await tw([
      { nummer: 6001, ...HR },
      { nummer: 6002, ...HR },
      { nummer: 6003, ...HR },
      { nummer: 6004, ...HR },
    ]);
    out.s1ok = await decl('2022-01', [uur(6001, '2022-01', 'A1', 1440)]);
    out.s1bad = await decl('2022-01', [uur(6002, '2022-01', 'A2', 1441)]);
    out.s2ok = await decl('2022-02', [uur(6003, '2022-02', 'A3', 3, 345)]);
    out.s2bad = await decl('2022-02', [uur(6004, '2022-02', 'A4', 3, 344)]);
    const OUT = {
      categorie: '15',
      code: '15A01',
      volume: 1,
      eenheid: '82',
      frequentie: '2',
      ingangsdatum: '2022-07-01',
      einddatum: '2022-07-20',
    };
    await tw([
      { nummer: 6005, ...OUT },
      { nummer: 6006, ...OUT },
    ]);
    const st = (nummer: number, ref: string, v: number) =>
      line('2022-07', ref, {
        toewijzingNummer: nummer,
        productCode: '15A01',
        eenheid: '82',
        eind: '2022-07-20',
        volume: v,
        tarief: 310000,
        bedrag: v * 310000,
      });
    out.s3ok = await decl('2022-07', [st(6005, 'B1', 4)]);
    out.s3bad = await decl('2022-07', [st(6006, 'B2', 5)]);
    await tw([{ nummer: 6007 }]);
    await tw([
      { nummer: 6007, toewijzingsdatum: '2022-03-20', einddatum: '2022-03-15', redenWijziging: '05' },
    ]);
    out.s4 = await decl('2022-03', [line('2022-03', 'C1', { toewijzingNummer: 6007, eind: '2022-03-15' })]);
    // three months, credits
    await tw([{ nummer: 6008 }]);
    const j = line('2022-01', 'E1', { toewijzingNummer: 6008 });
    const f = line('2022-02', 'E2', { toewijzingNummer: 6008 });
    const m = line('2022-03', 'E3', { toewijzingNummer: 6008 });
    out.s5a = await decl('2022-03', [j, f, m]);
    out.s5b = await decl('2022-04', [line('2022-02', 'E4', { toewijzingNummer: 6008, volume: 20 })]);
    out.s5c = await decl('2022-04', [
      credit(f, 'E5'),
      line('2022-02', 'E6', { toewijzingNummer: 6008, volume: 20 }),
    ]);
    out.s5d = await decl('2022-05', [credit(f, 'E7')]);
    out.s5e = await decl('2022-05', [line('2022-02', 'E8', { toewijzingNummer: 6008, volume: 20 })]);
    // totals in minutes
    await tw([{ nummer: 6009, categorie: '15', code: '15A30', volume: 10, eenheid: '04', frequentie: '6' }]);
    const a = uur(6009, '2022-01', 'F1', 200),
      b = uur(6009, '2022-02', 'F2', 200),
      c = uur(6009, '2022-03', 'F3', 200);
    out.s6a = await decl('2022-03', [a, b, c]);
    out.s6b = await decl('2022-04', [credit(b, 'F4'), uur(6009, '2022-02', 'F5', 200)]);
    out.s6c = await decl('2022-04', [uur(6009, '2022-04', 'F6', 1)]);
    // budget
    await tw([
      {
        nummer: 6010,
        categorie: null,
        code: null,
        volume: null,
        eenheid: null,
        frequentie: null,
        budget: 3 * 31 * 10950,
      },
    ]);
    const bj = line('2022-01', 'G1', { toewijzingNummer: 6010 }),
      bm = line('2022-03', 'G2', { toewijzingNummer: 6010 });
    out.s7a = await decl('2022-03', [bj, bm]);
    out.s7b = await decl('2022-04', [credit(bm, 'G3'), line('2022-03', 'G4', { toewijzingNummer: 6010 })]);
    out.s7c = await decl('2022-05', [line('2022-05', 'G5', { toewijzingNummer: 6010 })]);
    // removal
    await tw([{ nummer: 6011 }]);
    const r = line('2022-01', 'H1', { toewijzingNummer: 6011 });
    out.s8a = await decl('2022-01', [r]);
    await tw([
      {
        nummer: 6011,
        toewijzingsdatum: '2022-02-10',
        ingangsdatum: '2022-01-01',
        einddatum: '2022-01-01',
        redenWijziging: '13',
      },
    ]);
    out.s8b = await decl('2022-02', [credit(r, 'H2'), line('2022-02', 'H3', { toewijzingNummer: 6011 })]);
    // s9: March debited in full under version 1; version 2 ends the toewijzing on 2022-03-15 (Toewijzingsdatum later).
    await tw([{ nummer: 6012 }]);
    const mrt = line('2022-03', 'K1', { toewijzingNummer: 6012 });
    out.s9a = await decl('2022-03', [mrt]);
    await tw([
      { nummer: 6012, toewijzingsdatum: '2022-04-02', einddatum: '2022-03-15', redenWijziging: '05' },
    ]);
    out.s9b = await decl('2022-04', [
      credit(mrt, 'K2'),
      line('2022-03', 'K3', { toewijzingNummer: 6012, eind: '2022-03-15' }),
    ]);
    out.s9c = await decl('2022-04', [line('2022-03', 'K4', { toewijzingNummer: 6012 })]);
    // s1: 4 h/week, Jan 2022 touches 6 calendar weeks -> 24 h = 1440 min (IV076); 1441 min -> 9321.
    // s2: 3 min x 6890/60 = 344.5 -> 345 (half-up); 344 -> 9346.
    // s3: outputgericht 1/week, 2022-07-01..07-20: Sundays 3,10,17 + 1 (ends Wed) = 4; 5 -> 9321 and 9322.
    // s4: version 2 shortens to 03-15: 03-01..03-15 is the month's period (TR388).
    // s5: 9389 without credit; credit + replacement in one message; second credit 9390; open replacement 9389.
    // s6: totaal 10 h = 600 min exactly, also after credit+re-debit; one more minute 9322.
    // s7: budget 3x31x10950 filled exactly after credit+re-debit.
    // s8: credit on a removed toewijzing is allowed; a debit gets 9384 (+9307/9308/9322).
    expect(out).toEqual({
      s1ok: [[]],
      s1bad: [['9321']],
      s2ok: [[]],
      s2bad: [['9346']],
      s3ok: [[]],
      s3bad: [['9321', '9322']],
      s4: [[]],
      s5a: [[], [], []],
      s5b: [['9389']],
      s5c: [[], []],
      s5d: [['9390']],
      s5e: [['9389']],
      s6a: [[], [], []],
      s6b: [[], []],
      s6c: [['9322']],
      s7a: [[], []],
      s7b: [[], []],
      s7c: [[]],
      s8a: [[]],
      s8b: [[], ['9384', '9307', '9308', '9322']],
      s9a: [[]],
      s9b: [[], []],
      s9c: [['9308', '9388', '9389']],
    });
  });
});
