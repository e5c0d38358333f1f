/**
 * `npm run bench`: throughput and memory, each as a ratio to a baseline measured in the same run on the same file.
 * Not a test: it prints figures; targets are printed beside them.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { writeLargeDeclaratieCsv, writeLargeWmo323 } from '../examples/generator/large';

const run = promisify(execFile);
const OUT = join(__dirname, '..', 'bench-output');

interface Measurement {
  task: string;
  lines: number;
  ms: number;
  maxRssMb: number;
}

const MEASURE = join(OUT, 'measure.cjs');

/** Measurements run the same bundled code as the `bwmo` command (dist/bwmo.cjs), not the tsx-transformed sources. */
async function bundleMeasure(): Promise<void> {
  await build({
    entryPoints: [join(__dirname, 'measure.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: MEASURE,
    logLevel: 'warning',
  });
}

async function measure(task: string, file: string, repeat = 3): Promise<Measurement> {
  // Best of `repeat` runs, each in a fresh process; peak RSS is the highest seen.
  const runs: Measurement[] = [];
  for (let i = 0; i < repeat; i++) {
    const { stdout } = await run(process.execPath, [MEASURE, task, file], { maxBuffer: 1 << 20 });
    runs.push(JSON.parse(stdout.trim().split('\n').pop()!) as Measurement);
  }
  const fastest = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...fastest, maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

const perSecond = (m: Measurement) => Math.round((m.lines / m.ms) * 1000);

function report(
  title: string,
  baseline: Measurement,
  subject: Measurement,
  target: number,
  rssTarget?: number,
): void {
  const ratio = perSecond(subject) / perSecond(baseline);
  console.log(`\n${title}`);
  console.log(
    `  baseline ${baseline.task}: ${baseline.lines} lines in ${baseline.ms} ms = ${perSecond(baseline)} lines/s, peak RSS ${baseline.maxRssMb} MB`,
  );
  console.log(
    `  ${subject.task}: ${subject.lines} lines in ${subject.ms} ms = ${perSecond(subject)} lines/s, peak RSS ${subject.maxRssMb} MB`,
  );
  console.log(
    `  ratio ${ratio.toFixed(2)}x (target >= ${target}x) ${ratio >= target ? 'OK' : 'BELOW TARGET'}`,
  );
  if (rssTarget)
    console.log(
      `  peak RSS ${subject.maxRssMb} MB (target < ${rssTarget} MB) ${subject.maxRssMb < rssTarget ? 'OK' : 'ABOVE TARGET'}`,
    );
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  await bundleMeasure();
  const only = process.argv[2];
  const csv = join(OUT, 'declaratie-1m.csv');
  if (!existsSync(csv)) {
    console.log('generating 1,000,000-line declaratie CSV …');
    await writeLargeDeclaratieCsv(csv, 1_000_000);
  }
  const xml = join(OUT, 'wmo323-25mb.xml');
  if (!existsSync(xml)) {
    console.log('generating 25 MB WMO323 …');
    await writeLargeWmo323(xml, 25 * 1024 * 1024 - 64 * 1024);
  }
  if (!only || only === 'check') {
    console.log(
      `files: ${csv} (${((await stat(csv)).size / 1e6).toFixed(0)} MB), ${xml} (${((await stat(xml)).size / 1e6).toFixed(1)} MB)`,
    );
    report(
      'bwmo check, 1,000,000-line declaratie CSV',
      await measure('papaparse-parse-only', csv),
      await measure('check', csv),
      0.5,
      300,
    );
    report(
      'bwmo check, 25 MB WMO323',
      await measure('saxes-parse-only', xml),
      await measure('check', xml),
      0.5,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
