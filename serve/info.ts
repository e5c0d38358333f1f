/** What a running `bwmo serve` writes to its data folder, so that `bwmo ingest` can hand its files to it. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
export const SERVE_FILE = 'serve.json';

export interface ServeInfo {
  readonly pid: number;
  readonly http: string;
  readonly s3: string;
  readonly dynamo: string;
  readonly sftpPort: number;
  readonly bucket: string;
}

/** A `bwmo serve` running on this data folder (LevelDB allows one process: other commands go through it). */
export async function runningServe(data: string): Promise<ServeInfo | null> {
  const text = await readFile(join(resolve(data), SERVE_FILE), 'utf8').catch(() => null);
  if (!text) return null;
  const info = JSON.parse(text) as ServeInfo;
  const alive = await fetch(`${info.http}/api/gezondheid`).then(
    (r) => r.ok,
    () => false,
  );
  return alive ? info : null;
}
