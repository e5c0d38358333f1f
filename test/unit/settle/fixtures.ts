/**
 * Test fixtures for the settlement: a small hand-computed region (three members) and helpers to read the example
 * region folders without the CSV stack (the budgetten.csv files are plain `;`-separated integers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettlementConfig } from '../../../pipeline/settle/config';
import type { BudgetRow, CostLine, SettlementConfig } from '../../../pipeline/settle/types';
import { type Region, RegionSchema } from '../../../schemas/region';
import type { SleutelInvoer, VereveningInvoer } from '../../../schemas/settlement';

export const A = '0101';
export const B = '0202';
export const C = '0303';

export const VIJFTIG_VIJFTIG: SleutelInvoer = { omschrijving: 'voorstel', inleg: '0.5', gebruik: 0.5 };

/** The worked example's configuration; `sleutel` replaces the result key (default the 50/50 proposal). */
export function voorbeeldVerevening(sleutel: SleutelInvoer = VIJFTIG_VIJFTIG): VereveningInvoer {
  const kosten = { relatiemanagement: 2_000_000, monitoring: 1_000_001 };
  return {
    regelingen: [
      {
        naam: 'Voorbeeldpool BW',
        soort: 'pool',
        leden: [A, B, C],
        taakvelden: ['BW'],
        inleg: { bron: 'budget' },
        bedrijfsvoering: {
          kosten: { '2023': kosten, '2024': kosten, '2025': kosten },
          innovatiePercentage: '0.5',
          sleutel: { inwoners: 1 },
        },
        sleutel,
      },
    ],
    bijdragePerInwoner: {
      taakveld: 'BP',
      ontvanger: C,
      tariefCent: { '2023': '235.5', '2024': '240.00005', '2025': '250' },
    },
  };
}

export function voorbeeldRegio(verevening: VereveningInvoer = voorbeeldVerevening()): Region {
  const inwoners = (n: number) => ({ '2023': n, '2024': n, '2025': n });
  return RegionSchema.parse({
    naam: 'Voorbeeldregio',
    code: 'VBR',
    centrumgemeente: C,
    gemeenten: [
      { code: A, naam: 'Aadorp', inwoners: inwoners(10_000) },
      { code: B, naam: 'Beekdal', inwoners: inwoners(20_000) },
      { code: C, naam: 'Cranenveld', inwoners: inwoners(30_000) },
    ],
    producten: [
      {
        categorie: '15',
        code: '15A02',
        omschrijving: 'BW met verblijf',
        taakveld: 'BW',
        variant: 'inspanningsgericht',
        zorgkosten: true,
      },
      {
        categorie: '15',
        code: '15A30',
        omschrijving: 'BW ambulant',
        taakveld: 'BW',
        variant: 'inspanningsgericht',
      },
      {
        categorie: '16',
        code: '16A02',
        omschrijving: 'Opvang',
        taakveld: 'MO',
        variant: 'inspanningsgericht',
      },
    ],
    verevening,
  });
}

export const budget = (
  jaar: number,
  gemeente: string,
  historischBudget: number,
  taakveld: BudgetRow['taakveld'] = 'BW',
): BudgetRow => ({
  jaar,
  gemeente,
  taakveld,
  historischBudget,
  objectiefBudget: null,
});

export const VOORBEELD_BUDGETTEN: readonly BudgetRow[] = [
  budget(2023, A, 20_000_000),
  budget(2023, B, 30_000_000),
  budget(2023, C, 50_000_000),
  budget(2024, A, 25_000_000),
  budget(2024, B, 25_000_000),
  budget(2024, C, 50_000_000),
];

export function voorbeeldConfig(sleutel?: SleutelInvoer): SettlementConfig {
  return loadSettlementConfig(voorbeeldRegio(voorbeeldVerevening(sleutel)), VOORBEELD_BUDGETTEN);
}

let volgnummer = 0;
export function lijn(
  herkomstgemeente: string,
  maand: string,
  bedrag: number,
  extra: Partial<CostLine> = {},
): CostLine {
  volgnummer += 1;
  return {
    herkomstgemeente,
    maand,
    taakveld: 'BW',
    productCategorie: '15',
    productCode: '15A02',
    bedrag,
    fileIds: [`f-${maand}-${volgnummer}`],
    ...extra,
  };
}

/** Cost lines of the worked example (see worked-example.test.ts for the sums). */
export const VOORBEELD_KOSTEN: readonly CostLine[] = [
  // 2023: A 10,000,000 + 5,500,000 − 500,000 (credit) = 15,000,000; B 35,000,000; C 30,000,000; unknown 1,000,000.
  lijn(A, '2023-01', 10_000_000, { fileIds: ['decl-a-1'] }),
  lijn(A, '2023-06', 5_500_000, { fileIds: ['decl-a-6'] }),
  lijn(A, '2023-09', -500_000, { fileIds: ['decl-a-9'] }),
  lijn(B, '2023-02', 35_000_000, { fileIds: ['decl-b-2'] }),
  lijn(C, '2023-04', 30_000_000, { fileIds: ['decl-c-4'] }),
  lijn('0000', '2023-05', 1_000_000, { fileIds: ['decl-c-5'] }),
  // Not care costs (ambulant), another year, and a taakveld without a scheme: none of these is settled.
  lijn(A, '2023-03', 1_234_567, { productCode: '15A30', fileIds: ['decl-a-3'] }),
  lijn(A, '2022-12', 9_999_999, { fileIds: ['decl-a-old'] }),
  lijn(B, '2023-03', 777, {
    taakveld: 'MO',
    productCategorie: '16',
    productCode: '16A02',
    fileIds: ['decl-b-mo'],
  }),
  // 2024: A 20,000,000; B 45,000,000; C 35,000,000; unknown 2,000,001.
  lijn(A, '2024-02', 20_000_000, { fileIds: ['decl-a-2024'] }),
  lijn(B, '2024-03', 45_000_000, { fileIds: ['decl-b-2024'] }),
  lijn(C, '2024-04', 35_000_000, { fileIds: ['decl-c-2024'] }),
  lijn('0000', '2024-05', 2_000_001, { fileIds: ['decl-c-2024-onbekend'] }),
];

/** Reads an example region folder: region.json through the real schema, budgetten.csv as plain rows. */
export function voorbeeldMap(naam: 'nml' | 'wbw'): { region: Region; budgetten: BudgetRow[] } {
  const dir = join(__dirname, '..', '..', '..', 'examples', 'regions', naam);
  const region = RegionSchema.parse(JSON.parse(readFileSync(join(dir, 'region.json'), 'utf8')));
  const [header, ...rows] = readFileSync(join(dir, 'budgetten.csv'), 'utf8').trim().split(/\r?\n/);
  expect(header).toBe('Jaar;Gemeente;Taakveld;HistorischBudget;ObjectiefBudget');
  const budgetten = rows.map((r) => {
    const [jaar, gemeente, taakveld, historisch, objectief] = r.split(';');
    return {
      jaar: Number(jaar),
      gemeente,
      taakveld: taakveld as BudgetRow['taakveld'],
      historischBudget: Number(historisch),
      objectiefBudget: objectief === '' ? null : Number(objectief),
    };
  });
  return { region, budgetten };
}
