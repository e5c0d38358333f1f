/** Rejection alerts as JSON lines in the data folder (and optionally on stdout), the local stand-in for SNS. */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Alert, AlertSink } from '../pipeline/ports';

export class JsonLinesAlertSink implements AlertSink {
  constructor(
    private readonly path: string,
    private readonly echo: ((line: string) => void) | null = null,
  ) {}

  async send(alert: Alert): Promise<void> {
    const line = JSON.stringify({ tijd: new Date().toISOString(), ...alert });
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${line}\n`);
    this.echo?.(line);
  }
}
