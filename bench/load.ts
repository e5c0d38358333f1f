/**
 * `npm run bench -- load`: the whole local stack (`bwmo serve`: s3rver → router → FIFO queue per municipality →
 * ingest → dynalite and the bucket) under the load of a whole region at once. Each of the 14 municipalities of the
 * example region uploads its own toewijzingen and then 19 monthly declarations (a few hundred lines each, WMO323 and
 * CSV in turn, two planted rejections per declaration) through the S3 API, one after another per municipality and
 * all municipalities at the same time, as fast as the S3 API takes them.
 *
 * Prints the wall time, files/s and lines/s, the per-file latency from PutObject to report (p50, p95, the slowest
 * file) and the processing time per file without its wait in the queue, and peak RSS. Fails (exit 1) unless every
 * municipality's files were processed in the order the router received them (which must be the upload order), every
 * file has its answer or quarantine report with the lines it holds, exactly the planted lines were rejected, and no
 * message ended as dead letter. Runs in a process of its own, so peak RSS is the stack's (and the uploader's).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { testBsn } from '../examples/generator/bsn';
import type { GenPrestatie } from '../examples/generator/generate';
import { declaratieText } from '../examples/generator/write';
import { logger } from '../functions/aws';
import { addDays, daysInclusive, lastOfMonth, monthsBetween, nextMonth } from '../pipeline/dates';
import { parseInboxKey } from '../pipeline/ingest';
import { contractTarief, loadRegion, type RegionData } from '../pipeline/region/load';
import { csvText, toewijzingCsvRow } from '../pipeline/write/csv';
import { TOEWIJZING_COLUMNS } from '../schemas/csv';
import type { DeclaratieKop } from '../schemas/iwmo/wmo323';
import type { Report } from '../schemas/report';
import { BUCKET, s3rverClient, startServe } from '../serve/serve';

const ROOT = join(__dirname, '..');
const REGION = join(ROOT, 'examples', 'regions', 'nml');
const OUT = join(ROOT, 'bench-output', 'load');
/** Months with declarations: 19 of them, so 20 files per municipality with its toewijzingen. */
const FIRST_MONTH = '2021-01';
const LAST_MONTH = '2022-07';
/** Clients per municipality: one per this many inhabitants, within the bounds (a few hundred lines per file). */
const INHABITANTS_PER_CLIENT = 250;
const MIN_CLIENTS = 80;
const MAX_CLIENTS = 400;
const PROVIDERS: Record<string, readonly string[]> = {
  'Noord-Limburg': ['12340001', '12340002', '12340005'],
  'Midden-Limburg': ['12340003', '12340004'],
};

interface LoadFile {
  readonly gemeente: string;
  readonly name: string;
  readonly path: string;
  readonly kind: 'toewijzing' | 'declaratie';
  readonly lines: number;
  /** Lines planted to be rejected. */
  readonly planted: number;
  readonly bytes: number;
}

