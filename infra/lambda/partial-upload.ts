/**
 * Custom step of the SFTP partial-upload workflow (infra/constructs/sftp.ts). The step before it copied the cut-off
 * upload to quarantine/<gemeente>/afgebroken/<date>/<name>; this writes the report next to it, `<name>.rapport.json` (CONTRACT §2,
 * rule UPLOAD-ONVOLLEDIG), and a copy in the municipality's outbox (pipeline/partial-upload.ts), and tells Transfer
 * Family the step's outcome (SendWorkflowStepState; without it the step hangs until its timeout).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { redactBsns } from '../../pipeline/bsn';
import {
  parsePartialUploadKey,
  partialUploadReport,
  partialUploadReportKeys,
} from '../../pipeline/partial-upload';
import type { BlobStore } from '../../pipeline/ports';
import { S3BlobStore, s3Client } from '../../stores/s3-blobs';

/** What Transfer Family passes to a custom step's Lambda function. */
export interface WorkflowStepEvent {
  readonly token: string;
  readonly serviceMetadata: {
    readonly executionDetails: { readonly workflowId: string; readonly executionId: string };
    readonly transferDetails?: {
      readonly sessionId?: string;
      readonly userName?: string;
      readonly serverId?: string;
    };
  };
  /** The file of the previous step (the copy in quarantine/). */
  readonly fileLocation: {
    readonly domain?: string;
    readonly bucket: string;
    readonly key: string;
    readonly eTag?: string;
    readonly versionId?: string | null;
  };
}

export type StepStatus = 'SUCCESS' | 'FAILURE';

export interface StepState {
  readonly WorkflowId: string;
  readonly ExecutionId: string;
  readonly Token: string;
  readonly Status: StepStatus;
}

export interface PartialUploadDeps {
  readonly bucket: string;
  readonly blobs: Pick<BlobStore, 'put'>;
  readonly sendStepState: (state: StepState) => Promise<void>;
  readonly now: () => Date;
  readonly log: Pick<Logger, 'info' | 'error'>;
  /** Counts the quarantined file, like the ingest does (alarm FilesQuarantined). */
  readonly countQuarantined: () => void;
}

export function makePartialUploadHandler(deps: PartialUploadDeps) {
  return async (event: WorkflowStepEvent): Promise<{ status: StepStatus; report?: string }> => {
    const { workflowId, executionId } = event.serviceMetadata.executionDetails;
    const send = (Status: StepStatus) =>
      deps.sendStepState({ WorkflowId: workflowId, ExecutionId: executionId, Token: event.token, Status });
    const { bucket, key } = event.fileLocation;
    const parsed = parsePartialUploadKey(key);
    if (bucket !== deps.bucket || !parsed) {
      deps.log.error('onverwachte bestandslocatie voor een afgebroken upload', {
        bucket,
        key: redactBsns(key),
      });
      await send('FAILURE');
      return { status: 'FAILURE' };
    }
    const ontvangen = deps.now().toISOString();
    // Tagged by the workflow's execution: a retried invocation writes the same outbox copy, not a second one.
    const reportKeys = partialUploadReportKeys(key, parsed, executionId.slice(0, 8));
    const reportKey = reportKeys[0];
    try {
      const report = `${JSON.stringify(partialUploadReport(parsed.gemeente, parsed.name, ontvangen), null, 2)}\n`;
      for (const k of reportKeys) await deps.blobs.put(k, report);
    } catch (err) {
      deps.log.error('rapport voor afgebroken upload niet geschreven', {
        key: redactBsns(key),
        error: redactBsns((err as Error).message),
      });
      await send('FAILURE');
      return { status: 'FAILURE' };
    }
    deps.countQuarantined();
    deps.log.info('afgebroken upload in quarantaine', {
      gemeente: parsed.gemeente,
      key: redactBsns(key),
      user: event.serviceMetadata.transferDetails?.userName,
    });
    await send('SUCCESS');
    return { status: 'SUCCESS', report: reportKey };
  };
}

interface TransferModule {
  TransferClient: new (config: Record<string, never>) => { send(command: unknown): Promise<unknown> };
  SendWorkflowStepStateCommand: new (input: StepState) => unknown;
}

let transferModule: TransferModule | null = null;
let transferClient: { send(command: unknown): Promise<unknown> } | null = null;

/**
 * SendWorkflowStepState through @aws-sdk/client-transfer, which the Node.js Lambda runtime provides (it is left out
 * of the bundle and is not a dependency of this repository). `require` (not `import()`) so that Node resolves it
 * through NODE_PATH, where the runtime keeps its SDK.
 */
async function sendStepState(state: StepState): Promise<void> {
  transferModule ??= require('@aws-sdk/client-transfer') as TransferModule;
  transferClient ??= new transferModule.TransferClient({});
  await transferClient.send(new transferModule.SendWorkflowStepStateCommand(state));
}

const logger = new Logger({ serviceName: 'bwmo' });
const metrics = new Metrics({ namespace: 'bwmo', serviceName: 'bwmo' });

export const handler = async (event: WorkflowStepEvent) => {
  const bucket = process.env.BUCKET_NAME;
  if (!bucket) throw new Error('omgevingsvariabele BUCKET_NAME ontbreekt');
  return makePartialUploadHandler({
    bucket,
    blobs: new S3BlobStore(s3Client(), bucket),
    sendStepState,
    now: () => new Date(),
    log: logger,
    countQuarantined: () => {
      metrics.addMetric('BestandenInQuarantaine', MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    },
  })(event);
};
