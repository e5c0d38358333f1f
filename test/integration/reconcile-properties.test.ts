/**
 * Properties of the judged state over random sequences of files (fast-check): declarations in CSV and XML with
 * debits and credits over four months on three toewijzingen (per week in etmalen, a budget, per week in hours
 * declared in hours or minutes), new toewijzing versions, and withdrawals in between. After every step:
 * - every approved credit reverses an approved debit on its toewijzing, and no debit is reversed twice;
 * - what a toewijzing used is never negative, and the budget toewijzing stays within its Budget;
 * - no two approved, uncredited debits of one product overlap (TR389);
 * and at the end the monitor's toegekend over all months equals the sum of the approved lines.
 * The item store is in memory (the rules and the commit model are the same as on dynalite), for the number of runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type IngestDeps, ingestObject } from '../../pipeline/ingest';
import { maandCijfers } from '../../pipeline/monitor/aggregates';
import { loadMonitorData } from '../../pipeline/monitor/data';
import { effectiveUsage, key, type UsageEntry, type UsageItem } from '../../pipeline/state/items';
import { committedFiles, loadFiles } from '../../pipeline/state/reader';
import { withdrawable, withdrawFile } from '../../pipeline/withdraw';
import { LocalBlobStore } from '../../stores/local-blobs';
import { fixedSecrets } from '../../stores/local-secrets';
import { MemoryItemStore } from '../../stores/memory';
import {
  credit,
  declaratieCsv,
  declaratieXml,
  type LineSpec,
  line,
  type TwSpec,
  toewijzingCsv,
} from '../helpers/scenario';
import { CollectingAlerts, nmlRegion, putWithTime } from '../helpers/stack';

const G = '0983';
const MONTHS = ['2022-01', '2022-02', '2022-03', '2022-04'];
const DAYS = [31, 28, 31, 30];
const BUDGET = 800_000;
const TWS: Partial<TwSpec>[] = [
  { nummer: 1, volume: 5, frequentie: '2', einddatum: '2022-04-30' },
  {
    nummer: 2,
    categorie: null,
    code: null,
    volume: null,
    eenheid: null,
    frequentie: null,
    budget: BUDGET,
    einddatum: '2022-04-30',
  },
  { nummer: 3, code: '15A30', volume: 3, eenheid: '04', frequentie: '2', einddatum: '2022-04-30' },
];
const HOURLY_TARIEF = 6890;
const ETMAAL_TARIEF = 10950;

const lineArb = fc.record({
  credit: fc.boolean(),
  tw: fc.nat(2),
  month: fc.nat(3),
  vol: fc.integer({ min: 1, max: 1800 }),
  minutes: fc.boolean(),
  of: fc.nat(30),
  wrongTw: fc.boolean(),
});
const stepArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('file' as const),
      xml: fc.boolean(),
      month: fc.nat(3),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('withdraw' as const), which: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('version' as const), tw: fc.nat(2), eind: fc.nat(3) }) },
);

/** The invariants of one toewijzing's effective usage entries. */
function usageProblems(tw: number, entries: readonly UsageEntry[]): string[] {
  const problems: string[] = [];
  const debits = entries.filter((e) => e.dc === 'D');
  const credits = entries.filter((e) => e.dc === 'C');
  for (const c of credits)
    if (!debits.some((d) => d.ref === c.vorig)) problems.push(`tw ${tw}: credit ${c.ref} reverses no debit`);
  if (new Set(credits.map((c) => c.vorig)).size !== credits.length)
    problems.push(`tw ${tw}: a debit reversed twice`);
  const net = entries.reduce((s, e) => s + e.bedrag, 0);
  if (net < 0) problems.push(`tw ${tw}: used ${net} < 0`);
  if (tw === 2 && net > BUDGET) problems.push(`tw ${tw}: used ${net} > budget ${BUDGET}`);
  const open = debits.filter((d) => !credits.some((c) => c.vorig === d.ref));
  for (const a of open)
    for (const b of open)
      if (a !== b && a.code === b.code && a.begin <= b.eind && b.begin <= a.eind)
        problems.push(`tw ${tw}: open debits ${a.ref} and ${b.ref} overlap`);
  return problems;
}

type PlannedLine = typeof lineArb extends fc.Arbitrary<infer T> ? T : never;

/** A debit of a declaration step, with its slot (toewijzing and month: one debit per slot in a file). */
function debitLine(l: PlannedLine, month: number, ref: string): { slot: string; spec: LineSpec } {
  const m = Math.min(l.month, month);
  const nummer = TWS[l.tw].nummer as number;
  const hourly = nummer === 3;
  const minutes = hourly && l.minutes;
  const volume = hourly
    ? minutes
      ? l.vol
      : Math.ceil(l.vol / 90)
    : Math.max(1, Math.min(DAYS[m], l.vol % 40));
  const tarief = hourly ? HOURLY_TARIEF : ETMAAL_TARIEF;
  return {
    slot: `${nummer}|${m}`,
    spec: line(MONTHS[m], ref, {
      toewijzingNummer: nummer,
      productCode: hourly ? '15A30' : '15A02',
      eenheid: hourly ? (minutes ? '01' : '04') : '14',
      volume,
      tarief,
      bedrag: minutes ? Math.round((tarief * volume) / 60) : tarief * volume,
    }),
  };
}

