/** `bwmo ingest FILE…`: the whole pipeline on the embedded local stack; a summary table, or the reports (--json). */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import { ingestObject } from '../pipeline/ingest';
import { namedGemeente } from '../pipeline/named-gemeente';
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
  for (const f of files) {
    if (!(await stat(f).catch(() => null))?.isFile()) {
      process.stderr.write(`bwmo ingest: ${f} is geen leesbaar bestand\n`);
      return 2;
    }
  }
  const serving = await runningServe(options.data);
  const reports = serving
    ? await handOff(serving, files, options.gemeente)
    : await ingestHere(files, options);
  if (reports === null) return 2;
  await writeAll(process.stdout, [
    options.json ? `${JSON.stringify(reports, null, 2)}\n` : `${summary(reports)}\n`,
  ]);
  return 0;
}

/** The files through the embedded local stack, opened for this run. */
async function ingestHere(files: readonly string[], options: IngestOptions): Promise<Report[] | null> {
  const runtime = await openLocal(options);
  try {
    return await ingestFiles(
      runtime,
      files.map((path) => ({ path, gemeente: options.gemeente })),
      !options.json && process.stderr.isTTY,
    );
  } finally {
    await runtime.close();
  }
}

/**
 * Files each local file as uploaded by the given municipality, else the one the file names, in the order given;
 * null on a usage error.
 */
export async function ingestFiles(
  runtime: Awaited<ReturnType<typeof openLocal>>,
  files: readonly { readonly path: string; readonly gemeente?: string }[],
  showProgress: boolean,
): Promise<Report[] | null> {
  const bar = showProgress
    ? new SingleBar({ format: 'bwmo ingest [{bar}] {value}/{total} {file}', hideCursor: true })
    : null;
  bar?.start(files.length, 0, { file: '' });
  const reports: Report[] = [];
  try {
    for (const { path: f, gemeente } of files) {
      bar?.update({ file: basename(f) });
      const g = gemeente ?? (await namedGemeente(pathSource(f, f)));
      if (!g) {
        bar?.stop();
        process.stderr.write(
          `bwmo ingest: ${f}: geen gemeentecode gevonden in het bestand; geef --gemeente op\n`,
        );
        return null;
      }
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

async function handOff(
  serving: ServeInfo,
  files: readonly string[],
  gemeente: string | undefined,
): Promise<Report[] | null> {
  process.stderr.write(
    `bwmo ingest: bwmo serve draait (${serving.http}); de bestanden gaan via die server\n`,
  );
  const reports: Report[] = [];
  for (const f of files) {
    const g = gemeente ?? (await namedGemeente(pathSource(f, f)));
    if (!g) {
      process.stderr.write(
        `bwmo ingest: ${f}: geen gemeentecode gevonden in het bestand; geef --gemeente op\n`,
      );
      return null;
    }
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
    const ingediend = r.declaraties.reduce((s, d) => s + d.totaalIngediendBedrag, 0);
    const toegekend = r.declaraties.reduce((s, d) => s + d.totaalToegekendBedrag, 0);
    return [
      basename(r.file),
      r.kind,
      r.status + (r.duplicaatVan ? ' (duplicaat)' : ''),
      r.counts.regels,
      r.counts.geaccepteerd,
      r.counts.afgewezen,
      r.kind === 'declaratie' ? euro(toegekend) : '',
      r.kind === 'declaratie' ? euro(ingediend - toegekend) : '',
    ];
  });
  const lines = [
    table(
      ['bestand', 'soort', 'status', 'regels', 'geaccepteerd', 'afgewezen', 'toegekend €', 'afgewezen €'],
      rows,
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
