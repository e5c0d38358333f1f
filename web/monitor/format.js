/** Dutch formatting of counts, amounts (integer eurocents), months and dates. */

const GETAL = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const DECIMAAL = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const PROCENT = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });

const MAANDEN = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** A count as the API gives it: a number (1.234), a suppressed "<5", or nothing (–). */
export function aantal(value) {
  if (typeof value === 'number') return GETAL.format(value);
  if (typeof value === 'string' && value !== '') return value;
  return '–';
}

/**
 * The number a count shows, for a chart: exact, or the tens a rounded count ("≈440") gives; a hidden one ("<5") or
 * nothing gives null.
 */
export function getoondAantal(value) {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.startsWith('≈')) return Number(value.slice(1));
  return null;
}

/**
 * A count under the small-cell rule: 1 … drempel−1 becomes "<drempel". The API already does this for the rows of a
 * view beyond one municipality; the page applies it to totals too, because a total over one row would otherwise show
 * the number its row hides.
 */
export function onderdruk(value, drempel) {
  return typeof value === 'number' && value > 0 && value < drempel ? `<${drempel}` : value;
}

/** One decimal with a decimal comma (9,7); nothing as –. */
export function decimaal(value) {
  return typeof value === 'number' ? DECIMAAL.format(value) : '–';
}

export function procent(fraction) {
  return Number.isFinite(fraction) ? PROCENT.format(fraction) : '–';
}

/**
 * Eurocents as Dutch euros, exactly: 123456 → "€ 1.234,56", −5 → "€ -0,05".
 * Why integer arithmetic: cents / 100 in floating point can round the last digit.
 */
export function euro(cents) {
  if (typeof cents !== 'number') return '–';
  const abs = Math.abs(cents);
  const whole = GETAL.format(Math.floor(abs / 100));
  const rest = String(abs % 100).padStart(2, '0');
  return `€\u00a0${cents < 0 ? '-' : ''}${whole},${rest}`;
}

/** Compact euros for axis ticks: € 1,2 mln, € 450k. */
export function euroKort(cents) {
  const euros = cents / 100;
  const abs = Math.abs(euros);
  if (abs >= 1_000_000) return `€\u00a0${DECIMAAL.format(euros / 1_000_000)} mln`;
  if (abs >= 1_000) return `€\u00a0${GETAL.format(euros / 1_000)}k`;
  return `€\u00a0${GETAL.format(euros)}`;
}

/** "2021-04" → "april 2021". */
export function maandNaam(maand) {
  const [jaar, m] = maand.split('-');
  return `${MAANDEN[Number(m) - 1]} ${jaar}`;
}

/** "2021-04" → "apr 2021" (axis labels). */
const MAANDEN_KORT = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** "2021-03" → "mrt 2021" (the Dutch abbreviation: the first three letters of maart would be "maa"). */
export function maandKort(maand) {
  const [jaar, m] = maand.split('-');
  return `${MAANDEN_KORT[Number(m) - 1]} ${jaar}`;
}

/** "2021-04-30" → "30 april 2021". */
export function datumLang(datum) {
  const [jaar, m, d] = datum.split('-');
  return `${Number(d)} ${MAANDEN[Number(m) - 1]} ${jaar}`;
}

/** "2021-02" → "2021-02-28". */
export function laatsteDag(maand) {
  const [jaar, m] = maand.split('-').map(Number);
  const dag = new Date(Date.UTC(jaar, m, 0)).getUTCDate();
  return `${maand}-${String(dag).padStart(2, '0')}`;
}

/** Every month from van to tot inclusive ("YYYY-MM"). */
export function maandenTussen(van, tot) {
  const out = [];
  let [jaar, m] = van.split('-').map(Number);
  for (let guard = 0; guard < 1200; guard++) {
    const maand = `${jaar}-${String(m).padStart(2, '0')}`;
    if (maand > tot) break;
    out.push(maand);
    m += 1;
    if (m > 12) {
      m = 1;
      jaar += 1;
    }
  }
  return out;
}

/** The month `n` months before `maand`. */
export function maandTerug(maand, n) {
  const [jaar, m] = maand.split('-').map(Number);
  const index = jaar * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
