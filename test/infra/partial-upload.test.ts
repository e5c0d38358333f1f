/** The Transfer Family custom step for cut-off SFTP uploads (infra/lambda/partial-upload.ts), with fakes. */

import {
  makePartialUploadHandler,
  type PartialUploadDeps,
  type StepState,
} from '../../infra/lambda/partial-upload';
import { parsePartialUploadKey, UPLOAD_ONVOLLEDIG } from '../../pipeline/partial-upload';
import { ReportSchema } from '../../schemas/report';
import { stepEvent } from '../helpers/transfer';

function fakes(putFails = false) {
  const written = new Map<string, string>();
  const logged: unknown[] = [];
  const states: StepState[] = [];
  let counted = 0;
  const deps: PartialUploadDeps = {
    bucket: 'raw-bucket',
    blobs: {
      put: async (key, body) => {
        if (putFails) throw new Error('AccessDenied');
        written.set(key, String(body));
      },
    },
    sendStepState: async (s) => {
      states.push(s);
    },
    now: () => new Date('2024-03-01T10:15:00.000Z'),
    log: {
      info: (...line: unknown[]) => void logged.push(line),
      error: (...line: unknown[]) => void logged.push(line),
    },
    countQuarantined: () => {
      counted++;
    },
  };
  return { deps, written, states, logged, counted: () => counted };
}

test('writes <name>.rapport.json next to the quarantined part and a copy into the outbox, with rule UPLOAD-ONVOLLEDIG, and reports SUCCESS', async () => {
  const f = fakes();
  const result = await makePartialUploadHandler(f.deps)(
    stepEvent('quarantine/0988/afgebroken/2024-03-01/decl 2024-02.xml'),
  );
  expect(result).toEqual({
    status: 'SUCCESS',
    report: 'quarantine/0988/afgebroken/2024-03-01/decl 2024-02.xml.rapport.json',
  });
  const report = ReportSchema.parse(
    JSON.parse(f.written.get('quarantine/0988/afgebroken/2024-03-01/decl 2024-02.xml.rapport.json') ?? ''),
  );
  expect(report).toMatchObject({
    file: 'upload/0988/decl 2024-02.xml',
    gemeente: '0988',
    status: 'quarantaine',
    level: 1,
    counts: { regels: 0, geaccepteerd: 0, afgewezen: 0 },
    ontvangen: '2024-03-01T10:15:00.000Z',
  });
  expect(report.findings.map((x) => x.rule)).toEqual([UPLOAD_ONVOLLEDIG]);
  // The backoffice reads only its outbox (SFTP /antwoorden): the same report there, under a name no other output has.
  expect(f.written.get('outbox/0988/decl 2024-02.xml.afgebroken-9b0d7b2e.rapport.json')).toBe(
    f.written.get('quarantine/0988/afgebroken/2024-03-01/decl 2024-02.xml.rapport.json'),
  );
  expect(f.states).toEqual([
    {
      WorkflowId: 'w-1234567890abcdef0',
      ExecutionId: '9b0d7b2e-8c4f-4a4e-9d1a-2f1e3c4b5a69',
      Token: 'MzI0Nzc4ZDktMGRmMi00MjFh',
      Status: 'SUCCESS',
    },
  ]);
  expect(f.counted()).toBe(1);
});

test('reports FAILURE (the staging object stays) when the report cannot be written', async () => {
  const f = fakes(true);
  expect(
    await makePartialUploadHandler(f.deps)(stepEvent('quarantine/0988/afgebroken/2024-03-01/x.csv')),
  ).toEqual({
    status: 'FAILURE',
  });
  expect(f.states.map((s) => s.Status)).toEqual(['FAILURE']);
  expect(f.counted()).toBe(0);
});

test('reports FAILURE for a file outside quarantine/<gemeente>/ or in another bucket', async () => {
  for (const e of [
    stepEvent('inbox/0988/x.csv'),
    stepEvent('quarantine/x.csv'),
    stepEvent('quarantine/0988/afgebroken/2024-03-01/x.csv', 'other'),
  ]) {
    const f = fakes();
    expect(await makePartialUploadHandler(f.deps)(e)).toEqual({ status: 'FAILURE' });
    expect(f.written.size).toBe(0);
    expect(f.states.map((s) => s.Status)).toEqual(['FAILURE']);
  }
});

test('logs the quarantine key with a possible BSN in the file name masked, in success and in failure', async () => {
  const key = 'quarantine/0988/afgebroken/2024-03-01/client-999900006.csv';
  const ok = fakes();
  await makePartialUploadHandler(ok.deps)(stepEvent(key));
  const failing = fakes(true);
  await makePartialUploadHandler(failing.deps)(stepEvent(key));
  const lines = JSON.stringify([...ok.logged, ...failing.logged]);
  expect(lines).toContain('quarantine/0988/afgebroken/2024-03-01/client-*********.csv');
  expect(lines).not.toContain('999900006');
  // The report itself is written under the real name, next to the quarantined part; the outbox copy masks it.
  expect([...ok.written.keys()]).toEqual([
    `${key}.rapport.json`,
    'outbox/0988/client-xxxxxxxxx.csv.afgebroken-9b0d7b2e.rapport.json',
  ]);
});

test('parsePartialUploadKey', () => {
  expect(parsePartialUploadKey('quarantine/0988/afgebroken/2024-03-01/a/b.csv')).toEqual({
    gemeente: '0988',
    name: 'a/b.csv',
  });
  expect(parsePartialUploadKey('quarantine/0988/a/b.csv')).toBeNull();
  expect(parsePartialUploadKey('quarantine/988/afgebroken/2024-03-01/b.csv')).toBeNull();
});
