/**
 * What the router passes on for an S3 event: only objects under inbox/<gemeente>/ (files) and withdrawals/<gemeente>/
 * (an operator's withdrawal request, pipeline/withdraw-request.ts), with the key URL-decoded as S3 encodes it in
 * events (spaces as +). Both go to the municipality's FIFO group, so a withdrawal waits for the files before it.
 */
import type { S3Event } from 'aws-lambda';

export interface RoutedObject {
  readonly bucket: string;
  readonly key: string;
  readonly gemeente: string;
  readonly eTag: string;
  readonly size: number;
  readonly eventTime: string;
  /** S3's order of events on one key: the same in a repeated delivery of one event, another for a new upload. */
  readonly sequencer: string;
}

/** Where an operator puts a withdrawal request (pipeline/withdraw-request.ts). */
export const WITHDRAWALS_PREFIX = 'withdrawals/';

/** `withdrawals/<gemeente>/<name>` → its parts; null for any other key (a name in a folder included). */
export function parseWithdrawalKey(objectKey: string): { gemeente: string; name: string } | null {
  const m = /^withdrawals\/([0-9]{4})\/([^/]+)$/.exec(objectKey);
  if (!m || m[2] === '.' || m[2] === '..') return null;
  return { gemeente: m[1], name: m[2] };
}

export const decodeS3Key = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

export function routeS3Event(event: S3Event): RoutedObject[] {
  const out: RoutedObject[] = [];
  for (const r of event.Records ?? []) {
    if (!r.eventName?.startsWith('ObjectCreated')) continue;
    const key = decodeS3Key(r.s3.object.key);
    // A folder marker (the console's "Create folder", also inside an inbox) is no file; an object with bytes under
    // such a key is, and is answered (ingest refuses the name).
    if (key.endsWith('/') && !r.s3.object.size) continue;
    const gemeente = /^inbox\/([0-9]{4})\/.+$/.exec(key)?.[1] ?? parseWithdrawalKey(key)?.gemeente;
    if (!gemeente) continue;
    out.push({
      bucket: r.s3.bucket.name,
      key,
      gemeente,
      eTag: r.s3.object.eTag ?? '',
      size: r.s3.object.size ?? 0,
      eventTime: r.eventTime,
      sequencer: r.s3.object.sequencer ?? '',
    });
  }
  return out;
}
