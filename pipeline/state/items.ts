/**
 * What the pipeline keeps in the item store, and the keys it keeps it under (README "State and commit model").
 *
 * Every item a file produces carries that file's id and is keyed by what it is, so writing the same file again
 * writes the same items. The file record is written last and is the only commit point: every read ignores what
 * uncommitted (crashed, never retried) or withdrawn files wrote.
 */
import { createHash } from 'node:crypto';
import { toewijzingMoment } from '../dates';
import type { Item, ItemKey } from '../ports';

export const key = {
  /** One partition per municipality lists its files; the sort key is the file's SHA-256. */
  file: (g: string, fileId: string): ItemKey => ({ pk: `GEM#${g}#FILES`, sk: `FILE#${fileId}` }),
  files: (g: string) => `GEM#${g}#FILES`,
  toewijzing: (g: string, nummer: number): ItemKey => ({ pk: `GEM#${g}#TW#${nummer}`, sk: 'TW' }),
  usage: (g: string, nummer: number): ItemKey => ({ pk: `GEM#${g}#TW#${nummer}`, sk: 'USAGE' }),
  /** A ReferentieNummer of a provider (TR314 / 8021). */
  ref: (g: string, agb: string, ref: string): ItemKey => ({
    pk: `GEM#${g}#AGB#${agb}#REF#${ref}`,
    sk: 'REF',
  }),
  /** A DeclaratieNummer of a provider (TR333 / 9333). */
  declaratie: (g: string, agb: string, nummer: string): ItemKey => ({
    pk: `GEM#${g}#AGB#${agb}#DECL#${nummer}`,
    sk: 'DECL',
  }),
  /** A BerichtIdentificatie of a provider's WMO323 (TR056 / 9056). */
  bericht: (g: string, agb: string, id: string): ItemKey => ({
    pk: `GEM#${g}#AGB#${agb}#MSG#${id}`,
    sk: 'MSG',
  }),
  /**
   * One file's version of a taakgericht report line (municipality, taakveld, period, provider), as sent through one
   * inbox: an item per file and sender, so that the reported municipality and its centrumgemeente, whose ingests run
   * side by side, never write one item (not even for the same bytes sent through both at once).
   */
  taak: (g: string, subject: string, fileId: string, afzender: string): ItemKey => ({
    pk: key.taken(g),
    sk: `${subject}#${fileId}#${afzender}`,
  }),
  /** The partition of a municipality's taakgericht versions (queried per subject). */
  taken: (g: string) => `GEM#${g}#TAAK`,
  contributions: (g: string) => `GEM#${g}#CONTRIB`,
  contribution: (g: string, fileId: string, part: string): ItemKey => ({
    pk: `GEM#${g}#CONTRIB`,
    sk: `${fileId}#${part}`,
  }),
};

export type FileStatusCode = 'verwerkt' | 'quarantaine' | 'ingetrokken';

/** The commit record of one file. */
export interface FileRecord extends Item {
  readonly fileId: string;
  readonly gemeente: string;
  readonly name: string;
  /** The name of its outputs when another file of the municipality had its name first (see outputName). */
  readonly uitvoer?: string;
  readonly status: FileStatusCode;
  readonly kind: string;
  readonly format: string | null;
  /** Receipt time (ISO), "now" for this file: recorded once, used for TR135/8848 and the answer's dagtekening. */
  readonly ontvangen: string;
  readonly regels: number;
  readonly geaccepteerd: number;
  readonly afgewezen: number;
  readonly afgewezenBedrag: number;
  /** Internal copies of the report and answer, written before the commit. */
  readonly rapportKey: string;
  readonly antwoordKey: string | null;
  readonly antwoordExt: 'xml' | 'csv' | null;
  readonly topRetourcodes: readonly { code: string; aantal: number }[];
  /** Set after the alert went out (alerts are sent after the commit, once). */
  readonly alertVerzonden?: string;
  /** Why and when it was withdrawn, and the request that asked for it (withdrawals/… on AWS). */
  readonly ingetrokken?: { readonly reden: string; readonly op: string; readonly verzoek?: string };
  /** The attempt that committed the file: only items of that attempt count (see attemptOf). */
  readonly poging?: string;
}

/** What every read needs of a file's record: whether it counts, and when it was received. */
export interface CommittedFile {
  readonly ontvangen: string;
  readonly status: FileStatusCode;
  readonly poging?: string;
}

/** Committed files of one municipality, by id: what every read filters on. */
export type CommittedFiles = ReadonlyMap<string, CommittedFile>;

/**
 * Received later; at the same receipt time (S3 keeps whole seconds) the larger file id counts as later, so every
 * reader (registry, monitor, taakgericht) picks the same one.
 */
export const receivedAfter = (
  a: { readonly fileId: string; readonly ontvangen: string },
  b: { readonly fileId: string; readonly ontvangen: string },
): boolean => a.ontvangen > b.ontvangen || (a.ontvangen === b.ontvangen && a.fileId > b.fileId);

/** Who writes a file's items: the file, and the attempt that decided them (attemptOf). */
export interface Writer {
  readonly fileId: string;
  readonly poging: string;
}

