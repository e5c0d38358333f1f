/**
 * A withdrawal asked for through the bucket (the way on AWS): an operator puts `withdrawals/<gemeente>/<name>.json`
 * with `{"fileId": "…", "reden": "…"}`. The router queues it in the municipality's FIFO group like an upload, so
 * the ingest function withdraws between that municipality's files, never while one of them is being judged
 * (DESIGN §5, one writer per municipality). The outcome goes to `outbox/<gemeente>/intrekkingen/<name>`, where the
 * operator and the municipality's backoffice read it.
 */
import { z } from 'zod';
import type { BlobStore, ItemStore } from './ports';
import { parseWithdrawalKey } from './route';
import { textUpTo } from './text';
import { fileRecord, withdrawSerialised } from './withdraw';

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

export const withdrawalOutcomeKey = (gemeente: string, name: string): string =>
  `outbox/${gemeente}/intrekkingen/${name}`;

/**
 * Carries out one request and writes its outcome; null when the request object is gone (nothing to answer). A
 * request handled again (a redelivery, or the same request put again) finds its file withdrawn for the same
 * reason and answers as the first time.
 */
export async function handleWithdrawalRequest(
  deps: { readonly store: ItemStore; readonly blobs: BlobStore },
  objectKey: string,
  now = new Date(),
): Promise<WithdrawalOutcome | null> {
  const parts = parseWithdrawalKey(objectKey);
  if (!parts) throw new Error(`${objectKey} ligt niet in withdrawals/<gemeentecode>/`);
  if (!(await deps.blobs.exists(objectKey))) return null;
  // Breaking off a larger body leaves the rest unread: destroy the stream rather than let it wait.
  const body = await deps.blobs.open(objectKey);
  const text = await textUpTo(body, MAX_REQUEST_BYTES).finally(() => body.destroy());
  const outcome = await decide(deps.store, parts.gemeente, objectKey, text, now);
  await deps.blobs.put(
    withdrawalOutcomeKey(parts.gemeente, parts.name),
    `${JSON.stringify(outcome, null, 2)}\n`,
  );
  return outcome;
}

async function decide(
  store: ItemStore,
  gemeente: string,
  verzoek: string,
  text: string | null,
  now: Date,
): Promise<WithdrawalOutcome> {
  const refused = (fileId: string | null, waarom: string): WithdrawalOutcome => ({
    verzoek,
    fileId,
    status: 'geweigerd',
    waarom,
  });
  if (text === null) return refused(null, `het verzoek is groter dan ${MAX_REQUEST_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
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
  const before = await fileRecord(store, [gemeente], fileId);
  if (before?.status === 'ingetrokken' && before.ingetrokken?.reden === reden) {
    return { verzoek, fileId, status: 'ingetrokken', bestand: before.name, reden, op: before.ingetrokken.op };
  }
  const result = await withdrawSerialised(store, [gemeente], fileId, reden, now);
  if (!('record' in result)) return refused(fileId, result.reden);
  const { record } = result;
  return { verzoek, fileId, status: 'ingetrokken', bestand: record.name, reden, op: record.ingetrokken?.op };
}
