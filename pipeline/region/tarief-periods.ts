/**
 * Periods in tarieven.csv: a row's period must be possible (Einddatum not before Ingangsdatum), and rows of one
 * provider, product and unit must not give two different contract tariffs (or provider locations) for one day:
 * the rules against state would otherwise take whichever row comes first (TR418, 0611) without a word.
 */
import type { TariefRow } from '../../schemas/csv';

export interface NumberedTarief {
  /** The row in the file (the header is row 1). */
  readonly row: number;
  readonly tarief: TariefRow;
}

const period = (t: TariefRow) => `${t.ingangsdatum} t/m ${t.einddatum ?? 'open einde'}`;

/** Problems with the rows' periods, each naming row and column; empty when the periods are sound. */
export function tariefPeriodProblems(rows: readonly NumberedTarief[]): string[] {
  const problems: { row: number; text: string }[] = [];
  const groups = new Map<string, NumberedTarief[]>();
  for (const r of rows) {
    const t = r.tarief;
    if (t.einddatum !== null && t.einddatum < t.ingangsdatum) {
      problems.push({
        row: r.row,
        text: `regel ${r.row}, kolom Einddatum: Einddatum ${t.einddatum} ligt voor Ingangsdatum ${t.ingangsdatum}`,
      });
      continue;
    }
    const key = `${t.agbCode}|${t.productCategorie}|${t.productCode}|${t.eenheid}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.tarief.ingangsdatum.localeCompare(b.tarief.ingangsdatum) || a.row - b.row);
    for (let i = 0; i < group.length; i++) {
      const a = group[i];
      for (let j = i + 1; j < group.length; j++) {
        const b = group[j];
        // Sorted by start: once b starts after a ends, so does every later row.
        if (a.tarief.einddatum !== null && b.tarief.ingangsdatum > a.tarief.einddatum) break;
        const differs = [
          a.tarief.productTarief !== b.tarief.productTarief ? 'ProductTarief' : null,
          a.tarief.vestigingGemeente !== b.tarief.vestigingGemeente ? 'VestigingGemeente' : null,
        ].filter((d) => d !== null);
        // The same row twice says nothing new; two rows that disagree on one day cannot both hold.
        if (differs.length === 0) continue;
        const [first, second] = a.row < b.row ? [a, b] : [b, a];
        problems.push({
          row: second.row,
          text: `regel ${second.row}, kolom Ingangsdatum: de periode ${period(second.tarief)} overlapt met regel ${first.row} (${period(first.tarief)}) voor AgbCode ${a.tarief.agbCode}, product ${a.tarief.productCategorie}/${a.tarief.productCode} en Eenheid ${a.tarief.eenheid}, met een andere ${differs.join(' en ')}: welk contract geldt is dan niet eenduidig`,
        });
      }
    }
  }
  return problems.sort((x, y) => x.row - y.row).map((p) => p.text);
}
