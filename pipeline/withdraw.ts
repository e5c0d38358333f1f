/**
 * Withdrawing a file (an operator's correction): its record is marked withdrawn, so its ledger, usage and
 * contribution items stop counting in every read. Nothing is deleted; the reason and time are kept.
 */
import { isKeptNameOf, redactBsns } from './bsn';
import { withMunicipalityLock } from './ingest';
import type { ItemStore } from './ports';
import type { DeclaratieContribution, ToewijzingContribution } from './reconcile/contributions';
import { totalAssigned } from './reconcile/omvang';
import { overlappingSlots, signedVolume } from './reconcile/usage';
import { costGroup } from './settle/costs';
import { type FileRecord, key, type ToewijzingVersion, type UsageEntry } from './state/items';
import { committedFiles, loadFiles, StateReader, type ToewijzingState } from './state/reader';

/** When and through what a withdrawal was asked for (the request's key in the bucket, on AWS). */
export interface WithdrawalAsked {
  readonly now?: Date;
  /** The request's key as the record keeps it (keptName). */
  readonly verzoek?: string;
  /** The key as sent: what a record of 0.3.0 kept, for a redelivery across the upgrade. */
  readonly sent?: string;
}

/**
 * Withdraws a file as an operator asks, while its municipality's files wait (`bwmo serve` ingests alongside): the
 * record, or why it may not be withdrawn.
 */
export async function withdrawSerialised(
  store: ItemStore,
  gemeenten: readonly string[],
  fileId: string,
  reden: string,
  asked: WithdrawalAsked = {},
): Promise<{ record: FileRecord; already?: boolean } | { reden: string }> {
  const records = await fileRecords(store, gemeenten, fileId);
  if (records.length > 1) return { reden: ambiguous(fileId, records) };
  const [found] = records;
  if (!found) return { reden: notWithdrawable(fileId, null) };
  // The same request again (a redelivery): done already, answered as the first time.
  const recorded = found.status === 'ingetrokken' ? found.ingetrokken?.verzoek : undefined;
  if (asked.verzoek && isKeptNameOf(recorded, asked.verzoek, asked.sent ?? asked.verzoek))
    return { record: found, already: true };
  return withMunicipalityLock(found.gemeente, async () => {
    const check = await withdrawable(store, [found.gemeente], fileId);
    return 'record' in check ? { record: await withdrawRecord(store, check.record, reden, asked) } : check;
  });
}

/** Withdraws a file when it may be (see withdrawable); null when not. */
export async function withdrawFile(
  store: ItemStore,
  gemeenten: readonly string[],
  fileId: string,
  reden: string,
  now = new Date(),
): Promise<FileRecord | null> {
  const check = await withdrawable(store, gemeenten, fileId);
  return 'record' in check ? withdrawRecord(store, check.record, reden, { now }) : null;
}

/**
 * The committed record of a file that may be withdrawn now, or why not, in a sentence for the operator. Files that
 * build on it go first: a file crediting its debits (withdrawn first, it would leave those credits reversing
 * nothing: usage below zero, negative care costs), and a file whose debit replaced a debit it credits (withdrawn
 * first, the credited debit would count again next to its replacement: the same care paid twice).
 */
export async function withdrawable(
  store: ItemStore,
  gemeenten: readonly string[],
  fileId: string,
): Promise<{ record: FileRecord } | { reden: string }> {
  const [record = null] = await fileRecords(store, gemeenten, fileId);
  if (record?.status !== 'verwerkt') return { reden: notWithdrawable(fileId, record) };
  const later = await dependentFiles(store, record);
  if (later.length === 0) return { record };
  const namen = later.map((f) => `${redactBsns(f.name)} (fileId ${f.fileId})`).join(', ');
  return {
    reden: `${redactBsns(record.name)} kan nog niet worden ingetrokken: ${namen} ${later.length > 1 ? 'bouwen' : 'bouwt'} erop voort (crediteert prestaties ervan, vervangt een prestatie die het crediteert, declareert daarna op een toewijzing die het crediteert, of heeft goedgekeurde prestaties op een toewijzing die alleen dit bestand toewijst); trek ${later.length > 1 ? 'die' : 'dat bestand'} eerst in`,
  };
}

