import { ruleFinding } from '../../read/findings';
import { locateDeclaratieField, locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** TR137: an Einddatum is not before its Begindatum (DeclaratiePeriode and ProductPeriode). */
export const TR137 = defineDeclaratieRule({
  id: 'TR137',
  declaratie: ({ kop, first }) =>
    kop.periodeEind < kop.periodeBegin
      ? ruleFinding(
          'declaratie',
          'TR137',
          locateDeclaratieField(first.prestatie.at, 'DeclaratiePeriodeEinddatum'),
          `einde DeclaratiePeriode ${kop.periodeEind} ligt voor het begin ${kop.periodeBegin}`,
        )
      : null,
  prestatie: (r) =>
    r.prestatie.eind < r.prestatie.begin
      ? ruleFinding(
          'declaratie',
          'TR137',
          locatePrestatie(r, 'ProductPeriodeEinddatum'),
          `einde ProductPeriode ${r.prestatie.eind} ligt voor het begin ${r.prestatie.begin}`,
        )
      : null,
});
