/**
 * Control levels 1 and 2 of one file, without any state: the `bwmo check` command, and pass 1 of ingest.
 * One streaming pass: the reader checks structure (level 1) while the in-message rules (level 2) run on each
 * record, per declaration (a CSV file may hold several; each DeclaratieNummer is a message of its own).
 */
import type { TaakgerichtRow } from '../schemas/csv';
import type { ToewijzingRegel } from '../schemas/iwmo/wmo301';
import { type DeclaratieRegel, signed } from '../schemas/iwmo/wmo323';
import type { FileFormat, FileKind, FileStatus, Finding } from '../schemas/report';
import { FindingCollector } from './read/collector';
import { type ReadState, readDeclaraties } from './read/declaraties';
import { type FileFacts, sniff } from './read/sniff';
import { readTaakgericht } from './read/taakgericht';
import { readToewijzingen } from './read/toewijzingen';
import type { ReportHead } from './report/render';
import { DeclaratieOutcome } from './report/results';
import { DECLARATIE_RULES } from './rules/declaratie';
import { TOEWIJZING_RULES } from './rules/toewijzing';
import type { DeclaratieContext, Findings } from './rules/types';
import type { FileSource } from './source';

export interface CheckedFile {
  readonly source: FileSource;
  readonly facts: FileFacts;
  readonly kind: FileKind;
  readonly format: FileFormat;
  readonly gemeente: string | null;
  /** Provider (AGB) named by the file: Afzender of a declaration, Ontvanger of a toewijzing. */
  readonly aanbieder: string | null;
  /** Municipalities named in the content (Ontvanger / Gemeente / Afzender), for the isolation check. */
  readonly gemeentenInInhoud: ReadonlySet<string>;
  readonly level: 1 | 2;
  readonly findings: Finding[];
  readonly lines: number;
  /** Level 1 failed: the file cannot be read as a whole and goes to quarantine. */
  readonly unreadable: boolean;
  /** Declarations with their level-2 outcome (declaratie files). */
  readonly declaraties: DeclaratieOutcome[];
  /** Lines rejected at level 2 (toewijzing and taakgericht files), by seq. */
  readonly rejectedSeqs: ReadonlySet<number>;
  /** Message identification of a WMO323 (for 9056) and the message date. */
  readonly berichtIdentificatie: string | null;
}

function push(collector: FindingCollector, found: Findings): number {
  if (!found) return 0;
  if (Array.isArray(found)) {
    for (const f of found) collector.add(f);
    return found.length;
  }
  collector.add(found as Finding);
  return 1;
}

interface Group {
  readonly ctx: DeclaratieContext;
  readonly states: unknown[];
  readonly outcome: DeclaratieOutcome;
  failures: number;
}

export async function checkFile(source: FileSource): Promise<CheckedFile> {
  const facts = await sniff(source);
  const findings = new FindingCollector();
  findings.addAll(facts.problems);
  const base = {
    source,
    facts,
    kind: facts.kind,
    format: facts.format,
    findings: findings.list,
    declaraties: [] as DeclaratieOutcome[],
    rejectedSeqs: new Set<number>(),
    berichtIdentificatie: null,
  };
  if (facts.problems.some((p) => p.severity === 'fout') || facts.kind === 'onbekend') {
    return {
      ...base,
      gemeente: null,
      aanbieder: null,
      gemeentenInInhoud: new Set(),
      level: 1,
      lines: 0,
      unreadable: true,
      findings: findings.result(),
    };
  }
  const state: ReadState = { lines: 0 };
  if (facts.kind === 'declaratie') return checkDeclaraties(source, facts, findings, state);
  if (facts.kind === 'toewijzing') return checkToewijzingen(source, facts, findings, state);
  return checkTaakgericht(source, facts, findings, state);
}

async function checkDeclaraties(
  source: FileSource,
  facts: FileFacts,
  findings: FindingCollector,
  state: ReadState,
): Promise<CheckedFile> {
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  const gemeenten = new Set<string>();
  let gemeente: string | null = null;
  let aanbieder: string | null = null;
  let identificatie: string | null = null;
  const rules = DECLARATIE_RULES;

  const groupOf = (r: DeclaratieRegel): Group => {
    const key = r.kop.declaratieNummer;
    let g = groups.get(key);
    if (!g) {
      const ctx: DeclaratieContext = { bericht: r.bericht, kop: r.kop, first: r };
      g = {
        ctx,
        states: rules.map((rule) => rule.fold?.init()),
        outcome: new DeclaratieOutcome(key, signed(r.kop.totaalBedrag, r.kop.totaalDebetCredit)),
        failures: 0,
      };
      groups.set(key, g);
      order.push(g);
      for (const rule of rules) if (rule.declaratie) g.failures += push(findings, rule.declaratie(ctx));
      gemeente ??= r.bericht.ontvanger;
      aanbieder ??= r.bericht.afzender;
      identificatie ??= r.bericht.identificatie;
    }
    return g;
  };

  for await (const batch of readDeclaraties(source, facts, findings, state)) {
    for (const r of batch) {
      gemeenten.add(r.bericht.ontvanger);
      const g = groupOf(r);
      g.outcome.add(r.prestatie.referentieNummer, signed(r.prestatie.bedrag, r.prestatie.debetCredit));
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        if (rule.prestatie) g.failures += push(findings, rule.prestatie(r));
        if (rule.fold) g.failures += push(findings, rule.fold.step(g.states[i], r));
      }
    }
  }
  const unreadable = levelOneFailed(findings);
  if (!unreadable) {
    for (const g of order) {
      rules.forEach((rule, i) => {
        if (rule.fold) g.failures += push(findings, rule.fold.finish(g.states[i], g.ctx));
      });
      if (g.failures > 0) {
        g.outcome.failedInMessage = true;
        g.outcome.retourcodes = ['0001'];
      }
    }
  }
  return {
    source,
    facts,
    kind: 'declaratie',
    format: facts.format,
    gemeente,
    aanbieder,
    gemeentenInInhoud: gemeenten,
    level: unreadable ? 1 : 2,
    findings: unreadable ? levelOneOnly(findings.result()) : findings.result(),
    lines: state.lines,
    unreadable,
    declaraties: unreadable ? [] : order.map((g) => g.outcome),
    rejectedSeqs: new Set(),
    berichtIdentificatie: identificatie,
  };
}

