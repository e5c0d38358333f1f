/** WMO301 toewijzing (BerichtCode 414): structure and the records the readers produce from it (XML or CSV). */
import {
  CDT_Adres,
  CDT_BerichtIdentificatie,
  CDT_Communicatie,
  CDT_Geboortedatum,
  CDT_Omvang,
  CDT_OpenPeriode,
  CDT_Product,
  CDT_Telefoonnummers,
  CDT_VolledigeNaam,
  CDT_XsdVersie,
} from './cdt';
import { LDT } from './datatypes';
import { complex, el, fixed, many, optional } from './structure';
import type { SourceRef } from './wmo323';

export const WMO301_BERICHTCODE = '414';

const Header = complex('Header', [
  el('BerichtCode', fixed(LDT.BerichtCode, WMO301_BERICHTCODE)),
  el('BerichtVersie', fixed(LDT.BerichtVersie, '3')),
  el('BerichtSubversie', fixed(LDT.BerichtSubversie, '2')),
  el('Afzender', LDT.Gemeente),
  el('Ontvanger', LDT.AgbCode),
  el('BerichtIdentificatie', CDT_BerichtIdentificatie),
  el('XsdVersie', CDT_XsdVersie),
]);

const Contact = complex('Contact', [
  el('Soort', LDT.AdresSoort),
  el('Adres', CDT_Adres, optional),
  el('Organisatie', LDT.Organisatienaam, optional),
  el('Telefoon', CDT_Telefoonnummers, optional),
  el('Emailadres', LDT.Emailadres, optional),
  el('Periode', CDT_OpenPeriode, optional),
]);

const Relatie = complex('Relatie', [
  el('Nummer', LDT.Persoonsid),
  el('Volgorde', LDT.RelatieVolgorde, optional),
  el('Soort', LDT.SoortRelatie),
  el('Geboortedatum', CDT_Geboortedatum, optional),
  el('Geslacht', LDT.Geslacht, optional),
  el('Naam', CDT_VolledigeNaam),
  el('Contact', Contact),
]);

const ToegewezenProduct = complex('ToegewezenProduct', [
  el('ToewijzingNummer', LDT.Nummer),
  el('ReferentieAanbieder', LDT.Referentie, optional),
  el('Product', CDT_Product, optional),
  el('Toewijzingsdatum', LDT.Datum),
  el('Toewijzingstijd', LDT.Tijd),
  el('Ingangsdatum', LDT.Datum),
  el('Einddatum', LDT.Datum, optional),
  el('RedenWijziging', LDT.RedenWijziging, optional),
  el('Omvang', CDT_Omvang, optional),
  el('Budget', LDT.Budget, optional),
  el('Commentaar', LDT.Commentaar, optional),
]);

const Client = complex('Client', [
  el('Bsn', LDT.BurgerServicenummer),
  el('Geboortedatum', CDT_Geboortedatum),
  el('Geslacht', LDT.Geslacht),
  el('Naam', CDT_VolledigeNaam),
  el('Communicatie', CDT_Communicatie, optional),
  el('JuridischeStatus', LDT.JuridischeStatus, optional),
  el('WettelijkeVertegenwoordiging', LDT.WettelijkeVertegenwoordiging, optional),
  el('Commentaar', LDT.Commentaar, optional),
  el('Relaties', complex('Relaties', [el('Relatie', Relatie, many)]), optional),
  el('Contactgegevens', complex('Contactgegevens', [el('Contact', Contact, many)])),
  el(
    'ToegewezenProducten',
    complex('ToegewezenProducten', [el('ToegewezenProduct', ToegewezenProduct, many)]),
  ),
]);

export const WMO301_ROOT = complex('Bericht', [el('Header', Header), el('Client', Client)]);

export interface ToewijzingBericht {
  readonly format: 'wmo301' | 'csv';
  /** Sending municipality (gemeentecode). */
  readonly afzender: string;
  /** Receiving provider (AGB code). */
  readonly ontvanger: string;
  readonly identificatie: string | null;
  readonly dagtekening: string | null;
}

/** Contact data of a client or relation, as far as the in-message rules need it. */
export interface ContactGegevens {
  readonly path: string;
  readonly soort: string;
  readonly heeftAdres: boolean;
  readonly heeftHuis: boolean;
  readonly postcode: string | null;
  readonly landCode: string | null;
  readonly heeftTelefoon: boolean;
  readonly heeftPeriode: boolean;
}

/** The client part of a WMO301 (XML only: a toewijzing CSV has no client data beyond the BSN). */
export interface ToewijzingClient {
  readonly bsn: string;
  readonly geboortedatum: string | null;
  readonly contacten: readonly ContactGegevens[];
  readonly relatieContacten: readonly ContactGegevens[];
}

export interface Omvang {
  readonly volume: number;
  readonly eenheid: string;
  readonly frequentie: string;
}

/** One toegewezen product (a toewijzing). */
export interface ToegewezenProduct {
  readonly seq: number;
  readonly at: SourceRef;
  readonly bsn: string;
  readonly toewijzingNummer: number;
  readonly referentieAanbieder: string | null;
  readonly productCategorie: string | null;
  readonly productCode: string | null;
  readonly toewijzingsdatum: string;
  readonly toewijzingstijd: string | null;
  readonly ingangsdatum: string;
  readonly einddatum: string | null;
  readonly redenWijziging: string | null;
  readonly omvang: Omvang | null;
  readonly budget: number | null;
  /** CSV extension: municipality of origin when the sender acts for the region; null = the sender; 0000 = unknown. */
  readonly herkomstgemeente: string | null;
}

export interface ToewijzingRegel {
  readonly bericht: ToewijzingBericht;
  readonly client: ToewijzingClient | null;
  readonly product: ToegewezenProduct;
}

/** Contract CSV column names mapped to WMO301 element paths (see WMO323_FIELD_PATHS). */
export const WMO301_FIELD_PATHS: Record<string, { scope: 'header' | 'client' | 'product'; path: string }> = {
  Gemeente: { scope: 'header', path: 'Header/Afzender' },
  AgbCode: { scope: 'header', path: 'Header/Ontvanger' },
  Dagtekening: { scope: 'header', path: 'Header/BerichtIdentificatie/Dagtekening' },
  Bsn: { scope: 'client', path: 'Client/Bsn' },
  Geboortedatum: { scope: 'client', path: 'Client/Geboortedatum/Datum' },
  ToewijzingNummer: { scope: 'product', path: 'ToewijzingNummer' },
  ReferentieAanbieder: { scope: 'product', path: 'ReferentieAanbieder' },
  ProductCategorie: { scope: 'product', path: 'Product/Categorie' },
  ProductCode: { scope: 'product', path: 'Product/Code' },
  Toewijzingsdatum: { scope: 'product', path: 'Toewijzingsdatum' },
  Toewijzingstijd: { scope: 'product', path: 'Toewijzingstijd' },
  Ingangsdatum: { scope: 'product', path: 'Ingangsdatum' },
  Einddatum: { scope: 'product', path: 'Einddatum' },
  RedenWijziging: { scope: 'product', path: 'RedenWijziging' },
  Volume: { scope: 'product', path: 'Omvang/Volume' },
  Eenheid: { scope: 'product', path: 'Omvang/Eenheid' },
  Frequentie: { scope: 'product', path: 'Omvang/Frequentie' },
  Budget: { scope: 'product', path: 'Budget' },
  Herkomstgemeente: { scope: 'product', path: 'Herkomstgemeente' },
};
