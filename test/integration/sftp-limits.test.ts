/**
 * Open handles are limited per user, not per SFTP session: a municipality that opens more sessions on one connection
 * (or more connections) does not get more open uploads (each holds a file descriptor and a spool file).
 */
import type { SFTPWrapper } from 'ssh2';
import { type ServeFixture, startServeFixture } from '../helpers/serve';

jest.setTimeout(60_000);
let f: ServeFixture;
beforeAll(async () => {
  f = await startServeFixture();
});
afterAll(async () => {
  await f?.close();
});

const open = (w: SFTPWrapper, path: string) =>
  new Promise<Buffer | null>((resolve) => w.open(path, 'w', (err, handle) => resolve(err ? null : handle)));

test('32 open handles for one user over all its sessions; a closed one makes room again', async () => {
  const s = await f.sftp('0983');
  const sessions: SFTPWrapper[] = [s.sftp];
  for (let i = 0; i < 2; i++)
    sessions.push(await new Promise((res, rej) => s.client.sftp((e, w) => (e ? rej(e) : res(w)))));
  const opened: { w: SFTPWrapper; handle: Buffer }[] = [];
  let refused = 0;
  for (const [n, w] of sessions.entries())
    for (let i = 0; i < 16; i++) {
      const handle = await open(w, `/upload/s${n}-${i}.csv`);
      if (handle) opened.push({ w, handle });
      else refused++;
    }
  expect([opened.length, refused]).toEqual([32, 16]);
  // Another municipality is not affected.
  const other = await f.sftp('0988');
  expect(await open(other.sftp, '/upload/ander.csv')).not.toBeNull();
  const first = opened[0];
  await new Promise<void>((res) => first.w.close(first.handle, () => res()));
  expect(await open(sessions[2], '/upload/weer.csv')).not.toBeNull();
});
