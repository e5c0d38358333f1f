/** Writing to stdout with backpressure, and small formatting helpers shared by the commands. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export async function writeAll(out: Writable, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (!out.write(piece)) await once(out, 'drain');
  }
}

export { euro, table } from '../pipeline/report/plain';
