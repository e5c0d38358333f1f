/**
 * A whole generated NML region (examples/generator) through the real pipeline on dynalite: two months of
 * toewijzingen, declarations (WMO323 and CSV) and taakgericht reports, with errors against state planted in 2% of
 * the lines. Every file is uploaded in manifest order by the municipality the manifest names. Every prestatie must
 * get exactly its planted retourcodes (all others approved), every declaration's money must add up to the cent,
 * and every report must account for all its lines.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GenDeclaratie, type GenerateOptions, generate } from '../../examples/generator/generate';
import { type Manifest, writeGenerated } from '../../examples/generator/write';
import { loadRegion } from '../../pipeline/region/load';
import { type Report, ReportSchema } from '../../schemas/report';
import { NML, type Stack, startStack } from '../helpers/stack';

interface Run {
  readonly manifest: Manifest;
  readonly declaraties: readonly GenDeclaratie[];
  readonly reports: readonly Report[];
}

async function ingestRegion(options: GenerateOptions): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'bwmo-region-'));
  let stack: Stack | null = null;
  try {
    const g = generate(await loadRegion(NML), options);
    const manifest = await writeGenerated(g, dir);
    stack = await startStack();
    const reports: Report[] = [];
    let day = 0;
    for (const f of manifest.files) {
      // Receipt times in upload order, after every dagtekening of the data set.
      const at = new Date(Date.UTC(2021, 5, 1, 8, 0, day++));
      const { report } = await stack.upload(
        f.gemeente,
        f.path.split('/').pop()!,
        await readFile(join(dir, f.path)),
        at,
      );
      reports.push(report);
    }
    return { manifest, declaraties: g.declaraties, reports };
  } finally {
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const signed = (p: { bedrag: number; debetCredit: 'D' | 'C' }) =>
  p.debetCredit === 'C' ? -p.bedrag : p.bedrag;

describe.each([
  ['the centrumgemeente assigns and receives for the region', 'centrum', 21],
  ['every municipality assigns and receives for its own clients', 'eigen', 5],
] as const)('generated NML region, 2021-01 to 2021-02: %s', (_title, toewijzer, seed) => {
  let run: Run;
  beforeAll(async () => {
    run = await ingestRegion({
      seed,
      vanMaand: '2021-01',
      totMaand: '2021-02',
      toewijzer,
      formaat: 'gemengd',
      foutAandeel: 0,
      staatFoutAandeel: 0.02,
    });
  }, 60_000);

  it('processes every file at level 3, none quarantined, each report valid and accounting for all its lines', () => {
    const { manifest, reports } = run;
    expect(reports).toHaveLength(manifest.files.length);
    expect(new Set(manifest.files.map((f) => f.kind))).toEqual(
      new Set(['toewijzing', 'declaratie', 'taakgericht']),
    );
    reports.forEach((r, i) => {
      const f = manifest.files[i];
      expect(ReportSchema.safeParse(r).success).toBe(true);
      expect({ file: r.file, kind: r.kind, level: r.level }).toEqual({
        file: `inbox/${f.gemeente}/${f.path.split('/').pop()}`,
        kind: f.kind,
        level: 3,
      });
      expect(r.counts.regels).toBe(f.lines);
      expect(r.counts.regels).toBe(r.counts.geaccepteerd + r.counts.afgewezen);
      if (f.kind !== 'declaratie') expect(r.counts.afgewezen).toBe(0);
    });
    if (toewijzer === 'eigen') expect(new Set(manifest.files.map((f) => f.gemeente)).size).toBeGreaterThan(5);
  });

  it('every prestatie gets exactly its planted retourcodes; all other prestaties are approved', () => {
    const { manifest, reports } = run;
    let planted = 0;
    let checked = 0;
    manifest.files.forEach((f, i) => {
      if (f.kind !== 'declaratie') return;
      const due = new Map((f.plantedState ?? []).map((e) => [e.referentieNummer, e.retourcodes]));
      planted += due.size;
      const r = reports[i];
      expect(r.declaraties).toHaveLength(1);
      const d = r.declaraties[0];
      const refs = d.prestaties.map((p) => p.referentieNummer);
      expect(new Set(refs).size).toBe(refs.length);
      for (const ref of due.keys()) expect(refs).toContain(ref);
      const got = d.prestaties.map((p) => [p.referentieNummer, p.retourcodes]);
      const want = d.prestaties.map((p) => [p.referentieNummer, due.get(p.referentieNummer) ?? []]);
      expect({ file: f.path, codes: got }).toEqual({ file: f.path, codes: want });
      expect(d.retourcodes).toEqual([due.size === 0 ? '8001' : '0200']);
      checked += d.prestaties.length;
    });
    // The data set really plants errors, of several kinds, and the whole region was judged.
    expect(planted).toBeGreaterThan(10);
    const kinds = new Set(
      manifest.files.flatMap((f) => (f.plantedState ?? []).flatMap((e) => e.retourcodes)),
    );
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    expect(checked).toBeGreaterThan(1000);
  });

  it('for every declaration: toegekend + the rejected signed amounts = ingediend, to the cent', () => {
    const { manifest, reports, declaraties } = run;
    const files = manifest.files
      .map((f, i) => ({ f, r: reports[i] }))
      .filter(({ f }) => f.kind === 'declaratie');
    expect(files).toHaveLength(declaraties.length);
    files.forEach(({ f, r }, i) => {
      const gen = declaraties[i];
      expect(f.path).toBe(`${gen.gemeente}/declaratie-${gen.agb}-${gen.maand}.${gen.formaat}`);
      const amounts = new Map(
        gen.clienten.flatMap((c) => c.prestaties.map((p) => [p.referentieNummer, signed(p)] as const)),
      );
      const d = r.declaraties[0];
      const declared = [...amounts.values()].reduce((s, a) => s + a, 0);
      expect(d.totaalIngediendBedrag).toBe(declared);
      expect(d.totaalIngediendBedrag).toBe(
        signed({ bedrag: gen.kop.totaalBedrag, debetCredit: gen.kop.totaalDebetCredit }),
      );
      let rejected = 0;
      let approved = 0;
      for (const p of d.prestaties) {
        const amount = amounts.get(p.referentieNummer)!;
        expect(amount).toBeDefined();
        if (p.status === 'afgewezen') {
          rejected += amount;
          expect(p.toegekendBedrag).toBe(0);
        } else {
          approved += p.toegekendBedrag;
          expect(p.toegekendBedrag).toBe(amount);
        }
      }
      expect(Number.isInteger(d.totaalToegekendBedrag)).toBe(true);
      expect(d.totaalToegekendBedrag).toBe(approved);
      expect(d.totaalToegekendBedrag + rejected).toBe(d.totaalIngediendBedrag);
    });
  });
});
