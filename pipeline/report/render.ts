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
    });
    yield `${firstDecl ? '' : ','}${open.slice(0, -1)},"prestaties":[`;
    firstDecl = false;
    let buf = '';
    for (let i = 0; i < d.size; i++) {
      const codes = d.codesOf(i);
      buf += `${i === 0 ? '' : ','}{"referentieNummer":${JSON.stringify(d.refs[i])},"status":"${codes ? 'afgewezen' : 'toegekend'}","retourcodes":${JSON.stringify(codes ?? [])},"toegekendBedrag":${codes ? 0 : d.amounts[i]}}`;
      if (buf.length > 65536) {
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
