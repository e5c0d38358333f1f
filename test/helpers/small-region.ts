/**
 * A small region data set for the API tests, all delivered by Venlo (0983, the centrumgemeente): toewijzingen for
 * Weert (0988) two BW clients, Roermond (0957) one BW and one MO client, one BW client of its own (no
 * Herkomstgemeente) until the end of January, and Horst (1507) one from February; BW and MO declarations of January
 * (one line at another tariff than the contract's: 0611), February with a credit of a January debit, and a B&P report.
 */
import { BSN_A, BSN_B, credit, declaratieCsv, line, taakgerichtCsv, toewijzingCsv } from './scenario';

export const BSN_C = '999900031';
export const BSN_D = '999900043';
export const BSN_E = '999900055';
export const BSN_F = '999900067';
export const BSNS = [BSN_A, BSN_B, BSN_C, BSN_D, BSN_E, BSN_F];

export const MO = { agb: '12340006', categorie: '16', code: '16A02' } as const;

/** The files in the order delivered; `onbekendeToewijzing` adds a February line on a toewijzing nobody gave (9338). */
export function smallRegionFiles(
  options: { onbekendeToewijzing?: boolean } = {},
): { name: string; content: string }[] {
  const jan = [
    line('2022-01', 'R001', { toewijzingNummer: 5001, bsn: BSN_A }),
    line('2022-01', 'R002', { toewijzingNummer: 5002, bsn: BSN_B }),
    line('2022-01', 'R003', { toewijzingNummer: 5003, bsn: BSN_C, tarief: 11000 }),
    line('2022-01', 'R005', { toewijzingNummer: 5005, bsn: BSN_E }),
  ];
  const mo = line('2022-01', 'M001', {
    toewijzingNummer: 5004,
    bsn: BSN_D,
    productCategorie: MO.categorie,
    productCode: MO.code,
    tarief: 7420,
  });
  const feb = [
    line('2022-02', 'R011', { toewijzingNummer: 5001, bsn: BSN_A }),
    line('2022-02', 'R016', { toewijzingNummer: 5006, bsn: BSN_F }),
    credit(jan[1], 'R012'),
    ...(options.onbekendeToewijzing ? [line('2022-02', 'R099', { toewijzingNummer: 9999, bsn: BSN_B })] : []),
  ];
  return [
    {
      name: 'toewijzingen.csv',
      content: toewijzingCsv([
        { nummer: 5001, bsn: BSN_A, herkomst: '0988' },
        { nummer: 5002, bsn: BSN_B, herkomst: '0988' },
        { nummer: 5003, bsn: BSN_C, herkomst: '0957' },
        { nummer: 5004, bsn: BSN_D, herkomst: '0957', agb: MO.agb, categorie: MO.categorie, code: MO.code },
        { nummer: 5005, bsn: BSN_E, herkomst: null, einddatum: '2022-01-31' },
        { nummer: 5006, bsn: BSN_F, herkomst: '1507', ingangsdatum: '2022-02-01' },
      ]),
    },
    { name: 'bw-2022-01.csv', content: declaratieCsv({ nummer: 'D01', maand: '2022-01', lines: jan }) },
    {
      name: 'mo-2022-01.csv',
      content: declaratieCsv({ nummer: 'M01', maand: '2022-01', agb: MO.agb, lines: [mo] }),
    },
    { name: 'bw-2022-02.csv', content: declaratieCsv({ nummer: 'D02', maand: '2022-02', lines: feb }) },
    {
      name: 'bp-2022-h1.csv',
      content: taakgerichtCsv([{ gemeente: '0983', aantalClienten: 12, bedrag: 12 * 41500 }]),
    },
  ];
}
