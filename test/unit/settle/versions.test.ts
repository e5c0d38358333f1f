/**
 * Versions, the year-end close and post-calculations, on the worked example with a 100 % inleg key (shares .2/.3/.5
 * in 2023), so the numbers stay easy to check by hand.
 *
 * Final 2023 (see worked-example.test.ts): result 15,499,999 → parts 3,100,000 / 4,650,000 / 7,749,999;
 *   net 16,900,000 / 25,350,000 / 42,250,001.
 * A late credit of −100,000 for A in 2023-11 arrives in 2024. Recomputed 2023: care 80,900,000, result 15,599,999
 *   → exact 3,119,999.8 / 4,679,999.7 / 7,799,999.5 → 2 cents to A, B → 3,120,000 / 4,680,000 / 7,799,999;
 *   net 16,880,000 / 25,320,000 / 42,200,001 → post-calculation −20,000 / −30,000 / −50,000 (Σ −100,000: the credit
 *   shared by inleg).
 */

import { loadSettlementConfig } from '../../../pipeline/settle/config';
import { SettlementClosedError } from '../../../pipeline/settle/errors';
import { settleYear } from '../../../pipeline/settle/statement';
import type { CostLine, SettlementConfig } from '../../../pipeline/settle/types';
import {
  A,
  B,
  budget,
  C,
  lijn,
  VOORBEELD_BUDGETTEN,
  VOORBEELD_KOSTEN,
  voorbeeldConfig,
  voorbeeldRegio,
  voorbeeldVerevening,
} from './fixtures';

const config = voorbeeldConfig({ inleg: 1 });
const LAAT: CostLine = lijn(A, '2023-11', -100_000, { fileIds: ['laat-credit'] });

describe('versions of a provisional statement', () => {
  const juni = settleYear(config, VOORBEELD_KOSTEN, {
    jaar: 2023,
    status: 'voorlopig',
    totEnMetMaand: '2023-06',
  });

  it('the same inputs give the same statement back, not a new version', () => {
    expect(juni.versie).toBe(1);
    const nogmaals = settleYear(config, [...VOORBEELD_KOSTEN].reverse(), {
      jaar: 2023,
      status: 'voorlopig',
      totEnMetMaand: '2023-06',
      vorige: juni,
    });
    expect(nogmaals).toBe(juni);
  });

  it('a changed input gives the next version with the difference explained', () => {
    const extra = lijn(B, '2023-05', 1_200_000, { fileIds: ['nieuw-b'] });
    const v2 = settleYear(config, [...VOORBEELD_KOSTEN, extra], {
      jaar: 2023,
      status: 'voorlopig',
      totEnMetMaand: '2023-06',
      vorige: juni,
    });
    expect(v2.versie).toBe(2);
    expect(v2.invoerHash).not.toBe(juni.invoerHash);
    expect(v2.vorigeVersie).toEqual({ versie: 1, invoerHash: juni.invoerHash, status: 'voorlopig' });
    expect(v2.verschillen?.bestandenToegevoegd).toEqual(['nieuw-b']);
    // Up to June with factor 12/6 = 2: B's projected care costs rise by 2,400,000.
    expect(v2.verschillen?.posten).toContainEqual({
      onderdeel: `regeling "Voorbeeldpool BW".${B}.eigenZorgkosten`,
      van: 70_000_000,
      naar: 72_400_000,
      verschil: 2_400_000,
    });
    expect(v2.verschillen?.samenvatting).toContain(
      `Voorbeeldpool BW, ${B} Beekdal, eigen zorgkosten: € 24.000,00 hoger (van € 700.000,00 naar € 724.000,00).`,
    );
  });

  it('moving the month on is a new version too', () => {
    const juli = settleYear(config, VOORBEELD_KOSTEN, {
      jaar: 2023,
      status: 'voorlopig',
      totEnMetMaand: '2023-07',
      vorige: juni,
    });
    expect(juli.versie).toBe(2);
    expect(juli.verschillen?.posten[0]).toEqual({
      onderdeel: 'projectie.totEnMetMaand',
      van: '2023-06',
      naar: '2023-07',
      verschil: null,
    });
  });

  it('refuses a provisional statement without a month inside the year, and a final one with a month', () => {
    expect(() => settleYear(config, [], { jaar: 2023, status: 'voorlopig' })).toThrow(/totEnMetMaand/);
    expect(() =>
      settleYear(config, [], { jaar: 2023, status: 'voorlopig', totEnMetMaand: '2024-01' }),
    ).toThrow(/binnen 2023/);
    expect(() =>
      settleYear(config, [], { jaar: 2023, status: 'definitief', totEnMetMaand: '2023-12' }),
    ).toThrow(/hele jaar/);
  });
});

