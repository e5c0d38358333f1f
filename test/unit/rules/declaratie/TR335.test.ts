import { TR335 } from '../../../../pipeline/rules/declaratie/TR335';
import { declaratie, FLAVOURS } from '../../../helpers/records';
import { expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

/** A declaration dated `dagtekening` with one prestatie ending on `eind` (starting on the 1st of its month). */
const build = (flavour: 'xml' | 'csv', dagtekening: string, eind: string) =>
  declaratie(flavour, [{ begin: `${eind.slice(0, 7)}-01`, eind }], { kop: { dagtekening } });

describe.each(FLAVOURS)(
  'TR335 Einddatum not more than 5 years before the DeclaratieDagtekening (%s)',
  (flavour) => {
    it.each([
      ['recent', '2023-05-06', '2023-04-30'],
      ['exactly 5 years before', '2023-05-06', '2018-05-06'],
      ['5 years before 29 February, counted to 28 February', '2024-02-29', '2019-02-28'],
    ])('compliant: %s', (_, dagtekening, eind) => {
      expect(runDeclaratieRule(TR335, build(flavour, dagtekening, eind))).toEqual([]);
    });

    it.each([
      ['5 years and a day before', '2023-05-06', '2018-05-05'],
      ['6 years before', '2023-05-06', '2017-05-31'],
      ['a day before 5 years before 29 February', '2024-02-29', '2019-02-27'],
    ])('non-compliant: %s', (_, dagtekening, eind) => {
      const regels = build(flavour, dagtekening, eind);
      expect(runDeclaratieRule(TR335, regels)).toEqual(
        expectedOnLines('TR335', regels, [[0, 'ProductPeriodeEinddatum']]),
      );
    });
  },
);
