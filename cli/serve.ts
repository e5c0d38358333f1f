/** `bwmo serve`: the local stack on loopback until interrupted; prints the endpoints and example commands. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startServe } from '../serve/serve';
import { GebruikersBestandSchema, sftpDir, USERS_FILE } from '../serve/sftp-config';
import type { RuntimeOptions } from './runtime';

export interface ServeCliOptions extends RuntimeOptions {
  readonly s3Port?: string;
  readonly httpPort?: string;
  readonly sftpPort?: string;
}

export async function runServe(options: ServeCliOptions): Promise<number> {
  const ports = {
    s3: options.s3Port ?? '4569',
    http: options.httpPort ?? '8080',
    sftp: options.sftpPort ?? '2222',
  };
  for (const [name, value] of Object.entries(ports)) {
    if (!/^[0-9]{1,5}$/.test(value) || Number(value) > 65535) {
      process.stderr.write(`bwmo serve: --${name}-port ${value} is geen poortnummer (0 tot en met 65535)\n`);
      return 2;
    }
  }
  const serving = await startServe({
    data: options.data,
    region: options.region,
    ports: { s3: Number(ports.s3), http: Number(ports.http), sftp: Number(ports.sftp) },
  });
  const usersFile = join(sftpDir(resolve(options.data)), USERS_FILE);
  const { gebruikers } = GebruikersBestandSchema.parse(JSON.parse(await readFile(usersFile, 'utf8')));
  const example = gebruikers.find((u) => u.naam === 'g0988') ?? gebruikers[0];
  process.stdout.write(
    [
      'bwmo serve: de lokale stack draait.',
      '',
      `  HTTP-API en monitor  ${serving.http}/            (API: ${serving.http}/api/gezondheid)`,
      `  S3-API (s3rver)      ${serving.s3}   bucket ${serving.bucket}, sleutel S3RVER / S3RVER`,
      `  DynamoDB (dynalite)  ${serving.dynamo}`,
      `  SFTP                 127.0.0.1:${serving.sftpPort}   gebruikers en wachtwoorden: ${usersFile}`,
      '',
      'Aanleveren, bijvoorbeeld voor Weert (0988):',
      `  sftp -P ${serving.sftpPort} ${example?.naam ?? 'g0988'}@127.0.0.1      (wachtwoord: ${example?.wachtwoord ?? 'zie gebruikers.json'})`,
      '    sftp> put declaratie.xml /upload/',
      '    sftp> get /antwoorden/declaratie.xml.antwoord.xml',
      `  AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws s3 cp declaratie.xml s3://${serving.bucket}/inbox/0988/declaratie.xml --endpoint-url ${serving.s3}`,
      `  npx bwmo ingest --data ${options.data} declaratie.xml      (geeft het bestand aan deze server)`,
      '',
      'Stoppen met Ctrl+C.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('bwmo serve: stoppen …\n');
  await serving.close();
  return 0;
}
