/**
 * One measurement in its own process (so peak RSS is its own): `node --import tsx bench/measure.ts TASK FILE`.
 * Prints {task, lines, ms, maxRssMb} as JSON.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { checkFile, checkReportHead } from '../pipeline/check';
import { decodeText } from '../pipeline/read/decode';
import { papaBatches } from '../pipeline/read/papa';
import { renderReport } from '../pipeline/report/render';
import { pathSource } from '../pipeline/source';

type Task = (file: string) => Promise<number>;

const TASKS: Record<string, Task> = {
  /** Baseline: papaparse over the same stream and decoder, counting rows, nothing else. */
  'papaparse-parse-only': async (file) => {
    let rows = 0;
    for await (const batch of papaBatches(
      decodeText(createReadStream(file, { highWaterMark: 64 * 1024 }), 'utf-8'),
      ';',
    )) {
      rows += batch.rows.length;
    }
    return rows - 1;
  },
  /** Baseline: saxes over the same stream and decoder, counting Prestatie elements, nothing else. */
  'saxes-parse-only': async (file) => {
    const parser = new SaxesParser({ xmlns: true, position: true });
    let n = 0;
    parser.on('opentag', (t) => {
      if (t.local === 'Prestatie') n++;
    });
    for await (const chunk of decodeText(createReadStream(file, { highWaterMark: 64 * 1024 }), 'utf-8'))
      parser.write(chunk);
    parser.close();
    return n;
  },
  /** What `bwmo check FILE` does: sniff, levels 1–2, and the full JSON report written out. */
  check: async (file) => {
    const checked = await checkFile(pathSource(file, file));
    const out = createWriteStream('/dev/null');
    for (const piece of renderReport(checkReportHead(checked), checked.declaraties)) {
      if (!out.write(piece)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    if (checked.findings.some((f) => f.severity === 'fout'))
      throw new Error(`unexpected findings: ${JSON.stringify(checked.findings.slice(0, 3))}`);
    return checked.lines;
  },
};

async function main(): Promise<void> {
  const [task, file] = process.argv.slice(2);
  const run = TASKS[task];
  if (!run) throw new Error(`unknown task ${task}`);
  const start = process.hrtime.bigint();
  const lines = await run(file);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ task, lines, ms: Math.round(ms), maxRssMb: Math.round(maxRssMb) })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