test('approved credits, usage, budget and monthly totals stay consistent over random files and withdrawals', async () => {
  const region = await nmlRegion();
  await fc.assert(
    fc.asyncProperty(fc.array(stepArb, { minLength: 3, maxLength: 9 }), async (steps) => {
      const dir = await mkdtemp(join(tmpdir(), 'bwmo-properties-'));
      const store = new MemoryItemStore();
      const blobs = new LocalBlobStore(join(dir, 'bucket'));
      const deps: IngestDeps = {
        store,
        blobs,
        secrets: fixedSecrets(),
        alerts: new CollectingAlerts(),
        region,
      };
      let second = 0;
      const upload = async (name: string, content: string) => {
        const k = `inbox/${G}/${name}`;
        await putWithTime(blobs, k, content, new Date(Date.UTC(2023, 0, 1, 8, 0, second++)));
        return (await ingestObject(deps, k)).report;
      };
      const effective = async () => {
        const files = committedFiles(await loadFiles(store, G));
        const usage = (await store.get(TWS.map((t) => key.usage(G, t.nummer as number)))) as UsageItem[];
        return usage.map((u) => ({ tw: Number(u.pk.split('#').pop()), entries: effectiveUsage(u, files) }));
      };
      const log: string[] = [];
      const check = async (after: string) => {
        const problems = (await effective()).flatMap(({ tw, entries }) => usageProblems(tw, entries));
        if (problems.length) throw new Error(`after ${after}: ${problems.join('; ')}\n${log.join('\n')}`);
      };
      try {
        await upload('tw.csv', toewijzingCsv(TWS));
        const debits: LineSpec[] = [];
        const fileIds: string[] = [];
        let ref = 0;
        let month = 0;
        let version = 1;
        for (const [i, step] of steps.entries()) {
          if (step.t === 'withdraw') {
            const id = fileIds[step.which % Math.max(1, fileIds.length)];
            if (id && 'record' in (await withdrawable(store, [G], id))) {
              await withdrawFile(store, [G], id, 'x');
              log.push(`withdraw ${id.slice(0, 6)}`);
              await check(`withdrawal ${i}`);
            }
            continue;
          }
          if (step.t === 'version') {
            const eind = `${MONTHS[step.eind]}-${DAYS[step.eind]}`;
            const t = { ...TWS[step.tw], toewijzingsdatum: `2022-0${version++}-01`, einddatum: eind };
            await upload(`v${i}.csv`, toewijzingCsv([t]));
            log.push(`version tw ${t.nummer} until ${eind}`);
            await check(`version ${i}`);
            continue;
          }
          month = Math.max(month, step.month);
          const specs: LineSpec[] = [];
          const slots = new Set<string>();
          const credited = new Set<string>();
          for (const l of step.lines) {
            if (l.credit && debits.length) {
              const d = debits[l.of % debits.length];
              if (credited.has(d.referentieNummer)) continue;
              credited.add(d.referentieNummer);
              const c = credit(d, `R${++ref}`);
              // Now and then a credit naming another toewijzing than its debit's (8017).
              specs.push(
                l.wrongTw && l.vol < 100 ? { ...c, toewijzingNummer: (d.toewijzingNummer % 3) + 1 } : c,
              );
            } else {
              const { slot, spec } = debitLine(l, month, `R${++ref}`);
              if (slots.has(slot)) continue;
              slots.add(slot);
              specs.push(spec);
            }
          }
          if (!specs.length) continue;
          const name = `d${i}.${step.xml ? 'xml' : 'csv'}`;
          const decl = { nummer: `D${i}`, maand: MONTHS[month], lines: specs };
          const report = await upload(name, step.xml ? declaratieXml(decl) : declaratieCsv(decl));
          const codes = report.declaraties[0]?.prestaties.map((p) => p.retourcodes.join(' ') || 'ok');
          log.push(
            `${name}: ${specs.map((s, k) => `${s.debetCredit}${s.referentieNummer} ${codes?.[k]}`).join(', ')}`,
          );
          fileIds.push(report.fileId as string);
          debits.push(...specs.filter((s) => s.debetCredit === 'D'));
          await check(name);
        }
        const approved = (await effective()).reduce(
          (sum, { entries }) => sum + entries.reduce((s, e) => s + e.bedrag, 0),
          0,
        );
        const rows = maandCijfers(await loadMonitorData(store, [G]), { van: '2021-01', tot: '2023-12' });
        expect(rows.reduce((s, r) => s + r.toegekend, 0)).toBe(approved);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 60 },
  );
}, 120_000);
