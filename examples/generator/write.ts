/** Writes generated data as the files a backoffice would upload, with a manifest of planted errors. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { csvText, declaratieCsvRow, taakgerichtCsvRow, toewijzingCsvRow } from '../../pipeline/write/csv';
import { wmo323Xml } from '../../pipeline/write/wmo323';
import { DECLARATIE_COLUMNS, TAAKGERICHT_COLUMNS, TOEWIJZING_COLUMNS } from '../../schemas/csv';
import type { GenDeclaratie, Generated } from './generate';
import type { PlantedError } from './planted';
import type { PlantedStateError } from './planted-state';

export interface ManifestFile {
  /** Path relative to the output folder; the first folder level is the uploading municipality. */
  readonly path: string;
  readonly gemeente: string;
  readonly kind: 'toewijzing' | 'declaratie' | 'taakgericht';
  readonly format: 'wmo323' | 'wmo301' | 'csv';
  readonly lines: number;
  readonly planted: readonly PlantedError[];
  /** Errors against state planted in a declaration: the retourcodes due per line. */
  readonly plantedState?: readonly PlantedStateError[];
}

export interface Manifest {
  readonly seed: number;
  /** In upload order: toewijzingen first, then declarations month by month, then taakgericht reports. */
  readonly files: readonly ManifestFile[];
}

export function declaratieText(d: GenDeclaratie): string {
  if (d.formaat === 'xml') {
    return wmo323Xml({
      afzender: d.agb,
      ontvanger: d.gemeente,
      identificatie: d.identificatie,
      dagtekening: d.dagtekening,
      kop: d.kop,
      clienten: d.clienten,
    });
  }
  const rows = d.clienten.flatMap((c) =>
    c.prestaties.map((p) => declaratieCsvRow({ afzender: d.agb, ontvanger: d.gemeente }, d.kop, p)),
  );
  return csvText(DECLARATIE_COLUMNS, rows);
}

export async function writeGenerated(g: Generated, dir: string): Promise<Manifest> {
  const files: ManifestFile[] = [];
  const put = async (rel: string, text: string, file: Omit<ManifestFile, 'path'>) => {
    const path = join(dir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    files.push({ path: rel, ...file });
  };
  const bySender = new Map<string, typeof g.toewijzingen>();
  for (const t of g.toewijzingen) bySender.set(t.gemeente, [...(bySender.get(t.gemeente) ?? []), t]);
  for (const [gemeente, list] of [...bySender.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const rows = list.map((t) => toewijzingCsvRow(t.gemeente, t.agb, t));
    await put(`${gemeente}/toewijzingen-${gemeente}.csv`, csvText(TOEWIJZING_COLUMNS, rows), {
      gemeente,
      kind: 'toewijzing',
      format: 'csv',
      lines: rows.length,
      planted: [],
    });
  }
  for (const d of g.declaraties) {
    const ext = d.formaat === 'xml' ? 'xml' : 'csv';
    const lines = d.clienten.reduce((n, c) => n + c.prestaties.length, 0);
    await put(`${d.gemeente}/declaratie-${d.agb}-${d.maand}.${ext}`, declaratieText(d), {
      gemeente: d.gemeente,
      kind: 'declaratie',
      format: d.formaat === 'xml' ? 'wmo323' : 'csv',
      lines,
      planted: d.planted,
      plantedState: d.plantedState,
    });
  }
  for (const t of g.taakgericht) {
    const rows = t.rows.map(taakgerichtCsvRow);
    await put(`${t.gemeente}/taakgericht-bp-${t.periode}.csv`, csvText(TAAKGERICHT_COLUMNS, rows), {
      gemeente: t.gemeente,
      kind: 'taakgericht',
      format: 'csv',
      lines: rows.length,
      planted: [],
    });
  }
  const manifest: Manifest = { seed: g.options.seed, files };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
