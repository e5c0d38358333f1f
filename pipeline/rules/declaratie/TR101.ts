import type { DeclaratieRegel } from '../../../schemas/iwmo/wmo323';
import type { Finding } from '../../../schemas/report';
import { ruleFinding } from '../../read/findings';
import { bsnInt, hashString, IntColumn, LineTable } from '../line-table';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

class State {
  readonly refs: string[] = [];
  readonly bsns = new IntColumn();
  /** BSNs that are not nine digits, by line (rare: RS037 rejects those messages anyway). */
  readonly odd = new Map<number, string>();
  /** XML: the Bsns of the Client records so far, and the Client being read. */
  readonly clients = new Set<string>();
  lastClient = -1;
  readonly table = new LineTable(
    (a, b) =>
      this.refs[a] === this.refs[b] &&
      this.bsns.get(a) === this.bsns.get(b) &&
      (this.bsns.get(a) >= 0 || this.odd.get(a) === this.odd.get(b)),
  );
}

/**
 * TR101: no duplicate records in a message. A Client's logical key is its Bsn: a WMO323 lists each client once,
 * with all its prestaties. A prestatie's logical key is its ReferentieNummer, within its parent Client (Bsn). Every
 * repeat after the first is reported.
 */
export const TR101 = defineDeclaratieRule<State>({
  id: 'TR101',
  fold: {
    init: () => new State(),
    step: (s, r) => {
      const { referentieNummer: ref, bsn, at } = r.prestatie;
      const client =
        at.kind === 'xml' && at.client !== s.lastClient ? repeatedClient(s, at.client, bsn, r) : null;
      const line = s.refs.length;
      const b = bsnInt(bsn);
      s.refs.push(ref);
      s.bsns.push(b);
      if (b < 0) s.odd.set(line, bsn);
      if (s.table.findOrAdd(hashString(ref), line) < 0) return client;
      const repeated = ruleFinding(
        'declaratie',
        'TR101',
        locatePrestatie(r, 'ReferentieNummer'),
        `ReferentieNummer ${ref} staat al eerder in dit bericht voor deze client`,
      );
      return client ? [client, repeated] : repeated;
    },
    finish: () => null,
  },
});

/** On the first prestatie of a Client record: a finding when an earlier Client had the same Bsn. */
function repeatedClient(s: State, client: number, bsn: string, r: DeclaratieRegel): Finding | null {
  s.lastClient = client;
  if (!s.clients.has(bsn)) {
    s.clients.add(bsn);
    return null;
  }
  // The Bsn itself is not quoted: reports leave the system.
  return ruleFinding(
    'declaratie',
    'TR101',
    locatePrestatie(r, 'Bsn'),
    'deze client (Bsn) staat al eerder in dit bericht; een client staat één keer in een declaratie, met al zijn prestaties',
  );
}
