/** The monthly finance export (schedule): the previous month and the year to date under exports/ in the bucket. */
import { writeMonthlyExport } from '../pipeline/monitor/export';
import { awsDeps, logger } from './aws';

export const handler = async (event: { readonly datum?: string } = {}): Promise<{ bestanden: string[] }> => {
  const deps = await awsDeps();
  const today = event.datum ?? new Date().toISOString().slice(0, 10);
  const bestanden = await writeMonthlyExport(deps, today);
  logger.info('maandexport geschreven', { datum: today, bestanden: bestanden.length });
  return { bestanden };
};
