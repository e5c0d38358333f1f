/** The BSN 11-proef (iWmo CS002) and format (RS037), and keeping a possible BSN out of what leaves the system. */
import type { Alert } from './ports';

/**
 * A BSN that is not nine digits, described without quoting it: whatever was written there may be a (mistyped) BSN,
 * and reports leave the system.
 */
export const notNineDigitsText = (bsn: string): string =>
  `het BSN bestaat niet uit 9 cijfers (${bsn.length} tekens)`;

/** Nine digits standing alone, not part of a longer number. */
const NINE_DIGITS = /(?<![0-9])[0-9]{9}(?![0-9])/g;
/**
 * Nine digits written in groups the way people write a BSN (999.990.019, 999 990 019, 9999.90.019), one separator
 * throughout, standing alone. Not any nine digits with separators: 20230602-1 is a date and a sequence number.
 */
const GROUPED_DIGITS =
  /(?<![0-9])(?:[0-9]{3}([ .-])[0-9]{3}\1[0-9]{3}|[0-9]{4}([ .-])[0-9]{2}\2[0-9]{3})(?![0-9])/g;
/** A euro amount as messages write it (1234567,89 or 1.234.567,89), standing alone. */
const EURO_AMOUNT = /(?<![0-9.,])(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+),[0-9]{2}(?![0-9])/g;

/**
 * Text with every stand-alone nine-digit number that passes the 11-proef masked: it may be a BSN typed where it
 * does not belong (a ReferentieNummer column, a file name), also written in groups. For what leaves the system: finding texts, logs, alerts.
 * A number that passes by chance is masked too; the finding's location still points at it. So is a euro amount
 * whose cents are such a number (a BSN typed in an amount column, quoted as euros).
 */
export function redactBsns(text: string, mask = '*'): string {
  const bsn = mask.repeat(9);
  return text
    .replace(NINE_DIGITS, (d) => (passesElfproef(d) ? bsn : d))
    .replace(GROUPED_DIGITS, (d) => (passesElfproef(d.replace(/[ .-]/g, '')) ? bsn : d))
    .replace(EURO_AMOUNT, (amount) =>
      passesElfproef(amount.replace(/[.,]/g, '')) ? `${mask.repeat(7)},${mask.repeat(2)}` : amount,
    );
}

/**
 * Whether a name is kept otherwise than as given (keptName): it holds a possible BSN, or looks like a kept name
 * itself (a backoffice may send a file again under the name it saw in its outbox), which must not pass for another.
 */
export const needsKeptName = (name: string): boolean => holdsBsn(name) || /x{9}/i.test(name);

/** Whether a text holds a possible BSN (what redactBsns masks). */
export const holdsBsn = (text: string): boolean => redactBsns(text, 'x') !== text;

/**
 * Whether the name a record keeps is that of the object named `sent` (kept: its keptName): the kept name, or the
 * name as sent where a record of 0.3.0 kept a name with a BSN as it came (a literal kept name of another object
 * is no such record).
 */
export const isKeptNameOf = (recorded: string | undefined, kept: string, sent: string): boolean =>
  recorded === kept || (recorded === sent && holdsBsn(sent));

/**
 * The name the pipeline keeps for an object someone named (an upload, a withdrawal request): as given, unless it
 * holds a possible BSN, which is then masked as xxxxxxxxx with a keyed code of the whole name before its extension
 * (`tw-123456782.csv` → `tw-xxxxxxxxx.1a2b3c4d.csv`). The file record, the archive and the answers then hold no BSN
 * (DESIGN §4.5), while different names stay different and the same name gives the same kept name (a redelivery).
 * `code` is keyed (the pseudonym key): a plain hash of a name around a BSN could be reversed by trying every BSN.
 */
export function keptName(name: string, code: (text: string) => string): string {
  if (!needsKeptName(name)) return name;
  const masked = redactBsns(name, 'x');
  // Labelled: the code of a name that is only a BSN must not be the start of that client's pseudonym.
  const id = code(`bestandsnaam\u0000${name}`).slice(0, 8);
  const slash = masked.lastIndexOf('/');
  const dot = masked.lastIndexOf('.');
  return dot > slash + 1 ? `${masked.slice(0, dot)}.${id}${masked.slice(dot)}` : `${masked}.${id}`;
}

/**
 * An alert as it may leave the system: file names and paths are the sender's free text, so a possible BSN in them
 * is masked (the fileId still identifies the file); finding texts are masked already.
 */
export function alertWithoutBsns(alert: Alert): Alert {
  return {
    ...alert,
    bestand: redactBsns(alert.bestand),
    antwoord: alert.antwoord === null ? null : redactBsns(alert.antwoord),
    rapport: redactBsns(alert.rapport),
  };
}

/** Exactly nine digits (RS037). */
export function isNineDigits(bsn: string): boolean {
  if (bsn.length !== 9) return false;
  for (let i = 0; i < 9; i++) {
    const c = bsn.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * (9·d1 + 8·d2 + … + 2·d8 − d9) mod 11 = 0, for a nine-digit string. 000000000 passes the arithmetic but is no
 * citizen's number, so it fails here too.
 */
export function passesElfproef(bsn: string): boolean {
  if (!isNineDigits(bsn) || bsn === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (bsn.charCodeAt(i) - 48);
  sum -= bsn.charCodeAt(8) - 48;
  return sum % 11 === 0;
}
