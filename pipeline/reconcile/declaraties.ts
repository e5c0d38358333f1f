/**
 * Control levels 3 and 4 for a declaration file: pass 2 over its lines, judged against the toewijzingen, the
 * provider's earlier declarations, the contracts and the product list. Decides first and hands over the items to
 * write (per chunk the ReferentieNummers it took, at the end the rest); writes nothing itself.
 *
 * Credits are judged before debits (pass 2a, then 2b), so that a credit and its replacement debit in one message
 * are both approved, in whatever order the lines stand; a declaration that credits a debit of an earlier one in
 * the same CSV is judged after it (credit-waves.ts).
 */
import type { DeclaratieRegel } from '../../schemas/iwmo/wmo323';
import { signed } from '../../schemas/iwmo/wmo323';
import type { Finding } from '../../schemas/report';
import { monthOf } from '../dates';
import type { Item } from '../ports';
import type { Pseudonymise } from '../pseudonym';
import { FindingCollector } from '../read/collector';
import type { Reference } from '../region/reference';
import type { DeclaratieOutcome } from '../report/results';
import { STATE_PRESTATIE_RULES } from '../rules/state/declaratie';
import { STATE_MESSAGE_RULES } from '../rules/state/declaratie/messages';
import type { MessageContext } from '../rules/state/message';
import type { PrestatieContext } from '../rules/state/types';
import { key, ofRecordedAttempt, type UsageEntry, type UsageItem } from '../state/items';
import { itemKey, type StateReader, type ToewijzingState } from '../state/reader';
import { contributionItems, DeclaratieFigures } from './contributions';
import { creditWaves, mayNeedWaves } from './credit-waves';

export interface DeclaratieReconcileInput {
  readonly fileId: string;
  /** The attempt (attemptOf): on every item this file writes. */
  readonly poging: string;
  readonly gemeente: string;
  /** Receipt date in the Netherlands (YYYY-MM-DD). */
  readonly ontvangstdatum: string;
  /** The declarations as level 2 left them (failed ones are not judged further). */
  readonly declaraties: readonly DeclaratieOutcome[];
  /** A fresh pass over the file's lines. */
  readonly lines: () => AsyncIterable<DeclaratieRegel[]>;
  readonly state: StateReader;
  readonly ref: Reference;
  readonly pseudonymise: Pseudonymise;
  /**
   * Takes the ReferentieNummer items of each judged chunk as soon as they are decided, so that a file of a million
   * lines does not hold them all. They count only once the record names this attempt (poging): a redrive that
   * decides differently leaves what this attempt wrote uncounted.
   */
  readonly write: (items: readonly Item[]) => Promise<void>;
}

export interface ReconcileResult {
  /** What is left to write once every line is judged: numbers of messages, usage, contributions. */
  readonly items: Item[];
  readonly findings: Finding[];
}

const CHUNK = 500;

/** Lines of a file's later credit waves kept in memory (about 300 bytes each). */
export const MAX_KEPT_LINES = 200_000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Judged {
  readonly regel: DeclaratieRegel;
  readonly outcome: DeclaratieOutcome;
  readonly index: number;
  /** A debit in the credit pass: it only claims its ReferentieNummer, to be judged in the debit pass. */
  readonly reserveOnly?: boolean;
}

