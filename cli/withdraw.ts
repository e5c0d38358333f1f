/** `bwmo withdraw FILE-ID --reden TEXT`: an operator's correction; a committed file stops counting. */
import { fileRecord, notWithdrawable, withdrawFile } from '../pipeline/withdraw';
import { openLocal, type RuntimeOptions } from './runtime';

export async function runWithdraw(fileId: string, reden: string, options: RuntimeOptions): Promise<number> {
  const runtime = await openLocal(options);
  try {
    const gemeenten = runtime.region.region.gemeenten.map((g) => g.code);
    const record = await withdrawFile(runtime.store, gemeenten, fileId, reden);
    if (!record) {
      const why = notWithdrawable(fileId, await fileRecord(runtime.store, gemeenten, fileId));
      process.stderr.write(`bwmo withdraw: ${why}\n`);
      return 2;
    }
    process.stdout.write(
      `ingetrokken: ${record.name} (gemeente ${record.gemeente}, ${record.regels} regels); reden: ${reden}\n`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
