/**
 * Credit waves, checked differentially: seeded random constellations of contiguous declarations, sent as one CSV
 * and as separate files in file order, must give the same codes per prestatie, usage entries, month figures and
 * summed contributions (test/integration/credit-waves-differential.test.ts).
 */

import { daysInclusive, lastOfMonth } from '../../pipeline/dates';
import { maandCijfers } from '../../pipeline/monitor/aggregates';
import { loadMonitorData } from '../../pipeline/monitor/data';
import type { DeclaratieContribution } from '../../pipeline/reconcile/contributions';
import type { Report } from '../../schemas/report';
import {
  BSN_A,
  BSN_B,
  credit,
  type DeclSpec,
  declaratieCsv,
  type LineSpec,
  line,
  type TwSpec,
  toewijzingCsv,
} from './scenario';
import { type Stack, startStack } from './stack';

export const G = '0983';
export const RECEIVED = new Date('2022-07-01T08:00:00Z');

export interface Outcome {
  codes: Record<string, { decl: string[]; lines: string[][] }>;
  usage: string[];
  maand: unknown[];
  figures: Record<string, unknown>;
}

export type Setup = (stack: Stack) => Promise<void>;

export const defaultSetup =
  (tw: readonly Partial<TwSpec>[] = [{}]): Setup =>
  async (stack) => {
    await stack.upload(G, 'tw.csv', toewijzingCsv(tw), new Date('2022-03-01T08:00:00Z'));
  };

async function outcome(stack: Stack, reports: Report[]): Promise<Outcome> {
  const codes: Outcome['codes'] = {};
  for (const r of reports)
    for (const d of r.declaraties)
      codes[d.declaratieNummer] = { decl: d.retourcodes, lines: d.prestaties.map((p) => p.retourcodes) };
  const usage: string[] = [];
  for (const i of await stack.dump()) {
    if (!String(i.sk).startsWith('USAGE')) continue;
    const files = new Set(reports.map((r) => r.fileId));
    for (const e of (i as unknown as { entries: Record<string, unknown>[] }).entries) {
      if (!files.has(e.fileId as string)) continue;
      const { fileId, poging, ...rest } = e;
      usage.push(`${i.pk} ${JSON.stringify(rest)}`);
    }
  }
  usage.sort();
  const data = await loadMonitorData(stack.deps.store, [G]);
  const maand = maandCijfers(data, { van: '2022-01', tot: '2022-12' }).map(({ bestanden, ...rest }) => rest);
  const files = new Set(reports.map((r) => r.fileId));
  return { codes, usage, maand, figures: sumFigures(data.declaraties.filter((d) => files.has(d.fileId))) };
}