export async function reconcileDeclaraties(input: DeclaratieReconcileInput): Promise<ReconcileResult> {
  const { fileId, poging, gemeente, state, ref } = input;
  const findings = new FindingCollector();
  const figures = new DeclaratieFigures();
  const items: Item[] = [];
  const byNummer = new Map(input.declaraties.map((d) => [d.declaratieNummer, d]));
  const judgedGroups = new Set<DeclaratieOutcome>();

  // Message and declaration level, on each declaration's first line (kept by pass 1): one lookup for all
  // declarations' BerichtIdentificatie and DeclaratieNummer.
  const messageKeys = input.declaraties.flatMap(({ first: r }) => [
    key.declaratie(gemeente, r.bericht.afzender, r.kop.declaratieNummer),
    ...(r.bericht.identificatie ? [key.bericht(gemeente, r.bericht.afzender, r.bericht.identificatie)] : []),
  ]);
  const takenNumbers = await state.takenBy(messageKeys);
  const usedInFile = new Set<string>();
  for (const d of input.declaraties) {
    const { first } = d;
    if (d.failedInMessage) continue;
    const { afzender, identificatie } = first.bericht;
    const declKey = itemKey(key.declaratie(gemeente, afzender, d.declaratieNummer));
    const msgKey = identificatie ? itemKey(key.bericht(gemeente, afzender, identificatie)) : null;
    const context = {
      regel: first,
      berichtTaken: msgKey !== null && (takenNumbers.get(msgKey) !== undefined || usedInFile.has(msgKey)),
      declaratieTaken: takenNumbers.get(declKey) !== undefined || usedInFile.has(declKey),
      ontvangstdatum: input.ontvangstdatum,
      ref,
    };
    const passed = judgeMessage(d, context, findings);
    // Answered at level 3, approved or rejected as a whole, the message counts as sent (only a level-2 rejection
    // does not, IV087): its numbers are taken by this file, where no other file has them.
    if (!context.declaratieTaken) {
      usedInFile.add(declKey);
      items.push({ ...key.declaratie(gemeente, afzender, d.declaratieNummer), fileId, poging });
    }
    if (msgKey && identificatie && !context.berichtTaken) {
      usedInFile.add(msgKey);
      items.push({ ...key.bericht(gemeente, afzender, identificatie), fileId, poging });
    }
    if (passed) judgedGroups.add(d);
  }

  // Pass 2a credits, 2b debits, in chunks: load what the chunk needs, then judge its lines one by one. All credits
  // of a wave come before its debits, so a credit and its replacement may share a message, and a file of one wave
  // is read at most three times however many declarations it holds (a plan per declaration read a CSV of a
  // hundred declarations with credits two hundred times). A credit reverses a debit of an earlier file, or of an
  // earlier wave of this one (credit-waves.ts). ReferentieNummers still go to the first line in file order: the
  // first pass reserves the numbers of the lines it does not judge where they stand, and keeps the lines of the
  // later waves, which are then judged from memory: however many waves, the file is read at most four times.
  /** `first`: the first pass, which reserves the numbers of the lines it does not judge and keeps the later waves' lines. */
  const judgeLines = async (
    wave: ReadonlySet<DeclaratieOutcome>,
    pass: 'C' | 'D',
    lines: () => AsyncIterable<DeclaratieRegel[]>,
    first: { readonly keep: ReadonlySet<DeclaratieOutcome>; readonly kept: DeclaratieRegel[] } | null,
  ) => {
    const at = new LinePositions(byNummer);
    let chunk: Judged[] = [];
    const flush = async () => {
      const toewijzingen = await state.loadToewijzingen(chunk.map((j) => j.regel.prestatie.toewijzingNummer));
      const refSlots = await state.loadRefs(
        chunk.map((j) => j.regel.bericht.afzender),
        chunk.map((j) => j.regel.prestatie.referentieNummer),
      );
      const refItems: Item[] = [];
      judgeChunk(chunk, toewijzingen, refSlots, input, figures, findings, refItems);
      chunk = [];
      if (refItems.length) await input.write(refItems);
    };
    for await (const batch of lines()) {
      for (const regel of batch) {
        const d = at.next(regel);
        if (!d || !judgedGroups.has(d)) continue;
        if (first?.keep.has(d)) first.kept.push(regel);
        const reserveOnly = !wave.has(d) || regel.prestatie.debetCredit !== pass;
        if (reserveOnly && !first) continue;
        chunk.push({ regel, outcome: d, index: at.index, reserveOnly });
        if (chunk.length >= CHUNK) await flush();
      }
    }
    await flush();
  };
  const judged = input.declaraties.filter((d) => judgedGroups.has(d));
  const debitToewijzingen = mayNeedWaves(judged) ? await debitToewijzingenOf(input, byNummer) : new Map();
  let waves = creditWaves(judged, debitToewijzingen);
  // The later waves' lines are kept in memory; beyond that the file is judged as one wave, all credits first.
  if (waves.slice(1).reduce((n, w) => n + w.reduce((m, d) => m + d.size, 0), 0) > MAX_KEPT_LINES)
    waves = [waves.flat()];
  let first: Parameters<typeof judgeLines>[3] = { keep: new Set(waves.slice(1).flat()), kept: [] };
  const { kept } = first;
  const fromMemory = async function* () {
    yield kept;
  };
  for (const [w, wave] of waves.entries()) {
    const inWave = new Set(wave);
    const passes = wave.some((d) => d.credits > 0) ? (['C', 'D'] as const) : (['D'] as const);
    for (const pass of passes) {
      await judgeLines(inWave, pass, w === 0 ? () => input.lines() : fromMemory, first);
      first = null;
    }
  }

  for (const d of judgedGroups) d.retourcodes = d.approvedCount === d.size ? ['8001'] : ['0200'];
  // Declarations rejected as a whole (in-message at level 2, or by a message or declaration rule) count in the
  // monitor as rejected lines too, attributed to the origin of their toewijzing where it exists.
  const whole = (d: DeclaratieOutcome | undefined) =>
    d !== undefined && (d.rejectedWhole || d.failedInMessage);
  const at = new LinePositions(byNummer);
  let rejectedChunk: Judged[] = [];
  const flushRejected = async () => {
    const toewijzingen = await state.loadToewijzingen(
      rejectedChunk.map((j) => j.regel.prestatie.toewijzingNummer),
    );
    for (let n = 0; n < rejectedChunk.length; n++) {
      const { regel, outcome, index } = rejectedChunk[n];
      const p = regel.prestatie;
      figures.rejectedLine(
        {
          maand: monthOf(p.begin),
          herkomst: toewijzingen[n].current?.herkomst ?? '0000',
          taakveld: ref.taakveld(p.productCategorie, p.productCode),
          agb: regel.bericht.afzender,
          eenheid: p.eenheid,
          volume: p.volume,
        },
        outcome.rejected.get(index) ?? outcome.retourcodes,
        signed(p.bedrag, p.debetCredit),
      );
    }
    rejectedChunk = [];
  };
  for await (const batch of input.declaraties.some(whole) ? input.lines() : []) {
    for (const regel of batch) {
      const d = at.next(regel);
      if (!whole(d)) continue;
      rejectedChunk.push({ regel, outcome: d!, index: at.index });
      if (rejectedChunk.length >= CHUNK) await flushRejected();
    }
  }
  await flushRejected();

  for (const t of state.touched()) {
    const mine = t.usage.added();
    if (!mine.length) continue;
    // Keep the entries of files with a record (a withdrawn file's do not count, but stay with it) and this file's;
    // drop what crashed files left behind.
    const keep =
      t.usageItem?.entries.filter(
        (e) => e.fileId !== fileId && ofRecordedAttempt(state.files, e.fileId, e.poging),
      ) ?? [];
    const { pk, sk } = key.usage(gemeente, t.nummer);
    const usage: UsageItem = { pk, sk, entries: keep.length ? [...keep, ...mine] : mine };
    items.push(usage);
  }
  items.push(...contributionItems(gemeente, { fileId, poging }, 'declaratie', figures.toContributions()));
  return { items, findings: findings.result() };
}

