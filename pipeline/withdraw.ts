/**
 * Withdrawing a file (an operator's correction): its record is marked withdrawn, so its ledger, usage and
 * contribution items stop counting in every read. Nothing is deleted; the reason and time are kept.
 */
import type { ItemStore } from './ports';
import { type FileRecord, key } from './state/items';

export async function withdrawFile(
  store: ItemStore,
  gemeenten: readonly string[],
  fileId: string,
  reden: string,
  now = new Date(),
): Promise<FileRecord | null> {
  const record = await fileRecord(store, gemeenten, fileId);
  return record?.status === 'verwerkt' ? withdrawRecord(store, record, reden, now) : null;
}

/**
 * Marks a committed file's record withdrawn (the caller read it and checked it is committed). Only the status and
 * the reason are written, so an alert recorded since the caller read the record stays recorded.
 */
export async function withdrawRecord(
  store: ItemStore,
  record: FileRecord,
  reden: string,
  now = new Date(),
): Promise<FileRecord> {
  const change = { status: 'ingetrokken', ingetrokken: { reden, op: now.toISOString() } } as const;
  await store.mark(key.file(record.gemeente, record.fileId), change);
  return { ...record, ...change };
}

/** The record of a file in one of these municipalities, whatever its status. */
export async function fileRecord(
  store: ItemStore,
  gemeenten: readonly string[],
  fileId: string,
): Promise<FileRecord | null> {
  const found = (await store.get(gemeenten.map((g) => key.file(g, fileId)))) as FileRecord[];
  return found.find((r) => r.status === 'verwerkt') ?? found[0] ?? null;
}

/** Why a file cannot be withdrawn, in a sentence for the operator. */
export function notWithdrawable(fileId: string, record: FileRecord | null): string {
  if (!record) return `geen bestand met id ${fileId} (het fileId staat in het rapport)`;
  if (record.status === 'ingetrokken')
    return `${record.name} is al ingetrokken op ${record.ingetrokken?.op ?? '?'} (reden: ${record.ingetrokken?.reden ?? '?'})`;
  return `${record.name} staat in quarantaine en telt niet mee: er is niets in te trekken`;
}
