/**
 * iWmo 3.2 codelists with their official short labels (WMO020, WJ756, WMO757, WMO002, COD043, WJ001).
 * Taakvelden are this project's grouping of the BW/MO categories (DESIGN §1).
 */

export const PRODUCTCATEGORIE = {
  '01': 'Hulp bij het huishouden',
  '02': 'Begeleiding',
  '03': 'Persoonlijke verzorging',
  '04': 'Kortdurend verblijf',
  '05': 'Woondiensten',
  '06': 'Overige ondersteuning individu/huishouden',
  '07': 'Dagbesteding',
  '08': 'Vervoerdiensten',
  '09': 'Overige groepsgerichte ondersteuning',
  '10': 'Overige maatwerk arrangementen',
  '11': 'Rolstoelen',
  '12': 'Vervoervoorzieningen',
  '13': 'Woonvoorzieningen',
  '14': 'Overige hulpmiddelen',
  '15': 'Beschermd wonen',
  '16': 'Opvang',
  '17': 'Spoedopvang',
  '18': 'Overige beschermd wonen en opvang',
} as const;
export type ProductCategorie = keyof typeof PRODUCTCATEGORIE;
export const PRODUCTCATEGORIE_CODES = Object.keys(PRODUCTCATEGORIE) as ProductCategorie[];

export const EENHEID = {
  '01': 'Minuut',
  '04': 'Uur',
  '14': 'Etmaal',
  '16': 'Dagdeel (4 uur)',
  '82': 'Stuks (output)',
  '83': "Euro's",
  '84': 'Stuks (inspanning)',
} as const;
export type Eenheid = keyof typeof EENHEID;
export const EENHEID_CODES = Object.keys(EENHEID) as Eenheid[];
/** Eenheid 83: the volume is an amount in eurocent and there is no tariff (CS339, CD087). */
export const EENHEID_EURO: Eenheid = '83';

/** Minutes declared against hours (a toewijzing or a tariff per hour): allowed, counted as sixtieths (IV081). */
export const minutesForHours = (declared: string, against: string | null): boolean =>
  declared === '01' && against === '04';

/** A declared unit fits an assigned or contracted one: the same, or minutes for hours. */
export const unitFits = (declared: string, against: string | null): boolean =>
  declared === against || minutesForHours(declared, against);

export const FREQUENTIE = {
  '1': 'Per dag',
  '2': 'Per week',
  '4': 'Per maand',
  '6': 'Totaal binnen geldigheidsduur toewijzing',
} as const;
export type Frequentie = keyof typeof FREQUENTIE;
export const FREQUENTIE_CODES = Object.keys(FREQUENTIE) as Frequentie[];

export const DEBETCREDIT = { D: 'Debet', C: 'Credit' } as const;
export type DebetCredit = keyof typeof DEBETCREDIT;
export const DEBETCREDIT_CODES = Object.keys(DEBETCREDIT) as DebetCredit[];

export const REDENWIJZIGING = {
  '01': 'Administratieve correctie (vervallen)',
  '02': 'Client overleden',
  '03': 'Contractwijziging',
  '04': 'Herbeoordeling: verlenging',
  '05': 'Herbeoordeling: verkorting',
  '06': 'Uitstroom ander domein',
  '07': 'Verhuizing andere gemeente',
  '08': 'Wijziging leveringsvorm',
  '09': 'Overstap andere aanbieder',
  '10': 'Nieuwe bekostigingssystematiek',
  '11': 'Gemeentelijke herindeling',
  '12': 'Geinitieerd door aanbieder',
  '13': 'Verwijderd',
  '14': 'Administratieve correctie',
} as const;
export type RedenWijziging = keyof typeof REDENWIJZIGING;
export const REDENWIJZIGING_CODES = Object.keys(REDENWIJZIGING) as RedenWijziging[];
export const REDENWIJZIGING_VERWIJDERD: RedenWijziging = '13';