describe('year-end close and post-calculation', () => {
  const voorlopig = settleYear(config, VOORBEELD_KOSTEN, {
    jaar: 2023,
    status: 'voorlopig',
    totEnMetMaand: '2023-12',
  });
  const definitief2023 = settleYear(config, VOORBEELD_KOSTEN, {
    jaar: 2023,
    status: 'definitief',
    vorige: voorlopig,
  });
  const metLaat = [...VOORBEELD_KOSTEN, LAAT];

  it('the final statement is the next version and says its status changed', () => {
    expect(definitief2023.versie).toBe(2);
    expect(definitief2023.kop).toMatch(/^Definitief/);
    expect(definitief2023.verschillen?.samenvatting[0]).toBe('Status: voorlopig → definitief.');
    expect(definitief2023.regelingen[0].regels.map((l) => l.nettoKosten)).toEqual([
      16_900_000, 25_350_000, 42_250_001,
    ]);
  });

  it('a closed year never changes: a late correction is refused there', () => {
    expect(() =>
      settleYear(config, metLaat, { jaar: 2023, status: 'definitief', vorige: definitief2023 }),
    ).toThrow(SettlementClosedError);
    // Also when the caller only passes the closed statements, or asks for a provisional one.
    expect(() =>
      settleYear(config, metLaat, {
        jaar: 2023,
        status: 'voorlopig',
        totEnMetMaand: '2023-12',
        afgesloten: [definitief2023],
      }),
    ).toThrow(/definitief afgesloten/);
    // Unchanged inputs simply give the closed statement back.
    expect(
      settleYear(config, VOORBEELD_KOSTEN, {
        jaar: 2023,
        status: 'definitief',
        afgesloten: [definitief2023],
      }),
    ).toBe(definitief2023);
  });

  it('the correction goes into a post-calculation line of the next statement', () => {
    const s2024 = settleYear(config, metLaat, {
      jaar: 2024,
      status: 'definitief',
      afgesloten: [definitief2023],
    });
    expect(s2024.nacalculaties).toHaveLength(1);
    const n = s2024.nacalculaties[0];
    expect(n.jaar).toBe(2023);
    expect(n.basis).toEqual({
      omschrijving: 'definitief overzicht 2023 (versie 2)',
      invoerHash: definitief2023.invoerHash,
    });
    expect(
      n.regels.map((r) => [r.gemeente, r.vorigeNettoKosten, r.nieuweNettoKosten, r.verschilNettoKosten]),
    ).toEqual([
      [A, 16_900_000, 16_880_000, -20_000],
      [B, 25_350_000, 25_320_000, -30_000],
      [C, 42_250_001, 42_200_001, -50_000],
    ]);
    expect(n.verschilNettoKosten).toBe(-100_000);
    expect(n.verklaring.bestandenToegevoegd).toEqual(['laat-credit']);
    expect(n.verklaring.samenvatting).toContain(
      `Voorbeeldpool BW, ${A} Aadorp, eigen zorgkosten: € 1.000,00 lager (van € 150.000,00 naar € 149.000,00).`,
    );
    expect(s2024.perGemeente.map((g) => g.nacalculatie)).toEqual([-20_000, -30_000, -50_000]);
    // The 2024 figures themselves are untouched by the 2023 correction.
    const zonder = settleYear(config, VOORBEELD_KOSTEN, { jaar: 2024, status: 'definitief' });
    expect(s2024.regelingen).toEqual(zonder.regelingen);
    expect(zonder.nacalculaties).toEqual([]);
    expect(s2024.invoerHash).not.toBe(zonder.invoerHash);
  });

  it('a correction is booked once: the next year compares with the stand that already includes it', () => {
    const s2024 = settleYear(config, metLaat, {
      jaar: 2024,
      status: 'definitief',
      afgesloten: [definitief2023],
    });
    const config2025 = loadSettlementConfig(voorbeeldRegio(voorbeeldVerevening({ inleg: 1 })), [
      ...VOORBEELD_BUDGETTEN,
      budget(2025, A, 1),
      budget(2025, B, 1),
      budget(2025, C, 1),
    ]);
    const s2025 = settleYear(config2025, metLaat, {
      jaar: 2025,
      status: 'definitief',
      afgesloten: [definitief2023, s2024],
    });
    expect(s2025.nacalculaties).toEqual([]);
    // A second late debit of 50,000 for C: only that difference is booked, against the stand of the 2024 statement.
    const nogEen = [...metLaat, lijn(C, '2023-12', 50_000, { fileIds: ['laat-debet'] })];
    const s2025b = settleYear(config2025, nogEen, {
      jaar: 2025,
      status: 'definitief',
      afgesloten: [definitief2023, s2024],
    });
    expect(s2025b.nacalculaties).toHaveLength(1);
    expect(s2025b.nacalculaties[0].basis.omschrijving).toBe(
      'nacalculatie 2023 in het definitieve overzicht 2024 (versie 1)',
    );
    expect(s2025b.nacalculaties[0].verschilNettoKosten).toBe(50_000);
    expect(s2025b.nacalculaties[0].verklaring.bestandenToegevoegd).toEqual(['laat-debet']);
  });

  it('corrections older than the correction period are reported, not booked', () => {
    const kort: SettlementConfig = {
      ...config,
      verevening: { ...config.verevening, correctietermijnJaren: 0 },
    };
    const s2024 = settleYear(kort, metLaat, {
      jaar: 2024,
      status: 'definitief',
      afgesloten: [definitief2023],
    });
    expect(s2024.nacalculaties).toEqual([]);
    expect(s2024.buitenTermijn).toEqual([
      {
        jaar: 2023,
        verschilNettoKosten: -100_000,
        toelichting: 'correctie op 2023 valt buiten de termijn van 0 jaar en is niet verwerkt',
      },
    ]);
  });

  it('only final statements count as closed', () => {
    expect(() =>
      settleYear(config, metLaat, { jaar: 2024, status: 'definitief', afgesloten: [voorlopig] }),
    ).toThrow(/definitief/);
  });
});
