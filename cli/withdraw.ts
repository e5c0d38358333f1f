/** `bwmo withdraw FILE-ID --reden TEXT`: an operator's correction; a committed file stops counting. */

import { redactBsns } from '../pipeline/bsn';
import type { FileRecord } from '../pipeline/state/items';
import { withdrawSerialised } from '../pipeline/withdraw';
import { runningServe } from '../serve/info';
import { openLocal, type RuntimeOptions } from './runtime';

export async function runWithdraw(
  fileId: string,
  reden: string,
  options: RuntimeOptions & { readonly gemeente?: string },
): Promise<number> {
  if (reden.trim() === '') {
    process.stderr.write('bwmo withdraw: geef met --reden op waarom het bestand wordt ingetrokken\n');
    return 2;
  }
  const { gemeente } = options;
  if (gemeente !== undefined && !/^[0-9]{4}$/.test(gemeente)) {
    process.stderr.write(`bwmo withdraw: --gemeente ${gemeente} is geen gemeentecode (4 cijfers)\n`);
    return 2;
  }
  const serving = await runningServe(options.data);
  if (serving) {
    // The server holds the data folder: it withdraws, between the files it is processing.
    const query = new URLSearchParams({ fileId, reden, ...(gemeente ? { gemeente } : {}) });
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
    const gemeenten = gemeente ? [gemeente] : runtime.region.region.gemeenten.map((g) => g.code);
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
    redactBsns(
      `ingetrokken: ${record.name} (gemeente ${record.gemeente}, ${record.regels} regels); reden: ${reden}\n`,
    ),
  );
}
