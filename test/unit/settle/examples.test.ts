/**
 * Both example regions run from configuration alone: NML (Noord-Limburg pools BW, Midden-Limburg pools BW, MO and
 * B&P, a B&P contribution per inhabitant) and WBW (MO with charge-on, BW local with the transition rule). The
 * settlement code names no region.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettlementConfig } from '../../../pipeline/settle/config';
import { compareKeys } from '../../../pipeline/settle/scenarios';
import { settleYear } from '../../../pipeline/settle/statement';
import type { CostLine, Statement } from '../../../pipeline/settle/types';
import { lijn, voorbeeldMap } from './fixtures';

const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);

function invarianten(s: Statement): void {
  for (const r of s.regelingen) {
    expect(sum(r.regels.map((l) => l.deelResultaat))).toBe(r.resultaat);
    expect(sum(r.regels.map((l) => l.nettoKosten))).toBe(r.zorgkosten.totaal + r.bedrijfsvoering.totaal);
    expect(sum(r.regels.map((l) => l.aandeelBedrijfsvoering))).toBe(r.bedrijfsvoering.totaal);
  }
}

const MAANDEN = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** Monthly care costs per member near its budget (deterministic spread), plus unknown-origin and ambulant lines. */
function kostenVoor(
  budgetten: readonly { jaar: number; gemeente: string; taakveld: string; historischBudget: number }[],
): CostLine[] {
  const out: CostLine[] = [];
  const product: Record<string, Pick<CostLine, 'taakveld' | 'productCategorie' | 'productCode'>> = {
    BW: { taakveld: 'BW', productCategorie: '15', productCode: '15A02' },
    MO: { taakveld: 'MO', productCategorie: '16', productCode: '16A02' },
    BP: { taakveld: 'BP', productCategorie: '18', productCode: '18B01' },
  };
  budgetten.forEach((b, i) => {
    const factor = 0.85 + ((i * 37) % 30) / 100; // 0.85 … 1.14 of the budget
    const perMaand = Math.round((b.historischBudget * factor) / 12);
    for (const m of MAANDEN)
      out.push(
        lijn(b.gemeente, `${b.jaar}-${m}`, perMaand, {
          ...product[b.taakveld],
          fileIds: [`${b.gemeente}-${b.jaar}-${m}`],
        }),
      );
  });
  return out;
}

