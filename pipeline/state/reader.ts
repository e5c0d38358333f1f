/**
 * Reads what a file needs from the item store in batches (BatchGetItem of up to 100 keys), caches it for the
 * rest of the file, and sees only what committed files wrote.
 */
import type { Item, ItemKey, ItemStore } from '../ports';
import { ToewijzingUsage } from '../reconcile/usage';
import {
  type CommittedFile,
  type CommittedFiles,
  effectiveToewijzing,
  effectiveUsage,
  type FileRecord,
  key,
  type TakenItem,
  type ToewijzingItem,
  type ToewijzingVersion,
  taken,
  type UsageItem,
} from './items';

export interface ToewijzingState {
  readonly nummer: number;
  /** All stored versions (to rewrite the item with this file's version added). */
  readonly item: ToewijzingItem | undefined;
  readonly current: ToewijzingVersion | null;
  readonly usageItem: UsageItem | undefined;
  readonly usage: ToewijzingUsage;
}

/** Committed and quarantined files of a municipality (withdrawn ones too: they are known but do not count). */
export async function loadFiles(store: ItemStore, gemeente: string): Promise<Map<string, FileRecord>> {
  const files = new Map<string, FileRecord>();
  for await (const page of store.query(key.files(gemeente))) {
    for (const item of page) files.set((item as FileRecord).fileId, item as FileRecord);
  }
  return files;
}

export function committedFiles(records: ReadonlyMap<string, FileRecord>): CommittedFiles {
  return new Map([...records.values()].map((r) => [r.fileId, committedFile(r)]));
}

/** What the reads need of one record (CommittedFile). */
export const committedFile = (r: FileRecord): CommittedFile => ({
  ontvangen: r.ontvangen,
  status: r.status,
  poging: r.poging,
});

/** The sort keys of a toewijzing's two items (the partition key is the toewijzing's). */
const TW_SK = key.toewijzing('', 0).sk;
const USAGE_SK = key.usage('', 0).sk;

const k = (x: ItemKey) => `${x.pk}\u0000${x.sk}`;

export class StateReader {
  private readonly toewijzingen = new Map<number, ToewijzingState>();
  /**
   * Per provider, per ReferentieNummer: its slot in refCommitted and refClaimant, which say whether it is taken (by
   * a committed file, or by an earlier line of this file). Keyed by the line's own strings, so a line asks without
   * composing an item key.
   */
  private readonly refSlots = new Map<string, Map<string, number>>();
  /** A committed file took the number. */
  private readonly refCommitted: boolean[] = [];
  /** The line of this file (its seq) that claimed the number first, -1 before any. */
  private readonly refClaimant: number[] = [];

  constructor(
    private readonly store: ItemStore,
    readonly gemeente: string,
    readonly files: CommittedFiles,
  ) {}

  private async getMany(keys: readonly ItemKey[]): Promise<Map<string, Item>> {
    const items = keys.length ? await this.store.get(keys) : [];
    return new Map(items.map((i) => [k(i), i]));
  }

  /** Loads the toewijzingen (and their usage) not loaded yet; gives the state of each number, in order. */
  async loadToewijzingen(nummers: readonly number[]): Promise<ToewijzingState[]> {
    const states: ToewijzingState[] = new Array(nummers.length);
    // In order of first mention: the order of touched(), and so of the usage items written.
    const missing = new Set<number>();
    for (let i = 0; i < nummers.length; i++) {
      const t = this.toewijzingen.get(nummers[i]);
      if (t) states[i] = t;
      else missing.add(nummers[i]);
    }
    if (missing.size) {
      await this.loadMissing(missing);
      for (let i = 0; i < nummers.length; i++) states[i] ??= this.toewijzing(nummers[i]);
    }
    return states;
  }

