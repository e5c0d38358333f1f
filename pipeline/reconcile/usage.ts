/**
 * What has been declared on one toewijzing: the approved debits and credits of committed files, plus those
 * approved earlier in the file being processed. Volumes, amounts, open debits per slot and credited debits are
 * derived from these entries, so a withdrawn or never-committed file simply stops counting.
 *
 * A toewijzing has a few entries a month, and a file touches up to a million toewijzingen: plain arrays searched
 * in order are both smaller and faster here than maps.
 */
import { minutesForHours } from '../../schemas/iwmo/codelists';
import type { UsageEntry } from '../state/items';

/** A slot: one product period of one product on one toewijzing (TR389). */
export type Slot = Pick<UsageEntry, 'categorie' | 'code' | 'begin' | 'eind'>;

/** The same product for at least one common day (periods are whole days, ISO dates compare as text). */
export const overlappingSlots = (a: Slot, b: Slot): boolean =>
  a.code === b.code && a.categorie === b.categorie && a.begin <= b.eind && b.begin <= a.eind;

export class ToewijzingUsage {
  private all: UsageEntry[];
  /** Entries before this index were committed before this file; the rest are this file's. */
  private readonly committed: number;

  constructor(entries: readonly UsageEntry[] = []) {
    this.all = [...entries];
    this.committed = entries.length;
  }

  add(e: UsageEntry): void {
    // Most toewijzingen get one entry per file: a first push would reserve room for sixteen.
    if (this.all.length === 0) this.all = [e];
    else this.all.push(e);
  }

  /** The entries added while this file is judged, for writing (once every line is judged). */
  added(): readonly UsageEntry[] {
    return this.committed === 0 ? this.all : this.all.slice(this.committed);
  }

  entries(): readonly UsageEntry[] {
    return this.all;
  }

  /**
   * An approved debit of this provider with this ReferentieNummer. ReferentieNummers are unique per provider
   * (TR314), and a toewijzing may have moved to another provider: a credit only reverses its provider's debit.
   */
  debit(ref: string, agb: string): UsageEntry | undefined {
    return this.all.find((e) => e.dc === 'D' && e.ref === ref && e.agb === agb);
  }

  isCredited(ref: string, agb: string): boolean {
    return this.all.some((e) => e.dc === 'C' && e.vorig === ref && e.agb === agb);
  }

  /**
   * The ReferentieNummer of an approved, not credited debit of this product whose period shares a day with the
   * slot, if any, whichever provider declared it: no day of care is paid twice on one toewijzing (a period that
   * changed with the toewijzing's dates is no way around it).
   */
  openDebit(slot: Slot): string | undefined {
    for (const e of this.all) {
      if (e.dc === 'D' && overlappingSlots(e, slot) && !this.isCredited(e.ref, e.agb)) return e.ref;
    }
    return undefined;
  }

  /**
   * Σ volume, debits minus credits, in the toewijzing's unit; hours assigned may be declared in minutes
   * (IV081), which count as sixtieths of an hour.
   */
  volume(toewijzingEenheid: string | null): number {
    let sum = 0;
    for (const e of this.all) sum += signedVolume(e, toewijzingEenheid);
    return sum;
  }

  /** Σ amount in cents, debits minus credits. */
  amount(): number {
    let sum = 0;
    for (const e of this.all) sum += e.bedrag;
    return sum;
  }
}

/** An entry's volume in the toewijzing's unit, negative for a credit (what it adds to the volume declared). */
export const signedVolume = (e: UsageEntry, toewijzingEenheid: string | null): number =>
  (e.dc === 'C' ? -1 : 1) * inUnit(e.volume, e.eenheid, toewijzingEenheid);

/** A declared volume in the toewijzing's unit (minutes against an hourly toewijzing count as hours). */
export function inUnit(volume: number, eenheid: string, toewijzingEenheid: string | null): number {
  return minutesForHours(eenheid, toewijzingEenheid) ? volume / 60 : volume;
}
