/**
 * Per-line outcomes of a file, kept compactly (a million lines fit in well under 100 MB) and grouped per
 * declaration, in file order within each declaration.
 */
export interface LineOutcome {
  /** Retourcodes of a rejected line; null when the line is approved. */
  readonly codes: readonly string[] | null;
}

export class DeclaratieOutcome {
  readonly refs: string[] = [];
  /** Signed cents as declared. */
  readonly amounts: number[] = [];
  /** Retourcodes of rejected lines by their index in this declaration. */
  readonly rejected = new Map<number, readonly string[]>();
  /** Codes on DeclaratieAntwoord (e.g. 8001, 9333) or, after a level-2 failure, on the header (0001). */
  retourcodes: string[] = [];
  /** A level-2 rule failed: the whole declaration is rejected with 0001. */
  failedInMessage = false;
  /** A declaration-level rejection (e.g. 9333): every line rejected, toegekend 0. */
  rejectedWhole = false;

  constructor(
    readonly declaratieNummer: string,
    readonly totaalIngediend: number,
  ) {}

  add(ref: string, signedAmount: number): number {
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
}