/** Retourcodes (WJ001) with their official texts; the list is the basisschema enumeration. */
export const RETOURCODE = {
  '0001': 'Bericht is afgekeurd om technische redenen',
  '0200': 'Geen opmerking over deze berichtklasse',
  '0233': 'Berichtklasse is niet beoordeeld',
  '0611': 'Ingediend tarief ≠ contractueel tarief',
  '8001': 'Declaratie is volledig toegewezen',
  '8017': 'Credit prestatie zonder bekende debet',
  '8021': 'Referentienummer prestatie reeds aangeleverd',
  '8187': 'Prestatie hoort niet bij deze client',
  '8214': 'DeclaratiePeriode is niet de kalendermaand na de vorige, terwijl elke periode zorg is geleverd',
  '8848': 'Dagtekening ≤ systeemdatum',
  '9019': 'Het regie bericht kan niet gekoppeld worden aan een toewijzing',
  '9056': 'Identificatie moet per berichtsoort uniek zijn voor de verzendende partij',
  '9063': 'Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is',
  '9069': 'Er is geen actueel startbericht met dezelfde sleutel',
  '9071': 'Het eerdere start bericht kan niet verwijderd worden omdat de zorg al beeindigd is',
  '9074': 'Er is al een eerder bericht ontvangen met dezelfde sleutel',
  '9307': 'Begindatum prestatie niet binnen toewijzing',
  '9308': 'Einddatum prestatie niet binnen toewijzing',
  '9319': 'ProductPeriode niet geheel binnen een DeclaratiePeriode',
  '9321': 'Ingediend volume > toegewezen volume',
  '9322': 'Som ingediende volumes > toegewezen volume',
  '9326': 'De actuele levering is nog niet gestopt met een Stopbericht',
  '9332': 'Toewijzing heeft geen uniek nummer binnen wettelijk domein',
  '9333': 'Declaratienummer niet uniek',
  '9338': 'Prestatie niet gerelateerd aan toegewezen product (ToewijzingNummer)',
  '9339': 'ProductCategorie ≠ toewijzing',
  '9340': 'ProductCode ≠ toewijzing',
  '9341': 'Eenheid past niet',
  '9346': 'Eenheid ≠ 83 en IngediendBedrag ≠ GeleverdVolume × (onafgerond) ProductTarief',
  '9347': 'ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein',
  '9349':
    'Het VOW bericht bevat niet alle actuele toegewezen producten van de client, hetzij in OngewijzigdProduct, hetzij in TeWijzigenProduct',
  '9350':
    'OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product op basis van het toewijzingnummer',
  '9351': 'TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing op basis van ToewijzingNummer',
  '9355':
    'ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om toewijzing of verzoek om wijziging',
  '9357':
    'GewensteIngangsdatum is kleiner dan of gelijk aan de dagtekening, maar niet gelijk aan de ingangsdatum van het originele ToegewezenProduct',
  '9359': 'Er is al een toewijzing gestuurd met deze ReferentieAanbieder',
  '9360':
    'Er is al een antwoordbericht met deze ReferentieAanbieder, terwijl antwoordbericht in VerzoekAntwoord waarde 2 (aanvraag in onderzoek) heeft',
  '9361': 'Het product komt vaker voor met overlappende zorgperiodes',
  '9365':
    "Er is al een antwoordbericht met dezelfde ReferentieAanbieder waar VerzoekAntwoord niet de waarde 'Aanvraag in onderzoek' heeft",
  '9366': 'ProductReferentie komt niet voor in een Declaratiebericht',
  '9367': 'De waarde komt niet overeen met de waarde uit heenbericht met gelijke ProductReferentie',
  '9369': 'Som GeleverdVolume past niet binnen Budget',
  '9373': 'Budget is gewijzigd, maar GewensteIngangsdatum is niet gelijk aan die in de actuele toewijzing',
  '9374': 'Er is al een verzoek onderhanden',
  '9375':
    'Omvang is gevuld, terwijl Product in toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of leeg is',
  '9379':
    'ReferentieAanbieder refereert niet naar een verzoek om toewijzing of verzoek om wijziging, is onterecht gevuld',
  '9384': 'Declaratie op toewijzing met RedenWijziging 13',
  '9385': 'Toewijzing heeft goedgekeurde declaratieregels',
  '9387': 'ProductPeriode Begindatum niet 1e van de maand (tenzij Ingangsdatum later)',
  '9388': 'ProductPeriode Einddatum niet laatste van de maand (tenzij Einddatum eerder)',
  '9389': 'Debetprestatie zonder bijbehorende creditprestatie',
  '9390': 'Er is al een Prestatie met gelijke ProductReferentie met Credit',
  '9411': 'Omvang is leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer gevuld is',
  '9412':
    'Omvang is niet leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan 31-12-2020 of leeg is',
  '9413':
    'StatusAanlevering is waarde 1 of 2 en RedenBeeindiging heeft waarde 20, terwijl er al een ander StopProduct met hetzelfde Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging waarde 20 is',
  '9414':
    'Einddatum is niet >= aan Einddatum uit actuele StopProduct met gelijk Bsn, ToewijzingNummer en Begindatum',
  '9415':
    'Er is al een StopProduct met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20 en StatusAanlevering heeft waarde 1 of 2',
  S300: 'Gemeentecode komt niet voor in de lijst van CBS',
  S329: 'ProductCode hoort niet bij de ProductCategorie',
} as const;
export type Retourcode = keyof typeof RETOURCODE;
export const RETOURCODE_CODES = Object.keys(RETOURCODE) as Retourcode[];

export function retourcodeText(code: string): string {
  return (RETOURCODE as Record<string, string>)[code] ?? 'onbekende retourcode';
}

/** ISO 3166 country codes allowed by LDT_LandCode. */
export const LANDCODE_CODES: readonly string[] =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );

/** Taakvelden of the regional arrangement (DESIGN §1). BP is taakgericht: no client-level declarations. */
export const TAAKVELD = {
  BW: 'Beschermd wonen',
  MO: 'Maatschappelijke opvang',
  BWO: 'Overige beschermd wonen en opvang',
  BP: 'Bemoeizorg en OGGz-preventie',
} as const;
export type Taakveld = keyof typeof TAAKVELD;
export const TAAKVELD_CODES = Object.keys(TAAKVELD) as Taakveld[];

/** Default mapping of categories to taakvelden; a region may map product codes differently in region.json. */
export function defaultTaakveld(categorie: string): Taakveld | null {
  switch (categorie) {
    case '15':
      return 'BW';
    case '16':
    case '17':
      return 'MO';
    case '18':
      return 'BWO';
    default:
      return null;
  }
}