/** An item of this file and attempt counts: the file is committed, by the attempt that wrote the item. */
export const counts = (files: CommittedFiles, fileId: string, poging: string | undefined): boolean => {
  const f = files.get(fileId);
  return f?.status === 'verwerkt' && f.poging === poging;
};

/** The item was written by the attempt that gave its file a record (of any status). */
export const ofRecordedAttempt = (
  files: CommittedFiles,
  fileId: string,
  poging: string | undefined,
): boolean => files.has(fileId) && files.get(fileId)!.poging === poging;

/**
 * The id of an attempt to process a file: everything its decisions depend on — the file, its receipt time, the
 * state it is decided against (the municipality's file records and their status) and the rules it is decided by
 * (`rules`: the region's reference data and the code's version). A retry of the same delivery against the same
 * state decides the same and writes the same items; any other attempt may decide differently, and items of the
 * earlier one that it does not write again then never count, as their poging is not the record's.
 */
export function attemptOf(
  fileId: string,
  ontvangen: string,
  records: Iterable<{ fileId: string; status: FileStatusCode }>,
  rules: string,
): string {
  const state = [...records].map((r) => `${r.fileId}:${r.status}`).sort();
  return createHash('sha256')
    .update([fileId, ontvangen, rules, ...state].join('\n'))
    .digest()
    .toString('hex', 0, 8);
}

/** One version of a toewijzing, as a file delivered it (the BSN only as pseudonym). */
export interface ToewijzingVersion {
  readonly fileId: string;
  readonly poging?: string;
  readonly seq: number;
  readonly client: string;
  readonly agb: string;
  readonly categorie: string | null;
  readonly code: string | null;
  readonly toewijzingsdatum: string;
  readonly toewijzingstijd: string;
  readonly ingangsdatum: string;
  readonly einddatum: string | null;
  readonly redenWijziging: string | null;
  readonly volume: number | null;
  readonly eenheid: string | null;
  readonly frequentie: string | null;
  readonly budget: number | null;
  /** Municipality of origin; 0000 = unknown. */
  readonly herkomst: string;
}

export interface ToewijzingItem extends Item {
  readonly versions: readonly ToewijzingVersion[];
}

/** One declared line's effect on its toewijzing (approved lines only). */
export interface UsageEntry {
  readonly fileId: string;
  readonly poging?: string;
  readonly ref: string;
  readonly agb: string;
  readonly dc: 'D' | 'C';
  /** For a credit: the debit it reverses. */
  readonly vorig: string | null;
  readonly categorie: string;
  readonly code: string;
  readonly begin: string;
  readonly eind: string;
  readonly volume: number;
  readonly eenheid: string;
  /** Signed cents. */
  readonly bedrag: number;
  /** Month and attributes the amount counts for (for a credit: those of its debit). */
  readonly maand: string;
  readonly herkomst: string;
  readonly taakveld: string;
  readonly client: string;
}

export interface UsageItem extends Item {
  readonly entries: readonly UsageEntry[];
}

/** A number (ReferentieNummer, DeclaratieNummer, BerichtIdentificatie) taken by the file that first used it. */
export interface TakenItem extends Item {
  readonly fileId: string;
  readonly poging?: string;
  readonly status?: 'toegekend' | 'afgewezen';
}

export interface TaakVersion {
  readonly fileId: string;
  readonly poging?: string;
  /** The municipality whose inbox the file came through, where its record is (absent: the reported one). */
  readonly afzender?: string;
  readonly ontvangen: string;
  readonly aantalClienten: number;
  readonly bedrag: number;
}

export interface TaakItem extends Item, TaakVersion {
  readonly gemeente: string;
  readonly taakveld: string;
  readonly periodeBegin: string;
  readonly periodeEind: string;
  readonly agbCode: string;
}

/** The effective (latest committed) version of a toewijzing, or null. */
export function effectiveToewijzing(
  item: ToewijzingItem | undefined,
  files: CommittedFiles,
): ToewijzingVersion | null {
  let best: ToewijzingVersion | null = null;
  for (const v of item?.versions ?? []) {
    if (!counts(files, v.fileId, v.poging)) continue;
    if (!best || laterVersion(v, best, files)) best = v;
  }
  return best;
}

/** A later Toewijzingsdatum/-tijd replaces an earlier one; on a tie the file received later wins. */
export function laterVersion(a: ToewijzingVersion, b: ToewijzingVersion, files: CommittedFiles): boolean {
  const ka = toewijzingMoment(a);
  const kb = toewijzingMoment(b);
  if (ka !== kb) return ka > kb;
  if (a.fileId === b.fileId) return a.seq > b.seq;
  const receipt = (v: ToewijzingVersion) => ({
    fileId: v.fileId,
    ontvangen: files.get(v.fileId)?.ontvangen ?? '',
  });
  return receivedAfter(receipt(a), receipt(b));
}

/** The usage entries that count: those of committed files. */
export function effectiveUsage(item: UsageItem | undefined, files: CommittedFiles): UsageEntry[] {
  return (item?.entries ?? []).filter((e) => counts(files, e.fileId, e.poging));
}

/** Whether a taken number counts (its file is committed). */
export function taken(item: TakenItem | undefined, files: CommittedFiles): boolean {
  return item !== undefined && counts(files, item.fileId, item.poging);
}
