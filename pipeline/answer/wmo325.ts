/**
 * The declaratie-antwoord (WMO325) for a WMO323, written while streaming the 323 once more: header with 0200,
 * 0001 (level 2) or the message-level code; DeclaratieAntwoord with 8001, 0200 or the declaration-level code and
 * the totals; only clients with rejected prestaties, and only the rejected prestaties with their retourcodes.
 */
import { messageNamespace } from '../../schemas/iwmo/structure';
import type { DeclaratieRegel } from '../../schemas/iwmo/wmo323';
import { WMO325_BERICHTCODE, WMO325_ROOT } from '../../schemas/iwmo/wmo325';
import type { DeclaratieOutcome } from '../report/results';
import { prestatieValue } from '../write/wmo323';
import {
  childDef,
  closeTag,
  openTag,
  type Prefixes,
  renderChildrenBefore,
  renderElement,
  type XmlObject,
  xmlDeclarationAndRoot,
} from '../write/xml';

const P: Prefixes = { msg: 'wmo325', basis: 'iwmo' };
const header = childDef(WMO325_ROOT, 'Header');
const antwoord = childDef(WMO325_ROOT, 'DeclaratieAntwoord');
const clienten = childDef(antwoord, 'Clienten');
const clientDef = childDef(clienten, 'Client');

const totaal = (cents: number) => ({ TotaalBedrag: Math.abs(cents), DebetCredit: cents < 0 ? 'C' : 'D' });

export interface AnswerHeader {
  /** Identificatie of this answer: unique per sender, derived from the 323's file id. */
  readonly identificatie: string;
  /** Receipt date of the 323 (the answer's Dagtekening is the day it was received, as "now" for the file). */
  readonly dagtekening: string;
}

/** Renders the answer in pieces; `lines` streams the 323's records again, in order. */
export async function* renderWmo325(
  h: AnswerHeader,
  outcome: DeclaratieOutcome,
  lines: AsyncIterable<DeclaratieRegel[]>,
): AsyncGenerator<string> {
  let first: DeclaratieRegel | null = null;
  let index = 0;
  let client: { bsn: string; at: number; prestaties: XmlObject[] } | null = null;
  let openedClienten = false;
  let pending = '';
  const flushClient = () => {
    if (!client || client.prestaties.length === 0) return;
    if (!openedClienten) {
      pending += openTag(clienten, P, '\t\t');
      openedClienten = true;
    }
    pending += renderElement(
      clientDef,
      {
        Bsn: client.bsn,
        Prestaties: { Prestatie: client.prestaties },
        RetourCodes: { RetourCode: ['0200'] },
      },
      P,
      '\t\t\t',
    );
  };
  const listLines = !outcome.failedInMessage && !outcome.rejectedWhole;
  for await (const batch of lines) {
    for (const r of batch) {
      if (!first) {
        first = r;
        yield xmlDeclarationAndRoot('Bericht', P.msg, messageNamespace('wmo325')) +
          renderHeader(h, r, outcome);
        if (outcome.failedInMessage) break;
        yield openTag(antwoord, P, '\t') +
          renderChildrenBefore(
            antwoord,
            {
              DeclaratieNummer: outcome.declaratieNummer,
              TotaalIngediendBedrag: totaal(outcome.totaalIngediend),
              TotaalToegekendBedrag: totaal(outcome.totaalToegekend),
            },
            'Clienten',
            P,
            '\t\t',
          );
      }
      const i = index++;
      if (!listLines) continue;
      const at = r.prestatie.at.kind === 'xml' ? r.prestatie.at.client : i;
      if (!client || client.at !== at) {
        flushClient();
        client = { bsn: r.prestatie.bsn, at, prestaties: [] };
      }
      const codes = outcome.codesOf(i);
      if (codes)
        client.prestaties.push({ ...prestatieValue(r.prestatie), RetourCodes: { RetourCode: codes } });
    }
    if (pending) {
      yield pending;
      pending = '';
    }
    if (outcome.failedInMessage && first) break;
  }
  if (!first) throw new Error('een WMO325 beantwoordt een declaratie met ten minste één prestatie');
  if (outcome.failedInMessage) {
    yield '</wmo325:Bericht>\n';
    return;
  }
  flushClient();
  if (openedClienten) pending += closeTag(clienten, P, '\t\t');
  const codes = outcome.rejectedWhole && outcome.headerCode !== '0200' ? ['0233'] : outcome.retourcodes;
  yield `${pending}${renderElement(childDef(antwoord, 'RetourCodes'), { RetourCode: codes }, P, '\t\t')}${closeTag(antwoord, P, '\t')}</wmo325:Bericht>\n`;
}

function renderHeader(h: AnswerHeader, r: DeclaratieRegel, outcome: DeclaratieOutcome): string {
  const xsd = r.bericht.xsdVersie ?? { basisschema: '1.0.0', bericht: '1.0.0' };
  return renderElement(
    header,
    {
      BerichtCode: WMO325_BERICHTCODE,
      BerichtVersie: 3,
      BerichtSubversie: 2,
      Afzender: r.bericht.ontvanger,
      Ontvanger: r.bericht.afzender,
      BerichtIdentificatie: { Identificatie: h.identificatie, Dagtekening: h.dagtekening },
      XsdVersie: { BasisschemaXsdVersie: '1.0.0', BerichtXsdVersie: '1.0.0' },
      DeclaratieIdentificatie: {
        Identificatie: r.bericht.identificatie ?? outcome.declaratieNummer,
        Dagtekening: r.bericht.dagtekening ?? r.kop.dagtekening,
      },
      XsdVersieDeclaratie: { BasisschemaXsdVersie: xsd.basisschema, BerichtXsdVersie: xsd.bericht },
      // A message rejected whole carries all its message-level codes; otherwise 0200 or 0001.
      RetourCodes: {
        RetourCode:
          outcome.rejectedWhole && outcome.headerCode !== '0200' ? outcome.retourcodes : [outcome.headerCode],
      },
    },
    P,
    '\t',
  );
}
