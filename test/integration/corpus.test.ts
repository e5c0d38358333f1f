/**
 * Every file of the malformed-input corpus (test/corpus/build.ts) ends with the contract's report (CONTRACT §2) and
 * a finding that names its problem; none of them crashes the check, in process or through the real CLI.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { checkFile, checkReportHead } from '../../pipeline/check';
import { toReport } from '../../pipeline/report/render';
import type { FileSource } from '../../pipeline/source';
import { type Report, ReportSchema } from '../../schemas/report';
import { buildCorpus, CORPUS_CASES, type CorpusCase } from '../corpus/build';
import { bwmo } from '../helpers/cli';

let dir: string;
let built: CorpusCase[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwmo-corpus-'));
  built = await buildCorpus(dir);
});

afterAll(async () => {
  // Also removes the 26 MB file.
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * A file on disk as a FileSource. Not pipeline/source.ts's pathSource: that one loads node:fs with a dynamic
 * import(), which Jest's CommonJS runtime refuses without --experimental-vm-modules.
 */
function fileSource(name: string, path: string): FileSource {
  return { name, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }) };
}

async function check(c: CorpusCase): Promise<Report> {
  const checked = await checkFile(fileSource(c.file, join(dir, c.file)));
  return toReport(checkReportHead(checked), checked.declaraties);
}

describe('malformed-input corpus', () => {
  it('has at least 35 cases with distinct names, all written', async () => {
    expect(built).toEqual(CORPUS_CASES);
    expect(built.length).toBeGreaterThanOrEqual(35);
    expect(new Set(built.map((c) => c.file)).size).toBe(built.length);
    for (const c of built) await expect(stat(join(dir, c.file))).resolves.toBeDefined();
    // The size case really is over the 25 MB message limit.
    expect((await stat(join(dir, 'te-groot.xml'))).size).toBeGreaterThan(25 * 1024 * 1024);
  });

  it.each(CORPUS_CASES.map((c) => [`${c.file}: ${c.description}`, c] as const))('%s', async (_, c) => {
    const report = await check(c);

    // The contract's report.
    expect(ReportSchema.safeParse(report).error).toBeUndefined();
    expect(report.file).toBe(c.file);
    expect({ status: report.status, kind: report.kind }).toEqual({ status: c.status, kind: c.kind });
    if (c.format !== undefined) expect(report.format).toBe(c.format);
    expect(report.counts.regels).toBe(report.counts.geaccepteerd + report.counts.afgewezen);
    for (const f of report.findings) {
      expect(f.location.trim()).not.toBe('');
      expect(f.message.trim()).not.toBe('');
    }

    // The finding that names the problem.
    const rules = report.findings.map((f) => f.rule);
    for (const rule of c.rules) expect(rules).toContain(rule);
    if (c.message) {
      const messages = report.findings.filter((f) => c.rules.includes(f.rule)).map((f) => f.message);
      expect(messages.some((m) => m.includes(c.message!))).toBe(true);
    }

    // Status and findings agree.
    const errors = report.findings.filter((f) => f.severity === 'fout');
    if (c.status === 'geaccepteerd') {
      expect(errors).toEqual([]);
      expect(report.counts.afgewezen).toBe(0);
      expect(report.counts.regels).toBeGreaterThan(0);
      expect([...rules].sort()).toEqual([...c.rules].sort());
    } else {
      expect(errors.length).toBeGreaterThan(0);
    }
    if (c.status === 'quarantaine') {
      expect(report.level).toBe(1);
      expect(report.declaraties).toEqual([]);
      expect(report.counts.geaccepteerd).toBe(0);
    } else {
      expect(report.level).toBe(2);
    }
    if (c.status === 'afgewezen') expect(report.counts.afgewezen).toBe(report.counts.regels);

    // Nothing from an external entity (or an expansion) made it into the report.
    const text = JSON.stringify(report);
    for (const secret of c.secrets ?? []) expect(text).not.toContain(secret);
  });

  it('the CLI checks all corpus files at once: exit 1 and one JSON report per file', async () => {
    const paths = CORPUS_CASES.map((c) => join(dir, c.file));
    const run = await bwmo(['check', ...paths]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const reports = JSON.parse(run.stdout) as unknown[];
    expect(Array.isArray(reports)).toBe(true);
    expect(reports).toHaveLength(CORPUS_CASES.length);
    reports.forEach((r, i) => {
      const parsed = ReportSchema.parse(r);
      const c = CORPUS_CASES[i];
      expect(parsed.file).toBe(paths[i]);
      expect({ file: c.file, status: parsed.status, kind: parsed.kind }).toEqual({
        file: c.file,
        status: c.status,
        kind: c.kind,
      });
      for (const rule of c.rules) expect(parsed.findings.map((f) => f.rule)).toContain(rule);
    });
  });

  it('the CLI with --format table: exit 1 and a row per file', async () => {
    const paths = CORPUS_CASES.map((c) => join(dir, c.file));
    const run = await bwmo(['check', '--format', 'table', ...paths]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^bestand\s+soort\s+formaat\s+status/);
    for (const c of CORPUS_CASES) {
      const row = lines.find((l) => l.startsWith(`${basename(c.file)} `));
      expect(row).toBeDefined();
      expect(row!.split(/\s+/)).toContain(c.status);
    }
    expect(run.stdout).toContain('Bevindingen:');
  });
});
