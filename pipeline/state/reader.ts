/**
 * Reads what a file needs from the item store in batches (BatchGetItem of up to 100 keys), caches it for the
 * rest of the file, and sees only what committed files wrote.
 */
import type { Item, ItemKey, ItemStore } from '../ports';
import { ToewijzingUsage } from '../reconcile/usage';
import {
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
  return new Map([...records.values()].map((r) => [r.fileId, { ontvangen: r.ontvangen, status: r.status }]));
}

const k = (x: ItemKey) => `${x.pk}\u0000${x.sk}`;

export class StateReader {
  private readonly toewijzingen = new Map<number, ToewijzingState>();

  constructor(
    private readonly store: ItemStore,
    readonly gemeente: string,
    readonly files: CommittedFiles,
  ) {}

  private async getMany(keys: readonly ItemKey[]): Promise<Map<string, Item>> {
    const items = keys.length ? await this.store.get(keys) : [];
    return new Map(items.map((i) => [k(i), i]));
  }

  /** Loads the toewijzingen (and their usage) not loaded yet. */
  async loadToewijzingen(nummers: Iterable<number>): Promise<void> {
    const missing = [...new Set(nummers)].filter((n) => !this.toewijzingen.has(n));
    if (!missing.length) return;
    const keys = missing.flatMap((n) => [key.toewijzing(this.gemeente, n), key.usage(this.gemeente, n)]);
    const found = new Map<string, Item>();
    for (const item of keys.length ? await this.store.get(keys) : [])
      found.set(`${item.pk}|${item.sk}`, item);
    for (const n of missing) {
      const pk = key.toewijzing(this.gemeente, n).pk;
      const item = found.get(`${pk}|TW`) as ToewijzingItem | undefined;
      const usageItem = found.get(`${pk}|USAGE`) as UsageItem | undefined;
      this.toewijzingen.set(n, {
        nummer: n,
        item,
        current: effectiveToewijzing(item, this.files),
        usageItem,
        usage: new ToewijzingUsage(effectiveUsage(usageItem, this.files)),
      });
    }
  }

  toewijzing(nummer: number): ToewijzingState {
    const t = this.toewijzingen.get(nummer);
    if (!t) throw new Error(`toewijzing ${nummer} is niet geladen`);
    return t;
  }

  /** The toewijzingen this file touched. */
  touched(): ToewijzingState[] {
    return [...this.toewijzingen.values()];
  }

  /** For each key: whether a committed file took it (a number already used), and by which file. */
  async takenBy(keys: readonly ItemKey[]): Promise<Map<string, TakenItem | undefined>> {
    const found = await this.getMany(keys);
    return new Map(
      keys.map((x) => {
        const item = found.get(k(x)) as TakenItem | undefined;
        return [k(x), taken(item, this.files) ? item : undefined];
      }),
    );
  }
}

export const itemKey = k;
