/**
 * The pseudonym key from an SSM SecureString parameter (hex), read once per Lambda container. A failed read is not
 * kept: the next file asks again (a throttle must not fail every later file of a warm container).
 */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { SecretSource } from '../pipeline/ports';

export class SsmSecrets implements SecretSource {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly client: SSMClient,
    private readonly name: string,
  ) {}

  pseudonymKey(): Promise<Buffer> {
    this.key ??= this.client
      .send(new GetParameterCommand({ Name: this.name, WithDecryption: true }))
      .then((res) => {
        const value = res.Parameter?.Value?.trim();
        if (!value || !/^[0-9a-f]{64}$/i.test(value))
          throw new Error(`SSM-parameter ${this.name} bevat geen sleutel van 32 bytes (hex)`);
        return Buffer.from(value, 'hex');
      })
      .catch((err: unknown) => {
        this.key = null;
        throw err;
      });
    return this.key;
  }
}
