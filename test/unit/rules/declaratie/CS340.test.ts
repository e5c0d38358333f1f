import { CS340 } from '../../../../pipeline/rules/declaratie/CS340';
import { declaratie, FLAVOURS } from '../../../helpers/records';
import { expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

const periode = (periodeBegin: string, periodeEind: string) => ({ kop: { periodeBegin, periodeEind } });

describe.each(FLAVOURS)('CS340 DeclaratiePeriode is exactly one calendar month (%s)', (flavour) => {
  it.each([
    ['April', '2023-04-01', '2023-04-30'],
    ['February of a leap year', '2024-02-01', '2024-02-29'],
    ['February of a common year', '2023-02-01', '2023-02-28'],
    ['February of 2000 (leap: divisible by 400)', '2000-02-01', '2000-02-29'],
    ['December', '2022-12-01', '2022-12-31'],
  ])('compliant: %s', (_, begin, eind) => {
    expect(runDeclaratieRule(CS340, declaratie(flavour, [{}], periode(begin, eind)))).toEqual([]);
  });

  it.each([
    ['February of a leap year ending on the 28th', '2024-02-01', '2024-02-28'],
    ['February of a common year ending on the 29th', '2023-02-01', '2023-02-29'],
    ['February of 2100 (no leap year) ending on the 29th', '2100-02-01', '2100-02-29'],
    ['not starting on the 1st', '2023-04-02', '2023-04-30'],
    ['two months', '2023-04-01', '2023-05-31'],
    ['half a month', '2023-04-01', '2023-04-15'],
    ['a month from the 31st', '2023-03-31', '2023-04-30'],
    ['the 1st to the 1st of the next month', '2023-04-01', '2023-05-01'],
  ])('non-compliant: %s', (_, begin, eind) => {
    const regels = declaratie(flavour, [{}, {}], periode(begin, eind));
    expect(runDeclaratieRule(CS340, regels)).toEqual(
      expectedOnLines('CS340', regels, [[0, 'DeclaratiePeriodeEinddatum']]),
    );
  });
});