/** Per declaration, the toewijzingen it declares a debit on: a pass of its own, only for a file that may need waves. */
async function debitToewijzingenOf(
  input: DeclaratieReconcileInput,
  byNummer: ReadonlyMap<string, DeclaratieOutcome>,
): Promise<Map<DeclaratieOutcome, Set<number>>> {
  const at = new LinePositions(byNummer);
  const out = new Map<DeclaratieOutcome, Set<number>>();
  for await (const batch of input.lines()) {
    for (const regel of batch) {
      const d = at.next(regel);
      if (!d || regel.prestatie.debetCredit !== 'D') continue;
      const set = out.get(d) ?? new Set<number>();
      set.add(regel.prestatie.toewijzingNummer);
      out.set(d, set);
    }
  }
  return out;
}

/**
 * The message- and declaration-level rules on a declaration's first line. When one fails, the declaration is
 * rejected as a whole: with the header code(s) when a rule rejects the message, else with its codes on
 * DeclaratieAntwoord. Tells whether it passed.
 */
function judgeMessage(d: DeclaratieOutcome, context: MessageContext, findings: FindingCollector): boolean {
  const found = STATE_MESSAGE_RULES.map((rule) => ({ rule, f: rule.check(context) })).filter(
    (x) => x.f !== null,
  );
  for (const { f } of found) findings.add(f!);
  if (!found.length) return true;
  d.rejectedWhole = true;
  // Every message-level code goes in the answer's header (RetourCodes may hold several: 9056 and 8848 at once).
  const headerCodes = found.filter((x) => x.rule.level === 'header').map((x) => x.f!.retourcode!);
  if (headerCodes.length) {
    d.headerCode = headerCodes[0];
    d.retourcodes = headerCodes;
  } else d.retourcodes = found.map((x) => x.f!.retourcode!);
  return false;
}

/**
 * The declarations of identical bytes of a withdrawn file, judged as sent before (their numbers were used): each
 * that did not fail in-message is rejected as a whole, 9056 in the header (with a BerichtIdentificatie) or 9333.
 * Gives the findings.
 */
export function judgeAsSentBefore(
  declaraties: readonly DeclaratieOutcome[],
  ontvangstdatum: string,
  ref: Reference,
): Finding[] {
  const findings = new FindingCollector();
  for (const d of declaraties) {
    if (d.failedInMessage) continue;
    const berichtTaken = d.first.bericht.identificatie !== null;
    judgeMessage(d, { regel: d.first, berichtTaken, declaratieTaken: true, ontvangstdatum, ref }, findings);
  }
  return findings.result();
}

/**
 * Numbers a pass's lines within their declaration (a line's index in the report and answer). A declaration's
 * lines mostly follow each other: the current one is kept at hand rather than looked up per line.
 */
class LinePositions {
  /** The index of the last line given to next() within its declaration. */
  index = -1;
  private nummer: string | null = null;
  private current: DeclaratieOutcome | undefined;
  private readonly seen = new Map<DeclaratieOutcome, number>();

