import type { DeclaratieRegel } from '../../schemas/iwmo/wmo323';

export interface CreditLine {
  readonly vorig: string | null;
  readonly toewijzing: number;
}

/**
 * Per-line outcomes of a file, kept compactly (a million lines fit in well under 100 MB) and grouped per
 * declaration, in file order within each declaration.
 */
export class DeclaratieOutcome {
  readonly refs: string[] = [];
  /** Signed cents as declared. */
  readonly amounts: number[] = [];
  /** Retourcodes of rejected lines by their index in this declaration. */
  readonly rejected = new Map<number, readonly string[]>();
  /**
   * The codes reported for the declaration: the header code when the message as a whole was rejected (0001 after
   * a level-2 failure; 9056, 8848 or S300), else the DeclaratieAntwoord code (8001 all approved, 0200 some
   * rejected, 9333 declaration rejected).
   */
  retourcodes: string[] = [];
  /** Header retourcode of the answer: 0200, or 0001 / the message-level code when the whole message is rejected. */
  headerCode = '0200';
  /** A level-2 rule failed: the whole declaration is rejected with 0001 (the answer has only its header). */
  failedInMessage = false;
  /** The declaration was rejected as a whole (a message- or declaration-level code): every line, toegekend 0. */
  rejectedWhole = false;

  constructor(
    readonly declaratieNummer: string,
    readonly totaalIngediend: number,
    /**
     * The declaration's first line, with its message header and Declaratie class: the rules at message level in
     * pass 2 judge it without reading the file again.
     */
    readonly first: DeclaratieRegel,
  ) {}

  /**
   * Credit lines by their index in this declaration: what each credits (its VorigReferentieNummer, null when it
   * names none) and its toewijzing. Level 3 judges credits in a pass of their own, after the debits of earlier
   * declarations on the same toewijzing.
   */
  readonly creditsOf = new Map<number, CreditLine>();

  get credits(): number {
    return this.creditsOf.size;
  }

  /** Adds a line; `credit` for a credit line, undefined for a debit. */
  add(ref: string, signedAmount: number, credit?: CreditLine): number {
    if (credit !== undefined) this.creditsOf.set(this.refs.length, credit);
    // ReferentieNummers are copied out of the parser's chunks by the readers, so keeping them is cheap.
    this.refs.push(ref);
    this.amounts.push(signedAmount);
    return this.refs.length - 1;
  }

  reject(index: number, codes: readonly string[]): void {
    this.rejected.set(index, codes);
  }

  get size(): number {
    return this.refs.length;
  }

  /** Codes of line i, or null when approved. */
  codesOf(i: number): readonly string[] | null {
    if (this.failedInMessage) return ['0001'];
    if (this.rejectedWhole) return this.retourcodes;
    return this.rejected.get(i) ?? null;
  }

  get approvedCount(): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) if (this.codesOf(i) === null) n++;
    return n;
  }

  /** Σ approved signed amounts. */
  get totaalToegekend(): number {
    let sum = 0;
    for (let i = 0; i < this.size; i++) if (this.codesOf(i) === null) sum += this.amounts[i];
    return sum;
  }

  /** Σ rejected signed amounts: with totaalToegekend it adds up to what the lines declared. */
  get totaalAfgewezen(): number {
    let sum = 0;
    for (let i = 0; i < this.size; i++) if (this.codesOf(i) !== null) sum += this.amounts[i];
    return sum;
  }

  /**
   * Σ of the rejected lines' amounts, each counted positive: how much money was refused either way (the alert's
   * figure), where the signed sum lets a rejected credit cancel a rejected debit.
   */
  get afgewezenBedrag(): number {
    let sum = 0;
    for (let i = 0; i < this.size; i++) if (this.codesOf(i) !== null) sum += Math.abs(this.amounts[i]);
    return sum;
  }
}
