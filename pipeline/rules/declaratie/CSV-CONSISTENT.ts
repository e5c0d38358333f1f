import type { DeclaratieBericht, DeclaratieKop, DeclaratieRegel } from '../../../schemas/iwmo/wmo323';
import { ruleFinding } from '../../read/findings';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** Declaration-level CSV columns and how to read them from a line. */
const COLUMNS: readonly [string, (b: DeclaratieBericht, k: DeclaratieKop) => string | number][] = [
  ['Afzender', (b) => b.afzender],
  ['Ontvanger', (b) => b.ontvanger],
  ['DeclaratieDagtekening', (_, k) => k.dagtekening],
  ['DeclaratiePeriodeBegindatum', (_, k) => k.periodeBegin],
  ['DeclaratiePeriodeEinddatum', (_, k) => k.periodeEind],
  ['TotaalIngediendBedrag', (_, k) => k.totaalBedrag],
  ['TotaalDebetCredit', (_, k) => k.totaalDebetCredit],
];

/**
 * In a CSV the declaration-level columns repeat on each row; within one DeclaratieNummer they must agree with the
 * declaration's first row. Each differing cell is a finding.
 */
export const CSV_CONSISTENT = defineDeclaratieRule<{ first: DeclaratieRegel | null }>({
  id: 'CSV-CONSISTENT',
  fold: {
    init: () => ({ first: null }),
    step: (s, r) => {
      if (r.bericht.format !== 'csv') return null;
      if (s.first === null) {
        s.first = r;
        return null;
      }
      const f = s.first;
      if (f.bericht === r.bericht && f.kop === r.kop) return null;
      const row = f.prestatie.at.kind === 'csv' ? f.prestatie.at.row : 0;
      return COLUMNS.filter(([, get]) => get(f.bericht, f.kop) !== get(r.bericht, r.kop)).map(([name, get]) =>
        ruleFinding(
          'declaratie',
          'CSV-CONSISTENT',
          locatePrestatie(r, name),
          `${name} is '${get(r.bericht, r.kop)}', maar '${get(f.bericht, f.kop)}' op regel ${row} van declaratie ${r.kop.declaratieNummer}`,
        ),
      );
    },
    finish: () => null,
  },
});
