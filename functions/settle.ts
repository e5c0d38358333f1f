/**
 * The settle function. On the monthly schedule (an event without jaar and totMaand): the provisional statement of the
 * year of the previous month, with costs up to and including that month. On demand: `{jaar, totMaand?, sluit?}`
 * (without totMaand: the default month; sluit: the final statement, which freezes the year). Logs version, hash and
 * status with the Powertools logger; statements hold no BSN.
 */
import type { IngestDeps } from '../pipeline/ingest';
import { runSettlement, vorigeMaand } from '../pipeline/settle/run';
import { awsDeps, logger } from './aws';

export interface SettleEvent {
  readonly jaar?: number;
  readonly totMaand?: string;
  readonly sluit?: boolean;
}

export interface SettleAnswer {
  readonly jaar: number;
  readonly versie: number;
  readonly invoerHash: string;
  readonly status: string;
  readonly opslag: string;
  readonly bestand: string | null;
}

interface Log {
  info(message: string, ...extra: Record<string, unknown>[]): void;
}

/** The handler over its dependencies (tests pass the local stack, a collecting log and a fixed "now"). */
export function makeSettleHandler(
  deps: () => Promise<IngestDeps>,
  log: Log,
  nu: () => Date = () => new Date(),
) {
  return async (event: SettleEvent = {}): Promise<SettleAnswer> => {
    const vandaag = nu();
    const sluit = event.sluit === true;
    const opSchema = event.jaar === undefined && event.totMaand === undefined && !sluit;
    const maand = opSchema ? vorigeMaand(vandaag) : event.totMaand;
    const jaar = event.jaar ?? Number((maand ?? vorigeMaand(vandaag)).slice(0, 4));
    const r = await runSettlement(await deps(), {
      jaar,
      ...(maand !== undefined ? { totMaand: maand } : {}),
      sluit,
      vandaag,
    });
    const answer: SettleAnswer = {
      jaar,
      versie: r.versie,
      invoerHash: r.invoerHash,
      status: r.status,
      opslag: r.opslag,
      bestand: r.index?.bestand ?? null,
    };
    log.info('verevening', {
      ...answer,
      aanleiding: opSchema ? 'schema' : 'op verzoek',
      totMaand: r.overzicht.projectie?.totEnMetMaand ?? null,
      melding: r.melding,
    });
    return answer;
  };
}

export const handler = makeSettleHandler(awsDeps, logger);
