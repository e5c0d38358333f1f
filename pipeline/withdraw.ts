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
  const found = (await store.get(gemeenten.map((g) => key.file(g, fileId)))) as FileRecord[];
  const record = found.find((r) => r.status === 'verwerkt');
  if (!record) return null;
  const withdrawn: FileRecord = {
    ...record,
    status: 'ingetrokken',
    ingetrokken: { reden, op: now.toISOString() },
  };
  await store.putOne(withdrawn);
  return withdrawn;
}
