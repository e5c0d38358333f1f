/**
 * What the router passes on for an S3 event: only objects under inbox/<gemeente>/, with the key URL-decoded as S3
 * encodes it in events (spaces as +).
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

export const decodeS3Key = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

export function routeS3Event(event: S3Event): RoutedObject[] {
  const out: RoutedObject[] = [];
  for (const r of event.Records ?? []) {
    if (!r.eventName?.startsWith('ObjectCreated')) continue;
    const key = decodeS3Key(r.s3.object.key);
    const m = /^inbox\/([0-9]{4})\/[^/].*$/.exec(key);
    if (!m) continue;
    out.push({
      bucket: r.s3.bucket.name,
      key,
      gemeente: m[1],
      eTag: r.s3.object.eTag ?? '',
      size: r.s3.object.size ?? 0,
      eventTime: r.eventTime,
      sequencer: r.s3.object.sequencer ?? '',
    });
  }
  return out;
}
