/** Runs the settlement for a year from the stored, committed figures (used by `bwmo settle` and the settle Lambda). */
import type { IngestDeps } from '../ingest';

export interface SettleRun {
  readonly jaar: number;
  readonly totMaand?: string;
  readonly sluit: boolean;
}

export async function runSettlement(
  _deps: IngestDeps,
  _run: SettleRun,
): Promise<{ versie: number; invoerHash: string; status: string }> {
  throw new Error('de verevening uit opgeslagen gegevens is nog niet aangesloten');
}
