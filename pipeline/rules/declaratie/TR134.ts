import type { Finding } from '../../../schemas/report';
import { ruleFinding } from '../../read/findings';
import { locateDeclaratieField, locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

/** The message's date: the header Dagtekening (XML) or the DeclaratieDagtekening (CSV has no header). */
const messageDate = (ctx: { bericht: { dagtekening: string | null }; kop: { dagtekening: string } }) =>
  ctx.bericht.dagtekening ?? ctx.kop.dagtekening;

const after = (value: string, dagtekening: string, location: () => string, what: string): Finding | null =>
  value > dagtekening
    ? ruleFinding('declaratie', 'TR134', location(), `${what} ${value} ligt na de dagtekening ${dagtekening}`)
    : null;

/** TR134: no date in the message lies after the message's Dagtekening. */
export const TR134 = defineDeclaratieRule({
  id: 'TR134',
  declaratie: (ctx) => {
    const d = messageDate(ctx);
    const at = ctx.first.prestatie.at;
    return [
      after(
        ctx.kop.dagtekening,
        d,
        () => locateDeclaratieField(at, 'DeclaratieDagtekening'),
        'DeclaratieDagtekening',
      ),
      after(
        ctx.kop.periodeBegin,
        d,
        () => locateDeclaratieField(at, 'DeclaratiePeriodeBegindatum'),
        'begin DeclaratiePeriode',
      ),
      after(
        ctx.kop.periodeEind,
        d,
        () => locateDeclaratieField(at, 'DeclaratiePeriodeEinddatum'),
        'eind DeclaratiePeriode',
      ),
    ].filter((f): f is Finding => f !== null);
  },
  prestatie: (r) => {
    const d = messageDate(r);
    if (r.prestatie.begin <= d && r.prestatie.eind <= d) return null;
    return [
      after(
        r.prestatie.begin,
        d,
        () => locatePrestatie(r, 'ProductPeriodeBegindatum'),
        'begin ProductPeriode',
      ),
      after(r.prestatie.eind, d, () => locatePrestatie(r, 'ProductPeriodeEinddatum'), 'eind ProductPeriode'),
    ].filter((f): f is Finding => f !== null);
  },
});
