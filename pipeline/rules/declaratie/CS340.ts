import { isFirstOfMonth, lastOfMonth } from '../../dates';
import { ruleFinding } from '../../read/findings';
import { locateDeclaratieField } from '../locate';
import { defineDeclaratieRule } from '../types';

/** CS340: the DeclaratiePeriode is exactly one calendar month (the 1st up to and including the last day). */
export const CS340 = defineDeclaratieRule({
  id: 'CS340',
  declaratie: ({ kop, first }) => {
    const { periodeBegin: begin, periodeEind: eind } = kop;
    if (isFirstOfMonth(begin) && eind === lastOfMonth(begin)) return null;
    return ruleFinding(
      'declaratie',
      'CS340',
      locateDeclaratieField(first.prestatie.at, 'DeclaratiePeriodeEinddatum'),
      `DeclaratiePeriode ${begin} t/m ${eind} is niet precies één kalendermaand`,
    );
  },
});
