/** `bwmo check FILE…`: control levels 1–2, no state. Prints the JSON reports (or a table); exit 0/1/2. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { redactBsns } from '../pipeline/bsn';
import { checkFile, checkReportHead } from '../pipeline/check';
import { renderReport } from '../pipeline/report/render';
import { pathSource } from '../pipeline/source';
import { table, writeAll } from './output';

export async function runCheck(files: string[], format: 'json' | 'table'): Promise<number> {
  for (const f of files) {
    const s = await stat(f).catch(() => null);
    if (!s?.isFile()) {
      process.stderr.write(`bwmo check: ${f} is geen leesbaar bestand\n`);
      return 2;
    }
  }
  let anyRejected = false;
  const rows: (string | number)[][] = [];
  const findingLines: string[] = [];
  if (format === 'json') await writeAll(process.stdout, ['[']);
  for (const [i, f] of files.entries()) {
    const checked = await checkFile(pathSource(f, f));
    const head = checkReportHead(checked);
    if (head.status !== 'geaccepteerd') anyRejected = true;
    if (format === 'json') {
      // Piece by piece: a report of a million prestaties is tens of megabytes.
      await writeAll(process.stdout, [i === 0 ? '\n' : ',\n']);
      await writeAll(process.stdout, renderReport(head, checked.declaraties));
    } else {
      // For people: a BSN in the name masked, as in every name the commands show (the JSON names the file given).
      const shown = redactBsns(basename(f));
      rows.push([
        shown,
        head.kind,
        head.format ?? '-',
        head.status,
        head.counts.regels,
        head.counts.afgewezen,
        head.findings.length,
      ]);
      for (const x of head.findings)
        findingLines.push(`${shown}  ${x.rule}  ${x.retourcode ?? '-'}  ${x.location}  ${x.message}`);
    }
  }
  if (format === 'json') await writeAll(process.stdout, ['\n]\n']);
  else {
    const out = [
      table(['bestand', 'soort', 'formaat', 'status', 'regels', 'afgewezen', 'bevindingen'], rows),
    ];
    if (findingLines.length) out.push('', 'Bevindingen:', ...findingLines);
    await writeAll(process.stdout, [`${out.join('\n')}\n`]);
  }
  return anyRejected ? 1 : 0;
}
