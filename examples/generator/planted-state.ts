/**
 * Planted errors against state (control levels 3–4): each kind changes or adds one line so that exactly the listed
 * retourcodes are due for it, given the toewijzingen, the contracts and the files of earlier months. All other
 * lines of the file stay approvable.
 */
import { testBsn } from './bsn';
import type { GenDeclaratie, GenPrestatie, GenToewijzing } from './generate';
import type { Random } from './random';

export const STATE_KINDS = [
  '9338',
  '8187',
  '9340',
  '9346',
  '0611',
  '9321',
  '8021',
  '8017',
  '9389',
  '9390',
] as const;
export type StateKind = (typeof STATE_KINDS)[number];

export interface PlantedStateError {
  readonly referentieNummer: string;
  readonly retourcodes: readonly string[];
}

/** Lines of earlier files that were approved (not planted), per provider and municipality, for cross-file kinds. */
export class DeclarationHistory {
  private readonly approved = new Map<string, GenPrestatie[]>();
  /** Debits credited by a planted-free credit, waiting for a second credit (9390) in a later file. */
  private readonly credited = new Map<string, GenPrestatie[]>();
  /** Credited in the file being made: a second credit in the same message would be TR315's, not 9390. */
  private pending: { id: string; p: GenPrestatie }[] = [];

  private static id(d: Pick<GenDeclaratie, 'agb' | 'gemeente'>): string {
    return `${d.agb}|${d.gemeente}`;
  }

  remember(d: GenDeclaratie, lines: readonly GenPrestatie[]): void {
    for (const { id, p } of this.pending) this.credited.set(id, [...(this.credited.get(id) ?? []), p]);
    this.pending = [];
    const id = DeclarationHistory.id(d);
    this.approved.set(id, [...(this.approved.get(id) ?? []), ...lines.filter((p) => p.debetCredit === 'D')]);
  }

  approvedDebits(d: GenDeclaratie): GenPrestatie[] {
    return this.approved.get(DeclarationHistory.id(d)) ?? [];
  }

  take(d: GenDeclaratie, p: GenPrestatie): void {
    const id = DeclarationHistory.id(d);
    this.approved.set(
      id,
      this.approvedDebits(d).filter((x) => x !== p),
    );
  }

  markCredited(d: GenDeclaratie, p: GenPrestatie): void {
    this.pending.push({ id: DeclarationHistory.id(d), p });
  }

  creditedDebits(d: GenDeclaratie): GenPrestatie[] {
    return this.credited.get(DeclarationHistory.id(d)) ?? [];
  }

  forgetCredited(d: GenDeclaratie, p: GenPrestatie): void {
    const id = DeclarationHistory.id(d);
    this.credited.set(
      id,
      this.creditedDebits(d).filter((x) => x !== p),
    );
  }
}

export interface PlantContext {
  readonly rnd: Random;
  readonly d: GenDeclaratie;
  readonly history: DeclarationHistory;
  readonly toewijzing: (nummer: number) => GenToewijzing | undefined;
  readonly tarief: (agb: string, code: string, datum: string) => number | null;
  /** A fresh number for added lines. */
  readonly newRef: () => string;
  /** Lines already planted on (never planted twice). */
  readonly used: Set<GenPrestatie>;
}

type Plant = (c: PlantContext) => PlantedStateError | null;

interface Located {
  readonly client: GenDeclaratie['clienten'][number];
  readonly index: number;
  readonly p: GenPrestatie;
}

function pickLine(c: PlantContext, ok: (p: GenPrestatie) => boolean = () => true): Located | null {
  const all: Located[] = [];
  for (const client of c.d.clienten) {
    client.prestaties.forEach((p, index) => {
      if (p.debetCredit === 'D' && !c.used.has(p) && ok(p)) all.push({ client, index, p });
    });
  }
  return all.length ? c.rnd.pick(all) : null;
}

function replace(c: PlantContext, at: Located, p: GenPrestatie): GenPrestatie {
  at.client.prestaties[at.index] = p;
  c.used.add(p);
  return p;
}

/** Adds a line as the client's own (a new client element when the BSN is new to the message). */
function addLine(c: PlantContext, p: GenPrestatie): void {
  const client = c.d.clienten.find((x) => x.bsn === p.bsn);
  if (client) client.prestaties.push(p);
  else c.d.clienten.push({ bsn: p.bsn, prestaties: [p] });
  c.used.add(p);
}

const LONG = (t: GenToewijzing | undefined) => t?.einddatum !== null && (t?.einddatum ?? '') >= '2025-01-01';

