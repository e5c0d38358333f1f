/** `bwmo withdraw FILE-ID --reden TEXT`: an operator's correction; a committed file stops counting. */
import { withdrawable, withdrawRecord } from '../pipeline/withdraw';
import { openLocal, type RuntimeOptions } from './runtime';

export async function runWithdraw(fileId: string, reden: string, options: RuntimeOptions): Promise<number> {
  if (reden.trim() === '') {
    process.stderr.write('bwmo withdraw: geef met --reden op waarom het bestand wordt ingetrokken\n');
    return 2;
  }
  const runtime = await openLocal(options);
  try {
    const gemeenten = runtime.region.region.gemeenten.map((g) => g.code);
    const check = await withdrawable(runtime.store, gemeenten, fileId);
    if (!('record' in check)) {
      process.stderr.write(`bwmo withdraw: ${check.reden}\n`);
      return 2;
    }
    const record = await withdrawRecord(runtime.store, check.record, reden);
    process.stdout.write(
      `ingetrokken: ${record.name} (gemeente ${record.gemeente}, ${record.regels} regels); reden: ${reden}\n`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