  constructor(private readonly byNummer: ReadonlyMap<string, DeclaratieOutcome>) {}

  /** The line's declaration (undefined when level 2 did not keep it), and its index in `index`. */
  next(regel: DeclaratieRegel): DeclaratieOutcome | undefined {
    const nummer = regel.kop.declaratieNummer;
    if (nummer !== this.nummer) {
      if (this.current) this.seen.set(this.current, this.index);
      this.nummer = nummer;
      this.current = this.byNummer.get(nummer);
      this.index = this.current ? (this.seen.get(this.current) ?? -1) : -1;
    }
    if (this.current) this.index++;
    return this.current;
  }
}

/** The rules for a debit and for a credit, in their order (the order codes are listed in). */
const RULES_FOR = {
  D: STATE_PRESTATIE_RULES.filter((rule) => rule.applies !== 'C'),
  C: STATE_PRESTATIE_RULES.filter((rule) => rule.applies !== 'D'),
};

/** Judges lines whose toewijzingen and ReferentieNummers the state has loaded: no I/O, only decisions. */
function judgeChunk(
  chunk: readonly Judged[],
  toewijzingen: readonly ToewijzingState[],
  refSlots: Int32Array,
  input: DeclaratieReconcileInput,
  figures: DeclaratieFigures,
  findings: FindingCollector,
  items: Item[],
): void {
  const { fileId, poging, gemeente, state, ref } = input;
  // One context for the chunk, filled per line: the rules are pure and keep nothing of it.
  const context: Mutable<PrestatieContext> = {
    regel: chunk[0]?.regel,
    toewijzing: null,
    client: '',
    usage: null,
    refTaken: false,
    ref,
  };
  for (let n = 0; n < chunk.length; n++) {
    const { regel, outcome, index, reserveOnly } = chunk[n];
    const p = regel.prestatie;
    if (reserveOnly) {
      state.claimRef(refSlots[n], p.seq);
      continue;
    }
    const agb = regel.bericht.afzender;
    const t = toewijzingen[n];
    const client = input.pseudonymise(p.bsn);
    context.regel = regel;
    context.toewijzing = t.current;
    context.client = client;
    context.usage = t.current ? t.usage : null;
    context.refTaken = state.claimRef(refSlots[n], p.seq);
    let codes: string[] | null = null;
    for (const rule of RULES_FOR[p.debetCredit]) {
      const f = rule.check(context);
      if (f) {
        findings.add(f);
        codes ??= [];
        if (!codes.includes(f.retourcode!)) codes.push(f.retourcode!);
      }
    }
    const amount = signed(p.bedrag, p.debetCredit);
    const taakveld = ref.taakveld(p.productCategorie, p.productCode);
    const herkomst = t.current?.herkomst ?? '0000';
    const maand = monthOf(p.begin);
    // The ReferentieNummer is taken by this line, approved or not (the provider resubmits under a new number).
    if (!context.refTaken) {
      const { pk, sk } = key.ref(gemeente, agb, p.referentieNummer);
      items.push({ pk, sk, fileId, poging, status: codes ? 'afgewezen' : 'toegekend' });
    }
    if (codes) {
      outcome.reject(index, codes);
      figures.rejectedLine(
        { maand, herkomst, taakveld, agb, eenheid: p.eenheid, volume: p.volume },
        codes,
        amount,
      );
      continue;
    }
    // Approved: a credit counts in the month and for the origin and taakveld of the debit it reverses.
    const debit = p.debetCredit === 'C' ? t.usage.debit(p.vorigReferentieNummer!, agb) : undefined;
    const entry: UsageEntry = {
      fileId,
      poging,
      ref: p.referentieNummer,
      agb,
      dc: p.debetCredit,
      vorig: p.vorigReferentieNummer,
      categorie: p.productCategorie,
      code: p.productCode,
      begin: p.begin,
      eind: p.eind,
      volume: p.volume,
      eenheid: p.eenheid,
      bedrag: amount,
      maand: debit?.maand ?? maand,
      herkomst: debit?.herkomst ?? herkomst,
      taakveld: debit?.taakveld ?? taakveld,
      client,
    };
    t.usage.add(entry);
    figures.line({
      maand: entry.maand,
      herkomst: entry.herkomst,
      taakveld: entry.taakveld,
      agb,
      ingediend: amount,
      toegekend: amount,
      eenheid: p.eenheid,
      volume: p.debetCredit === 'C' ? -p.volume : p.volume,
      client: p.debetCredit === 'D' ? client : null,
    });
    figures.cost({
      maand: entry.maand,
      herkomst: entry.herkomst,
      taakveld: entry.taakveld,
      categorie: p.productCategorie,
      code: p.productCode,
      nummer: p.toewijzingNummer,
      bedrag: amount,
    });
  }
}
