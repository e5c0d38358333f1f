/**
 * The settle function. On the monthly schedule (an event without jaar and totMaand): the provisional statement of the
 * year of the previous month, with costs up to and including that month. On demand: `{jaar, totMaand?, sluit?}`
 * (without totMaand: the default month; sluit: the final statement, which freezes the year, and only with an explicit
 * jaar). Logs version, hash and status with the Powertools logger; statements hold no BSN.
 *
 * An event that is neither (a wrong type, an unknown field, sluit without jaar) or a request that cannot be settled
 * (SettleInputError) is answered with `{fout}` and logged as an error, not thrown: the function is invoked
 * asynchronously, and a thrown error would be retried twice and end in the dead-letter queue.
 */

import { z } from 'zod';
import { MONTH } from '../pipeline/dates';
import type { IngestDeps } from '../pipeline/ingest';
import { runSettlement, SettleInputError, vorigeMaand } from '../pipeline/settle/run';
import { formatPad } from '../schemas/settlement';
import { awsDeps, logger } from './aws';

interface SettleEvent {
  readonly jaar?: number;
  readonly totMaand?: string;
  readonly sluit?: boolean;
}

const VELDEN = ['jaar', 'totMaand', 'sluit'] as const;

/** The on-demand event (the schedule's input is `{sluit: false}`, see infra), strictly: no type is coerced. */
const SettleEventSchema = z
  .strictObject({
    jaar: z
      .number({ error: 'moet een getal zijn (JJJJ), geen tekst' })
      .int('moet een geheel getal zijn (JJJJ)')
      .min(2000, 'moet tussen 2000 en 2100 liggen')
      .max(2100, 'moet tussen 2000 en 2100 liggen')
      .optional(),
    totMaand: z
      .string({ error: 'moet een maand als tekst zijn (JJJJ-MM)' })
      .regex(MONTH, 'moet een maand zijn (JJJJ-MM)')
      .optional(),
    sluit: z.boolean({ error: 'moet true of false zijn (geen tekst, geen getal)' }).optional(),
  })
  .refine((e) => e.sluit !== true || e.jaar !== undefined, {
    message: 'afsluiten vraagt een jaar: geef jaar (JJJJ) mee; zonder jaar wordt niets afgesloten',
    path: ['jaar'],
  });

/** An EventBridge scheduled event passed on as is (a rule target without fixed input): the monthly run. */
const ScheduledEventSchema = z.looseObject({
  source: z.literal('aws.events'),
  'detail-type': z.literal('Scheduled Event'),
});

/** The event as a settle request, or the Dutch message why it is not one. */
function parseSettleEvent(event: unknown): { event: SettleEvent } | { fout: string } {
  if (event === undefined || event === null) return { event: {} };
  if (ScheduledEventSchema.safeParse(event).success) return { event: {} };
  if (typeof event !== 'object' || Array.isArray(event))
    return { fout: `de aanroep is geen object met ${VELDEN.join(', ')} (of een EventBridge-schema-event)` };
  const parsed = SettleEventSchema.safeParse(event, { error: z.locales.nl().localeError });
  if (parsed.success) return { event: parsed.data };
  return {
    fout: parsed.error.issues
      .map((i) =>
        i.code === 'unrecognized_keys'
          ? `onbekend(e) veld(en): ${i.keys.join(', ')}; toegestaan: ${VELDEN.join(', ')}`
          : `${formatPad(i.path)}: ${i.message}`,
      )
      .join('; '),
  };
}

/** A refused invocation: nothing was computed or stored. */
interface SettleRefusal {
  readonly fout: string;
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
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** The handler over its dependencies (tests pass the local stack, a collecting log and a fixed "now"). */
export function makeSettleHandler(
  deps: () => Promise<IngestDeps>,
  log: Log,
  nu: () => Date = () => new Date(),
) {
  const weiger = (fout: string, invoer: unknown): SettleRefusal => {
    log.error('verevening geweigerd', { fout, invoer: String(JSON.stringify(invoer)).slice(0, 500) });
    return { fout };
  };
  return async (invoer: unknown = {}): Promise<SettleAnswer | SettleRefusal> => {
    const p = parseSettleEvent(invoer);
    if ('fout' in p) return weiger(p.fout, invoer);
    const { event } = p;
    const vandaag = nu();
    const sluit = event.sluit === true;
    const opSchema = event.jaar === undefined && event.totMaand === undefined && !sluit;
    const maand = opSchema ? vorigeMaand(vandaag) : event.totMaand;
    const jaar = event.jaar ?? Number((maand ?? vorigeMaand(vandaag)).slice(0, 4));
    let r: Awaited<ReturnType<typeof runSettlement>>;
    try {
      r = await runSettlement(await deps(), {
        jaar,
        ...(maand !== undefined ? { totMaand: maand } : {}),
        sluit,
        vandaag,
      });
    } catch (err) {
      // A request that cannot be settled as asked: retrying will not help. Anything else (a broken configuration,
      // the table or bucket) is thrown, so it is retried and alarmed.
      if (err instanceof SettleInputError) return weiger(err.message, invoer);
      throw err;
    }
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
