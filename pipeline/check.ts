/**
 * Control levels 1 and 2 of one file, without any state: the `bwmo check` command, and pass 1 of ingest.
 * One streaming pass: the reader checks structure (level 1) while the in-message rules (level 2) run on each
 * record, per declaration (a CSV file may hold several; each DeclaratieNummer is a message of its own). The same
 * pass hashes the bytes, so a check reads a file once.
 */
import type { ToewijzingRegel } from '../schemas/iwmo/wmo301';
import { type DeclaratieRegel, signed } from '../schemas/iwmo/wmo323';
import type { FileFormat, FileKind, FileStatus, Finding } from '../schemas/report';
import { FindingCollector } from './read/collector';
import { type ReadState, readDeclaraties } from './read/declaraties';
import { decodeText, EncodingError, type TextEncoding } from './read/decode';
import { finding } from './read/findings';
import {
  ByteTap,
  classifyHead,
  type FileFacts,
  fingerprint,
  type HeadFacts,
  MAX_XML_BYTES,
  SizeError,
  sizeFinding,
  withWholeSize,
  xmlEncodingFinding,
} from './read/sniff';
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
  /** Lines rejected at level 2 (toewijzing files), by seq. */
  readonly rejectedSeqs: ReadonlySet<number>;
  /** Message identification of a WMO323 (for 9056). */
  readonly berichtIdentificatie: string | null;
}

/** What a kind-specific check found; checkFile adds the file's facts. */
type KindResult = Omit<
  CheckedFile,
  'source' | 'facts' | 'kind' | 'format' | 'level' | 'unreadable' | 'findings'
>;

function push(collector: FindingCollector, found: Findings): number {
  if (!found) return 0;
  if (Array.isArray(found)) {
    for (const f of found) collector.add(f);
    return found.length;
  }
  collector.add(found as Finding);
  return 1;
}

const EMPTY_RESULT: KindResult = {
  gemeente: null,
  aanbieder: null,
  gemeentenInInhoud: new Set(),
  lines: 0,
  declaraties: [],
  rejectedSeqs: new Set(),
  berichtIdentificatie: null,
};

/**
 * Checks a file at levels 1–2. With `known` facts (ingest has already fingerprinted the file) it reads the file
 * once in that encoding; without, it classifies the head, then reads once while hashing, decoding UTF-8 first and
 * starting again as Windows-1252 when a CSV turns out not to be UTF-8.
 */
export async function checkFile(source: FileSource, known?: FileFacts): Promise<CheckedFile> {
  const head: HeadFacts = known ?? (await classifyHead(source));
  const unreadableFile = (problems: Finding[], facts: FileFacts): CheckedFile => ({
    ...EMPTY_RESULT,
    source,
    facts,
    kind: 'onbekend',
    format: problems.some((p) => p.rule === 'KIND') ? head.format : null,
    level: 1,
    unreadable: true,
    findings: problems,
  });
  let encoding: TextEncoding = known?.encoding ?? (head.headUtf8 ? 'utf-8' : 'windows-1252');
  for (;;) {
    const tap = new ByteTap(head.format === 'csv' ? Number.POSITIVE_INFINITY : MAX_XML_BYTES, !known);
    // The whole file's identity: hashed while read, or again in full when reading stopped early (a level-1 stop,
    // the size limit) or never started.
    const factsAfter = async (): Promise<FileFacts> => {
      if (known) return known;
      const whole = tap.complete ? { sha256: tap.digest(), size: tap.size } : await fingerprint(source);
      return { ...head, encoding, sha256: whole.sha256, size: whole.size };
    };
    if (head.problems.length > 0 || head.kind === 'onbekend') {
      const facts = await factsAfter();
      return unreadableFile(withWholeSize(head.problems, facts.size), facts);
    }
    const findings = new FindingCollector();
    const state: ReadState = { lines: 0 };
    const text = decodeText(tap.wrap(await source.open()), encoding);
    try {
      const result =
        head.kind === 'declaratie'
          ? await checkDeclaraties(text, head, findings, state)
          : head.kind === 'toewijzing'
            ? await checkToewijzingen(text, head, findings, state)
            : await checkTaakgericht(text, head, findings, state);
      const unreadable = levelOneFailed(findings);
      return {
        ...result,
        source,
        facts: await factsAfter(),
        kind: head.kind,
        format: head.format,
        level: unreadable ? 1 : 2,
        unreadable,
        findings: unreadable ? levelOneOnly(findings.result()) : findings.result(),
        declaraties: unreadable ? [] : result.declaraties,
      };
    } catch (err) {
      if (err instanceof SizeError) {
        // The reader stopped at the limit: the finding names the whole file's size.
        const facts = await factsAfter();
        return unreadableFile([sizeFinding(facts.size)], facts);
      }
      if (!(err instanceof EncodingError)) throw err;
      if (head.format !== 'csv') return unreadableFile([xmlEncodingFinding()], await factsAfter());
      if (encoding === 'windows-1252')
        return unreadableFile([finding('ENCODING', err.location, err.message)], await factsAfter());
      encoding = 'windows-1252';
    }
  }
}

