/**
 * Renders a report as JSON text in pieces, so a report listing a million prestaties streams out in constant
 * memory. `toReport` parses the same text back for small files and tests: one rendering for both.
 */
import type { FileFormat, FileKind, FileStatus, Finding, Report } from '../../schemas/report';
import type { DeclaratieOutcome } from './results';

export interface ReportHead {
  readonly file: string;
  readonly kind: FileKind;
  readonly format: FileFormat;
  readonly gemeente: string | null;
  readonly status: FileStatus;
  readonly level: 1 | 2 | 3;
  readonly duplicaatVan: string | null;
  readonly counts: { readonly regels: number; readonly geaccepteerd: number; readonly afgewezen: number };
  readonly findings: readonly Finding[];
  readonly fileId?: string;
  readonly ontvangen?: string;
}

/**
 * The report of a file of which no line was read: the start of a refusal before reading (a cut-off upload, a name
 * that cannot be kept), or the placeholder for an upload that an earlier delivery finished.
 */
export function emptyReport(file: string, gemeente: string, status: FileStatus): Report {
  return {
    file,
    kind: 'onbekend',
    format: null,
    gemeente,
    status,
    level: 1,
    duplicaatVan: null,
    counts: { regels: 0, geaccepteerd: 0, afgewezen: 0 },
    findings: [],
    declaraties: [],
  };
}

/** Characters per piece: large pieces mean few writes (a report can list a million prestaties). */
const PIECE = 1 << 20;
const APPROVED = ',"status":"toegekend","retourcodes":[],"toegekendBedrag":';
const REJECTED_BEFORE = ',"status":"afgewezen","retourcodes":';
const REJECTED_AFTER = ',"toegekendBedrag":0}';

export function* renderReport(
  head: ReportHead,
  declaraties: readonly DeclaratieOutcome[],
): Generator<string> {
  const { findings, ...rest } = head;
  const fields = JSON.stringify({ ...rest, findings });
  yield `${fields.slice(0, -1)},"declaraties":[`;
  let firstDecl = true;
  for (const d of declaraties) {
    const open = JSON.stringify({
      declaratieNummer: d.declaratieNummer,
      retourcodes: d.retourcodes,
      totaalIngediendBedrag: d.totaalIngediend,
      totaalToegekendBedrag: d.totaalToegekend,
      totaalAfgewezenBedrag: d.totaalAfgewezen,
    });
    yield `${firstDecl ? '' : ','}${open.slice(0, -1)},"prestaties":[`;
    firstDecl = false;
    // d.codesOf(i), with what holds for the whole declaration worked out once.
    const wholeCodes = d.failedInMessage || d.rejectedWhole ? JSON.stringify(d.codesOf(0)) : null;
    const anyRejected = d.rejected.size > 0;
    let buf = '';
    for (let i = 0; i < d.size; i++) {
      const ref = JSON.stringify(d.refs[i]);
      const codes = wholeCodes ?? (anyRejected ? d.rejected.get(i) : undefined);
      const separator = i === 0 ? '' : ',';
      if (codes === undefined) {
        buf += `${separator}{"referentieNummer":${ref}${APPROVED}${d.amounts[i]}}`;
      } else {
        const list = typeof codes === 'string' ? codes : JSON.stringify(codes);
        buf += `${separator}{"referentieNummer":${ref}${REJECTED_BEFORE}${list}${REJECTED_AFTER}`;
      }
      if (buf.length > PIECE) {
        yield buf;
        buf = '';
      }
    }
    yield `${buf}]}`;
  }
  yield ']}';
}

export function toReport(head: ReportHead, declaraties: readonly DeclaratieOutcome[]): Report {
  return JSON.parse([...renderReport(head, declaraties)].join('')) as Report;
}
