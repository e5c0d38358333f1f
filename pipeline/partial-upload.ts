/**
 * An SFTP upload cut off by a dropped connection: what arrived is quarantined, never processed, and gets a report
 * (CONTRACT §2: status quarantaine, level 1, no lines read) so that it is never without a reason (DESIGN §4.1).
 * One definition for both ways it happens: the Transfer Family workflow's step on AWS (infra/lambda/partial-upload.ts)
 * and `bwmo serve`'s SFTP server.
 */
import type { Report } from '../schemas/report';
import { redactBsns } from './bsn';
import { finding } from './read/findings';
import { emptyReport } from './report/render';

export const UPLOAD_ONVOLLEDIG = 'UPLOAD-ONVOLLEDIG';

/**
 * Where the part that arrived is kept: a folder per day of its own (on AWS the workflow's ${transfer:UploadDate}),
 * so that it never replaces a file the ingest quarantined under the same name.
 */
export const partialUploadKey = (gemeente: string, name: string, datum: string): string =>
  `quarantine/${gemeente}/afgebroken/${datum}/${name}`;

/** quarantine/<gemeente>/afgebroken/<YYYY-MM-DD>/<name> → its parts, or null for any other key. */
export function parsePartialUploadKey(key: string): { gemeente: string; name: string } | null {
  const m = /^quarantine\/([0-9]{4})\/afgebroken\/\d{4}-\d{2}-\d{2}\/([^/].*)$/.exec(key);
  return m ? { gemeente: m[1], name: m[2] } : null;
}

export function partialUploadReport(
  gemeente: string,
  name: string,
  ontvangen: string,
  bytes?: number,
): Report {
  const received = bytes === undefined ? '' : ` (na ${bytes} bytes)`;
  return {
    ...emptyReport(`upload/${gemeente}/${name}`, gemeente, 'quarantaine'),
    findings: [
      finding(
        UPLOAD_ONVOLLEDIG,
        'bestand',
        `de SFTP-upload is afgebroken${received} voordat het bestand volledig was overgekomen (de verbinding viel weg); het ontvangen deel staat in quarantaine en is niet verwerkt: upload het bestand opnieuw`,
      ),
    ],
    ontvangen,
  };
}

/**
 * Where the report goes: next to the quarantined part, and into the municipality's outbox, the only place its
 * backoffice reads (its role, SFTP /antwoorden). The outbox copy has a name of its own, with the `tag` of this
 * cut-off (the same when its handling is retried), so that it never replaces the report of an earlier file of the
 * same name (the name is the sender's; a possible BSN in it is masked, as in every name the pipeline makes).
 */
export function partialUploadReportKeys(
  quarantineKey: string,
  upload: { readonly gemeente: string; readonly name: string },
  tag: string,
): string[] {
  return [
    `${quarantineKey}.rapport.json`,
    `outbox/${upload.gemeente}/${redactBsns(upload.name, 'x')}.afgebroken-${tag}.rapport.json`,
  ];
}

/** A moment as a tag for a name: 2024-03-01T10:15:00.123Z → 20240301T101500123Z. */
export const momentTag = (iso: string): string => iso.replace(/[-:.]/g, '');
