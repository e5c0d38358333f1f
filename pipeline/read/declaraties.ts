/** Reads declaration lines from a WMO323 or a declaratie CSV into the same records (schemas/iwmo/wmo323.ts). */
import { columnIndex, DECLARATIE_COLUMNS } from '../../schemas/csv';
import type { DebetCredit } from '../../schemas/iwmo/codelists';
import { messageNamespace } from '../../schemas/iwmo/structure';
import {
  type DeclaratieBericht,
  type DeclaratieKop,
  type DeclaratieRegel,
  type Prestatie,
  WMO323_ROOT,
} from '../../schemas/iwmo/wmo323';
import { detach } from '../text';
import type { FindingCollector } from './collector';
import { type CellValues, readCsv } from './csv';
import type { HeadFacts } from './sniff';
import { type BagInfo, readXml } from './xml';

/** ReferentieNummers outlive their line (keys of rules, the report): copy them out of the parser's chunk. */
const detachOrNull = (s: string | null): string | null => (s === null ? null : detach(s));

export interface ReadState {
  /** Lines read: prestaties, toegewezen producten or CSV data rows. */
  lines: number;
}

export async function* readDeclaraties(
  text: AsyncIterable<string>,
  facts: Pick<HeadFacts, 'format' | 'delimiter'>,
  findings: FindingCollector,
  state: ReadState,
): AsyncGenerator<DeclaratieRegel[]> {
  if (facts.format === 'wmo323') {
    const xmlState = { lines: 0, fatal: false };
    try {
      yield* readXml(text, WMO323_ROOT, messageNamespace('wmo323'), findings, xmlState, wmo323Bags());
    } finally {
      state.lines = xmlState.lines;
    }
    return;
  }
  const csvState = { lines: 0, badRows: 0, headerFailed: false };
  let seq = 0;
  const toRegel = declaratieRowMapper();
  try {
    yield* readCsv(text, facts.delimiter ?? ';', DECLARATIE_COLUMNS, findings, csvState, (v, row) =>
      toRegel(v, row, seq++),
    );
  } finally {
    state.lines = csvState.lines;
  }
}

function wmo323Bags() {
  let bericht: DeclaratieBericht | null = null;
  let kop: DeclaratieKop | null = null;
  let seq = 0;
  return {
    bags: new Set(['Header', 'Declaratie', 'Client', 'Prestatie']),
    lineElement: 'Prestatie',
    onClose(name: string, bags: ReadonlyMap<string, BagInfo>, emit: (r: DeclaratieRegel) => void) {
      if (name !== 'Prestatie') return;
      const h = bags.get('Header')?.bag ?? new Map<string, string>();
      const d = bags.get('Declaratie')?.bag ?? new Map<string, string>();
      const client = bags.get('Client');
      const p = bags.get('Prestatie')!;
      bericht ??= {
        format: 'wmo323',
        afzender: h.get('Afzender') ?? '',
        ontvanger: h.get('Ontvanger') ?? '',
        identificatie: h.get('BerichtIdentificatie/Identificatie') ?? null,
        dagtekening: h.get('BerichtIdentificatie/Dagtekening') ?? null,
        xsdVersie: {
          basisschema: h.get('XsdVersie/BasisschemaXsdVersie') ?? '1.0.0',
          bericht: h.get('XsdVersie/BerichtXsdVersie') ?? '1.0.0',
        },
      };
      kop ??= {
        declaratieNummer: d.get('DeclaratieNummer') ?? '',
        periodeBegin: d.get('DeclaratiePeriode/Begindatum') ?? '',
        periodeEind: d.get('DeclaratiePeriode/Einddatum') ?? '',
        dagtekening: d.get('DeclaratieDagtekening') ?? '',
        totaalBedrag: Number(d.get('TotaalIngediendBedrag/TotaalBedrag')),
        totaalDebetCredit: (d.get('TotaalIngediendBedrag/DebetCredit') ?? 'D') as DebetCredit,
      };
      const b = p.bag;
      const tarief = b.get('ProductTarief');
      const prestatie: Prestatie = {
        seq: seq++,
        at: { kind: 'xml', client: client?.index ?? 0, item: p.index, line: p.line },
        bsn: client?.bag.get('Bsn') ?? '',
        referentieNummer: detach(b.get('ProductReferentie/ReferentieNummer') ?? ''),
        vorigReferentieNummer: detachOrNull(b.get('ProductReferentie/VorigReferentieNummer') ?? null),
        toewijzingNummer: Number(b.get('ToewijzingNummer')),
        productCategorie: b.get('ProductCategorie') ?? '',
        productCode: b.get('ProductCode') ?? '',
        begin: b.get('ProductPeriode/Begindatum') ?? '',
        eind: b.get('ProductPeriode/Einddatum') ?? '',
        volume: Number(b.get('GeleverdVolume')),
        eenheid: b.get('Eenheid') ?? '',
        tarief: tarief === undefined ? null : Number(tarief),
        bedrag: Number(b.get('IngediendBedrag/Bedrag')),
        debetCredit: (b.get('IngediendBedrag/DebetCredit') ?? 'D') as DebetCredit,
      };
      emit({ bericht, kop, prestatie });
    },
  };
}

