/** Plain text for the terminal: euros with a decimal comma and aligned tables (the CLI and the settlement text). */

/** Euros with a decimal comma, from cents: 123456 → "1.234,56"; −5 → "-0,05". */
export function euro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A plain text table with aligned columns; numbers right-aligned, or the columns `right` names (amounts written as
 * text).
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  right?: readonly boolean[],
): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric =
    right ?? header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}
