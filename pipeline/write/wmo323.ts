/** Writes WMO323 declarations (XML) from records: for examples, the generator and tests. */
import { messageNamespace } from '../../schemas/iwmo/structure';
import {
  type DeclaratieKop,
  type Prestatie,
  WMO323_BERICHTCODE,
  WMO323_ROOT,
} from '../../schemas/iwmo/wmo323';
import {
  childDef,
  closeTag,
  openTag,
  type Prefixes,
  renderChildrenBefore,
  renderElement,
  type XmlObject,
  xmlDeclarationAndRoot,
} from './xml';

export interface Wmo323Message {
  readonly afzender: string;
  readonly ontvanger: string;
  readonly identificatie: string;
  readonly dagtekening: string;
  readonly kop: DeclaratieKop;
  /** Prestaties grouped per client, in order. */
  readonly clienten: readonly {
    readonly bsn: string;
    readonly prestaties: readonly Omit<Prestatie, 'seq' | 'at' | 'bsn'>[];
  }[];
}

const P: Prefixes = { msg: 'wmo323', basis: 'iwmo' };
const header = childDef(WMO323_ROOT, 'Header');
const declaratie = childDef(WMO323_ROOT, 'Declaratie');

export function prestatieValue(p: Omit<Prestatie, 'seq' | 'at' | 'bsn'>): XmlObject {
  return {
    ProductReferentie: {
      ReferentieNummer: p.referentieNummer,
      VorigReferentieNummer: p.vorigReferentieNummer,
    },
    ToewijzingNummer: p.toewijzingNummer,
    ProductCategorie: p.productCategorie,
    ProductCode: p.productCode,
    ProductPeriode: { Begindatum: p.begin, Einddatum: p.eind },
    GeleverdVolume: p.volume,
    Eenheid: p.eenheid,
    ProductTarief: p.tarief,
    IngediendBedrag: { Bedrag: p.bedrag, DebetCredit: p.debetCredit },
  };
}

/** The message in pieces (one per client), so a 25 MB message never needs to be one string. */
export function* renderWmo323(m: Wmo323Message): Generator<string> {
  yield xmlDeclarationAndRoot('Bericht', P.msg, messageNamespace('wmo323'));
  yield renderElement(
    header,
    {
      BerichtCode: WMO323_BERICHTCODE,
      BerichtVersie: 3,
      BerichtSubversie: 2,
      Afzender: m.afzender,
      Ontvanger: m.ontvanger,
      BerichtIdentificatie: { Identificatie: m.identificatie, Dagtekening: m.dagtekening },
      XsdVersie: { BasisschemaXsdVersie: '1.0.0', BerichtXsdVersie: '1.0.0' },
    },
    P,
    '\t',
  );
  const k = m.kop;
  const kopValue: XmlObject = {
    DeclaratieNummer: k.declaratieNummer,
    DeclaratiePeriode: { Begindatum: k.periodeBegin, Einddatum: k.periodeEind },
    DeclaratieDagtekening: k.dagtekening,
    TotaalIngediendBedrag: { TotaalBedrag: k.totaalBedrag, DebetCredit: k.totaalDebetCredit },
  };
  const clienten = childDef(declaratie, 'Clienten');
  const client = childDef(clienten, 'Client');
  yield openTag(declaratie, P, '\t') +
    renderChildrenBefore(declaratie, kopValue, 'Clienten', P, '\t\t') +
    openTag(clienten, P, '\t\t');
  for (const c of m.clienten) {
    yield renderElement(
      client,
      { Bsn: c.bsn, Prestaties: { Prestatie: c.prestaties.map(prestatieValue) } },
      P,
      '\t\t\t',
    );
  }
  yield `${closeTag(clienten, P, '\t\t')}${closeTag(declaratie, P, '\t')}</wmo323:Bericht>\n`;
}

export function wmo323Xml(m: Wmo323Message): string {
  return [...renderWmo323(m)].join('');
}