const PLANTS: Record<StateKind, Plant> = {
  9338: (c) => {
    const at = pickLine(c);
    if (!at) return null;
    const p = replace(c, at, { ...at.p, toewijzingNummer: 999_000_000 + c.rnd.int(0, 999_999) });
    return { referentieNummer: p.referentieNummer, retourcodes: ['9338'] };
  },
  8187: (c) => {
    const at = pickLine(c);
    if (!at) return null;
    // A client of no toewijzing in the data: the line moves to a client of its own.
    at.client.prestaties.splice(at.index, 1);
    if (at.client.prestaties.length === 0) c.d.clienten.splice(c.d.clienten.indexOf(at.client), 1);
    const p: GenPrestatie = { ...at.p, bsn: testBsn(8000 + c.rnd.int(0, 999)) };
    addLine(c, p);
    return { referentieNummer: p.referentieNummer, retourcodes: ['8187'] };
  },
  9340: (c) => {
    const other: Record<string, string> = { '15A02': '15A07', '15A07': '15A02' };
    const at = pickLine(c, (p) => p.productCode in other);
    if (!at) return null;
    const code = other[at.p.productCode];
    const tarief = c.tarief(c.d.agb, code, at.p.begin);
    if (tarief === null) return null;
    const p = replace(c, at, { ...at.p, productCode: code, tarief, bedrag: at.p.volume * tarief });
    return { referentieNummer: p.referentieNummer, retourcodes: ['9340'] };
  },
  9346: (c) => {
    const at = pickLine(c, (p) => p.eenheid !== '83');
    if (!at) return null;
    const p = replace(c, at, { ...at.p, bedrag: at.p.bedrag + 1 });
    return { referentieNummer: p.referentieNummer, retourcodes: ['9346'] };
  },
  '0611': (c) => {
    const at = pickLine(c, (p) => p.tarief !== null);
    if (!at) return null;
    const tarief = (at.p.tarief ?? 0) + 100;
    const p = replace(c, at, { ...at.p, tarief, bedrag: at.p.volume * tarief });
    return { referentieNummer: p.referentieNummer, retourcodes: ['0611'] };
  },
  9321: (c) => {
    // An etmaal line on a toewijzing that runs for years: more days than the weeks of the month allow, while
    // the total over the whole toewijzing stays far away.
    const at = pickLine(c, (p) => p.eenheid === '14' && LONG(c.toewijzing(p.toewijzingNummer)));
    if (!at || at.p.tarief === null) return null;
    const volume = 43;
    const p = replace(c, at, { ...at.p, volume, bedrag: volume * at.p.tarief });
    return { referentieNummer: p.referentieNummer, retourcodes: ['9321'] };
  },
  8021: (c) => {
    const earlier = c.history.approvedDebits(c.d);
    const at = pickLine(c);
    if (!at || earlier.length === 0) return null;
    const reused = c.rnd.pick(earlier);
    // Not again for another kind: a credit of it (9390) in this message would be TR316's, and fail it at level 2.
    c.history.take(c.d, reused);
    const p = replace(c, at, { ...at.p, referentieNummer: reused.referentieNummer });
    return { referentieNummer: p.referentieNummer, retourcodes: ['8021'] };
  },
  8017: (c) => {
    const at = pickLine(c);
    if (!at) return null;
    const p: GenPrestatie = {
      ...at.p,
      referentieNummer: c.newRef(),
      // A number never used: two such credits in one message must not share it (TR315). 16 characters of 20.
      vorigReferentieNummer: `O${c.newRef()}`,
      debetCredit: 'C',
    };
    addLine(c, p);
    return { referentieNummer: p.referentieNummer, retourcodes: ['8017'] };
  },
  9389: (c) => {
    // A debit of an earlier month declared again under a new number, while the first is approved and not
    // credited.
    const candidates = c.history.approvedDebits(c.d).filter((p) => LONG(c.toewijzing(p.toewijzingNummer)));
    if (candidates.length === 0) return null;
    const earlier = c.rnd.pick(candidates);
    c.history.take(c.d, earlier);
    const p: GenPrestatie = { ...earlier, referentieNummer: c.newRef() };
    addLine(c, p);
    return { referentieNummer: p.referentieNummer, retourcodes: ['9389'] };
  },
  9390: (c) => {
    // Two steps: a correct credit of an earlier debit now; a second credit of it in a later month.
    const credited = c.history.creditedDebits(c.d);
    if (credited.length > 0) {
      const debit = c.rnd.pick(credited);
      c.history.forgetCredited(c.d, debit);
      const p: GenPrestatie = {
        ...debit,
        referentieNummer: c.newRef(),
        vorigReferentieNummer: debit.referentieNummer,
        debetCredit: 'C',
      };
      addLine(c, p);
      return { referentieNummer: p.referentieNummer, retourcodes: ['9390'] };
    }
    const candidates = c.history.approvedDebits(c.d);
    if (candidates.length === 0) return null;
    const debit = c.rnd.pick(candidates);
    c.history.take(c.d, debit);
    c.history.markCredited(c.d, debit);
    addLine(c, {
      ...debit,
      referentieNummer: c.newRef(),
      vorigReferentieNummer: debit.referentieNummer,
      debetCredit: 'C',
    });
    return null;
  },
};

/** Plants `count` errors of the given kinds; returns what is due per planted line. */
export function plantStateErrors(
  c: PlantContext,
  count: number,
  kinds: readonly StateKind[] = STATE_KINDS,
): PlantedStateError[] {
  const planted: PlantedStateError[] = [];
  for (let i = 0; i < count * 3 && planted.length < count; i++) {
    const found = PLANTS[c.rnd.pick(kinds)](c);
    if (found) planted.push(found);
  }
  return planted;
}