/** One municipality's files: its toewijzingen (it sends them itself), then a declaration per month. */
async function municipalityFiles(data: RegionData, index: number, offset: number): Promise<LoadFile[]> {
  const g = data.region.gemeenten[index];
  const inwoners = Object.values(g.inwoners)[0] ?? 0;
  const clients = Math.min(MAX_CLIENTS, Math.max(MIN_CLIENTS, Math.round(inwoners / INHABITANTS_PER_CLIENT)));
  const providers = PROVIDERS[g.subregio ?? ''] ?? PROVIDERS['Noord-Limburg'];
  const agb = providers[index % providers.length];
  const code = (i: number) => (i % 5 === 4 ? '15A07' : '15A02');
  const dir = join(OUT, g.code);
  await mkdir(dir, { recursive: true });
  const files: LoadFile[] = [];
  const put = async (name: string, text: string, file: Omit<LoadFile, 'path' | 'name' | 'bytes'>) => {
    const path = join(dir, name);
    await writeFile(path, text);
    files.push({ ...file, name, path, bytes: Buffer.byteLength(text) });
  };

  const toewijzingen = Array.from({ length: clients }, (_, i) =>
    toewijzingCsvRow(g.code, agb, {
      bsn: testBsn(offset + i),
      toewijzingNummer: 100_000 + i,
      referentieAanbieder: null,
      productCategorie: '15',
      productCode: code(i),
      toewijzingsdatum: '2020-12-10',
      toewijzingstijd: '09:30:00',
      ingangsdatum: `${FIRST_MONTH}-01`,
      einddatum: '2022-12-31',
      redenWijziging: null,
      omvang: { volume: 7, eenheid: '14', frequentie: '2' },
      budget: null,
      herkomstgemeente: null,
    }),
  );
  await put(`00-toewijzingen-${g.code}.csv`, csvText(TOEWIJZING_COLUMNS, toewijzingen), {
    gemeente: g.code,
    kind: 'toewijzing',
    lines: clients,
    planted: 0,
  });

  for (const [m, maand] of monthsBetween(FIRST_MONTH, LAST_MONTH).entries()) {
    const begin = `${maand}-01`;
    const eind = lastOfMonth(begin);
    const yymm = maand.slice(2).replace('-', '');
    const lines: GenPrestatie[] = Array.from({ length: clients }, (_, i) => {
      const tarief = contractTarief(data.tarieven, agb, '15', code(i), begin)!.productTarief;
      const volume = daysInclusive(begin, eind);
      return {
        bsn: testBsn(offset + i),
        referentieNummer: `${g.code}${yymm}${String(i).padStart(5, '0')}`,
        vorigReferentieNummer: null,
        toewijzingNummer: 100_000 + i,
        productCategorie: '15',
        productCode: code(i),
        begin,
        eind,
        volume,
        eenheid: '14',
        tarief,
        bedrag: volume * tarief,
        debetCredit: 'D',
      };
    });
    // Planted: a tariff that is not the contract's (0611), and a toewijzing the municipality does not know (9338).
    const a = m % clients;
    const b = (m + 7) % clients;
    lines[a] = { ...lines[a], tarief: 1, bedrag: lines[a].volume };
    lines[b] = { ...lines[b], toewijzingNummer: 900_000 + b };
    const total = lines.reduce((s, p) => s + p.bedrag, 0);
    const kop: DeclaratieKop = {
      declaratieNummer: `L${g.code}${yymm}`,
      periodeBegin: begin,
      periodeEind: eind,
      dagtekening: addDays(`${nextMonth(maand)}-01`, 4),
      totaalBedrag: total,
      totaalDebetCredit: 'D',
    };
    const formaat = m % 2 === 0 ? 'xml' : 'csv';
    const text = declaratieText({
      gemeente: g.code,
      agb,
      maand,
      identificatie: `L${yymm}${g.code}`,
      dagtekening: kop.dagtekening,
      kop,
      formaat,
      clienten: lines.map((p) => ({ bsn: p.bsn, prestaties: [p] })),
      planted: [],
      plantedState: [],
    });
    const stem = `${String(m + 1).padStart(2, '0')}-declaratie-${maand}`;
    await put(`${stem}.${formaat}`, text, {
      gemeente: g.code,
      kind: 'declaratie',
      lines: clients,
      planted: 2,
    });
  }
  return files;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number) => `${Math.round(n)} ms`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** VmRSS, RssAnon, RssFile … of this process in kB (Linux; empty elsewhere). */
function readProcStatus(): Record<string, number> {
  try {
    const out: Record<string, number> = {};
    for (const m of readFileSync('/proc/self/status', 'utf8').matchAll(/^(\w+):\s+(\d+) kB$/gm))
      out[m[1]] = Number(m[2]);
    return out;
  } catch {
    return {};
  }
}

/** Size of a folder's files in MB. */
async function duMb(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return bytes / 1e6;
}

interface Timing {
  readonly file: LoadFile;
  readonly key: string;
  readonly put: number;
  done: number;
  report: Report | null;
}

