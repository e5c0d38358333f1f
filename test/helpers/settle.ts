/**
 * What the settlement tests (run, API, CLI, settle function, the statement page) start from in the NML example region:
 * Venlo's (0983) toewijzingen, given in December 2020 for 2021–2022, and a provisional settlement run.
 */
import type { IngestDeps } from '../../pipeline/ingest';
import { runSettlement, type SettleResult } from '../../pipeline/settle/run';
import { BSN_B, declaratieCsv, line, type TwSpec, toewijzingCsv } from './scenario';
import type { Stack } from './stack';

/** 5001 for a Venlo client (BSN_A): the Noord-Limburg BW pool. */
const VENLO_CLIENT: Partial<TwSpec> = {
  ingangsdatum: '2021-01-01',
  einddatum: '2022-12-31',
  toewijzingsdatum: '2020-12-15',
  herkomst: '0983',
};

/** 5002 for a Weert client (BSN_B), sent by Venlo: the Midden-Limburg pool. */
const WEERT_CLIENT: Partial<TwSpec> = { ...VENLO_CLIENT, nummer: 5002, bsn: BSN_B, herkomst: '0988' };

/** Venlo's toewijzing CSV with the Venlo client only. */
export const TW_VENLO = toewijzingCsv([VENLO_CLIENT]);

/** Venlo's toewijzing CSV with the Venlo client and the Weert client. */
export const TW_VENLO_WEERT = toewijzingCsv([VENLO_CLIENT, WEERT_CLIENT]);

/** Uploads a toewijzing CSV as Venlo's tw.csv, received on 2021-01-05 (before any declaration). */
export const uploadToewijzingen = (stack: Stack, tw: string) =>
  stack.upload('0983', 'tw.csv', tw, new Date('2021-01-05T09:00:00Z'));

/** Venlo's toewijzing and one approved line of March 2021 (D1, R1, received 2021-04-10): a year with costs. */
export async function uploadVenloMarch(stack: Stack): Promise<void> {
  await uploadToewijzingen(stack, TW_VENLO);
  await stack.upload(
    '0983',
    'd-2021-03.csv',
    declaratieCsv({ nummer: 'D1', maand: '2021-03', lines: [line('2021-03', 'R1')] }),
    new Date('2021-04-10T09:00:00Z'),
  );
}

/** Stores (or finds) the provisional statement of `jaar` up to `totMaand`, run on the day `vandaag`. */
export const provisional = (
  deps: IngestDeps,
  jaar: number,
  totMaand: string,
  vandaag: string,
): Promise<SettleResult> => runSettlement(deps, { jaar, totMaand, sluit: false, vandaag: new Date(vandaag) });
