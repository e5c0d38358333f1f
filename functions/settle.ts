/** The settlement, on a schedule and on demand: computes (and with `sluit`, closes) a year's statement. */
import { runSettlement } from '../pipeline/settle/run';
import { awsDeps, logger } from './aws';

interface SettleEvent {
  readonly jaar?: number;
  readonly totMaand?: string;
  readonly sluit?: boolean;
}

export const handler = async (event: SettleEvent = {}): Promise<{ versie: number; invoerHash: string }> => {
  const deps = await awsDeps();
  const now = new Date();
  const jaar = event.jaar ?? now.getUTCFullYear();
  const statement = await runSettlement(deps, {
    jaar,
    totMaand: event.totMaand,
    sluit: event.sluit ?? false,
  });
  logger.info('verevening berekend', { jaar, versie: statement.versie, status: statement.status });
  return { versie: statement.versie, invoerHash: statement.invoerHash };
};
