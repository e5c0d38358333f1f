/** An ItemStore in memory, for unit tests and the pure reconcile benchmark. */
import type { Item, ItemKey, ItemStore } from '../pipeline/ports';

export class MemoryItemStore implements ItemStore {
  private readonly items = new Map<string, Item>();
  readonly stats = { readRequests: 0, writeRequests: 0 };
  private readonly copy: <T>(x: T) => T;

  /**
   * Items are copied in and out like a real database would (so tests catch a caller changing what it read);
   * `clone: false` skips that for benchmarks of the pipeline's own work.
   */
  constructor(options: { clone?: boolean } = {}) {
    this.copy = options.clone === false ? (x) => x : (x) => structuredClone(x);
  }

  private static key(k: ItemKey): string {
    return `${k.pk}\u0000${k.sk}`;
  }

  async get(keys: readonly ItemKey[]): Promise<Item[]> {
    this.stats.readRequests += Math.ceil(keys.length / 100);
    const out: Item[] = [];
    for (const k of keys) {
      const item = this.items.get(MemoryItemStore.key(k));
      if (item) out.push(this.copy(item));
    }
    return out;
  }

  async put(items: readonly Item[]): Promise<void> {
    this.stats.writeRequests += Math.ceil(items.length / 25);
    for (const item of items) this.items.set(MemoryItemStore.key(item), this.copy(item));
  }

  async putOne(item: Item): Promise<void> {
    this.stats.writeRequests++;
    this.items.set(MemoryItemStore.key(item), this.copy(item));
  }

  async *query(pk: string, skPrefix = ''): AsyncIterable<Item[]> {
    this.stats.readRequests++;
    const out = [...this.items.values()]
      .filter((i) => i.pk === pk && i.sk.startsWith(skPrefix))
      .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
    yield out.map((i) => this.copy(i));
  }

  /** Everything, for tests that compare two stores. */
  dump(): Item[] {
    return [...this.items.values()].sort((a, b) =>
      MemoryItemStore.key(a).localeCompare(MemoryItemStore.key(b)),
    );
  }
}
