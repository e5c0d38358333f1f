/** An ItemStore in memory, for unit tests and the pure reconcile benchmark. */
import type { Item, ItemKey, ItemStore } from '../pipeline/ports';

export class MemoryItemStore implements ItemStore {
  /** Items by partition key, then sort key (no key string to compose per lookup). */
  private readonly partitions = new Map<string, Map<string, Item>>();
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
    // Keys of one partition (a toewijzing and its usage) usually come together.
    let pk: string | null = null;
    let partition: Map<string, Item> | undefined;
    for (const k of keys) {
      if (k.pk !== pk) {
        pk = k.pk;
        partition = this.partitions.get(pk);
      }
      const item = partition?.get(k.sk);
      if (item) out.push(this.copy(item));
    }
    return out;
  }

  private set(item: Item): void {
    let partition = this.partitions.get(item.pk);
    if (!partition) {
      partition = new Map();
      this.partitions.set(item.pk, partition);
    }
    partition.set(item.sk, this.copy(item));
  }

  async put(items: readonly Item[]): Promise<void> {
    this.stats.writeRequests += Math.ceil(items.length / 25);
    for (const item of items) this.set(item);
  }

  async putOne(item: Item): Promise<void> {
    this.stats.writeRequests++;
    this.set(item);
  }

  async mark(key: ItemKey, attributes: Readonly<Record<string, unknown>>): Promise<boolean> {
    this.stats.writeRequests++;
    const item = this.partitions.get(key.pk)?.get(key.sk);
    if (!item) return false;
    Object.assign(item, this.copy(attributes));
    return true;
  }

  async *query(pk: string, skPrefix = ''): AsyncIterable<Item[]> {
    this.stats.readRequests++;
    const out = [...(this.partitions.get(pk)?.values() ?? [])]
      .filter((i) => i.sk.startsWith(skPrefix))
      .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
    yield out.map((i) => this.copy(i));
  }

  /** Everything, for tests that compare two stores. */
  dump(): Item[] {
    return [...this.partitions.values()]
      .flatMap((p) => [...p.values()])
      .sort((a, b) => MemoryItemStore.key(a).localeCompare(MemoryItemStore.key(b)));
  }
}
