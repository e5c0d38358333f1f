/**
 * One measurement in its own process (so peak RSS is its own): `node --import tsx bench/measure.ts TASK FILE`.
 * Prints {task, lines, ms, maxRssMb} as JSON.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import Papa from 'papaparse';
import { SaxesParser } from 'saxes';
import { z } from 'zod';
import { checkFile, checkReportHead } from '../pipeline/check';
import { ingestObject, rulesFingerprint } from '../pipeline/ingest';
import type { ItemStore } from '../pipeline/ports';
import { pseudonymiser } from '../pipeline/pseudonym';
import { FindingCollector } from '../pipeline/read/collector';
import { readDeclaraties } from '../pipeline/read/declaraties';
import { decodeText } from '../pipeline/read/decode';
import { papaBatches } from '../pipeline/read/papa';
import { sniff } from '../pipeline/read/sniff';
import { reconcileDeclaraties } from '../pipeline/reconcile/declaraties';
import { loadRegion } from '../pipeline/region/load';
import { referenceData } from '../pipeline/region/reference';
import { renderReport } from '../pipeline/report/render';
import { pathSource } from '../pipeline/source';
import { attemptOf } from '../pipeline/state/items';
import { committedFiles, loadFiles, StateReader } from '../pipeline/state/reader';
import type { DeclaratieRegel } from '../schemas/iwmo/wmo323';
import { startDynalite, TABLE } from '../stores/dynalite';
import { DynamoItemStore } from '../stores/dynamo';
import { LocalBlobStore } from '../stores/local-blobs';
import { fixedSecrets } from '../stores/local-secrets';
import { MemoryItemStore } from '../stores/memory';

type Task = (file: string) => Promise<number>;

const REGION = join(__dirname, '..', 'examples', 'regions', 'nml');

const TASKS: Record<string, Task> = {
  /** Baseline: papaparse over the same stream and decoder, counting rows, nothing else. */
  'papaparse-parse-only': async (file) => {
    let rows = 0;
    for await (const batch of papaBatches(
      decodeText(createReadStream(file, { highWaterMark: 64 * 1024 }), 'utf-8'),
      ';',
    )) {
      rows += batch.rows.length;
    }
    return rows - 1;
  },
  /**
   * Baseline as the issue measured it, by its two figures (parse-only ≈ 555k lines/s, the naive checker ≈ 0.34×):
   * papaparse's own Node stream with `header: true`, one object per row keyed by the header's names. The strict
   * baseline above (rows as arrays) is about three times faster; under it the naive checker is ≈ 0.1×.
   */
  'papaparse-header-rows': async (file) => {
    let rows = 0;
    const parsed = createReadStream(file, { highWaterMark: 64 * 1024 }).pipe(
      Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: ';', header: true }),
    );
    parsed.on('data', () => {
      rows++;
    });
    await once(parsed, 'end');
    return rows;
  },
  /** Baseline: saxes over the same stream and decoder, counting Prestatie elements, nothing else. */
  'saxes-parse-only': async (file) => {
    const parser = new SaxesParser({ xmlns: true, position: true });
    let n = 0;
    parser.on('opentag', (t) => {
      if (t.local === 'Prestatie') n++;
    });
    for await (const chunk of decodeText(createReadStream(file, { highWaterMark: 64 * 1024 }), 'utf-8'))
      parser.write(chunk);
    parser.close();
    return n;
  },
  /**
   * The reference point for "naive" (≈ 0.34× of parse-only where the issue was written): papaparse's own
   * Node stream with header objects, a zod schema per row and decimal.js amounts. Not used by the product.
   */
  'naive-zod-decimal': async (file) => {
    const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
    const cents = z
      .string()
      .regex(/^\d+$/)
      .transform((s) => new Decimal(s).dividedBy(100));
    const integer = z.coerce.number().int().nonnegative();
    const row = z.object({
      Afzender: z.string().regex(/^\d{8}$/),
      Ontvanger: z.string().regex(/^\d{4}$/),
      DeclaratieNummer: z.string().min(1).max(12),
      DeclaratieDagtekening: date,
      DeclaratiePeriodeBegindatum: date,
      DeclaratiePeriodeEinddatum: date,
      TotaalIngediendBedrag: cents,
      TotaalDebetCredit: z.enum(['D', 'C']),
      Bsn: z.string().regex(/^\d{9}$/),
      ReferentieNummer: z.string().min(1).max(20),
      VorigReferentieNummer: z.string().max(20),
      ToewijzingNummer: integer,
      ProductCategorie: z.string().regex(/^\d{2}$/),
      ProductCode: z.string().min(1).max(5),
      ProductPeriodeBegindatum: date,
      ProductPeriodeEinddatum: date,
      GeleverdVolume: integer,
      Eenheid: z.string().regex(/^\d{2}$/),
      ProductTarief: cents,
      IngediendBedrag: cents,
      DebetCredit: z.enum(['D', 'C']),
    });
    let valid = 0;
    const rows = createReadStream(file).pipe(
      Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: ';', header: true }),
    );
    rows.on('data', (r: unknown) => {
      if (row.safeParse(r).success) valid++;
    });
    await once(rows, 'end');
    return valid;
  },
  /** What `bwmo check FILE` does: sniff, levels 1–2, and the full JSON report written out. */
  check: async (file) => {
    const checked = await checkFile(pathSource(file, file));
    const out = createWriteStream('/dev/null');
    for (const piece of renderReport(checkReportHead(checked), checked.declaraties)) {
      if (!out.write(piece)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    if (checked.findings.some((f) => f.severity === 'fout'))
      throw new Error(`unexpected findings: ${JSON.stringify(checked.findings.slice(0, 3))}`);
    return checked.lines;
  },
};

/** Ingest tasks: the toewijzing file is loaded first (not timed); the declaration file is timed. */
const INGEST: Record<string, (toewijzingen: string, declaraties: string) => Promise<Record<string, number>>> =
  {
    /** `bwmo ingest` of a declaration file on the embedded stack: dynalite over loopback, the bucket as a folder. */
    'ingest-dynalite': async (toewijzingen, declaraties) => {
      const dynamo = await startDynalite();
      const store = new DynamoItemStore({ table: TABLE, client: dynamo.client });
      const result = await ingestTimed(store, toewijzingen, declaraties);
      await dynamo.close();
      return result;
    },
    /** The whole ingest of the declaration file with the state in memory (no database round trips). */
    'ingest-memory': (toewijzingen, declaraties) =>
      ingestTimed(new MemoryItemStore({ clone: false }), toewijzingen, declaraties),
    /**
     * The pure reconcile step (levels 3–4, pipeline/reconcile) against state in memory: the file's lines are read
     * beforehand and the state they need (toewijzingen, usage, ReferentieNummers) is loaded beforehand, so the
     * figure is the judging and the items it decides, not reading or loading.
     */
    'reconcile-memory': (toewijzingen, declaraties) =>
      reconcileTimed(toewijzingen, declaraties, 'state-in-memory'),
    /** The same step loading its state per chunk from the item store (in memory, no network). */
    'reconcile-load': (toewijzingen, declaraties) =>
      reconcileTimed(toewijzingen, declaraties, 'state-from-store'),
    /** Pass 2 as ingest runs it: loading per chunk and reading the file again from disk. */
    'reconcile-reread': (toewijzingen, declaraties) => reconcileTimed(toewijzingen, declaraties, 'reread'),
  };

async function reconcileTimed(
  toewijzingen: string,
  declaraties: string,
  mode: 'state-in-memory' | 'state-from-store' | 'reread',
): Promise<Record<string, number>> {
  const store = new MemoryItemStore({ clone: false });
  const dir = await mkdtemp(join(tmpdir(), 'bwmo-bench-'));
  const blobs = new LocalBlobStore(dir);
  const region = await loadRegion(REGION);
  const deps = { store, blobs, secrets: fixedSecrets(), alerts: { send: async () => undefined }, region };
  await blobs.put('inbox/0983/toewijzingen.csv', createReadStream(toewijzingen));
  await ingestObject(deps, 'inbox/0983/toewijzingen.csv');
  const source = pathSource(declaraties, declaraties);
  const facts = await sniff(source);
  const checked = await checkFile(source, facts);
  const records = await loadFiles(store, '0983');
  const state = new StateReader(store, '0983', committedFiles(records));
  const pseudonymise = pseudonymiser(await fixedSecrets().pseudonymKey());
  const readLines = async function* () {
    yield* readDeclaraties(decodeText(await source.open(), facts.encoding), facts, new FindingCollector(), {
      lines: 0,
    });
  };
  const inMemory: DeclaratieRegel[][] = [];
  const reread = mode === 'reread';
  if (!reread) for await (const batch of readLines()) inMemory.push(batch);
  if (mode === 'state-in-memory') {
    // The state the file needs, loaded from the item store beforehand by the same calls the step makes per chunk
    // (which then find everything loaded).
    const all = inMemory.flat();
    await state.loadToewijzingen(all.map((r) => r.prestatie.toewijzingNummer));
    await state.loadRefs(
      all.map((r) => r.bericht.afzender),
      all.map((r) => r.prestatie.referentieNummer),
    );
  }
  // The items each chunk decides are handed over; writing them is the store's work, not the step's.
  let handedOver = 0;
  const stopProfile = await profileTimedPart();
  const start = process.hrtime.bigint();
  const { items } = await reconcileDeclaraties({
    fileId: facts.sha256,
    poging: attemptOf(facts.sha256, '2021-04-10T08:00:00Z', records.values(), rulesFingerprint(region)),
    gemeente: '0983',
    ontvangstdatum: '2021-04-10',
    declaraties: checked.declaraties,
    lines: reread
      ? readLines
      : async function* () {
          yield* inMemory;
        },
    state,
    ref: referenceData(region),
    pseudonymise,
    write: async (decided) => {
      handedOver += decided.length;
    },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await stopProfile();
  await rm(dir, { recursive: true, force: true });
  const rejected = checked.declaraties.reduce((n, d) => n + d.size - d.approvedCount, 0);
  if (rejected > 0) throw new Error(`unexpected rejections: ${rejected}`);
  // Every line took a new ReferentieNummer (handed over per chunk) and touched a toewijzing (usage, at the end).
  if (handedOver !== checked.lines || items.length < checked.lines)
    throw new Error(
      `${handedOver} ReferentieNummers and ${items.length} other items for ${checked.lines} lines`,
    );
  return { lines: checked.lines, ms: Math.round(ms) };
}

/** With BENCH_PROFILE=FILE, a CPU profile of the timed part only (open it in Chrome DevTools). */
async function profileTimedPart(): Promise<() => Promise<void>> {
  const target = process.env.BENCH_PROFILE;
  if (!target) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // Every 0.1 ms rather than 1 ms: the step takes well under a second.
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(target, JSON.stringify(profile));
    session.disconnect();
  };
}

async function ingestTimed(
  store: ItemStore,
  toewijzingen: string,
  declaraties: string,
): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'bwmo-bench-'));
  const blobs = new LocalBlobStore(dir);
  const deps = {
    store,
    blobs,
    secrets: fixedSecrets(),
    alerts: { send: async () => undefined },
    region: await loadRegion(REGION),
  };
  await blobs.put('inbox/0983/toewijzingen.csv', createReadStream(toewijzingen));
  await ingestObject(deps, 'inbox/0983/toewijzingen.csv');
  await blobs.put('inbox/0983/declaraties.csv', createReadStream(declaraties));
  const reads = store.stats.readRequests;
  const writes = store.stats.writeRequests;
  const stopProfile = await profileTimedPart();
  const start = process.hrtime.bigint();
  const { report } = await ingestObject(deps, 'inbox/0983/declaraties.csv');
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await stopProfile();
  await rm(dir, { recursive: true, force: true });
  if (report.counts.afgewezen > 0)
    throw new Error(`unexpected rejections: ${JSON.stringify(report.findings.slice(0, 3))}`);
  return {
    lines: report.counts.regels,
    ms: Math.round(ms),
    readRequests: store.stats.readRequests - reads,
    writeRequests: store.stats.writeRequests - writes,
  };
}

async function main(): Promise<void> {
  const [task, file, second] = process.argv.slice(2);
  const ingest = INGEST[task];
  if (ingest) {
    const result = await ingest(file, second);
    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(`${JSON.stringify({ task, ...result, maxRssMb })}\n`);
    return;
  }
  const run = TASKS[task];
  if (!run) throw new Error(`unknown task ${task}`);
  const stopProfile = await profileTimedPart();
  const start = process.hrtime.bigint();
  const lines = await run(file);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await stopProfile();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ task, lines, ms: Math.round(ms), maxRssMb: Math.round(maxRssMb) })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
