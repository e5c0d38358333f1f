/** iWmo 3.2 basisschema composite datatypes (CDT_*) used by WMO301, WMO323 and WMO325. */
import { LDT } from './datatypes';
import { bel, complex, optional } from './structure';

export const CDT_BerichtIdentificatie = complex('CDT_BerichtIdentificatie', [
  bel('Identificatie', LDT.IdentificatieBericht),
  bel('Dagtekening', LDT.Datum),
]);
export const CDT_XsdVersie = complex('CDT_XsdVersie', [
  bel('BasisschemaXsdVersie', LDT.Versie),
  bel('BerichtXsdVersie', LDT.Versie),
]);
export const CDT_GeslotenPeriode = complex('CDT_GeslotenPeriode', [
  bel('Begindatum', LDT.Datum),
  bel('Einddatum', LDT.Datum),
]);
export const CDT_OpenPeriode = complex('CDT_OpenPeriode', [
  bel('Begindatum', LDT.Datum, optional),
  bel('Einddatum', LDT.Datum, optional),
]);
export const CDT_TotaalBedragMetDC = complex('CDT_TotaalBedragMetDC', [
  bel('TotaalBedrag', LDT.TotaalBedrag),
  bel('DebetCredit', LDT.DebetCredit),
]);
export const CDT_BedragMetDC = complex('CDT_BedragMetDC', [
  bel('Bedrag', LDT.Bedrag),
  bel('DebetCredit', LDT.DebetCredit),
]);
export const CDT_Referentie = complex('CDT_Referentie', [
  bel('ReferentieNummer', LDT.ReferentieNummer),
  bel('VorigReferentieNummer', LDT.ReferentieNummer, optional),
]);
export const CDT_Product = complex('CDT_Product', [
  bel('Categorie', LDT.ProductCategorie),
  bel('Code', LDT.ProductCode, optional),
]);
export const CDT_Omvang = complex('CDT_Omvang', [
  bel('Volume', LDT.Volume),
  bel('Eenheid', LDT.Eenheid),
  bel('Frequentie', LDT.Frequentie),
]);
export const CDT_Geboortedatum = complex('CDT_Geboortedatum', [
  bel('Datum', LDT.Datum),
  bel('DatumGebruik', LDT.DatumGebruik, optional),
]);
const CDT_Achternaam = complex('CDT_Achternaam', [
  bel('Achternaam', LDT.Naam),
  bel('Voorvoegsel', LDT.Voorvoegsel, optional),
]);
export const CDT_VolledigeNaam = complex('CDT_VolledigeNaam', [
  bel('Geslachtsnaam', CDT_Achternaam),
  bel('Partnernaam', CDT_Achternaam, optional),
  bel('Voornamen', LDT.Naam, optional),
  bel('Voorletters', LDT.Voorletters, optional),
  bel('NaamGebruik', LDT.NaamGebruik),
]);
export const CDT_Communicatie = complex('CDT_Communicatie', [
  bel('Vorm', LDT.Communicatievorm),
  bel('Taal', LDT.Taal, optional),
]);
const CDT_Huis = complex('CDT_Huis', [
  bel('Huisnummer', LDT.Huisnummer),
  bel('Huisletter', LDT.Huisletter, optional),
  bel('HuisnummerToevoeging', LDT.HuisnummerToevoeging, optional),
  bel('AanduidingWoonadres', LDT.AanduidingWoonadres, optional),
]);
export const CDT_Adres = complex('CDT_Adres', [
  bel('Huis', CDT_Huis, optional),
  bel('Postcode', LDT.Postcode, optional),
  bel('Straatnaam', LDT.Straatnaam, optional),
  bel('Plaatsnaam', LDT.Plaatsnaam, optional),
  bel('LandCode', LDT.LandCode, optional),
]);
const CDT_Telefoon = complex('CDT_Telefoon', [
  bel('Telefoonnummer', LDT.Telefoonnummer),
  bel('Landnummer', LDT.Landnummer),
]);
export const CDT_Telefoonnummers = complex('CDT_Telefoonnummers', [
  bel('Telefoon01', CDT_Telefoon),
  bel('Telefoon02', CDT_Telefoon, optional),
]);
