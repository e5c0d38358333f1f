/** Writes WMO301 toewijzingen (XML) from records: for examples, the generator and tests. */
import { messageNamespace } from '../../schemas/iwmo/structure';
import { type ToegewezenProduct, WMO301_BERICHTCODE, WMO301_ROOT } from '../../schemas/iwmo/wmo301';
import { childDef, type Prefixes, renderElement, xmlDeclarationAndRoot } from './xml';

/** The client data a WMO301 requires; the generator makes these up (synthetic people only). */
export interface Wmo301Client {
  readonly bsn: string;
  readonly geboortedatum: string;
  readonly geslacht: '0' | '1' | '2';
  readonly achternaam: string;
  readonly voorletters: string;
  readonly postcode: string;
  readonly huisnummer: number;
  readonly straat: string;
  readonly plaats: string;
}

export interface Wmo301Message {
  readonly afzender: string;
  readonly ontvanger: string;
  readonly identificatie: string;
  readonly dagtekening: string;
  readonly client: Wmo301Client;
  readonly producten: readonly Omit<ToegewezenProduct, 'seq' | 'at' | 'bsn' | 'herkomstgemeente'>[];
}

const P: Prefixes = { msg: 'wmo301', basis: 'iwmo' };

export function wmo301Xml(m: Wmo301Message): string {
  const c = m.client;
  return (
    xmlDeclarationAndRoot('Bericht', P.msg, messageNamespace('wmo301')) +
    renderElement(
      childDef(WMO301_ROOT, 'Header'),
      {
        BerichtCode: WMO301_BERICHTCODE,
        BerichtVersie: 3,
        BerichtSubversie: 2,
        Afzender: m.afzender,
        Ontvanger: m.ontvanger,
        BerichtIdentificatie: { Identificatie: m.identificatie, Dagtekening: m.dagtekening },
        XsdVersie: { BasisschemaXsdVersie: '1.0.0', BerichtXsdVersie: '1.0.0' },
      },
      P,
      '\t',
    ) +
    renderElement(
      childDef(WMO301_ROOT, 'Client'),
      {
        Bsn: c.bsn,
        Geboortedatum: { Datum: c.geboortedatum },
        Geslacht: c.geslacht,
        Naam: { Geslachtsnaam: { Achternaam: c.achternaam }, Voorletters: c.voorletters, NaamGebruik: '1' },
        Contactgegevens: {
          Contact: [
            {
              Soort: '01',
              Adres: {
                Huis: { Huisnummer: c.huisnummer },
                Postcode: c.postcode,
                Straatnaam: c.straat,
                Plaatsnaam: c.plaats,
                LandCode: 'NL',
              },
            },
          ],
        },
        ToegewezenProducten: {
          ToegewezenProduct: m.producten.map((p) => ({
            ToewijzingNummer: p.toewijzingNummer,
            ReferentieAanbieder: p.referentieAanbieder,
            Product:
              p.productCategorie === null ? null : { Categorie: p.productCategorie, Code: p.productCode },
            Toewijzingsdatum: p.toewijzingsdatum,
            Toewijzingstijd: p.toewijzingstijd ?? '12:00:00',
            Ingangsdatum: p.ingangsdatum,
            Einddatum: p.einddatum,
            RedenWijziging: p.redenWijziging,
            Omvang: p.omvang
              ? { Volume: p.omvang.volume, Eenheid: p.omvang.eenheid, Frequentie: p.omvang.frequentie }
              : null,
            Budget: p.budget,
          })),
        },
      },
      P,
      '\t',
    ) +
    '</wmo301:Bericht>\n'
  );
}
