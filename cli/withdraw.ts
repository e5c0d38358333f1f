/** `bwmo withdraw FILE-ID --reden TEXT`: an operator's correction; a committed file stops counting. */

import type { FileRecord } from '../pipeline/state/items';
import { withdrawSerialised } from '../pipeline/withdraw';
import { runningServe } from '../serve/info';
import { openLocal, type RuntimeOptions } from './runtime';

export async function runWithdraw(fileId: string, reden: string, options: RuntimeOptions): Promise<number> {
  if (reden.trim() === '') {
    process.stderr.write('bwmo withdraw: geef met --reden op waarom het bestand wordt ingetrokken\n');
    return 2;
  }
  const serving = await runningServe(options.data);
  if (serving) {
    // The server holds the data folder: it withdraws, between the files it is processing.
    const query = new URLSearchParams({ fileId, reden });
    const res = await fetch(`${serving.http}/lokaal/intrekken?${query}`, { method: 'POST' });
    const body = (await res.json()) as FileRecord & { fout?: string };
    if (!res.ok) {
      process.stderr.write(`bwmo withdraw: ${body.fout ?? res.status}\n`);
      return 2;
    }
    printWithdrawn(body, reden);
    return 0;
  }
  const runtime = await openLocal(options, { existing: true });
  try {
    const gemeenten = runtime.region.region.gemeenten.map((g) => g.code);
    const result = await withdrawSerialised(runtime.store, gemeenten, fileId, reden);
    if (!('record' in result)) {
      process.stderr.write(`bwmo withdraw: ${result.reden}\n`);
      return 2;
    }
    printWithdrawn(result.record, reden);
    return 0;
  } finally {
    await runtime.close();
  }
}

function printWithdrawn(record: FileRecord, reden: string): void {
  process.stdout.write(
    `ingetrokken: ${record.name} (gemeente ${record.gemeente}, ${record.regels} regels); reden: ${reden}\n`,
  );
}
