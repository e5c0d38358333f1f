/**
 * Planted in-message errors: each kind changes one declaration so that exactly one level-2 rule fires once.
 * The manifest records them, so tests can demand exactly these findings and no others.
 */
import { addDays, firstOfMonth, lastOfMonth } from '../../pipeline/dates';
import { ruleSpec } from '../../schemas/rules';
import { invalidTestBsn } from './bsn';
import type { GenDeclaratie, GenPrestatie } from './generate';
import type { Random } from './random';

export const PLANT_KINDS = [
  'CD087',
  'CD060',
  'TR137',
  'CS337',
  'TR101',
  'TR416',
  'TR358',
  'CS002',
  'CS325',
] as const;
export type PlantKind = (typeof PLANT_KINDS)[number];

export interface PlantedError {
  readonly rule: string;
  readonly retourcode: string | null;
  /** The line it was planted on (for TR358 the declaration's first line). */
  readonly referentieNummer: string;
}

type Mutation = (rnd: Random, d: GenDeclaratie) => string | null;

function anyLine(rnd: Random, d: GenDeclaratie, ok: (p: GenPrestatie) => boolean = () => true) {
  const candidates: { c: number; i: number }[] = [];
  d.clienten.forEach((client, c) => {
    client.prestaties.forEach((p, i) => {
      if (ok(p)) candidates.push({ c, i });
    });
  });
  return candidates.length ? rnd.pick(candidates) : null;
}

const MUTATIONS: Record<PlantKind, Mutation> = {
  CD087: (rnd, d) => {
    const at = anyLine(rnd, d, (p) => p.eenheid !== '83');
    if (!at) return null;
    const p = d.clienten[at.c].prestaties[at.i];
    d.clienten[at.c].prestaties[at.i] = { ...p, tarief: null };
    return p.referentieNummer;
  },
  CD060: (rnd, d) => {
    const at = anyLine(rnd, d);
    if (!at) return null;
    const p = d.clienten[at.c].prestaties[at.i];
    d.clienten[at.c].prestaties[at.i] = { ...p, vorigReferentieNummer: `V${p.referentieNummer}` };
    return p.referentieNummer;
  },
  TR137: (rnd, d) => {
    const at = anyLine(rnd, d, (p) => p.begin < lastOfMonth(p.begin));
    if (!at) return null;
    const p = d.clienten[at.c].prestaties[at.i];
    d.clienten[at.c].prestaties[at.i] = { ...p, begin: addDays(p.begin, 1), eind: p.begin };
    return p.referentieNummer;
  },
  CS337: (rnd, d) => {
    if (d.kop.periodeBegin <= '2021-01-31') return null; // the previous month would also break CS100
    const at = anyLine(rnd, d);
    if (!at) return null;
    const p = d.clienten[at.c].prestaties[at.i];
    const previous = addDays(firstOfMonth(p.begin), -12);
    d.clienten[at.c].prestaties[at.i] = { ...p, begin: previous };
    return p.referentieNummer;
  },
  TR101: (rnd, d) => {
    const at = anyLine(rnd, d);
    if (!at) return null;
    const p = d.clienten[at.c].prestaties[at.i];
    d.clienten[at.c].prestaties.splice(at.i + 1, 0, { ...p });
    return p.referentieNummer;
  },
  TR416: (rnd, d) => {
    const at = anyLine(rnd, d);
    if (!at) return null;
    const p = d.clienten[at.c].prestaties[at.i];
    const ref = `${p.referentieNummer}B`;
    d.clienten[at.c].prestaties.splice(at.i + 1, 0, { ...p, referentieNummer: ref });
    return ref;
  },
  TR358: (_, d) => d.clienten[0]?.prestaties[0]?.referentieNummer ?? null,
  CS002: (rnd, d) => {
    const at = anyLine(rnd, d);
    if (!at) return null;
    const client = d.clienten[at.c];
    const bad = invalidTestBsn(Number(client.bsn.slice(4)));
    if (d.formaat === 'xml') {
      client.bsn = bad;
      client.prestaties = client.prestaties.map((p) => ({ ...p, bsn: bad }));
      return client.prestaties[0].referentieNummer;
    }
    const p = client.prestaties[at.i];
    client.prestaties[at.i] = { ...p, bsn: bad };
    return p.referentieNummer;
  },
  CS325: (rnd, d) => {
    const at = anyLine(rnd, d);
    if (!at) return null;
    const p = d.clienten[at.c].prestaties[at.i];
    const ref = `${p.referentieNummer}C`;
    d.clienten[at.c].prestaties.splice(at.i + 1, 0, {
      ...p,
      referentieNummer: ref,
      vorigReferentieNummer: `${p.referentieNummer}X`,
      volume: 0,
      bedrag: 0,
      debetCredit: 'C',
    });
    return ref;
  },
};

/** Plants one error of a random kind (from `kinds`) in the declaration; returns what was planted, or null. */
export function plantInMessageError(
  rnd: Random,
  d: GenDeclaratie,
  kinds: readonly PlantKind[] = PLANT_KINDS,
): PlantedError | null {
  for (const kind of rnd.shuffle([...kinds])) {
    const ref = MUTATIONS[kind](rnd, d);
    if (ref !== null)
      return { rule: kind, retourcode: ruleSpec('declaratie', kind).retourcode, referentieNummer: ref };
  }
  return null;
}
