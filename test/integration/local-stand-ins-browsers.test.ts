/**
 * The stand-ins `bwmo serve` starts beside its HTTP server (dynalite, s3rver) listen on loopback, where a web page in
 * the operator's browser can reach them too. They refuse what a browser sends (an Origin or Sec-Fetch-* header), a
 * Host other than this machine (DNS rebinding) and, for s3rver, unsigned requests such as an HTML-form upload, and
 * they send no CORS headers. bwmo's own clients (the SDK, signed, without such headers) are served as before.
 */
import { request } from 'node:http';
import { BSN_A, toewijzingCsv } from '../helpers/scenario';
import { type ServeFixture, startServeFixture } from '../helpers/serve';

jest.setTimeout(60_000);

const EVIL = 'https://evil.example';
let f: ServeFixture;

beforeAll(async () => {
  f = await startServeFixture();
  await f.upload('0983', 'tw-gewoon.csv', toewijzingCsv([{ nummer: 9101, bsn: BSN_A }]));
});
afterAll(async () => {
  await f?.close();
});

/** A request with headers fetch may not set (Host). */
function raw(
  url: string,
  method: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string; cors: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          cors: res.headers['access-control-allow-origin'] as string | undefined,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const SCAN = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.Scan',
  'x-amz-date': '20240101T000000Z',
  authorization:
    'AWS4-HMAC-SHA256 Credential=x/20240101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
};

test('dynalite refuses a page on another origin (preflight and read), a browser without Origin, and a foreign Host', async () => {
  const preflight = await raw(f.serving.dynamo, 'OPTIONS', {
    origin: EVIL,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type,x-amz-target,x-amz-date,authorization',
  });
  const table = JSON.stringify({ TableName: 'bwmo' });
  const scan = await raw(f.serving.dynamo, 'POST', { ...SCAN, origin: EVIL }, table);
  const noCors = await raw(
    f.serving.dynamo,
    'POST',
    { ...SCAN, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
    table,
  );
  const rebound = await raw(f.serving.dynamo, 'POST', { ...SCAN, host: 'evil.example' }, table);
  for (const r of [preflight, scan, noCors, rebound]) {
    expect(r.status).toBe(403);
    expect(r.cors).toBeUndefined();
    expect(r.body).not.toContain('tw-gewoon.csv');
  }
  // The same Scan as bwmo's own SDK client would send it (no browser headers) is answered.
  const own = await raw(f.serving.dynamo, 'POST', SCAN, table);
  expect(own.status).toBe(200);
  expect(own.body).toContain('tw-gewoon.csv');
});

test('s3rver refuses a cross-site form upload (unsigned, no preflight): nothing reaches an inbox', async () => {
  const key = 'inbox/0983/van-een-website.csv';
  const form = new FormData();
  form.set('key', key);
  form.set('file', toewijzingCsv([{ nummer: 9102, bsn: BSN_A }]));
  const res = await fetch(`${f.serving.s3}/bwmo`, { method: 'POST', headers: { origin: EVIL }, body: form });
  expect(res.status).toBe(403);
  // Unsigned also without an Origin header (a tool that does not sign).
  const unsigned = await fetch(`${f.serving.s3}/bwmo`, { method: 'POST', body: form });
  expect(unsigned.status).toBe(403);
  await f.serving.queue.drain();
  expect(await f.object(key)).toBeNull();
  expect(await f.keys('archive/0983/')).not.toContain('archive/0983/van-een-website.csv');
});

test('s3rver refuses a cross-site delete of an answer', async () => {
  const target = (await f.keys('outbox/0983/')).find((k) => k.endsWith('.rapport.json'))!;
  expect(target).toBeDefined();
  const res = await fetch(`${f.serving.s3}/bwmo?delete`, {
    method: 'POST',
    headers: { origin: EVIL, 'content-type': 'text/plain' },
    body: `<Delete><Object><Key>${target}</Key></Object></Delete>`,
  });
  expect(res.status).toBe(403);
  expect(await f.object(target)).not.toBeNull();
});