const C = columnIndex(DECLARATIE_COLUMNS);

/** Maps parsed CSV values (DECLARATIE_COLUMNS order) to records, sharing header and kop objects between rows. */
function declaratieRowMapper() {
  let bericht: DeclaratieBericht | null = null;
  let kop: DeclaratieKop | null = null;
  return (v: CellValues, row: number, seq: number): DeclaratieRegel => {
    const afzender = v[C.Afzender] as string;
    const ontvanger = v[C.Ontvanger] as string;
    if (!bericht || bericht.afzender !== afzender || bericht.ontvanger !== ontvanger) {
      bericht = { format: 'csv', afzender, ontvanger, identificatie: null, dagtekening: null };
    }
    const declaratieNummer = v[C.DeclaratieNummer] as string;
    const dagtekening = v[C.DeclaratieDagtekening] as string;
    const periodeBegin = v[C.DeclaratiePeriodeBegindatum] as string;
    const periodeEind = v[C.DeclaratiePeriodeEinddatum] as string;
    const totaalBedrag = v[C.TotaalIngediendBedrag] as number;
    const totaalDebetCredit = v[C.TotaalDebetCredit] as DebetCredit;
    if (
      !kop ||
      kop.declaratieNummer !== declaratieNummer ||
      kop.dagtekening !== dagtekening ||
      kop.periodeBegin !== periodeBegin ||
      kop.periodeEind !== periodeEind ||
      kop.totaalBedrag !== totaalBedrag ||
      kop.totaalDebetCredit !== totaalDebetCredit
    ) {
      kop = { declaratieNummer, dagtekening, periodeBegin, periodeEind, totaalBedrag, totaalDebetCredit };
    }
    const prestatie: Prestatie = {
      seq,
      at: { kind: 'csv', row },
      bsn: v[C.Bsn] as string,
      referentieNummer: detach(v[C.ReferentieNummer] as string),
      vorigReferentieNummer: detachOrNull(v[C.VorigReferentieNummer] as string | null),
      toewijzingNummer: v[C.ToewijzingNummer] as number,
      productCategorie: v[C.ProductCategorie] as string,
      productCode: v[C.ProductCode] as string,
      begin: v[C.ProductPeriodeBegindatum] as string,
      eind: v[C.ProductPeriodeEinddatum] as string,
      volume: v[C.GeleverdVolume] as number,
      eenheid: v[C.Eenheid] as string,
      tarief: v[C.ProductTarief] as number | null,
      bedrag: v[C.IngediendBedrag] as number,
      debetCredit: v[C.DebetCredit] as DebetCredit,
    };
    return { bericht, kop, prestatie };
  };
}
