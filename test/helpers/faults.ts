/**
 * Fault injection for the exactly-once tests: every write step (a batch of up to 25 items, a single put, a blob
 * write, copy or delete) counts; the k-th one throws.
 */
import type { BlobStore, Item, ItemKey, ItemStore } from '../../pipeline/ports';

export class InjectedFault extends Error {}

export class Faults {
  count = 0;
  failAt = 0;
  /** Or: fail every step this says yes to. */
  failWhen: ((step: string) => boolean) | undefined;
  readonly steps: string[] = [];

  tick(what: string): void {
    this.count++;
    this.steps.push(what);
    if (this.count === this.failAt || this.failWhen?.(what))
      throw new InjectedFault(`fout ingeprikt bij stap ${this.count}: ${what}`);
  }
}

/** A store that passes every call to `inner`: spread it and replace the calls a test wants to watch or break. */
export function forwarding(inner: ItemStore): ItemStore {
  return {
    stats: inner.stats,
    get: (keys) => inner.get(keys),
    put: (items) => inner.put(items),
    putOne: (item) => inner.putOne(item),
    mark: (key, attributes) => inner.mark(key, attributes),
    query: (pk, sk) => inner.query(pk, sk),
  };
}

/** A BlobStore that passes every call on: spread it and override what a test must intercept. */
export function forwardingBlobs(inner: BlobStore): BlobStore {
  return {
    put: (key, body) => inner.put(key, body),
    open: (key, version) => inner.open(key, version),
    exists: (key) => inner.exists(key),
    copy: (from, to, version) => inner.copy(from, to, version),
    delete: (key, version) => inner.delete(key, version),
    list: (prefix) => inner.list(prefix),
    version: (key) => inner.version(key),
  };
}

export function faultyStore(inner: ItemStore, faults: Faults): ItemStore {
  return {
    ...forwarding(inner),
    async put(items: readonly Item[]) {
      for (let i = 0; i < items.length; i += 25) {
        faults.tick(`store.put ${items[i].pk}`);
        await inner.put(items.slice(i, i + 25));
      }
    },
    async putOne(item: Item) {
      faults.tick(`store.putOne ${item.pk}`);
      await inner.putOne(item);
    },
    async mark(key: ItemKey, attributes: Readonly<Record<string, unknown>>) {
      faults.tick(`store.mark ${key.pk}${'alertVerzonden' in attributes ? ' (melding vastgelegd)' : ''}`);
      return inner.mark(key, attributes);
    },
  };
}

export function faultyBlobs(inner: BlobStore, faults: Faults): BlobStore {
  return {
    ...forwardingBlobs(inner),
    async put(key, body) {
      faults.tick(`blobs.put ${key}`);
      await inner.put(key, body);
    },
    async copy(from, to, version) {
      faults.tick(`blobs.copy ${to}`);
      await inner.copy(from, to, version);
    },
    async delete(key, version) {
      faults.tick(`blobs.delete ${key}`);
      await inner.delete(key, version);
    },
  };
}