  private async loadMissing(missing: ReadonlySet<number>): Promise<void> {
    // A toewijzing and its usage share their partition key: one key string per toewijzing serves both.
    const keys: ItemKey[] = [];
    for (const n of missing) {
      const tw = key.toewijzing(this.gemeente, n);
      keys.push(tw, { pk: tw.pk, sk: USAGE_SK });
    }
    const versions = new Map<string, ToewijzingItem>();
    const usages = new Map<string, UsageItem>();
    for (const item of await this.store.get(keys)) {
      if (item.sk === TW_SK) versions.set(item.pk, item as ToewijzingItem);
      else usages.set(item.pk, item as UsageItem);
    }
    let i = 0;
    for (const n of missing) {
      const { pk } = keys[2 * i++];
      const item = versions.get(pk);
      const usageItem = usages.get(pk);
      this.toewijzingen.set(n, {
        nummer: n,
        item,
        current: effectiveToewijzing(item, this.files),
        usageItem,
        usage: new ToewijzingUsage(usageItem ? effectiveUsage(usageItem, this.files) : undefined),
      });
    }
  }

  toewijzing(nummer: number): ToewijzingState {
    const t = this.toewijzingen.get(nummer);
    if (!t) throw new Error(`toewijzing ${nummer} is niet geladen`);
    return t;
  }

  /** The toewijzingen this file touched. */
  touched(): Iterable<ToewijzingState> {
    return this.toewijzingen.values();
  }

  /**
   * Looks up the ReferentieNummers not known yet: refs[i] of provider agbs[i], in order of the lines; one key per
   * provider and number. Gives each line the slot of its number, to claim it with.
   */
  async loadRefs(agbs: readonly string[], refs: readonly string[]): Promise<Int32Array> {
    const slots = new Int32Array(refs.length);
    const missing: ItemKey[] = [];
    const missingSlots: number[] = [];
    let agb: string | null = null;
    let known = new Map<string, number>();
    for (let i = 0; i < refs.length; i++) {
      // Lines of one provider follow each other.
      if (agbs[i] !== agb) {
        agb = agbs[i];
        let forAgb = this.refSlots.get(agb);
        if (!forAgb) {
          forAgb = new Map();
          this.refSlots.set(agb, forAgb);
        }
        known = forAgb;
      }
      let slot = known.get(refs[i]);
      if (slot === undefined) {
        slot = this.refCommitted.length;
        this.refCommitted.push(false);
        this.refClaimant.push(-1);
        known.set(refs[i], slot);
        missing.push(key.ref(this.gemeente, agb, refs[i]));
        missingSlots.push(slot);
      }
      slots[i] = slot;
    }
    const taken = await this.takenAt(missing);
    for (let i = 0; i < missing.length; i++) if (taken[i]) this.refCommitted[missingSlots[i]] = true;
    return slots;
  }

  /**
   * Whether the provider used this ReferentieNummer before: a committed file, or another line of this file that
   * claimed it first. The first line to claim it takes it, approved or not (the provider resubmits under a new
   * number); a line may claim again (a reservation in file order, then its judging) and is still the one.
   */
  claimRef(slot: number, seq: number): boolean {
    const claimant = this.refClaimant[slot];
    if (claimant === -1) this.refClaimant[slot] = seq;
    return this.refCommitted[slot] || (claimant !== -1 && claimant !== seq);
  }

  /** For each key: whether a committed file took it (a number already used), and by which file. */
  async takenBy(keys: readonly ItemKey[]): Promise<Map<string, TakenItem | undefined>> {
    const found = await this.takenAt(keys);
    return new Map(keys.map((x, i) => [k(x), found[i]]));
  }

  /** takenBy as a list in the order of the keys, without a key string per key when nothing was taken. */
  async takenAt(keys: readonly ItemKey[]): Promise<(TakenItem | undefined)[]> {
    const found = await this.getMany(keys);
    if (found.size === 0) return new Array(keys.length).fill(undefined);
    return keys.map((x) => {
      const item = found.get(k(x)) as TakenItem | undefined;
      return taken(item, this.files) ? item : undefined;
    });
  }
}

export const itemKey = k;
