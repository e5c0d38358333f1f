/** The bucket as a local folder (the embedded default): keys are paths below the data folder's bucket/. */

import type { Stats } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type BlobStore, type BlobVersion, ReplacedError } from '../pipeline/ports';

const tagOf = (s: Stats) => `${s.ino}-${s.mtimeMs}-${s.size}`;

/**
 * A write in progress beside its target (`<name>.<pid>.<n>.bwmo-deel`; before, `.tmp`), hidden from list(): a
 * sender's own `x.tmp` is listed. SFTP refuses names of this form (serve/sftp.ts).
 */
export const isPartialWriteName = (name: string): boolean => /\.\d+\.\d+\.(?:bwmo-deel|tmp)$/.test(name);

export class LocalBlobStore implements BlobStore {
  private counter = 0;

  constructor(readonly root: string) {}

  private path(key: string): string {
    const p = join(this.root, key);
    if (relative(this.root, p).startsWith('..')) throw new Error(`sleutel ${key} ligt buiten de bucket`);
    return p;
  }

  async put(
    key: string,
    body: string | Buffer | Iterable<string> | AsyncIterable<string | Buffer>,
  ): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    // Write beside the target and rename: readers never see half a file.
    const tmp = this.partial(target);
    if (typeof body === 'string' || Buffer.isBuffer(body)) await writeFile(tmp, body);
    else await pipeline(Readable.from(body), createWriteStream(tmp));
    await rename(tmp, target);
  }

  async open(key: string, version?: BlobVersion): Promise<Readable> {
    if (!version) return createReadStream(this.path(key), { highWaterMark: 64 * 1024 });
    // Writes replace a file by renaming (a new inode): the open file is the version asked for, or a later one.
    const handle = await open(this.path(key), 'r');
    if (tagOf(await handle.stat()) !== version.tag) {
      await handle.close();
      throw new ReplacedError(key);
    }
    return handle.createReadStream({ highWaterMark: 64 * 1024 });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async copy(from: string, to: string, version?: BlobVersion): Promise<void> {
    if (version) return this.put(to, await this.open(from, version));
    const target = this.path(to);
    await mkdir(dirname(target), { recursive: true });
    const tmp = this.partial(target);
    await copyFile(this.path(from), tmp);
    await rename(tmp, target);
  }

  async delete(key: string, version?: BlobVersion): Promise<void> {
    if (version) {
      const now = await this.version(key);
      if (now === null) return;
      if (now.tag !== version.tag) throw new ReplacedError(key);
    }
    await rm(this.path(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (!isPartialWriteName(e.name)) out.push(relative(this.root, p).split(sep).join('/'));
      }
    };
    await walk(this.root);
    return out.filter((k) => k.startsWith(prefix)).sort();
  }

  private partial(target: string): string {
    return `${target}.${process.pid}.${this.counter++}.bwmo-deel`;
  }

  async version(key: string): Promise<BlobVersion | null> {
    const s = await stat(this.path(key)).catch(() => null);
    return s?.isFile() ? { tag: tagOf(s), modified: s.mtime } : null;
  }
}
