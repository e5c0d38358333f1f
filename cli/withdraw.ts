/** `bwmo withdraw FILE-ID --reden TEXT`: an operator's correction; a committed file stops counting. */
import { withdrawFile } from '../pipeline/withdraw';
import { openLocal, type RuntimeOptions } from './runtime';

export async function runWithdraw(fileId: string, reden: string, options: RuntimeOptions): Promise<number> {
  const runtime = await openLocal(options);
  try {
    const record = await withdrawFile(
      runtime.store,
      runtime.region.region.gemeenten.map((g) => g.code),
      fileId,
      reden,
    );
    if (!record) {
      process.stderr.write(`bwmo withdraw: geen verwerkt bestand met id ${fileId}\n`);
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
