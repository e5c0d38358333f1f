/**
 * SQS FIFO batches of routed S3 events → the pipeline, one file at a time; an operator's withdrawal request
 * (withdrawals/<gemeente>/) in its turn between them. Powertools' FIFO partial-batch
 * processor reports failures per message: a failing file is retried and, after maxReceiveCount, goes to the
 * dead-letter queue without blocking its municipality's later files forever; it leaves no trace (DESIGN §5).
 * `bwmo serve` runs this same handler with its local dependencies.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { redactBsns } from '../pipeline/bsn';
import { type IngestDeps, type IngestResult, ingestObject } from '../pipeline/ingest';
import { type RoutedObject, WITHDRAWALS_PREFIX } from '../pipeline/route';
import { handleWithdrawalRequest } from '../pipeline/withdraw-request';
import { awsDeps, metrics as awsMetrics, logger } from './aws';

/** The part of Powertools' Metrics the handler uses (serve passes a silent one). */
export interface MetricsSink {
  addMetric(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): unknown;
  publishStoredMetrics(): unknown;
}

/**
 * `onIngested` hears each file's result once the pipeline is done with it (serve hands the report to whoever waits,
 * without reading it back from the bucket); when it throws, the message fails like a failing file.
 */
export function makeIngestHandler(
  deps: () => Promise<IngestDeps>,
  metrics: MetricsSink = awsMetrics,
  onIngested?: (message: RoutedObject, result: IngestResult) => Promise<void>,
) {
  const processor = new SqsFifoPartialProcessorAsync();
  const record = async (r: SQSRecord): Promise<void> => {
    const message = JSON.parse(r.body) as RoutedObject;
    let result: IngestResult;
    try {
      if (message.key.startsWith(WITHDRAWALS_PREFIX)) return await withdrawal(message);
      result = await ingestObject(await deps(), message.key);
    } catch (err) {
      // The error goes to the log of the runtime too (Powertools keeps it on its batch error): without the key's BSN.
      const fout = redactBsns(err instanceof Error ? err.message : String(err));
      logger.error('niet verwerkt', {
        key: redactBsns(message.key),
        fout,
        stack: err instanceof Error ? redactBsns(err.stack ?? '') : undefined,
      });
      throw new Error(fout);
    }
    const { report, alreadyDone } = result;
    logger.info('verwerkt', {
      key: redactBsns(message.key),
      status: report.status,
      regels: report.counts.regels,
      afgewezen: report.counts.afgewezen,
      alreadyDone: alreadyDone ?? false,
    });
    metrics.addMetric('Regels', MetricUnit.Count, report.counts.regels);
    metrics.addMetric('RegelsAfgewezen', MetricUnit.Count, report.counts.afgewezen);
    if (report.status === 'quarantaine') metrics.addMetric('BestandenInQuarantaine', MetricUnit.Count, 1);
    await onIngested?.(message, result);
  };
  const withdrawal = async (message: RoutedObject): Promise<void> => {
    const handled = await handleWithdrawalRequest(await deps(), message.key);
    // The request's name and the file id only: the reason is the operator's text and may name a client.
    logger.info('intrekking', {
      key: redactBsns(message.key),
      fileId: handled?.outcome.fileId ?? null,
      status: handled?.outcome.status ?? 'verzoek niet gevonden',
    });
    if (handled?.withdrawnNow) metrics.addMetric('BestandenIngetrokken', MetricUnit.Count, 1);
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    try {
      // A failing municipality holds up its own later files only, not another municipality's in the same batch.
      return await processPartialResponse(event, record, processor, { context, skipGroupOnError: true });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

export const handler = makeIngestHandler(awsDeps);
