/**
 * Errors of the settlement. Configuration problems name the file and the field (`region.json:
 * verevening.regelingen[1].sleutel: …`, `budgetten.csv: rij 4 (…), HistorischBudget: …`) so finance can fix them.
 */

export interface Probleem {
  readonly bestand: string;
  readonly veld: string;
  readonly melding: string;
}

const regel = (p: Probleem): string => `${p.bestand}: ${p.veld}: ${p.melding}`;

/** Bad or incomplete configuration: every problem found, one per line. */
export class SettlementConfigError extends Error {
  readonly problemen: readonly Probleem[];
  constructor(problemen: readonly Probleem[]) {
    super(problemen.map(regel).join('\n'));
    this.name = 'SettlementConfigError';
    this.problemen = problemen;
  }
}

/** A closed (definitief) year must not change: later corrections go into a post-calculation of a later statement. */
export class SettlementClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettlementClosedError';
  }
}

/** Collects problems so one run reports all of them. */
export class Problemen {
  private readonly lijst: Probleem[] = [];
  private readonly gezien = new Set<string>();
  /** Adds a problem once (the same gap found for several years or schemes is reported once). */
  add(bestand: string, veld: string, melding: string): void {
    const p = { bestand, veld, melding };
    if (this.gezien.has(regel(p))) return;
    this.gezien.add(regel(p));
    this.lijst.push(p);
  }
  get count(): number {
    return this.lijst.length;
  }
  throwIfAny(): void {
    if (this.lijst.length > 0) throw new SettlementConfigError(this.lijst);
  }
}