interface Group {
  readonly ctx: DeclaratieContext;
  readonly states: unknown[];
  readonly outcome: DeclaratieOutcome;
  failures: number;
}

async function checkDeclaraties(
  text: AsyncIterable<string>,
  head: HeadFacts,
  findings: FindingCollector,
  state: ReadState,
): Promise<KindResult> {
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  const gemeenten = new Set<string>();
  let gemeente: string | null = null;
  let aanbieder: string | null = null;
  let identificatie: string | null = null;
  const rules = DECLARATIE_RULES;
  let current: Group | null = null;

  const groupOf = (r: DeclaratieRegel): Group => {
    // Lines of one declaration usually follow each other: skip the map lookup then.
    if (current && current.ctx.kop.declaratieNummer === r.kop.declaratieNummer) return current;
    const key = r.kop.declaratieNummer;
    let g = groups.get(key);
    if (!g) {
      const ctx: DeclaratieContext = { bericht: r.bericht, kop: r.kop, first: r };
      g = {
        ctx,
        states: rules.map((rule) => rule.fold?.init()),
        outcome: new DeclaratieOutcome(key, signed(r.kop.totaalBedrag, r.kop.totaalDebetCredit), r),
        failures: 0,
      };
      groups.set(key, g);
      order.push(g);
      for (const rule of rules) if (rule.declaratie) g.failures += push(findings, rule.declaratie(ctx));
      gemeente ??= r.bericht.ontvanger;
      aanbieder ??= r.bericht.afzender;
      identificatie ??= r.bericht.identificatie;
      gemeenten.add(r.bericht.ontvanger);
    }
    current = g;
    return g;
  };

  // The hooks per line, without the rules that have none: this loop runs a million times for a large file.
  const lineChecks = rules.flatMap((rule) => (rule.prestatie ? [rule.prestatie] : []));
  const folds = rules.flatMap((rule, i) => (rule.fold ? [{ step: rule.fold.step, index: i }] : []));
  for await (const batch of readDeclaraties(text, head, findings, state)) {
    for (const r of batch) {
      if (r.bericht.ontvanger !== gemeente) gemeenten.add(r.bericht.ontvanger);
      const g = groupOf(r);
      const p = r.prestatie;
      g.outcome.add(
        p.referentieNummer,
        signed(p.bedrag, p.debetCredit),
        p.debetCredit === 'C'
          ? { vorig: p.vorigReferentieNummer, toewijzing: p.toewijzingNummer }
          : undefined,
      );
      for (const check of lineChecks) {
        const found = check(r);
        if (found) g.failures += push(findings, found);
      }
      for (const fold of folds) {
        const found = fold.step(g.states[fold.index], r);
        if (found) g.failures += push(findings, found);
      }
    }
  }
  if (!levelOneFailed(findings)) {
    for (const g of order) {
      rules.forEach((rule, i) => {
        if (rule.fold) g.failures += push(findings, rule.fold.finish(g.states[i], g.ctx));
      });
      if (g.failures > 0) {
        g.outcome.failedInMessage = true;
        g.outcome.headerCode = '0001';
        g.outcome.retourcodes = ['0001'];
      }
    }
  }
  return {
    ...EMPTY_RESULT,
    gemeente,
    aanbieder,
    gemeentenInInhoud: gemeenten,
    lines: state.lines,
    declaraties: order.map((g) => g.outcome),
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
  text: AsyncIterable<string>,
  head: HeadFacts,
  findings: FindingCollector,
  state: ReadState,
): Promise<KindResult> {
  const rules = TOEWIJZING_RULES;
  const states = rules.map((rule) => rule.fold?.init());
  const rejected = new Set<number>();
  const gemeenten = new Set<string>();
  let gemeente: string | null = null;
  let aanbieder: string | null = null;
  let clientChecked = false;
  let messageFailed = false;
  for await (const batch of readToewijzingen(text, head, findings, state)) {
    for (const r of batch as ToewijzingRegel[]) {
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
  if (messageFailed) for (let s = 0; s < state.lines; s++) rejected.add(s);
  return {
    ...EMPTY_RESULT,
    gemeente,
    aanbieder,
    gemeentenInInhoud: gemeenten,
    lines: state.lines,
    rejectedSeqs: rejected,
  };
}

async function checkTaakgericht(
  text: AsyncIterable<string>,
  head: HeadFacts,
  findings: FindingCollector,
  state: ReadState,
): Promise<KindResult> {
  const gemeenten = new Set<string>();
  let gemeente: string | null = null;
  let aanbieder: string | null = null;
  for await (const batch of readTaakgericht(text, head, findings, state)) {
    for (const r of batch) {
      gemeente ??= r.gemeente;
      aanbieder ??= r.agbCode;
      gemeenten.add(r.gemeente);
    }
  }
  return { ...EMPTY_RESULT, gemeente, aanbieder, gemeentenInInhoud: gemeenten, lines: state.lines };
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
