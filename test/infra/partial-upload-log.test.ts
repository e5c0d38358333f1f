/**
 * The SFTP partial-upload step logs a failed report write. S3's AccessDenied names the object key, which holds the
 * upload's name as sent: the logged error is masked like every other error text that reaches the log.
 */
import { makePartialUploadHandler, type PartialUploadDeps } from '../../infra/lambda/partial-upload';
import { passesElfproef } from '../../pipeline/bsn';
import { stepEvent } from '../helpers/transfer';

const BSN = '123456782'; // passes the 11-proef
test('a BSN in the name of a cut-off upload does not reach the log when writing its report fails', async () => {
  expect(passesElfproef(BSN)).toBe(true);
  const logged: string[] = [];
  const deps: PartialUploadDeps = {
    bucket: 'raw-bucket',
    blobs: {
      // S3's own wording for a denied PutObject (it quotes the resource ARN, key included).
      put: async (key) => {
        const e = new Error(
          `User: arn:aws:sts::111122223333:assumed-role/SftpPartialUploadRole/fn is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::raw-bucket/${key}" because no identity-based policy allows the s3:PutObject action`,
        );
        e.name = 'AccessDenied';
        throw e;
      },
    },
    sendStepState: async () => undefined,
    now: () => new Date('2024-03-01T10:15:00.000Z'),
    log: {
      info: (...line: unknown[]) => void logged.push(JSON.stringify(line)),
      error: (...line: unknown[]) => void logged.push(JSON.stringify(line)),
    },
    countQuarantined: () => undefined,
  };
  const result = await makePartialUploadHandler(deps)(
    stepEvent(`quarantine/0988/afgebroken/2024-03-01/tw-${BSN}.csv`),
  );
  expect(result.status).toBe('FAILURE');
  expect(logged.join('\n')).not.toContain(BSN);
});
