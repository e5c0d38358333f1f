/** The pseudonym key in a local key file, created on first run with permissions for the owner only. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretSource } from '../pipeline/ports';

export class KeyFileSecrets implements SecretSource {
  private key: Promise<Buffer> | null = null;

  constructor(private readonly path: string) {}

  pseudonymKey(): Promise<Buffer> {
    this.key ??= this.load();
    return this.key;
  }

  private async load(): Promise<Buffer> {
    const existing = await readFile(this.path, 'utf8').catch(() => null);
    if (existing) return Buffer.from(existing.trim(), 'hex');
    const key = randomBytes(32);
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(this.path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' }).catch(
      async () => undefined,
    );
    // Another process may have won the race: use what is on disk.
    return Buffer.from((await readFile(this.path, 'utf8')).trim(), 'hex');
  }
}

/** A fixed key (tests). */
export const fixedSecrets = (hex = '00'.repeat(32)): SecretSource => ({
  pseudonymKey: async () => Buffer.from(hex, 'hex'),
});
