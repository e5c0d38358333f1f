/** WMO323 declaratie (BerichtCode 484): structure and the records the readers produce from it (XML or CSV). */

import {
  CDT_BedragMetDC,
  CDT_BerichtIdentificatie,
  CDT_GeslotenPeriode,
  CDT_Referentie,
  CDT_TotaalBedragMetDC,
  CDT_XsdVersie,
} from './cdt';
import type { DebetCredit } from './codelists';
import { LDT } from './datatypes';
import { complex, el, fixed, many, optional } from './structure';

export const WMO323_BERICHTCODE = '484';

const Header = complex('Header', [
  el('BerichtCode', fixed(LDT.BerichtCode, WMO323_BERICHTCODE)),
  el('BerichtVersie', fixed(LDT.BerichtVersie, '3')),
  el('BerichtSubversie', fixed(LDT.BerichtSubversie, '2')),
  el('Afzender', LDT.AgbCode),
  el('Ontvanger', LDT.Gemeente),
  el('BerichtIdentificatie', CDT_BerichtIdentificatie),
  el('XsdVersie', CDT_XsdVersie),
]);

const Prestatie = complex('Prestatie', [
  el('ProductReferentie', CDT_Referentie),
  el('ToewijzingNummer', LDT.Nummer),
  el('ProductCategorie', LDT.ProductCategorie),
  el('ProductCode', LDT.ProductCode),
  el('ProductPeriode', CDT_GeslotenPeriode),
  el('GeleverdVolume', LDT.Volume),
  el('Eenheid', LDT.Eenheid),
  el('ProductTarief', LDT.Bedrag, optional),
  el('IngediendBedrag', CDT_BedragMetDC),
]);

const Client = complex('Client', [
  el('Bsn', LDT.BurgerServicenummer),
  el('Prestaties', complex('Prestaties', [el('Prestatie', Prestatie, many)])),
]);

const Declaratie = complex('Declaratie', [
  el('DeclaratieNummer', { ...LDT.IdentificatieDeclaratie, alphanumeric: true }),
  el('DeclaratiePeriode', CDT_GeslotenPeriode),
  el('DeclaratieDagtekening', LDT.Datum),
  el('TotaalIngediendBedrag', CDT_TotaalBedragMetDC),
  el('Clienten', complex('Clienten', [el('Client', Client, many)])),
]);

export const WMO323_ROOT = complex('Bericht', [el('Header', Header), el('Declaratie', Declaratie)]);

/** Where a record came from, to name it in findings. */
export type SourceRef =
  | { readonly kind: 'xml'; readonly client: number; readonly item: number; readonly line: number }
  | { readonly kind: 'csv'; readonly row: number };

/** Message-level data: the XML header, or the columns Afzender/Ontvanger of a CSV row. */
export interface DeclaratieBericht {
  readonly format: 'wmo323' | 'csv';
  readonly afzender: string;
  readonly ontvanger: string;
  /** BerichtIdentificatie; CSV declarations have none. */
  readonly identificatie: string | null;
  readonly dagtekening: string | null;
  /** XsdVersie of a WMO323 (repeated in the answer as XsdVersieDeclaratie). */
  readonly xsdVersie?: { readonly basisschema: string; readonly bericht: string };
}

/** Declaration-level data (Declaratie class). Amounts in eurocent. */
export interface DeclaratieKop {
  readonly declaratieNummer: string;
  readonly periodeBegin: string;
  readonly periodeEind: string;
  readonly dagtekening: string;
  readonly totaalBedrag: number;
  readonly totaalDebetCredit: DebetCredit;
}

/** One declared prestatie (a line). Dates are ISO strings, amounts eurocent integers, Bedrag unsigned with D/C. */
export interface Prestatie {
  /** 0-based position of the line in the file. */
  readonly seq: number;
  readonly at: SourceRef;
  readonly bsn: string;
  readonly referentieNummer: string;
  readonly vorigReferentieNummer: string | null;
  readonly toewijzingNummer: number;
  readonly productCategorie: string;
  readonly productCode: string;
  readonly begin: string;
  readonly eind: string;
  readonly volume: number;
  readonly eenheid: string;
  readonly tarief: number | null;
  readonly bedrag: number;
  readonly debetCredit: DebetCredit;
}

/** A line with the message and declaration it belongs to. */
export interface DeclaratieRegel {
  readonly bericht: DeclaratieBericht;
  readonly kop: DeclaratieKop;
  readonly prestatie: Prestatie;
}

/** Signed cents: debit positive, credit negative (DESIGN §4.4). */
export function signed(bedrag: number, dc: DebetCredit): number {
  return dc === 'C' ? -bedrag : bedrag;
}

/**
 * Field names are the contract's CSV column names; this maps them onto the WMO323 element paths, so one
 * finding can name a cell in either format.
 */
export const WMO323_FIELD_PATHS: Record<
  string,
  { scope: 'header' | 'declaratie' | 'client' | 'prestatie'; path: string }
> = {
  Afzender: { scope: 'header', path: 'Header/Afzender' },
  Ontvanger: { scope: 'header', path: 'Header/Ontvanger' },
  BerichtIdentificatie: { scope: 'header', path: 'Header/BerichtIdentificatie/Identificatie' },
  Dagtekening: { scope: 'header', path: 'Header/BerichtIdentificatie/Dagtekening' },
  DeclaratieNummer: { scope: 'declaratie', path: 'Declaratie/DeclaratieNummer' },
  DeclaratieDagtekening: { scope: 'declaratie', path: 'Declaratie/DeclaratieDagtekening' },
  DeclaratiePeriodeBegindatum: { scope: 'declaratie', path: 'Declaratie/DeclaratiePeriode/Begindatum' },
  DeclaratiePeriodeEinddatum: { scope: 'declaratie', path: 'Declaratie/DeclaratiePeriode/Einddatum' },
  TotaalIngediendBedrag: { scope: 'declaratie', path: 'Declaratie/TotaalIngediendBedrag/TotaalBedrag' },
  TotaalDebetCredit: { scope: 'declaratie', path: 'Declaratie/TotaalIngediendBedrag/DebetCredit' },
  Bsn: { scope: 'client', path: 'Bsn' },
  ReferentieNummer: { scope: 'prestatie', path: 'ProductReferentie/ReferentieNummer' },
  VorigReferentieNummer: { scope: 'prestatie', path: 'ProductReferentie/VorigReferentieNummer' },
  ToewijzingNummer: { scope: 'prestatie', path: 'ToewijzingNummer' },
  ProductCategorie: { scope: 'prestatie', path: 'ProductCategorie' },
  ProductCode: { scope: 'prestatie', path: 'ProductCode' },
  ProductPeriodeBegindatum: { scope: 'prestatie', path: 'ProductPeriode/Begindatum' },
  ProductPeriodeEinddatum: { scope: 'prestatie', path: 'ProductPeriode/Einddatum' },
  GeleverdVolume: { scope: 'prestatie', path: 'GeleverdVolume' },
  Eenheid: { scope: 'prestatie', path: 'Eenheid' },
  ProductTarief: { scope: 'prestatie', path: 'ProductTarief' },
  IngediendBedrag: { scope: 'prestatie', path: 'IngediendBedrag/Bedrag' },
  DebetCredit: { scope: 'prestatie', path: 'IngediendBedrag/DebetCredit' },
};
