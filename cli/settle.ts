/** `bwmo settle`: the solidarity settlement statement of a year. */
import { runSettlement } from '../pipeline/settle/run';
import { openLocal, type RuntimeOptions } from './runtime';

export interface SettleCliOptions extends RuntimeOptions {
  readonly jaar: string;
  readonly scenario?: string;
  readonly tot?: string;
  readonly sluit: boolean;
  readonly format: 'table' | 'csv' | 'xlsx' | 'json' | 'html';
  readonly uit?: string;
}

export async function runSettle(options: SettleCliOptions): Promise<number> {
  const runtime = await openLocal(options);
  try {
    const s = await runSettlement(runtime, {
      jaar: Number(options.jaar),
      totMaand: options.tot,
      sluit: options.sluit,
    });
    process.stdout.write(`${JSON.stringify(s)}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}
