/**
 * Runs ONE in-message rule over records the way pipeline/check.ts runs all of them, and builds the findings a test
 * expects. The expected locations are written out here from the message structure (element paths of the XSD,
 * `regel N, kolom X` for CSV), independently of pipeline/rules/locate.ts, so a rule that names the wrong place fails.
 */
import type { DeclaratieContext, DeclaratieRule, Findings, ToewijzingRule } from '../../pipeline/rules/types';
import type { ToewijzingRegel } from '../../schemas/iwmo/wmo301';
import type { DeclaratieRegel } from '../../schemas/iwmo/wmo323';
import type { Finding } from '../../schemas/report';
import { RULES, type RuleMessage } from '../../schemas/rules';

export function normalise(found: Findings): Finding[] {
  if (!found) return [];
  return Array.isArray(found) ? [...found] : [found as Finding];
}

/**
 * Groups lines by DeclaratieNummer (each is a message of its own); on the first line of a group the `declaratie`
 * hook runs; then per line `prestatie` and `fold.step`; after all lines `fold.finish` per group, in group order.
 */
export function runDeclaratieRule<S>(rule: DeclaratieRule<S>, regels: readonly DeclaratieRegel[]): Finding[] {
  const out: Finding[] = [];
  const groups = new Map<string, { ctx: DeclaratieContext; state: S | undefined }>();
  for (const r of regels) {
    let g = groups.get(r.kop.declaratieNummer);
    if (!g) {
      g = { ctx: { bericht: r.bericht, kop: r.kop, first: r }, state: rule.fold?.init() };
      groups.set(r.kop.declaratieNummer, g);
      if (rule.declaratie) out.push(...normalise(rule.declaratie(g.ctx)));
    }
    if (rule.prestatie) out.push(...normalise(rule.prestatie(r)));
    if (rule.fold) out.push(...normalise(rule.fold.step(g.state as S, r)));
  }
  if (rule.fold)
    for (const g of groups.values()) out.push(...normalise(rule.fold.finish(g.state as S, g.ctx)));
  return out;
}

/** `client` once per client (the first product of a WMO301, every CSV row), `product` and `fold.step` per product. */
export function runToewijzingRule<S>(rule: ToewijzingRule<S>, regels: readonly ToewijzingRegel[]): Finding[] {
  const out: Finding[] = [];
  const state = rule.fold?.init();
  let clientChecked = false;
  for (const r of regels) {
    const checkClient = r.bericht.format === 'csv' || !clientChecked;
    clientChecked = true;
    if (checkClient && rule.client) out.push(...normalise(rule.client(r)));
    if (rule.product) out.push(...normalise(rule.product(r)));
    if (rule.fold) out.push(...normalise(rule.fold.step(state as S, r)));
  }
  return out;
}

/** The finding a test expects: rule id, the registry's retourcode, the location; any message text. */
export function expected(message: RuleMessage, id: string, location: string) {
  const spec = RULES.find((r) => r.message === message && r.id === id);
  if (!spec) throw new Error(`test expects unregistered rule ${message}/${id}`);
  return {
    rule: id,
    retourcode: spec.retourcode,
    location,
    message: expect.stringMatching(/\S/),
    severity: 'fout',
  };
}

const csvCell = (row: number, column: string) => `regel ${row}, kolom ${column}`;

