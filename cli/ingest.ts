/** `bwmo ingest FILE…`: the whole pipeline on the embedded local stack; a summary table, or the reports (--json). */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { redactBsns } from '../pipeline/bsn';
import { ingestObject } from '../pipeline/ingest';
import { namedGemeente } from '../pipeline/named-gemeente';
import { loadRegion } from '../pipeline/region/load';
import { pathSource } from '../pipeline/source';
import type { Report } from '../schemas/report';
import { runningServe, type ServeInfo } from '../serve/info';
import { euro, table, writeAll } from './output';
import { openLocal, type RuntimeOptions } from './runtime';

export interface IngestOptions extends RuntimeOptions {
  readonly json: boolean;
  readonly gemeente?: string;
}

export async function runIngest(files: string[], options: IngestOptions): Promise<number> {
  if (options.gemeente !== undefined && !/^[0-9]{4}$/.test(options.gemeente)) {
    process.stderr.write(`bwmo ingest: --gemeente ${options.gemeente} is geen gemeentecode (4 cijfers)\n`);
    return 2;
  }
  for (const f of files) {
    if (!(await stat(f).catch(() => null))?.isFile()) {
      process.stderr.write(`bwmo ingest: ${f} is geen leesbaar bestand\n`);
      return 2;
    }
  }
  // Every file's municipality first: a usage error must not stop the run halfway, after earlier files committed.
  const { centrumgemeente } = (await loadRegion(resolve(options.region))).region;
  const placed = await placeFiles(files, options.gemeente, centrumgemeente);
  if (placed === null) return 2;
  const serving = await runningServe(options.data);
  const reports = serving ? await handOff(serving, placed) : await ingestHere(placed, options);
  if (reports === null) return 2;
  await writeAll(process.stdout, [
    options.json ? `${JSON.stringify(reports, null, 2)}\n` : `${summary(reports)}\n`,
  ]);
  return 0;
}

export interface PlacedFile {
  readonly path: string;
  readonly gemeente: string;
}

/** Each file with the municipality it is uploaded as: the one given, else the one it names; null when one has none. */
async function placeFiles(
  files: readonly string[],
  gemeente: string | undefined,
  centrumgemeente: string,
): Promise<PlacedFile[] | null> {
  const placed: PlacedFile[] = [];
  for (const path of files) {
    const g = gemeente ?? (await namedGemeente(pathSource(path, path), centrumgemeente));
    if (!g) {
      process.stderr.write(
        `bwmo ingest: ${path}: geen gemeentecode gevonden in het bestand; geef --gemeente op (er is niets verwerkt)\n`,
      );
      return null;
    }
    placed.push({ path, gemeente: g });
  }
  return placed;
}

/** The files through the embedded local stack, opened for this run. */
async function ingestHere(files: readonly PlacedFile[], options: IngestOptions): Promise<Report[] | null> {
  const runtime = await openLocal(options);
  try {
    return await ingestFiles(runtime, files, !options.json && process.stderr.isTTY);
  } finally {
    await runtime.close();
  }
}

/** Files each local file as uploaded by its municipality, in the order given. */
export async function ingestFiles(
  runtime: Awaited<ReturnType<typeof openLocal>>,
  files: readonly PlacedFile[],
  showProgress: boolean,
): Promise<Report[]> {
  const bar = showProgress
    ? new SingleBar({ format: 'bwmo ingest [{bar}] {value}/{total} {file}', hideCursor: true })
    : null;
  bar?.start(files.length, 0, { file: '' });
  const reports: Report[] = [];
  try {
    for (const { path: f, gemeente: g } of files) {
      bar?.update({ file: basename(f) });
      const key = `inbox/${g}/${basename(f)}`;
      await runtime.blobs.put(key, createReadStream(f));
      reports.push((await ingestObject(runtime, key)).report);
      bar?.increment();
    }
  } finally {
    bar?.stop();
  }
  return reports;
}

async function handOff(serving: ServeInfo, files: readonly PlacedFile[]): Promise<Report[] | null> {
  process.stderr.write(
    `bwmo ingest: bwmo serve draait (${serving.http}); de bestanden gaan via die server\n`,
  );
  const reports: Report[] = [];
  for (const { path: f, gemeente: g } of files) {
    const url = `${serving.http}/lokaal/ingest?gemeente=${g}&naam=${encodeURIComponent(basename(f))}`;
    const res = await fetch(url, { method: 'POST', body: await readFile(f) });
    if (!res.ok) {
      process.stderr.write(`bwmo ingest: ${f}: ${res.status} ${await res.text()}\n`);
      return null;
    }
    reports.push((await res.json()) as Report);
  }
  return reports;
}

export function summary(reports: readonly Report[]): string {
  const rows = reports.map((r) => {
    const toegekend = r.declaraties.reduce((s, d) => s + d.totaalToegekendBedrag, 0);
    // A stored report of 0.3.0 (answered again to a duplicate) has no totaalAfgewezenBedrag.
    const afgewezen = r.declaraties.reduce(
      (s, d) => s + (d.totaalAfgewezenBedrag ?? d.totaalIngediendBedrag - d.totaalToegekendBedrag),
      0,
    );
    return [
      redactBsns(basename(r.file)),
      r.kind,
      r.status + (r.duplicaatVan ? ' (duplicaat)' : ''),
      r.counts.regels,
      r.counts.geaccepteerd,
      r.counts.afgewezen,
      r.kind === 'declaratie' ? euro(toegekend) : '',
      r.kind === 'declaratie' ? euro(afgewezen) : '',
    ];
  });
  const lines = [
    table(
      [
        'bestand',
        'soort',
        'status',
        'regels',
        'geaccepteerd',
        'afgewezen',
        'toegekend €',
        'afgewezen € (saldo)',
      ],
      rows,
      [false, false, false, true, true, true, true, true],
    ),
  ];
  const codes = new Map<string, number>();
  for (const r of reports) {
    for (const d of r.declaraties)
      for (const p of d.prestaties) for (const c of p.retourcodes) codes.set(c, (codes.get(c) ?? 0) + 1);
  }
  if (codes.size) {
    lines.push(
      '',
      `Retourcodes: ${[...codes.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ×${n}`)
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}
