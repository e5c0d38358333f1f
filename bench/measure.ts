/**
 * One measurement in its own process (so peak RSS is its own): `node --import tsx bench/measure.ts TASK FILE`.
 * Prints {task, lines, ms, maxRssMb} as JSON.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { checkFile, checkReportHead } from '../pipeline/check';
import { ingestObject } from '../pipeline/ingest';
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
import { committedFiles, loadFiles, StateReader } from '../pipeline/state/reader';
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
    /** Only the reconcile step (pass 2: levels 3–4) against state in memory, after pass 1 has run. */
    'reconcile-memory': async (toewijzingen, declaraties) => {
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
      const state = new StateReader(store, '0983', committedFiles(await loadFiles(store, '0983')));
      const pseudonymise = pseudonymiser(await fixedSecrets().pseudonymKey());
      const start = process.hrtime.bigint();
      await reconcileDeclaraties({
        fileId: facts.sha256,
        gemeente: '0983',
        ontvangstdatum: '2021-04-10',
        declaraties: checked.declaraties,
        lines: async function* () {
          yield* readDeclaraties(
            decodeText(await source.open(), facts.encoding),
            facts,
            new FindingCollector(),
            { lines: 0 },
          );
        },
        state,
        ref: referenceData(region),
        pseudonymise,
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      await rm(dir, { recursive: true, force: true });
      const rejected = checked.declaraties.reduce((n, d) => n + d.size - d.approvedCount, 0);
      if (rejected > 0) throw new Error(`unexpected rejections: ${rejected}`);
      return { lines: checked.lines, ms: Math.round(ms) };
    },
  };

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
  const start = process.hrtime.bigint();
  const { report } = await ingestObject(deps, 'inbox/0983/declaraties.csv');
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
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
  const start = process.hrtime.bigint();
  const lines = await run(file);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ task, lines, ms: Math.round(ms), maxRssMb: Math.round(maxRssMb) })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