/**
 * Committed files, other than this one, with an approved, uncredited debit on a toewijzing this (toewijzing) file
 * sets and no other file does (withdrawn first, the debit could never be credited), or with an approved credit of
 * an approved debit of this file, or with an
 * approved, uncredited debit sharing a day and product with a debit this file credits, or with an approved debit
 * that fits the toewijzing's Omvang or Budget (TR322, TR369) only with the room a credit of this file freed:
 * withdrawing the credit first would take that room back.
 */
async function dependentFiles(store: ItemStore, record: FileRecord): Promise<FileRecord[]> {
  // The toewijzingen of its approved lines, from its cost figures, and those it sets (a file may touch a million).
  const declared = new Set<number>();
  const assigned = new Set<number>();
  for await (const page of store.query(key.contributions(record.gemeente), `${record.fileId}#`)) {
    for (const item of page) {
      if (item.poging !== record.poging) continue;
      if (item.soort === 'declaratie')
        for (const row of item.rows as DeclaratieContribution[])
          for (const [sleutel, waarde] of Object.entries(row.kosten))
            for (const n of costGroup(sleutel, waarde).perNummer.nummers) declared.add(n);
      if (item.soort === 'toewijzing')
        for (const row of item.rows as ToewijzingContribution[]) assigned.add(row.nummer);
    }
  }
  if (declared.size === 0 && assigned.size === 0) return [];
  const records = await loadFiles(store, record.gemeente);
  const files = committedFiles(records);
  const withoutIt = new Map([...files].filter(([id]) => id !== record.fileId));
  const dependent = new Set<string>();
  // A reader per chunk, so that a file touching a million toewijzingen does not keep them all.
  const inChunks = async (
    nummers: Set<number>,
    reader: () => StateReader,
    visit: (t: ToewijzingState) => void,
  ) => {
    const all = [...nummers];
    for (let i = 0; i < all.length; i += USAGE_CHUNK)
      for (const t of await reader().loadToewijzingen(all.slice(i, i + USAGE_CHUNK))) visit(t);
  };
  await inChunks(
    declared,
    () => new StateReader(store, record.gemeente, files),
    (t) => {
      for (const id of buildingOn(t, record.fileId)) dependent.add(id);
    },
  );
  // Approved debits on a toewijzing of which no version would be left: they could never be credited (9338).
  await inChunks(
    assigned,
    () => new StateReader(store, record.gemeente, withoutIt),
    (t) => {
      if (t.current !== null) return;
      for (const e of t.usage.entries())
        if (e.dc === 'D' && !t.usage.isCredited(e.ref, e.agb)) dependent.add(e.fileId);
    },
  );
  return [...dependent]
    .map((id) => records.get(id))
    .filter((r): r is FileRecord => r !== undefined)
    .sort((a, b) => a.ontvangen.localeCompare(b.ontvangen));
}

/** The other files on one toewijzing that build on this file (see dependentFiles). */
function buildingOn({ usage, current }: ToewijzingState, fileId: string): string[] {
  const entries = usage.entries();
  const mine = entries.filter((e) => e.fileId === fileId);
  const myDebits = new Set(mine.filter((e) => e.dc === 'D').map((e) => `${e.agb}|${e.ref}`));
  // Debits of other files this file credits (a file may credit its own debit in a later declaration: withdrawn,
  // both stop counting, and nothing that replaced it is paid twice).
  const creditedByMe = mine.flatMap((c) => {
    const debit = c.dc === 'C' && c.vorig !== null ? usage.debit(c.vorig, c.agb) : undefined;
    return debit && debit.fileId !== fileId ? [debit] : [];
  });
  const out: string[] = [];
  for (const e of entries) {
    if (e.fileId === fileId) continue;
    const creditsMine = e.dc === 'C' && myDebits.has(`${e.agb}|${e.vorig}`);
    const replacesWhatICredit =
      e.dc === 'D' &&
      creditedByMe.some((d) => d.ref !== e.ref && overlappingSlots(d, e)) &&
      !usage.isCredited(e.ref, e.agb);
    if (creditsMine || replacesWhatICredit) out.push(e.fileId);
  }
  return [...out, ...needingFreedRoom(entries, fileId, current)];
}