/** WMO323 element paths by CSV column name (CONTRACT §1b), from the XSD: Header, Declaratie, Client, Prestatie. */
const WMO323_DECLARATIE: Record<string, string> = {
  Afzender: 'Header/Afzender',
  Ontvanger: 'Header/Ontvanger',
  Dagtekening: 'Header/BerichtIdentificatie/Dagtekening',
  DeclaratieNummer: 'Declaratie/DeclaratieNummer',
  DeclaratieDagtekening: 'Declaratie/DeclaratieDagtekening',
  DeclaratiePeriodeBegindatum: 'Declaratie/DeclaratiePeriode/Begindatum',
  DeclaratiePeriodeEinddatum: 'Declaratie/DeclaratiePeriode/Einddatum',
  TotaalIngediendBedrag: 'Declaratie/TotaalIngediendBedrag/TotaalBedrag',
  TotaalDebetCredit: 'Declaratie/TotaalIngediendBedrag/DebetCredit',
};
const WMO323_PRESTATIE: Record<string, string> = {
  ReferentieNummer: 'ProductReferentie/ReferentieNummer',
  VorigReferentieNummer: 'ProductReferentie/VorigReferentieNummer',
  ProductPeriodeBegindatum: 'ProductPeriode/Begindatum',
  ProductPeriodeEinddatum: 'ProductPeriode/Einddatum',
  ProductTarief: 'ProductTarief',
  IngediendBedrag: 'IngediendBedrag/Bedrag',
  DebetCredit: 'IngediendBedrag/DebetCredit',
};

/** Where a field of a declaration line is: Client[c]/Bsn, Client[c]/Prestatie[i]/… (regel n), or its CSV cell. */
export function atLine(r: DeclaratieRegel, column: string): string {
  const at = r.prestatie.at;
  if (at.kind === 'csv') return csvCell(at.row, column);
  if (column === 'Bsn') return `Client[${at.client}]/Bsn`;
  const path = WMO323_PRESTATIE[column];
  if (!path) throw new Error(`no WMO323 prestatie path for ${column} in the test helper`);
  return `Client[${at.client}]/Prestatie[${at.item}]/${path} (regel ${at.line})`;
}

/** Where a declaration-level field is: its element path, or its cell on the declaration's first CSV row. */
export function atDeclaratie(first: DeclaratieRegel, column: string): string {
  const at = first.prestatie.at;
  if (at.kind === 'csv') return csvCell(at.row, column);
  const path = WMO323_DECLARATIE[column];
  if (!path) throw new Error(`no WMO323 declaratie path for ${column} in the test helper`);
  return path;
}

/** WMO301 element paths by toewijzing CSV column name. */
const WMO301_PRODUCT: Record<string, string> = {
  ToewijzingNummer: 'ToewijzingNummer',
  ProductCategorie: 'Product/Categorie',
  Toewijzingsdatum: 'Toewijzingsdatum',
  Einddatum: 'Einddatum',
  RedenWijziging: 'RedenWijziging',
  Volume: 'Omvang/Volume',
  Frequentie: 'Omvang/Frequentie',
  Budget: 'Budget',
};
const WMO301_CLIENT: Record<string, string> = {
  Bsn: 'Client/Bsn',
  Geboortedatum: 'Client/Geboortedatum/Datum',
};

/** Where a field of a toegewezen product (or its client) is: element path, or its CSV cell. */
export function atProduct(r: ToewijzingRegel, column: string): string {
  const at = r.product.at;
  if (at.kind === 'csv') return csvCell(at.row, column);
  if (WMO301_CLIENT[column]) return WMO301_CLIENT[column];
  const path = WMO301_PRODUCT[column];
  if (!path) throw new Error(`no WMO301 path for ${column} in the test helper`);
  return `Client/ToegewezenProduct[${at.item}]/${path} (regel ${at.line})`;
}

/** A place in the records of a test: the index of the line (or product) and the CSV column name of the field. */
export type At = readonly [index: number, column: string];

/**
 * The findings of a declaratie rule at the given places. A declaration-level column is its element path in XML and
 * its cell on the given row in CSV (give the declaration's first line for rules that judge the Declaratie class).
 */
export function expectedOnLines(id: string, regels: readonly DeclaratieRegel[], where: readonly At[]) {
  return where.map(([i, column]) =>
    expected(
      'declaratie',
      id,
      column in WMO323_DECLARATIE ? atDeclaratie(regels[i], column) : atLine(regels[i], column),
    ),
  );
}

/** The findings of a toewijzing rule at the given products and fields. */
export function expectedOnProducts(id: string, regels: readonly ToewijzingRegel[], where: readonly At[]) {
  return where.map(([i, column]) => expected('toewijzing', id, atProduct(regels[i], column)));
}
