/** The monthly finance export (schedule): the previous month and the year to date under exports/ in the bucket. */
import { dutchDate } from '../pipeline/dates';
import { writeMonthlyExport } from '../pipeline/monitor/export';
import { awsDeps, logger } from './aws';

export const handler = async (event: { readonly datum?: string } = {}): Promise<{ bestanden: string[] }> => {
  const deps = await awsDeps();
  // The schedule runs just after midnight in the Netherlands: "today" is the Dutch date, not the UTC one.
  const today = event.datum ?? dutchDate(new Date().toISOString());
  const bestanden = await writeMonthlyExport(deps, today);
  logger.info('maandexport geschreven', { datum: today, bestanden: bestanden.length });
  return { bestanden };
};
