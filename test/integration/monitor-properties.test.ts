/**
 * The monitor's aggregates against a straightforward recomputation, for random data (fast-check): random
 * toewijzingen and declarations (some lines against missing toewijzingen, other clients, wrong tariffs; credits of
 * earlier lines) go through the real pipeline; then the monthly figures and the stand, which the monitor builds from
 * the files' contributions, must equal what the ledger (the approved lines kept per toewijzing) and the stored
 * toewijzingen say, line by line. The same contributions in any order must give the same figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { testBsn } from '../../examples/generator/bsn';
import { type IngestDeps, ingestObject } from '../../pipeline/ingest';
import { afwijzingen, maandCijfers, stand, trend } from '../../pipeline/monitor/aggregates';
import { loadMonitorData, type MonitorData } from '../../pipeline/monitor/data';
import { pseudonymiser } from '../../pipeline/pseudonym';
import { CLIENT_PREFIX } from '../../pipeline/reconcile/contributions';
import type { ToewijzingItem, UsageItem } from '../../pipeline/state/items';
import type { Report } from '../../schemas/report';
import { LocalBlobStore } from '../../stores/local-blobs';
import { fixedSecrets } from '../../stores/local-secrets';
import { MemoryItemStore } from '../../stores/memory';
import { credit, declaratieCsv, type LineSpec, line, toewijzingCsv } from '../helpers/scenario';
import { CollectingAlerts, nmlRegion, putWithTime } from '../helpers/stack';

const PRODUCTS = [
  { agb: '12340001', categorie: '15', code: '15A02', tarief: 10950, taakveld: 'BW' },
  { agb: '12340006', categorie: '16', code: '16A02', tarief: 7420, taakveld: 'MO' },
] as const;
const HERKOMST = ['0988', '0957', '1507', null] as const;
const MONTHS = ['2022-01', '2022-02', '2022-03'] as const;
const CLIENTS = [0, 1, 2, 3, 4].map(testBsn);

interface Tw {
  nummer: number;
  client: number;
  product: number;
  herkomst: (typeof HERKOMST)[number];
  start: number;
  eind: number | null;
}

const twArb = fc.record({
  client: fc.nat(CLIENTS.length - 1),
  product: fc.nat(PRODUCTS.length - 1),
  herkomst: fc.constantFrom(...HERKOMST),
  start: fc.constantFrom(0, 0, 0, 1, 2),
  eind: fc.option(fc.nat(2), { nil: null, freq: 4 }),
});

const planArb = fc.record({
  toewijzingen: fc.array(twArb, { minLength: 1, maxLength: 6 }),
  /** Later versions of some toewijzingen: a new end month, or removed (RedenWijziging 13). */
  wijzigingen: fc.array(
    fc.record({ tw: fc.nat(5), eind: fc.nat(2), verwijderd: fc.constantFrom(false, false, true) }),
    { maxLength: 3 },
  ),
  files: fc.array(
    fc.record({
      product: fc.nat(PRODUCTS.length - 1),
      month: fc.nat(2),
      lines: fc.array(
        fc.record({
          tw: fc.nat(19),
          otherClient: fc.constantFrom(false, false, false, false, false, true),
          wrongTariff: fc.constantFrom(false, false, false, false, false, true),
          creditOf: fc.option(fc.nat(5), { nil: null, freq: 4 }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  datum: fc.constantFrom('2022-01-15', '2022-02-01', '2022-02-28', '2022-03-31'),
});

interface Ingested {
  readonly store: MemoryItemStore;
  readonly deps: IngestDeps;
  readonly reports: Report[];
  /** Every declared line with its signed amount, by ReferentieNummer. */
  readonly lines: Map<string, { signed: number; agb: string }>;
}

type Plan = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

async function ingestPlan(dir: string, plan: Plan): Promise<Ingested> {
  const store = new MemoryItemStore();
  const deps: IngestDeps = {
    store,
    blobs: new LocalBlobStore(join(dir, 'bucket')),
    secrets: fixedSecrets(),
    alerts: new CollectingAlerts(),
    region: await nmlRegion(),
  };
  const reports: Report[] = [];
  let seconds = 0;
  const upload = async (name: string, content: string) => {
    const key = `inbox/0983/${name}`;
    await putWithTime(
      deps.blobs as LocalBlobStore,
      key,
      content,
      new Date(Date.UTC(2022, 5, 1, 8, 0, seconds++)),
    );
    reports.push((await ingestObject(deps, key)).report);
  };

  const tws: Tw[] = plan.toewijzingen.map((t, i) => ({
    ...t,
    nummer: 6001 + i,
    eind: t.eind === null ? null : Math.max(t.eind, t.start),
  }));
  const row = (t: Tw, toewijzingsdatum: string, redenWijziging: string | null = null) => {
    const p = PRODUCTS[t.product];
    return {
      nummer: t.nummer,
      bsn: CLIENTS[t.client],
      agb: p.agb,
      categorie: p.categorie,
      code: p.code,
      toewijzingsdatum,
      ingangsdatum: `${MONTHS[t.start]}-01`,
      // A removal (13) has Einddatum = Ingangsdatum (CS335).
      einddatum:
        redenWijziging === '13'
          ? `${MONTHS[t.start]}-01`
          : t.eind === null
            ? '2022-12-31'
            : `${MONTHS[t.eind]}-${t.eind === 1 ? '28' : '31'}`,
      redenWijziging,
      volume: 7,
      eenheid: '14',
      frequentie: '2',
      herkomst: t.herkomst,
    };
  };
  await upload('toewijzingen.csv', toewijzingCsv(tws.map((t) => row(t, '2021-12-15'))));
  const changed = new Map<number, Tw & { verwijderd: boolean }>();
  for (const w of plan.wijzigingen) {
    const t = tws[w.tw % tws.length];
    changed.set(t.nummer, { ...t, eind: Math.max(w.eind, t.start), verwijderd: w.verwijderd });
  }
  if (changed.size)
    await upload(
      'toewijzingen-wijziging.csv',
      toewijzingCsv([...changed.values()].map((t) => row(t, '2022-01-10', t.verwijderd ? '13' : '14'))),
    );

  const lines = new Map<string, { signed: number; agb: string }>();
  const debits = new Map<string, LineSpec[]>();
  let ref = 0;
  // Declarations in month order, as providers send them; within one, a toewijzing and a debit at most once (a
  // second debit or credit of the same in one message is a level-2 error that rejects it whole).
  const files = [...plan.files].sort((a, b) => a.month - b.month);
  for (const [f, file] of files.entries()) {
    const p = PRODUCTS[file.product];
    const maand = MONTHS[file.month];
    const specs: LineSpec[] = [];
    const used = new Set<number | string>();
    for (const l of file.lines) {
      const earlier = debits.get(p.agb) ?? [];
      if (l.creditOf !== null && earlier.length) {
        const debit = earlier[l.creditOf % earlier.length];
        if (used.has(debit.referentieNummer)) continue;
        used.add(debit.referentieNummer);
        specs.push(credit(debit, `R${String(++ref).padStart(6, '0')}`));
        continue;
      }
      const own = tws.filter((t) => t.product === file.product);
      const tw = l.tw < 18 && own.length ? own[l.tw % own.length] : undefined;
      const nummer = tw?.nummer ?? 6900 + l.tw;
      if (used.has(nummer)) continue;
      used.add(nummer);
      const client = tw ? tw.client : l.tw % CLIENTS.length;
      specs.push(
        line(maand, `R${String(++ref).padStart(6, '0')}`, {
          toewijzingNummer: nummer,
          bsn: CLIENTS[l.otherClient ? (client + 1) % CLIENTS.length : client],
          productCategorie: p.categorie,
          productCode: p.code,
          tarief: l.wrongTariff ? p.tarief + 100 : p.tarief,
        }),
      );
    }
    if (!specs.length) continue;
    for (const s of specs) {
      lines.set(s.referentieNummer, { signed: s.debetCredit === 'C' ? -s.bedrag : s.bedrag, agb: p.agb });
      if (s.debetCredit === 'D') debits.set(p.agb, [...(debits.get(p.agb) ?? []), s]);
    }
    await upload(`declaratie-${f}.csv`, declaratieCsv({ nummer: `D${f}`, maand, lines: specs, agb: p.agb }));
  }
  return { store, deps, reports, lines };
}

/** The ledger, line by line: approved amounts, volumes and clients per month × origin × taakveld × provider. */
function fromLedger(store: MemoryItemStore) {
  const rows = new Map<string, { toegekend: number; volume: Record<string, number>; clients: Set<string> }>();
  for (const item of store.dump()) {
    if (item.sk !== 'USAGE') continue;
    for (const e of (item as UsageItem).entries) {
      const id = `${e.maand}|${e.herkomst}|${e.taakveld}|${e.agb}`;
      const r = rows.get(id) ?? { toegekend: 0, volume: {}, clients: new Set<string>() };
      r.toegekend += e.bedrag;
      r.volume[e.eenheid] = (r.volume[e.eenheid] ?? 0) + (e.dc === 'C' ? -e.volume : e.volume);
      if (e.dc === 'D') r.clients.add(e.client.slice(0, CLIENT_PREFIX));
      rows.set(id, r);
    }
  }
  return rows;
}

/** The stand from the stored toewijzingen: the latest version of each, active on the date, distinct clients. */
function standFromItems(store: MemoryItemStore, datum: string) {
  const clients = new Map<string, Set<string>>();
  for (const item of store.dump()) {
    if (item.sk !== 'TW') continue;
    const versions = [...(item as ToewijzingItem).versions].sort((a, b) =>
      `${a.toewijzingsdatum}T${a.toewijzingstijd}`.localeCompare(
        `${b.toewijzingsdatum}T${b.toewijzingstijd}`,
      ),
    );
    const v = versions.at(-1)!;
    if (v.redenWijziging === '13' || v.ingangsdatum > datum || (v.einddatum !== null && v.einddatum < datum))
      continue;
    const taakveld = PRODUCTS.find((p) => p.code === v.code)!.taakveld;
    const id = `${v.herkomst}|${taakveld}`;
    clients.set(id, (clients.get(id) ?? new Set()).add(v.client));
  }
  return clients;
}

const shuffle = <T>(xs: readonly T[], keys: readonly number[]): T[] =>
  xs
    .map((x, i) => ({ x, k: keys[i % keys.length] * 1000 + i }))
    .sort((a, b) => a.k - b.k)
    .map(({ x }) => x);

describe('monitor aggregates (property)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-monitor-prop-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('equal the ledger and the stored toewijzingen, and do not depend on the order of the contributions', async () => {
    const region = (await nmlRegion()).region;
    const pseudonym = pseudonymiser(await fixedSecrets().pseudonymKey());
    let run = 0;
    const seen = { approved: 0, rejected: 0, credits: 0, active: 0, wijzigingen: 0 };
    await fc.assert(
      fc.asyncProperty(
        planArb,
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 20 }),
        async (plan, order) => {
          const ingested = await ingestPlan(join(dir, String(run++)), plan);
          const data = await loadMonitorData(ingested.store, ['0983']);
          const f = { van: '2021-12', tot: '2022-04' };
          const rows = maandCijfers(data, f);

          // Approved money, volume and clients: the contributions equal the ledger, per row.
          const ledger = fromLedger(ingested.store);
          const declared = rows.filter((r) => r.regels > 0);
          for (const r of declared) {
            const l = ledger.get(`${r.maand}|${r.gemeente}|${r.taakveld}|${r.aanbieder}`);
            expect({ toegekend: r.toegekend, clienten: r.clienten }).toEqual({
              toegekend: l?.toegekend ?? 0,
              clienten: l?.clients.size ?? 0,
            });
            for (const [eenheid, v] of Object.entries(l?.volume ?? {}))
              expect(r.volume[eenheid] ?? 0).toBe(v);
          }
          for (const [id, l] of ledger) {
            if (l.toegekend === 0 && l.clients.size === 0) continue;
            expect(declared.some((r) => `${r.maand}|${r.gemeente}|${r.taakveld}|${r.aanbieder}` === id)).toBe(
              true,
            );
          }

          // Every declared line is counted once, with its amount, approved or rejected as its answer says.
          const decl = ingested.reports.filter((r) => r.kind === 'declaratie');
          const prestaties = decl.flatMap((r) => r.declaraties.flatMap((d) => d.prestaties));
          expect(rows.reduce((s, r) => s + r.regels, 0)).toBe(prestaties.length);
          const sum = (refs: readonly { referentieNummer: string }[]) =>
            refs.reduce((s, p) => s + ingested.lines.get(p.referentieNummer)!.signed, 0);
          expect(rows.reduce((s, r) => s + r.ingediend, 0)).toBe(sum(prestaties));
          const rejected = prestaties.filter((p) => p.status === 'afgewezen');
          seen.approved += prestaties.length - rejected.length;
          seen.rejected += rejected.length;
          seen.credits += [...ingested.lines.values()].filter((l) => l.signed < 0).length;
          expect(rows.reduce((s, r) => s + r.afgewezen, 0)).toBe(sum(rejected));
          expect(afwijzingen(data, f).reduce((s, r) => s + r.regels, 0)).toBe(
            rejected.reduce((s, p) => s + p.retourcodes.length, 0),
          );

          // The stand equals the stored toewijzingen.
          const expected = standFromItems(ingested.store, plan.datum);
          const s = stand(data, region, plan.datum);
          for (const r of s.rijen) {
            for (const tv of ['BW', 'MO'] as const) {
              expect(r[tv]).toBe(expected.get(`${r.gemeente}|${tv}`)?.size ?? 0);
            }
          }
          // Totaal counts a client once per municipality, whatever taakvelden the client has there.
          for (const r of s.rijen) {
            const distinct = new Set(
              ['BW', 'MO'].flatMap((tv) => [...(expected.get(`${r.gemeente}|${tv}`) ?? [])]),
            );
            expect(r.totaal).toBe(distinct.size);
          }
          seen.wijzigingen += ingested.reports.filter(
            (r) => r.file.endsWith('wijziging.csv') && r.status === 'geaccepteerd',
          ).length;
          seen.active += s.totaal.totaal;

          // No client identity leaves as anything but a pseudonym prefix.
          const text = JSON.stringify({ rows, s, data: [...data.declaraties] });
          for (const bsn of CLIENTS) {
            expect(text).not.toContain(bsn);
            expect(text).not.toContain(pseudonym(bsn));
          }

          // Order independence: the same contributions in another order give the same figures.
          const shuffled: MonitorData = {
            files: data.files,
            declaraties: shuffle(data.declaraties, order),
            toewijzingen: shuffle(data.toewijzingen, order),
            taakgericht: shuffle(data.taakgericht, order),
          };
          expect(maandCijfers(shuffled, f)).toEqual(rows);
          expect(stand(shuffled, region, plan.datum)).toEqual(s);
          expect(trend(shuffled, f)).toEqual(trend(data, f));
          expect(afwijzingen(shuffled, f)).toEqual(afwijzingen(data, f));
        },
      ),
      // A fixed seed by default (FC_SEED=n to explore others): the coverage checks below then cannot fail by
      // chance, which with random seeds they did about once in fifteen runs.
      { numRuns: 25, seed: Number(process.env.FC_SEED ?? 20261124) },
    );
    // The data exercised what the property is about.
    expect(seen.approved).toBeGreaterThan(20);
    expect(seen.rejected).toBeGreaterThan(20);
    expect(seen.credits).toBeGreaterThan(5);
    expect(seen.active).toBeGreaterThan(10);
    expect(seen.wijzigingen).toBeGreaterThan(3);
  });
});