describe('NML: Noord-Limburg BW pool, Midden-Limburg BW+MO+B&P pool, B&P per inhabitant', () => {
  const { region, budgetten } = voorbeeldMap('nml');
  const config = loadSettlementConfig(region, budgetten);
  const kosten = [
    ...kostenVoor(budgetten),
    lijn('0000', '2023-05', 1_234_567, { gemeente: '0957' }), // unknown origin, approved by Roermond: Midden-Limburg
    lijn('0000', '2023-05', 7_654_321), // unknown origin, two BW pools: not attributable
    lijn('0983', '2023-04', 500_000, { taakveld: 'MO', productCategorie: '16', productCode: '16A02' }), // Noord pools no MO
    lijn('0889', '2023-04', 99_999, { productCode: '15A30' }), // ambulant: not care costs
  ];

  it('settles every year 2021–2024, provisional and final, with the invariants', () => {
    for (const jaar of [2021, 2022, 2023, 2024]) {
      const definitief = settleYear(config, kosten, { jaar, status: 'definitief' });
      invarianten(definitief);
      invarianten(settleYear(config, kosten, { jaar, status: 'voorlopig', totEnMetMaand: `${jaar}-06` }));
      expect(definitief.regelingen).toHaveLength(2);
    }
  });

  it('Gennep joins the Noord-Limburg pool in 2022', () => {
    const s2021 = settleYear(config, kosten, { jaar: 2021, status: 'definitief' });
    const s2022 = settleYear(config, kosten, { jaar: 2022, status: 'definitief' });
    expect(s2021.regelingen.map((r) => r.naam)).toEqual([
      'Noord-Limburg BW (2021, zonder Gennep)',
      'Midden-Limburg BW, MO en B&P',
    ]);
    expect(s2021.regelingen[0].regels.map((l) => l.gemeente)).not.toContain('0907');
    expect(s2022.regelingen[0].regels.map((l) => l.gemeente)).toContain('0907');
    expect(s2021.bijdragePerInwoner).toBeNull();
  });

  it('pooling differs by sub-region: Midden-Limburg counts MO and B&P, Noord-Limburg only BW', () => {
    const s = settleYear(config, kosten, { jaar: 2023, status: 'definitief' });
    const [noord, midden] = s.regelingen;
    expect(noord.taakvelden).toEqual(['BW']);
    expect(midden.taakvelden).toEqual(['BW', 'MO', 'BP']);
    const roermond = budgetten.filter((b) => b.jaar === 2023 && b.gemeente === '0957');
    expect(midden.regels.find((l) => l.gemeente === '0957')?.inleg).toBe(
      sum(roermond.map((b) => b.historischBudget)),
    );
    expect(roermond.map((b) => b.taakveld).sort()).toEqual(['BP', 'BW', 'MO']);
    expect(midden.zorgkosten.onbekend).toBe(1_234_567);
    expect(noord.zorgkosten.buitenZorgkosten).toBe(99_999);
    expect(s.nietToegerekend.map((n) => [n.taakveld, n.herkomstgemeente, n.bedrag])).toEqual([
      ['BW', '0000', 7_654_321],
      ['MO', '0983', 500_000],
    ]);
    expect(noord.sleutel).toMatchObject({ inleg: '0.5', gebruik: '0.5' });
    expect(noord.bedrijfsvoering.posten.map((p) => p.post)).toEqual([
      'relatiemanagement',
      'inkoop',
      'monitoring',
      'kwaliteitsbewaking',
      'transferpunt',
    ]);
    // Innovation: 1 % of the pool, half up.
    expect(noord.bedrijfsvoering.innovatie.bedrag).toBe(Math.round(noord.pot / 100));
  });

  it('B&P contribution per inhabitant from the Noord-Limburg members other than the centrumgemeente (Midden-Limburg pays B&P from its pool)', () => {
    const s = settleYear(config, kosten, { jaar: 2023, status: 'definitief' });
    const b = s.bijdragePerInwoner;
    expect(b?.ontvanger.gemeente).toBe('0983');
    expect(b?.regels.map((r) => r.gemeente)).toEqual(['0889', '0893', '0907', '0984', '1507', '1894']);
    // Beesel: 13,422 × 762.25 = 10,230,919.5 → 10,230,920.
    expect(b?.regels.find((r) => r.gemeente === '0889')?.bedrag).toBe(10_230_920);
  });

  it('the key comparison covers both pools', () => {
    const v = compareKeys(config, kosten, { jaar: 2023, status: 'definitief' });
    expect(v.regelingen.map((r) => r.naam)).toEqual(['Noord-Limburg BW', 'Midden-Limburg BW, MO en B&P']);
    for (const r of v.regelingen)
      for (let i = 0; i < v.scenarios.length; i++)
        expect(sum(r.leden.map((l) => l.scenarios[i].deelResultaat))).toBe(r.resultaat);
  });
});

