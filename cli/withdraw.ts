/** `bwmo withdraw FILE-ID --reden TEXT`: an operator's correction; a committed file stops counting. */
import { fileRecord, notWithdrawable, withdrawRecord } from '../pipeline/withdraw';
import { openLocal, type RuntimeOptions } from './runtime';

export async function runWithdraw(fileId: string, reden: string, options: RuntimeOptions): Promise<number> {
  const runtime = await openLocal(options);
  try {
    const gemeenten = runtime.region.region.gemeenten.map((g) => g.code);
    const found = await fileRecord(runtime.store, gemeenten, fileId);
    if (found?.status !== 'verwerkt') {
      process.stderr.write(`bwmo withdraw: ${notWithdrawable(fileId, found)}\n`);
      return 2;
    }
    const record = await withdrawRecord(runtime.store, found, reden);
    process.stdout.write(
      `ingetrokken: ${record.name} (gemeente ${record.gemeente}, ${record.regels} regels); reden: ${reden}\n`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
