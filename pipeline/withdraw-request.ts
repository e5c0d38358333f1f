/**
 * A withdrawal asked for through the bucket (the way on AWS): an operator puts `withdrawals/<gemeente>/<name>.json`
 * with `{"fileId": "…", "reden": "…"}`. The router queues it in the municipality's FIFO group like an upload, so
 * the ingest function withdraws between that municipality's files, never while one of them is being judged
 * (DESIGN §5, one writer per municipality). The outcome goes to `outbox/<gemeente>/intrekkingen/<name>.uitkomst.json`,
 * where the operator and the municipality's backoffice read it.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { redactBsns } from './bsn';
import { type BlobStore, type ItemStore, MAX_KEY_BYTES, type SecretSource } from './ports';
import { keptNameOf } from './pseudonym';
import { parseWithdrawalKey } from './route';
import type { FileRecord } from './state/items';
import { textUpTo } from './text';
import { withdrawSerialised } from './withdraw';

/** A request larger than this is not a request: it is refused without being read further. */
const MAX_REQUEST_BYTES = 16 * 1024;

const withdrawalRequest = z
  .object({
    fileId: z.string().regex(/^[0-9a-f]{64}$/, 'fileId is de SHA-256 van het bestand (64 tekens 0-9a-f)'),
    reden: z.string().trim().min(1, 'reden is leeg').max(500),
  })
  .strict();

export interface WithdrawalOutcome {
  readonly verzoek: string;
  readonly fileId: string | null;
  readonly status: 'ingetrokken' | 'geweigerd';
  /** The withdrawn file's name, when withdrawn. */
  readonly bestand?: string;
  readonly reden?: string;
  readonly op?: string;
  /** Why the request was refused, in a sentence for the operator. */
  readonly waarom?: string;
}

/**
 * Where the outcome of a request goes. Its name ends in `.uitkomst.json`, which no output of an ingest does (those
 * end in .rapport.json, .antwoord.xml or .antwoord.csv), so that it never overwrites the outputs of a file the
 * municipality uploaded into a folder `intrekkingen/`; a name too long for a key is replaced by its hash.
 */
export function withdrawalOutcomeKey(gemeente: string, name: string): string {
  const folder = `outbox/${gemeente}/intrekkingen/`;
  const outcome = `${folder}${name.replace(/\.json$/i, '')}.uitkomst.json`;
  if (Buffer.byteLength(outcome) <= MAX_KEY_BYTES) return outcome;
  return `${folder}${createHash('sha256').update(name).digest('hex')}.uitkomst.json`;
}

export interface HandledRequest {
  readonly outcome: WithdrawalOutcome;
  /** The file was withdrawn by this request just now (not by an earlier delivery of it). */
  readonly withdrawnNow: boolean;
}

/**
 * Carries out one request and writes its outcome; null when the request object is gone (nothing to answer). The
 * same request handled again (a redelivery) finds its file withdrawn by this request and answers as the first time;
 * another request for a withdrawn file is refused.
 */
export async function handleWithdrawalRequest(
  deps: { readonly store: ItemStore; readonly blobs: BlobStore; readonly secrets: SecretSource },
  objectKey: string,
  now = new Date(),
): Promise<HandledRequest | null> {
  const parts = parseWithdrawalKey(objectKey);
  if (!parts) throw new Error(`${objectKey} ligt niet in withdrawals/<gemeentecode>/`);
  if (!(await deps.blobs.exists(objectKey))) return null;
  // Breaking off a larger body leaves the rest unread: destroy the stream rather than let it wait.
  const body = await deps.blobs.open(objectKey);
  const text = await textUpTo(body, MAX_REQUEST_BYTES).finally(() => body.destroy());
  // The record keeps the request's key, a possible BSN in it masked (keptName): it tells a redelivery.
  const verzoek = await keptNameOf(objectKey, deps.secrets);
  const handled = await decide(deps.store, parts.gemeente, { verzoek, sent: objectKey }, text, now);
  await deps.blobs.put(
    withdrawalOutcomeKey(parts.gemeente, parts.name),
    `${JSON.stringify(handled.outcome, null, 2)}\n`,
  );
  return handled;
}

async function decide(
  store: ItemStore,
  gemeente: string,
  { verzoek, sent }: { readonly verzoek: string; readonly sent: string },
  text: string | null,
  now: Date,
): Promise<HandledRequest> {
  const refused = (fileId: string | null, waarom: string): HandledRequest => ({
    outcome: { verzoek, fileId, status: 'geweigerd', waarom },
    withdrawnNow: false,
  });
  if (text === null) return refused(null, `het verzoek is groter dan ${MAX_REQUEST_BYTES} bytes`);
  let json: unknown;
  try {
    // A byte order mark, as editors on Windows write one, is no part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return refused(null, 'het verzoek is geen JSON; verwacht {"fileId": "…", "reden": "…"}');
  }
  const parsed = withdrawalRequest.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'verzoek'}: ${i.message}`);
    // What does not pass is not echoed as a file id (it goes to the log): it could be any text.
    return refused(null, `het verzoek klopt niet (${problems.join('; ')})`);
  }
  const { fileId, reden } = parsed.data;
  // Only the municipality whose folder the request is in: a request cannot reach another municipality's file.
  const withdrawn = (record: FileRecord, withdrawnNow: boolean): HandledRequest => ({
    outcome: {
      verzoek,
      fileId,
      status: 'ingetrokken',
      // Records of 0.3.0 kept the name and the reason as given.
      bestand: redactBsns(record.name),
      reden: record.ingetrokken?.reden === undefined ? undefined : redactBsns(record.ingetrokken.reden),
      op: record.ingetrokken?.op,
    },
    withdrawnNow,
  });
  const result = await withdrawSerialised(store, [gemeente], fileId, reden, { now, verzoek, sent });
  return 'record' in result ? withdrawn(result.record, !result.already) : refused(fileId, result.reden);
}
