/**
 * WMO325 declaratie-antwoord (BerichtCode 485). No official iWmo XSD is published; this follows the structure of
 * the 323 it answers (iJw JW325 has the identical structure), which the writer emits in order.
 */
import {
  CDT_BedragMetDC,
  CDT_BerichtIdentificatie,
  CDT_GeslotenPeriode,
  CDT_Referentie,
  CDT_TotaalBedragMetDC,
  CDT_XsdVersie,
} from './cdt';
import { LDT } from './datatypes';
import { complex, el, fixed, many, optional } from './structure';

export const WMO325_BERICHTCODE = '485';

const RetourCodes = complex('RetourCodes', [el('RetourCode', LDT.RetourCode, many)]);

const Header = complex('Header', [
  el('BerichtCode', fixed(LDT.BerichtCode, WMO325_BERICHTCODE)),
  el('BerichtVersie', fixed(LDT.BerichtVersie, '3')),
  el('BerichtSubversie', fixed(LDT.BerichtSubversie, '2')),
  el('Afzender', LDT.Gemeente),
  el('Ontvanger', LDT.AgbCode),
  el('BerichtIdentificatie', CDT_BerichtIdentificatie),
  el('XsdVersie', CDT_XsdVersie),
  el('DeclaratieIdentificatie', CDT_BerichtIdentificatie),
  el('XsltVersie', LDT.Versie, optional),
  el('XsdVersieDeclaratie', CDT_XsdVersie),
  el('RetourCodes', RetourCodes),
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
  el('RetourCodes', RetourCodes),
]);

const Client = complex('Client', [
  el('Bsn', LDT.BurgerServicenummer),
  el('Prestaties', complex('Prestaties', [el('Prestatie', Prestatie, many)])),
  el('RetourCodes', RetourCodes),
]);

const DeclaratieAntwoord = complex('DeclaratieAntwoord', [
  el('DeclaratieNummer', LDT.IdentificatieDeclaratie),
  el('TotaalIngediendBedrag', CDT_TotaalBedragMetDC),
  el('TotaalToegekendBedrag', CDT_TotaalBedragMetDC),
  el('Clienten', complex('Clienten', [el('Client', Client, many)]), optional),
  el('RetourCodes', RetourCodes),
]);

export const WMO325_ROOT = complex('Bericht', [
  el('Header', Header),
  el('DeclaratieAntwoord', DeclaratieAntwoord, optional),
]);