describe('WBW: MO via the centrumgemeente with charge-on, BW local with the transition rule', () => {
  const { region, budgetten } = voorbeeldMap('wbw');
  const config = loadSettlementConfig(region, budgetten);
  const overgangslijnen = MAANDEN.flatMap((m) =>
    ['2022', '2023'].map((jaar) =>
      lijn('1674', `${jaar}-${m}`, 600_000, {
        toewijzing: {
          toewijzingGemeente: '0748',
          ingangsdatum: '2020-03-01',
          einddatumOpOvergangsdatum: '2022-08-31',
        },
      }),
    ),
  );
  const mo = (herkomst: string, jaar: number, bedrag: number): CostLine =>
    lijn(herkomst, `${jaar}-06`, bedrag, { taakveld: 'MO', productCategorie: '16', productCode: '16A02' });
  const kosten: CostLine[] = [
    ...overgangslijnen,
    lijn('1655', '2022-03', 400_000, {
      toewijzing: { toewijzingGemeente: '0748', ingangsdatum: '2022-02-01', einddatumOpOvergangsdatum: null },
    }),
    lijn('1655', '2021-03', 400_000),
    // MO 2022: budget 7,055,500.00 euro; costs 7,500,000.00 euro → a shortfall charged on.
    mo('0748', 2022, 400_000_000),
    mo('1674', 2022, 250_000_000),
    mo('0000', 2022, 100_000_000),
  ];

  it('settles every year 2021–2024 with the invariants', () => {
    for (const jaar of [2021, 2022, 2023, 2024]) {
      invarianten(settleYear(config, kosten, { jaar, status: 'definitief' }));
      invarianten(settleYear(config, kosten, { jaar, status: 'voorlopig', totEnMetMaand: `${jaar}-03` }));
    }
  });

  it('before 2022 only MO is settled; BW lines are shown as not attributed', () => {
    const s = settleYear(config, kosten, { jaar: 2021, status: 'definitief' });
    expect(s.regelingen.map((r) => r.naam)).toEqual(['MO, verslavingszorg en OGGZ']);
    expect(s.nietToegerekend).toEqual([
      expect.objectContaining({ taakveld: 'BW', herkomstgemeente: '1655', bedrag: 400_000 }),
    ]);
  });

  it('running indications stay with the centrumgemeente until their end date as it stood on 2022-01-01', () => {
    const bw2022 = settleYear(config, kosten, { jaar: 2022, status: 'definitief' }).regelingen[1];
    const bw2023 = settleYear(config, kosten, { jaar: 2023, status: 'definitief' }).regelingen[1];
    expect(bw2022.soort).toBe('local');
    const lid = (s: typeof bw2022, code: string) => s.regels.find((l) => l.gemeente === code);
    // January–August 2022 (8 × 600,000) with 0748; September–December (4 × 600,000) with 1674.
    expect(lid(bw2022, '0748')).toMatchObject({ eigenZorgkosten: 4_800_000, waarvanOvergang: 4_800_000 });
    expect(lid(bw2022, '1674')).toMatchObject({ eigenZorgkosten: 2_400_000, waarvanOvergang: 0 });
    // A toewijzing that started after the transition date belongs to the municipality of origin.
    expect(lid(bw2022, '1655')?.eigenZorgkosten).toBe(400_000);
    expect(lid(bw2023, '1674')?.eigenZorgkosten).toBe(7_200_000);
    expect(lid(bw2023, '0748')?.eigenZorgkosten).toBe(0);
    // Local: nobody pays for anybody else.
    for (const l of bw2022.regels) expect(l.vereveningseffect).toBe(0);
  });

  it('an MO shortfall is charged to the members by inhabitants', () => {
    const m = settleYear(config, kosten, { jaar: 2022, status: 'definitief' }).regelingen[0];
    expect(m.soort).toBe('centrumgemeente-with-charge-on');
    expect(m.pot).toBe(705_550_000);
    expect(m.resultaat).toBe(705_550_000 - 750_000_000);
    for (const l of m.regels) expect(l.deelResultaat).toBeLessThan(0);
    // Rucphen (22,650 of 246,400 inhabitants in 2022) carries its share without any MO costs of its own:
    // 44,450,000 × 22,650 / 246,400 = 4,086,008.52 → 4,086,008: the 4 cents left over go to the larger remainders
    // (.89, .77, .73, .73 of the other members).
    const rucphen = m.regels.find((l) => l.gemeente === '0840');
    expect(rucphen?.eigenZorgkosten).toBe(0);
    expect(rucphen?.nettoKosten).toBe(4_086_008);
  });
});

describe('no code branches on region names', () => {
  it('the settlement sources name no region, sub-region or member', () => {
    const dir = join(__dirname, '..', '..', '..', 'pipeline', 'settle');
    const bronnen = [
      ...readdirSync(dir).map((f) => join(dir, f)),
      join(__dirname, '..', '..', '..', 'schemas', 'settlement.ts'),
    ];
    for (const f of bronnen) {
      const tekst = readFileSync(f, 'utf8');
      expect({
        f,
        hit: tekst.match(
          /Limburg|Brabant|Venlo|Bergen|Roermond|Weert|Gennep|\bNML\b|\bWBW\b|0983|0748|0957/g,
        ),
      }).toEqual({ f, hit: null });
    }
  });
});
