import type { Finding } from '../../../schemas/report';
import { ruleFinding } from '../../read/findings';
import { locateDeclaratieField, locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

const EARLIEST = '2021-01-01';

const tooEarly = (value: string | null, location: () => string, what: string): Finding | null =>
  value !== null && value < EARLIEST
    ? ruleFinding('declaratie', 'CS100', location(), `${what} ${value} ligt voor ${EARLIEST}`)
    : null;

/** CS100: dates in a declaration are on or after 1 January 2021. */
export const CS100 = defineDeclaratieRule({
  id: 'CS100',
  declaratie: ({ bericht, kop, first }) => {
    const at = first.prestatie.at;
    return [
      tooEarly(bericht.dagtekening, () => locateDeclaratieField(at, 'Dagtekening'), 'Dagtekening'),
      tooEarly(
        kop.dagtekening,
        () => locateDeclaratieField(at, 'DeclaratieDagtekening'),
        'DeclaratieDagtekening',
      ),
      tooEarly(
        kop.periodeBegin,
        () => locateDeclaratieField(at, 'DeclaratiePeriodeBegindatum'),
        'begin DeclaratiePeriode',
      ),
      tooEarly(
        kop.periodeEind,
        () => locateDeclaratieField(at, 'DeclaratiePeriodeEinddatum'),
        'eind DeclaratiePeriode',
      ),
    ].filter((f): f is Finding => f !== null);
  },
  prestatie: (r) => {
    if (r.prestatie.begin >= EARLIEST && r.prestatie.eind >= EARLIEST) return null;
    return [
      tooEarly(
        r.prestatie.begin,
        () => locatePrestatie(r, 'ProductPeriodeBegindatum'),
        'begin ProductPeriode',
      ),
      tooEarly(r.prestatie.eind, () => locatePrestatie(r, 'ProductPeriodeEinddatum'), 'eind ProductPeriode'),
    ].filter((f): f is Finding => f !== null);
  },
});
