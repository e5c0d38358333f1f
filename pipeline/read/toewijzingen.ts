/** Reads toewijzingen from a WMO301 or a toewijzing CSV into the same records (schemas/iwmo/wmo301.ts). */
import { columnIndex, TOEWIJZING_COLUMNS } from '../../schemas/csv';
import { messageNamespace } from '../../schemas/iwmo/structure';
import {
  type ContactGegevens,
  type Omvang,
  type ToegewezenProduct,
  type ToewijzingBericht,
  type ToewijzingClient,
  type ToewijzingRegel,
  WMO301_ROOT,
} from '../../schemas/iwmo/wmo301';
import type { FindingCollector } from './collector';
import { type CellValues, readCsv } from './csv';
import type { ReadState } from './declaraties';
import type { HeadFacts } from './sniff';
import { type Bag, type BagInfo, readXml } from './xml';

export async function* readToewijzingen(
  text: AsyncIterable<string>,
  facts: Pick<HeadFacts, 'format' | 'delimiter'>,
  findings: FindingCollector,
  state: ReadState,
): AsyncGenerator<ToewijzingRegel[]> {
  if (facts.format === 'wmo301') {
    const xmlState = { lines: 0, fatal: false };
    try {
      yield* readXml(text, WMO301_ROOT, messageNamespace('wmo301'), findings, xmlState, wmo301Bags());
    } finally {
      state.lines = xmlState.lines;
    }
    return;
  }
  const csvState = { lines: 0, badRows: 0, headerFailed: false };
  let seq = 0;
  try {
    yield* readCsv(text, facts.delimiter ?? ';', TOEWIJZING_COLUMNS, findings, csvState, (v, row) =>
      toewijzingRow(v, row, seq++),
    );
  } finally {
    state.lines = csvState.lines;
  }
}

const num = (v: string | undefined): number | null => (v === undefined ? null : Number(v));

function contact(info: BagInfo): ContactGegevens {
  const b = info.bag;
  return {
    path: info.path,
    soort: b.get('Soort') ?? '',
    heeftAdres: hasKeyPrefix(b, 'Adres'),
    heeftHuis: b.has('Adres/Huis/Huisnummer'),
    postcode: b.get('Adres/Postcode') ?? null,
    landCode: b.get('Adres/LandCode') ?? null,
    heeftTelefoon: b.has('Telefoon/Telefoon01/Telefoonnummer'),
    heeftPeriode: hasKeyPrefix(b, 'Periode'),
  };
}

function hasKeyPrefix(b: Bag, prefix: string): boolean {
  for (const k of b.keys()) if (k === prefix || k.startsWith(`${prefix}/`)) return true;
  return false;
}

function wmo301Bags() {
  let bericht: ToewijzingBericht | null = null;
  let client: ToewijzingClient | null = null;
  const contacten: ContactGegevens[] = [];
  const relatieContacten: ContactGegevens[] = [];
  let seq = 0;
  return {
    bags: new Set(['Header', 'Client', 'Contact', 'ToegewezenProduct']),
    lineElement: 'ToegewezenProduct',
    onClose(name: string, bags: ReadonlyMap<string, BagInfo>, emit: (r: ToewijzingRegel) => void) {
      if (name === 'Contact') {
        const info = bags.get('Contact')!;
        (info.path.includes('/Relatie') ? relatieContacten : contacten).push(contact(info));
        return;
      }
      if (name !== 'ToegewezenProduct') return;
      const h = bags.get('Header')?.bag ?? new Map<string, string>();
      const c = bags.get('Client')?.bag ?? new Map<string, string>();
      bericht ??= {
        format: 'wmo301',
        afzender: h.get('Afzender') ?? '',
        ontvanger: h.get('Ontvanger') ?? '',
        identificatie: h.get('BerichtIdentificatie/Identificatie') ?? null,
        dagtekening: h.get('BerichtIdentificatie/Dagtekening') ?? null,
      };
      client ??= {
        bsn: c.get('Bsn') ?? '',
        geboortedatum: c.get('Geboortedatum/Datum') ?? null,
        contacten,
        relatieContacten,
      };
      const info = bags.get('ToegewezenProduct')!;
      const b = info.bag;
      const volume = b.get('Omvang/Volume');
      const omvang: Omvang | null =
        volume === undefined
          ? null
          : {
              volume: Number(volume),
              eenheid: b.get('Omvang/Eenheid') ?? '',
              frequentie: b.get('Omvang/Frequentie') ?? '',
            };
      const product: ToegewezenProduct = {
        seq: seq++,
        at: { kind: 'xml', client: 1, item: info.index, line: info.line },
        bsn: client.bsn,
        toewijzingNummer: Number(b.get('ToewijzingNummer')),
        referentieAanbieder: b.get('ReferentieAanbieder') ?? null,
        productCategorie: b.get('Product/Categorie') ?? null,
        productCode: b.get('Product/Code') ?? null,
        toewijzingsdatum: b.get('Toewijzingsdatum') ?? '',
        toewijzingstijd: b.get('Toewijzingstijd') ?? null,
        ingangsdatum: b.get('Ingangsdatum') ?? '',
        einddatum: b.get('Einddatum') ?? null,
        redenWijziging: b.get('RedenWijziging') ?? null,
        omvang,
        budget: num(b.get('Budget')),
        herkomstgemeente: null,
      };
      emit({ bericht, client, product });
    },
  };
}

const C = columnIndex(TOEWIJZING_COLUMNS);

function toewijzingRow(v: CellValues, row: number, seq: number): ToewijzingRegel {
  const volume = v[C.Volume] as number | null;
  const eenheid = v[C.Eenheid] as string | null;
  const frequentie = v[C.Frequentie] as string | null;
  const omvang: Omvang | null =
    volume === null && eenheid === null && frequentie === null
      ? null
      : { volume: volume ?? Number.NaN, eenheid: eenheid ?? '', frequentie: frequentie ?? '' };
  const product: ToegewezenProduct = {
    seq,
    at: { kind: 'csv', row },
    bsn: v[C.Bsn] as string,
    toewijzingNummer: v[C.ToewijzingNummer] as number,
    referentieAanbieder: v[C.ReferentieAanbieder] as string | null,
    productCategorie: v[C.ProductCategorie] as string | null,
    productCode: v[C.ProductCode] as string | null,
    toewijzingsdatum: v[C.Toewijzingsdatum] as string,
    toewijzingstijd: v[C.Toewijzingstijd] as string | null,
    ingangsdatum: v[C.Ingangsdatum] as string,
    einddatum: v[C.Einddatum] as string | null,
    redenWijziging: v[C.RedenWijziging] as string | null,
    omvang,
    budget: v[C.Budget] as number | null,
    herkomstgemeente: v[C.Herkomstgemeente] as string | null,
  };
  const bericht: ToewijzingBericht = {
    format: 'csv',
    afzender: v[C.Gemeente] as string,
    ontvanger: v[C.AgbCode] as string,
    identificatie: null,
    dagtekening: null,
  };
  return { bericht, client: null, product };
}