/** The files' contributions added up: month figures, rejections and cost per toewijzing (zeros dropped). */
function sumFigures(list: readonly { figures: DeclaratieContribution }[]): Record<string, unknown> {
  const maanden: Record<string, { n: Record<string, number>; clients: Set<string> }> = {};
  const afwijzingen: Record<string, number> = {};
  const kosten: Record<string, number> = {};
  for (const { figures: f } of list) {
    for (const [k, m] of Object.entries(f.maanden)) {
      maanden[k] ??= { n: {}, clients: new Set() };
      const t = maanden[k];
      for (const field of ['regels', 'ingediend', 'toegekend', 'afgewezen'] as const)
        t.n[field] = (t.n[field] ?? 0) + m[field];
      for (const [e, v] of Object.entries(m.volume)) t.n[`volume${e}`] = (t.n[`volume${e}`] ?? 0) + v;
      for (const c of m.clients) t.clients.add(c);
    }
    for (const [k, a] of Object.entries(f.afwijzingen)) {
      afwijzingen[`${k} regels`] = (afwijzingen[`${k} regels`] ?? 0) + a.regels;
      afwijzingen[`${k} bedrag`] = (afwijzingen[`${k} bedrag`] ?? 0) + a.bedrag;
    }
    for (const [k, c] of Object.entries(f.kosten))
      c.nummers.forEach((nr, i) => {
        kosten[`${k} ${nr}`] = (kosten[`${k} ${nr}`] ?? 0) + c.bedragen[i];
      });
  }
  const sorted = <T>(o: Record<string, T>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return {
    maanden: sorted(
      Object.fromEntries(
        Object.entries(maanden).map(([k, t]) => [
          k,
          {
            ...Object.fromEntries(Object.entries(t.n).filter(([, v]) => Math.abs(v) > 1e-9)),
            clients: [...t.clients].sort(),
          },
        ]),
      ),
    ),
    afwijzingen: sorted(afwijzingen),
    kosten: sorted(Object.fromEntries(Object.entries(kosten).filter(([, v]) => v !== 0))),
  };
}

export async function together(decls: readonly DeclSpec[], setup: Setup = defaultSetup()): Promise<Outcome> {
  const stack = await startStack();
  try {
    await setup(stack);
    const { report } = await stack.upload(G, 'samen.csv', declaratieCsv(...decls), RECEIVED);
    return await outcome(stack, [report]);
  } finally {
    await stack.close();
  }
}

export async function apart(decls: readonly DeclSpec[], setup: Setup = defaultSetup()): Promise<Outcome> {
  const stack = await startStack();
  try {
    await setup(stack);
    const reports: Report[] = [];
    for (const [i, d] of decls.entries()) {
      const at = new Date(RECEIVED.getTime() + i * 60_000);
      reports.push((await stack.upload(G, `apart-${i}.csv`, declaratieCsv(d), at)).report);
    }
    return await outcome(stack, reports);
  } finally {
    await stack.close();
  }
}

export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  return {
    next,
    int: (a: number, b: number) => a + Math.floor(next() * (b - a + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

export interface Constellation {
  seed: number;
  tw: Partial<TwSpec>[];
  prior: DeclSpec | null;
  decls: DeclSpec[];
}

interface TwGen {
  nummer: number;
  agb: string;
  kind: 'week' | 'total' | 'budget';
  bsn: string;
  code: string;
}

const TARIEF: Record<string, number> = { '15A02': 10950, '15A07': 14250 };
const MONTHS = ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05'];

export function generate(seed: number): Constellation {
  const r = rng(seed);
  const nTw = r.int(1, 3);
  const agbs = r.chance(0.3) ? ['12340001', '12340002'] : ['12340001'];
  const tws: TwGen[] = [];
  const tw: Partial<TwSpec>[] = [];
  for (let i = 0; i < nTw; i++) {
    const kind = r.pick(['week', 'total', 'total', 'budget'] as const);
    const bsn = r.chance(0.7) ? BSN_A : BSN_B;
    const code = r.chance(0.75) ? '15A02' : '15A07';
    const nummer = 5001 + i;
    const agb = i === 0 ? agbs[0] : r.pick(agbs);
    tws.push({ nummer, agb, kind, bsn, code });
    if (kind === 'week') tw.push({ nummer, agb, bsn, code });
    else if (kind === 'total')
      tw.push({ nummer, agb, bsn, code, volume: r.pick([40, 55, 62, 75]), frequentie: '6' });
    else
      tw.push({
        nummer,
        agb,
        bsn,
        code: null,
        volume: null,
        eenheid: null,
        frequentie: null,
        budget: r.pick([2, 3, 4]) * 31 * 10950 + r.int(0, 3) * 1000,
      });
  }
  let refN = 0;
  const newRef = (p: string) => `${p}${++refN}`;
  const debit = (t: TwGen, maand?: string, vol?: number): LineSpec => {
    const m = maand ?? r.pick(MONTHS);
    const days = daysInclusive(`${m}-01`, lastOfMonth(`${m}-01`));
    const code = t.kind === 'budget' ? r.pick(['15A02', '15A07']) : t.code;
    const volume = vol ?? (r.chance(0.6) ? days : r.chance(0.6) ? r.int(5, 25) : r.pick([45, 50]));
    const badTarief = r.chance(0.05);
    return line(m, newRef('R'), {
      bsn: t.bsn,
      toewijzingNummer: t.nummer,
      productCode: code,
      volume,
      tarief: badTarief ? TARIEF[code] + 1 : TARIEF[code],
      bedrag: volume * (badTarief ? TARIEF[code] + 1 : TARIEF[code]),
    });
  };
  const known: LineSpec[] = [];
  let prior: DeclSpec | null = null;
  if (r.chance(0.6)) {
    const lines: LineSpec[] = [];
    for (let i = r.int(1, 3); i > 0; i--) lines.push(debit(r.pick(tws), r.pick(MONTHS.slice(0, 3))));
    prior = { nummer: 'D0', maand: '2022-03', lines };
    known.push(...lines);
  }
  const n = r.int(3, 8);
  const decls: { nummer: string; maand: string; lines: LineSpec[]; dagtekening?: string; agb?: string }[] =
    [];
  for (let i = 0; i < n; i++) {
    const lines: LineSpec[] = [];
    const agb = r.pick(agbs);
    const own = tws.filter((t) => t.agb === agb);
    const twOf = () => (own.length && !r.chance(0.1) ? r.pick(own) : r.pick(tws));
    const actions = r.int(1, 4);
    for (let a = 0; a < actions; a++) {
      const what = r.next();
      const target = known.length ? r.pick(known) : null;
      if (what < 0.35 || !target) {
        const d = debit(twOf());
        lines.push(d);
      } else if (what < 0.55) {
        lines.push(credit(target, newRef('C')));
      } else if (what < 0.8) {
        // correction: credit + replacement on the same period and toewijzing, other volume
        const t = tws.find((x) => x.nummer === target.toewijzingNummer)!;
        const c = credit(target, newRef('C'));
        const m = target.begin.slice(0, 7);
        const repl = debit(t, m, r.chance(0.5) ? Math.max(1, target.volume - r.int(1, 5)) : undefined);
        if (r.chance(0.5)) lines.push(c, repl);
        else lines.push(repl, c);
      } else if (what < 0.87) {
        // a wrong credit: other volume (8017)
        const c = credit(target, newRef('C'));
        lines.push({ ...c, volume: c.volume + 1, bedrag: c.bedrag + (c.tarief ?? 0) });
      } else if (what < 0.93) {
        // a credit naming the debit, on another toewijzing
        const other = r.pick(tws);
        lines.push({ ...credit(target, newRef('C')), toewijzingNummer: other.nummer, bsn: other.bsn });
      } else {
        // a debit reusing a ReferentieNummer (8021)
        const d = debit(twOf());
        lines.push({ ...d, referentieNummer: target.referentieNummer });
      }
    }
    // Keep the message valid at level 2 (TR101, TR315, TR316, TR416) unless sloppy.
    if (!r.chance(0.05)) {
      const kept: LineSpec[] = [];
      const refs = new Set<string>();
      const vorig = new Set<string>();
      const slots = new Set<string>();
      for (const l of lines) {
        const slot = `${l.toewijzingNummer}|${l.productCode}|${l.begin}`;
        if (refs.has(l.referentieNummer)) continue;
        if (l.debetCredit === 'C') {
          if (l.vorigReferentieNummer === null || vorig.has(l.vorigReferentieNummer)) continue;
          if (lines.some((x) => x.debetCredit === 'D' && x.referentieNummer === l.vorigReferentieNummer))
            continue;
          vorig.add(l.vorigReferentieNummer);
        } else {
          if (slots.has(slot)) continue;
          slots.add(slot);
        }
        refs.add(l.referentieNummer);
        kept.push(l);
      }
      lines.length = 0;
      lines.push(...kept);
      if (!lines.length) lines.push(debit(twOf()));
    }
    for (const l of lines) if (l.debetCredit === 'D') known.push(l);
    const decl: (typeof decls)[number] = { nummer: `D${i + 1}`, maand: '2022-05', lines };
    if (agb !== '12340001') decl.agb = agb;
    if (r.chance(0.1)) decl.dagtekening = '2022-07-02';
    decls.push(decl);
  }
  // Credits of a later declaration's debit.
  for (let i = 0; i < decls.length - 1; i++) {
    if (!r.chance(0.15)) continue;
    const later = decls.slice(i + 1).flatMap((d) => d.lines.filter((l) => l.debetCredit === 'D'));
    const own = new Set(decls[i].lines.map((l) => l.vorigReferentieNummer));
    const free = later.filter((l) => !own.has(l.referentieNummer));
    if (free.length)
      decls[i].lines.splice(r.int(0, decls[i].lines.length), 0, credit(r.pick(free), newRef('C')));
  }
  if (prior && r.chance(0.1)) decls[r.int(0, decls.length - 1)].nummer = 'D0';
  return { seed, tw, prior, decls };
}

export const setupOf =
  (c: Constellation): Setup =>
  async (stack: Stack) => {
    await stack.upload(G, 'tw.csv', toewijzingCsv(c.tw), new Date('2022-01-01T08:00:00Z'));
    if (c.prior) await stack.upload(G, 'prior.csv', declaratieCsv(c.prior), new Date('2022-04-06T08:00:00Z'));
  };