async function runLoad(): Promise<void> {
  logger.setLogLevel('SILENT');
  const data = await loadRegion(REGION);
  await rm(OUT, { recursive: true, force: true });
  const perGemeente: LoadFile[][] = [];
  let offset = 0;
  for (let i = 0; i < data.region.gemeenten.length; i++) {
    perGemeente.push(await municipalityFiles(data, i, offset));
    offset += MAX_CLIENTS;
  }
  const files = perGemeente.flat();
  const totalLines = files.reduce((n, f) => n + f.lines, 0);
  const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
  console.log(
    `load: ${perGemeente.length} municipalities × ${perGemeente[0].length} files = ${files.length} files, ` +
      `${int(totalLines)} lines, ${(totalBytes / 1e6).toFixed(1)} MB ` +
      `(declarations ${Math.min(...files.filter((f) => f.kind === 'declaratie').map((f) => f.lines))}–` +
      `${Math.max(...files.map((f) => f.lines))} lines; written to ${OUT})`,
  );

  const dir = await mkdtemp(join(tmpdir(), 'bwmo-load-'));
  let alerts = 0;
  const serving = await startServe({
    data: join(dir, 'data'),
    region: REGION,
    ports: { s3: 0, dynamo: 0, sftp: 0, http: 0 },
    log: (line) => {
      if (line.startsWith('melding:')) alerts++;
      else if (line.startsWith('fout bij')) console.log(`  ${line}`);
    },
  });
  const s3 = s3rverClient(serving.s3);
  const failures: string[] = [];
  const timings: Timing[] = [];
  // Memory while it runs (peak RSS alone does not say what holds it): the JS heap, buffers, and on Linux the
  // resident anonymous memory and the resident file-backed pages (LevelDB maps its table files into memory).
  const peak = { heapUsed: 0, external: 0, anon: 0, file: 0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
    const status = readProcStatus();
    peak.anon = Math.max(peak.anon, status.RssAnon ?? 0);
    peak.file = Math.max(peak.file, status.RssFile ?? 0);
  }, 250);
  const uploadOrder = new Map<string, string[]>();
  try {
    const start = performance.now();
    const pending: Promise<void>[] = [];
    await Promise.all(
      perGemeente.map(async (list) => {
        for (const file of list) {
          const key = `inbox/${file.gemeente}/${file.name}`;
          const body = await readFile(file.path);
          const timing: Timing = { file, key, put: performance.now(), done: 0, report: null };
          timings.push(timing);
          uploadOrder.set(file.gemeente, [...(uploadOrder.get(file.gemeente) ?? []), key]);
          pending.push(
            serving.waitFor(key).then(
              (report) => {
                timing.done = performance.now();
                timing.report = report;
              },
              (err: Error) => {
                timing.done = performance.now();
                failures.push(`${key}: ${err.message}`);
              },
            ),
          );
          await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
        }
      }),
    );
    const uploaded = performance.now() - start;
    await Promise.all(pending);
    const wall = performance.now() - start;
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

    // Checks: order, outcome of every file, planted rejections, dead letters.
    for (const [g, keys] of uploadOrder) {
      const received = serving.received.get(g) ?? [];
      const processed = serving.processed.get(g) ?? [];
      if (JSON.stringify(received) !== JSON.stringify(keys))
        failures.push(`${g}: router received ${received.join(', ')}; uploaded ${keys.join(', ')}`);
      if (JSON.stringify(processed) !== JSON.stringify(received))
        failures.push(`${g}: processed ${processed.join(', ')}; received ${received.join(', ')}`);
    }
    let answers = 0;
    let quarantined = 0;
    let rejected = 0;
    let planted = 0;
    for (const t of timings) {
      const r = t.report;
      if (!r) continue;
      planted += t.file.planted;
      rejected += r.counts.afgewezen;
      const { gemeente: g, name } = parseInboxKey(t.key);
      if (r.status === 'quarantaine') {
        quarantined++;
        if (!(await serving.deps.blobs.exists(`quarantine/${g}/${name}.rapport.json`)))
          failures.push(`${t.key}: quarantined without a report`);
        continue;
      }
      if (!(await serving.deps.blobs.exists(`outbox/${g}/${name}.rapport.json`)))
        failures.push(`${t.key}: no report in the outbox`);
      if (t.file.kind === 'declaratie') {
        const ext = name.endsWith('.xml') ? 'xml' : 'csv';
        if (await serving.deps.blobs.exists(`outbox/${g}/${name}.antwoord.${ext}`)) answers++;
        else failures.push(`${t.key}: no answer in the outbox`);
      }
      if (r.counts.regels !== t.file.lines || r.counts.regels !== r.counts.geaccepteerd + r.counts.afgewezen)
        failures.push(`${t.key}: counts ${JSON.stringify(r.counts)}, ${t.file.lines} lines in the file`);
      if (r.counts.afgewezen !== t.file.planted)
        failures.push(
          `${t.key}: ${r.counts.afgewezen} lines rejected, ${t.file.planted} planted: ${JSON.stringify(r.findings.slice(0, 3))}`,
        );
    }
    if (quarantined) failures.push(`${quarantined} files quarantined; none expected`);
    if (serving.queue.deadLetters.length)
      failures.push(`dead letters: ${serving.queue.deadLetters.map((d) => d.message.key).join(', ')}`);
    const expectedAlerts = files.filter((f) => f.planted > 0).length;
    if (alerts !== expectedAlerts) failures.push(`${alerts} alerts; ${expectedAlerts} expected`);

    // Figures: latency from PutObject to report; processing time = latency minus the wait behind the
    // municipality's earlier files (from the later of its PutObject and the previous file's report).
    const latency = timings.map((t) => t.done - t.put).sort((a, b) => a - b);
    const slowest = timings.reduce((a, b) => (b.done - b.put > a.done - a.put ? b : a));
    const service: number[] = [];
    for (const list of perGemeente) {
      let previous = 0;
      for (const file of list) {
        const t = timings.find((x) => x.file === file)!;
        service.push(t.done - Math.max(t.put, previous));
        previous = t.done;
      }
    }
    service.sort((a, b) => a - b);
    const lines = timings.reduce((n, t) => n + (t.report?.counts.regels ?? 0), 0);
    console.log(`  uploads: all ${files.length} PutObjects done after ${ms(uploaded)}`);
    console.log(`  wall time (first PutObject → last report): ${(wall / 1000).toFixed(1)} s`);
    console.log(
      `  throughput: ${((files.length / wall) * 1000).toFixed(2)} files/s, ${int((lines / wall) * 1000)} lines/s`,
    );
    console.log(
      `  per-file latency (PutObject → report): p50 ${ms(percentile(latency, 50))}, p95 ${ms(percentile(latency, 95))}, ` +
        `max ${ms(latency.at(-1)!)} (slowest: ${slowest.key}, ${slowest.file.lines} lines, ${(slowest.file.bytes / 1e3).toFixed(0)} kB)`,
    );
    console.log(
      `  per-file processing (without the wait behind earlier files of its municipality): p50 ${ms(percentile(service, 50))}, ` +
        `p95 ${ms(percentile(service, 95))}, max ${ms(service.at(-1)!)}`,
    );
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    console.log(
      `  peak RSS: ${peakRssMb} MB (one process: s3rver, dynalite, router, queue, ingest, SFTP and HTTP servers, uploader)`,
    );
    console.log(
      `    of which at most: JS heap used ${mb(peak.heapUsed)} MB, buffers ${mb(peak.external)} MB` +
        (peak.anon
          ? `; resident anonymous ${mb(peak.anon * 1024)} MB, resident file-backed ${mb(peak.file * 1024)} MB (LevelDB tables mapped)`
          : ''),
    );
    console.log(
      `  data folder after the run: dynalite ${(await duMb(join(dir, 'data', 'dynamo'))).toFixed(0)} MB, s3rver ${(await duMb(join(dir, 'data', 's3'))).toFixed(0)} MB`,
    );
    console.log(
      `  outcome: ${timings.filter((t) => t.report).length}/${files.length} reports, ${answers} answers, ${quarantined} quarantined; ` +
        `${int(lines)} lines read, ${rejected} rejected (${planted} planted); ${alerts} alerts; ${serving.queue.deadLetters.length} dead letters`,
    );
    console.log(
      `  order: ${failures.some((f) => /received|processed/.test(f)) ? 'VIOLATED' : 'OK'} — per municipality, processing order = router receive order = upload order`,
    );
  } finally {
    clearInterval(sampler);
    s3.destroy();
    await serving.close();
    await rm(dir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`\nLOAD TEST FAILED (${failures.length}):\n${failures.slice(0, 30).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('  all checks OK');
  }
}

/** Runs the load test in a process of its own (peak RSS is then the stack's); rejects if it fails. */
export async function benchLoad(): Promise<void> {
  console.log('\nbwmo serve under load: the whole region uploading through the S3 API at once');
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--uitvoeren'], {
    stdio: 'inherit',
    cwd: ROOT,
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`load test failed (exit ${code})`);
}

if (process.argv.includes('--uitvoeren')) {
  runLoad().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