/**
 * After a level-1 failure the in-message rules' findings are left out, as the national validation runs no XSLT
 * on a message that fails its XSD: they would judge values that were not read correctly.
 */
export function levelOneOnly(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => LEVEL_ONE.has(f.rule) || f.severity === 'waarschuwing');
}

/** Level-1 findings (structure, CSV cells) were reported: the file cannot be read as a whole. */
function levelOneFailed(findings: FindingCollector): boolean {
  return findings.hasError((f) => LEVEL_ONE.has(f.rule));
}
const LEVEL_ONE = new Set([
  'EMPTY',
  'BINARY',
  'SIZE',
  'KIND',
  'ENCODING',
  'XML-WELLFORMED',
  'XML-DTD',
  'XML-RELEASE',
  'XSD',
  'CSV-HEADER',
  'CSV-ROW',
  'CSV-VALUE',
]);

async function checkToewijzingen(
  source: FileSource,
  facts: FileFacts,
  findings: FindingCollector,
  state: ReadState,
): Promise<CheckedFile> {
  const rules = TOEWIJZING_RULES;
  const states = rules.map((rule) => rule.fold?.init());
  const rejected = new Set<number>();
  const gemeenten = new Set<string>();
  let gemeente: string | null = null;
  let aanbieder: string | null = null;
  let clientChecked = false;
  let messageFailed = false;
  for await (const batch of readToewijzingen(source, facts, findings, state)) {
    for (const r of batch) {
      gemeente ??= r.bericht.afzender;
      aanbieder ??= r.bericht.ontvanger;
      gemeenten.add(r.bericht.afzender);
      let failures = 0;
      // A WMO301 has one client; a CSV row is its own client.
      const checkClient = r.bericht.format === 'csv' || !clientChecked;
      clientChecked = true;
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        if (checkClient && rule.client) failures += push(findings, rule.client(r));
        if (rule.product) failures += push(findings, rule.product(r));
        if (rule.fold) failures += push(findings, rule.fold.step(states[i], r));
      }
      if (failures > 0) {
        rejected.add(r.product.seq);
        if (r.bericht.format === 'wmo301') messageFailed = true;
      }
    }
  }
  const unreadable = levelOneFailed(findings);
  if (messageFailed) for (let s = 0; s < state.lines; s++) rejected.add(s);
  return {
    source,
    facts,
    kind: 'toewijzing',
    format: facts.format,
    gemeente,
    aanbieder,
    gemeentenInInhoud: gemeenten,
    level: unreadable ? 1 : 2,
    findings: unreadable ? levelOneOnly(findings.result()) : findings.result(),
    lines: state.lines,
    unreadable,
    declaraties: [],
    rejectedSeqs: rejected,
    berichtIdentificatie: null,
  };
}

async function checkTaakgericht(
  source: FileSource,
  facts: FileFacts,
  findings: FindingCollector,
  state: ReadState,
): Promise<CheckedFile> {
  const gemeenten = new Set<string>();
  let gemeente: string | null = null;
  const rows: TaakgerichtRow[] = [];
  for await (const batch of readTaakgericht(source, facts, findings, state)) {
    for (const r of batch) {
      gemeente ??= r.gemeente;
      gemeenten.add(r.gemeente);
      rows.push(r);
    }
  }
  const unreadable = levelOneFailed(findings);
  return {
    source,
    facts,
    kind: 'taakgericht',
    format: 'csv',
    gemeente,
    aanbieder: rows[0]?.agbCode ?? null,
    gemeentenInInhoud: gemeenten,
    level: unreadable ? 1 : 2,
    findings: unreadable ? levelOneOnly(findings.result()) : findings.result(),
    lines: state.lines,
    unreadable,
    declaraties: [],
    rejectedSeqs: new Set(),
    berichtIdentificatie: null,
  };
}

/** The report of a checked file at levels 1–2 (what `bwmo check` prints). */
export function checkReportHead(file: CheckedFile): ReportHead {
  const { lines } = file;
  let afgewezen: number;
  if (file.unreadable) afgewezen = lines;
  else if (file.kind === 'declaratie')
    afgewezen = file.declaraties.reduce((n, d) => n + (d.size - d.approvedCount), 0);
  else afgewezen = file.rejectedSeqs.size;
  const status: FileStatus = file.unreadable
    ? 'quarantaine'
    : afgewezen === 0
      ? 'geaccepteerd'
      : afgewezen === lines
        ? 'afgewezen'
        : 'deels-geaccepteerd';
  return {
    file: file.source.name,
    kind: file.kind,
    format: file.format,
    gemeente: file.gemeente,
    status,
    level: file.level,
    duplicaatVan: null,
    counts: { regels: lines, geaccepteerd: lines - afgewezen, afgewezen },
    findings: file.findings,
    fileId: file.facts.sha256,
  };
}
