/** What Transfer Family passes to the partial-upload workflow's custom step (infra/lambda/partial-upload.ts). */
import type { WorkflowStepEvent } from '../../infra/lambda/partial-upload';

export const stepEvent = (key: string, bucket = 'raw-bucket'): WorkflowStepEvent => ({
  token: 'MzI0Nzc4ZDktMGRmMi00MjFh',
  serviceMetadata: {
    executionDetails: {
      workflowId: 'w-1234567890abcdef0',
      executionId: '9b0d7b2e-8c4f-4a4e-9d1a-2f1e3c4b5a69',
    },
    transferDetails: { sessionId: 'abc', userName: '0988', serverId: 's-1234567890abcdef0' },
  },
  fileLocation: { domain: 'S3', bucket, key, eTag: '"d41d8cd98f00b204e9800998ecf8427e"' },
});
