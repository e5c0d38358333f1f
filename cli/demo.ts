/**
 * `bwmo demo`: generates a realistic data set for the region (toewijzingen for the seed's client numbers,
 * six months of declarations per provider with planted errors, B&P reports), ingests it in upload order on the
 * embedded stack, and prints what was accepted and rejected, the monitor's stand and trend, and the provisional
 * settlement of the half year with the standard keys compared.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type GenerateOptions, generate } from '../examples/generator/generate';
import { BW_STAND_2020_07_01 } from '../examples/generator/seed';
import { writeGenerated } from '../examples/generator/write';
import { apiRouter } from '../pipeline/api/router';
import { loadRegion, type RegionData } from '../pipeline/region/load';
import { runSettlement } from '../pipeline/settle/run';
import { scenarioText, statementText } from '../pipeline/settle/text';
import { BUCKET } from '../stores/s3rver';
import { lockDataFolder } from './data-lock';
import { ingestFiles, summary } from './ingest';
import { writeAll } from './output';
import { askInProcess, viewText } from './report';
import { openLocal, type RuntimeOptions } from './runtime';

/** The demo's data set: half a year of the whole region, the centrumgemeente delivering every file. */
export const demoSet = (seed: number): GenerateOptions => ({
  seed,
  vanMaand: '2021-01',
  totMaand: '2021-06',
  toewijzer: 'centrum',
  formaat: 'gemengd',
  foutAandeel: 0.15,
  staatFoutAandeel: 0.02,
});

export async function runDemo(options: RuntimeOptions & { seed: string }): Promise<number> {
  if (!/^[0-9]{1,9}$/.test(options.seed)) {
    process.stderr.write(`bwmo demo: --seed ${options.seed} is geen geheel getal (0 tot 999999999)\n`);
    return 2;
  }
  const dataDir = resolve(options.data);
  // Starts afresh, but only in a folder that is the demo's own (or empty, or not there): never someone's data.
  const region = await loadRegion(resolve(options.region));
  // The generator reproduces Noord- en Midden-Limburg (its stand, providers, contracts): other regions have none.
  const seeded = Object.keys(BW_STAND_2020_07_01);
  const missing = seeded.filter((g) => g !== '0000' && !region.region.gemeenten.some((m) => m.code === g));
  if (missing.length > 0) {
    process.stderr.write(
      `bwmo demo: de voorbeeldset is die van Noord- en Midden-Limburg (examples/regions/nml); regio ${region.region.code} heeft de gemeenten ${missing.join(', ')} niet. Gebruik bwmo ingest met eigen bestanden, of --region examples/regions/nml\n`,
    );
    return 2;
  }
  if (!(await isDemoFolder(dataDir))) {
    process.stderr.write(
      `bwmo demo: ${dataDir} bevat al andere bestanden en is geen demomap; kies met --data een lege of nieuwe map\n`,
    );
    return 2;
  }
  // Emptied while holding its lock: never under a running `bwmo serve` or another command (they say so and stop).
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataFolder(dataDir);
  try {
    for (const entry of await readdir(dataDir))
      if (entry !== 'bwmo.lock') await rm(join(dataDir, entry), { recursive: true, force: true });
    return await demoIn(dataDir, region, options);
  } finally {
    await unlock();
  }
}

async function demoIn(
  dataDir: string,
  region: RegionData,
  options: RuntimeOptions & { seed: string },
): Promise<number> {
  const generated = generate(region, demoSet(Number(options.seed)));
  const filesDir = join(dataDir, 'voorbeeldbestanden');
  const manifest = await writeGenerated(generated, filesDir);
  await writeAll(process.stdout, [
    `Voorbeeldset gemaakt in ${filesDir}: ${generated.clients.length} clienten, ${generated.toewijzingen.length} toewijzingen, ${generated.declaraties.length} declaraties.\n\n`,
  ]);
  const runtime = await openLocal({ ...options, data: dataDir });
  try {
    const reports = await ingestFiles(
      runtime,
      manifest.files.map((f) => ({ path: join(filesDir, f.path), gemeente: f.gemeente })),
      process.stderr.isTTY,
    );
    const ask = askInProcess(apiRouter(runtime));
    // The provisional settlement of the half year, stored as version 1, with the standard keys side by side.
    const settlement = await runSettlement(runtime, {
      jaar: 2021,
      totMaand: '2021-06',
      sluit: false,
      scenarios: 'standaard',
    });
    await writeAll(process.stdout, [
      `${summary(reports)}\n\nAntwoorden en rapporten: ${runtime.s3 ? `s3://${BUCKET}/outbox (de bucket van bwmo serve)` : join(runtime.bucketDir, 'outbox')}\nMeldingen: ${join(dataDir, 'alerts.jsonl')}\nGeplante fouten per bestand (met de regel die ze moet vinden): ${join(filesDir, 'manifest.json')}\n\n`,
      `${await viewText(ask, 'stand', { datum: '2020-07-01' })}\n\n`,
      `${await viewText(ask, 'stand', { datum: '2021-06-30' })}\n\n`,
      `${await viewText(ask, 'trend', { van: '2021-01', tot: '2021-06' })}\n\n`,
      `${statementText(settlement.overzicht)}\n`,
      settlement.vergelijking ? `${scenarioText(settlement.vergelijking)}\n` : '',
      `Meer: npx bwmo report maand --van 2021-01 --tot 2021-06 --data ${options.data}, of npx bwmo serve --data ${options.data} en open http://127.0.0.1:8080/ (verevening: /verevening.html; npx bwmo settle --jaar 2021 --data ${options.data})\n`,
    ]);
    return 0;
  } finally {
    await runtime.close();
  }
}

/** A folder the demo may empty: not there, empty, or one it made itself (its example files' manifest). */
async function isDemoFolder(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => null);
  if (info === null) return true;
  if (!info.isDirectory()) return false;
  const entries = await readdir(dir);
  if (entries.length === 0) return true;
  return stat(join(dir, 'voorbeeldbestanden', 'manifest.json')).then(
    (s) => s.isFile(),
    () => false,
  );
}