/**
 * The files with a debit, judged after the first credit of this file on the toewijzing (a usage item lists its
 * entries in the order their files were judged), that would not fit the Omvang (TR322) or the Budget (TR369) without
 * this file's entries. The Omvang is taken at its smallest (per week: Sundays or calendar weeks, whichever is fewer);
 * without the toewijzing every such debit counts.
 */
function needingFreedRoom(
  entries: readonly UsageEntry[],
  fileId: string,
  t: ToewijzingVersion | null,
): string[] {
  const firstCredit = entries.findIndex((e) => e.fileId === fileId && e.dc === 'C');
  if (firstCredit < 0) return [];
  const later = (i: number, e: UsageEntry) => i > firstCredit && e.dc === 'D' && e.fileId !== fileId;
  if (!t) return entries.flatMap((e, i) => (later(i, e) ? [e.fileId] : []));
  const totals = [totalAssigned(t, 'inspanningsgericht'), totalAssigned(t, 'outputgericht')];
  const total = totals.some((x) => x === null) ? null : Math.min(...(totals as number[]));
  // What the others declared, entry by entry, counted as TR322 and TR369 count it; running sums, not a recount.
  let volume = 0;
  let amount = 0;
  const out: string[] = [];
  for (const [i, e] of entries.entries()) {
    if (e.fileId === fileId) continue;
    volume += signedVolume(e, t.eenheid);
    amount += e.bedrag;
    const over = (total !== null && volume > total + 1e-9) || (t.budget !== null && amount > t.budget);
    if (over && later(i, e)) out.push(e.fileId);
  }
  return out;
}

const USAGE_CHUNK = 500;

/**
 * Marks a committed file's record withdrawn (the caller read it and checked it is committed). Only the status and
 * the reason are written, so an alert recorded since the caller read the record stays recorded.
 */
export async function withdrawRecord(
  store: ItemStore,
  record: FileRecord,
  reden: string,
  { now = new Date(), verzoek }: WithdrawalAsked = {},
): Promise<FileRecord> {
  // An operator's free text: a possible BSN in it is not stored. The request's key comes as its kept name (keptName:
  // a BSN in it masked, with a keyed code), which tells a redelivery.
  const ingetrokken = { reden: redactBsns(reden), op: now.toISOString(), ...(verzoek ? { verzoek } : {}) };
  const change = { status: 'ingetrokken', ingetrokken } as const;
  await store.mark(key.file(record.gemeente, record.fileId), change);
  return { ...record, ...change };
}

/**
 * The records of a file in these municipalities, whatever their status: more than one when the same bytes came
 * through several inboxes (quarantined in the wrong municipality's, accepted in the right one's).
 */
async function fileRecords(
  store: ItemStore,
  gemeenten: readonly string[],
  fileId: string,
): Promise<FileRecord[]> {
  return (await store.get(gemeenten.map((g) => key.file(g, fileId)))) as FileRecord[];
}

/** The record of a file in a municipality, whatever its status. */
export async function fileRecord(
  store: ItemStore,
  gemeente: string,
  fileId: string,
): Promise<FileRecord | null> {
  const [record = null] = await fileRecords(store, [gemeente], fileId);
  return record;
}

/** A file id of several municipalities' files: the operator must say which one is meant. */
function ambiguous(fileId: string, records: readonly FileRecord[]): string {
  const which = records.map((r) => `gemeente ${r.gemeente}: ${redactBsns(r.name)} (${r.status})`).join('; ');
  return `fileId ${fileId} hoort bij bestanden van meer gemeenten (${which}); zeg met --gemeente welk bestand wordt ingetrokken`;
}

/** Why a file cannot be withdrawn, in a sentence for the operator. */
export function notWithdrawable(fileId: string, record: FileRecord | null): string {
  if (!record) return `geen bestand met id ${fileId} (het fileId staat in het rapport)`;
  if (record.status === 'ingetrokken')
    return redactBsns(
      `${record.name} is al ingetrokken op ${record.ingetrokken?.op ?? '?'} (reden: ${record.ingetrokken?.reden ?? '?'})`,
    );
  return `${redactBsns(record.name)} staat in quarantaine en telt niet mee: er is niets in te trekken`;
}
