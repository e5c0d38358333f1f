/**
 * Large valid files for benchmarks: a declaratie CSV of N lines and a WMO323 of about a given size, written as a
 * stream. Lines are realistic BW etmaal prestaties at one tariff; every line has its own ToewijzingNummer.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { csvText, declaratieCsvRow, toewijzingCsvRow } from '../../pipeline/write/csv';
import { renderWmo323 } from '../../pipeline/write/wmo323';
import { DECLARATIE_COLUMNS, TOEWIJZING_COLUMNS } from '../../schemas/csv';
import type { DeclaratieKop } from '../../schemas/iwmo/wmo323';
import { testBsn } from './bsn';
import type { GenPrestatie } from './generate';

const AGB = '12340001';
const GEMEENTE = '0983';
const TARIEF = 10950;

/** A whole March in etmalen on the line's own toewijzing; volumes vary a little (care is not always daily). */
function line(i: number): GenPrestatie {
  const days = 28 + (i % 4);
  const eind = '2021-03-31';
  return {
    bsn: testBsn(i),
    referentieNummer: `R${String(i).padStart(12, '0')}`,
    vorigReferentieNummer: null,
    toewijzingNummer: 1_000_000 + i,
    productCategorie: '15',
    productCode: '15A02',
    begin: '2021-03-01',
    eind,
    volume: days,
    eenheid: '14',
    tarief: TARIEF,
    bedrag: days * TARIEF,
    debetCredit: 'D',
  };
}

function kop(nummer: string, total: number): DeclaratieKop {
  return {
    declaratieNummer: nummer,
    periodeBegin: '2021-03-01',
    periodeEind: '2021-03-31',
    dagtekening: '2021-04-05',
    totaalBedrag: total,
    totaalDebetCredit: 'D',
  };
}

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** A CSV of `lines` prestaties in declarations of `perDeclaratie` lines each. */
export async function writeLargeDeclaratieCsv(
  path: string,
  lines: number,
  perDeclaratie = 10_000,
): Promise<void> {
  const out = createWriteStream(path);
  await write(out, `${DECLARATIE_COLUMNS.map((c) => c.name).join(';')}\n`);
  for (let start = 0; start < lines; start += perDeclaratie) {
    const end = Math.min(lines, start + perDeclaratie);
    const prestaties = Array.from({ length: end - start }, (_, k) => line(start + k));
    const total = prestaties.reduce((s, p) => s + p.bedrag, 0);
    const k = kop(`D${String(start / perDeclaratie).padStart(6, '0')}`, total);
    const rows = prestaties.map((p) => declaratieCsvRow({ afzender: AGB, ontvanger: GEMEENTE }, k, p));
    await write(out, csvText(DECLARATIE_COLUMNS, rows).split('\n').slice(1).join('\n'));
  }
  out.end();
  await once(out, 'finish');
}

/**
 * A WMO323 of roughly `bytes` bytes (one declaration). Each client is listed once, with all its prestaties (TR101):
 * the test BSNs run out after about 9,000 clients, so a large message has several prestaties per client.
 */
export async function writeLargeWmo323(path: string, bytes: number): Promise<number> {
  const message = (prestaties: GenPrestatie[]) => {
    const byClient = new Map<string, GenPrestatie[]>();
    for (const p of prestaties) {
      const ps = byClient.get(p.bsn);
      if (ps) ps.push(p);
      else byClient.set(p.bsn, [p]);
    }
    return renderWmo323({
      afzender: AGB,
      ontvanger: GEMEENTE,
      identificatie: 'BENCH1',
      dagtekening: '2021-04-05',
      kop: kop(
        'BENCH1',
        prestaties.reduce((s, p) => s + p.bedrag, 0),
      ),
      clienten: [...byClient].map(([bsn, ps]) => ({ bsn, prestaties: ps })),
    });
  };
  const size = (prestaties: GenPrestatie[]) => {
    let n = 0;
    for (const piece of message(prestaties)) n += Buffer.byteLength(piece);
    return n;
  };
  // Bytes per prestatie, measured on a sample as large as the message: how many fit in `bytes`.
  const sample = Array.from({ length: 20_000 }, (_, i) => line(i));
  const count = Math.floor((bytes / size(sample)) * sample.length);
  const out = createWriteStream(path);
  for (const piece of message(Array.from({ length: count }, (_, i) => line(i)))) {
    await write(out, piece);
  }
  out.end();
  await once(out, 'finish');
  return count;
}

/** The toewijzingen the lines of writeLargeDeclaratieCsv refer to (one per line; sender 0983). */
export async function writeLargeToewijzingCsv(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  await write(out, `${TOEWIJZING_COLUMNS.map((c) => c.name).join(';')}\n`);
  for (let start = 0; start < lines; start += 10_000) {
    const rows: string[] = [];
    for (let i = start; i < Math.min(lines, start + 10_000); i++) {
      rows.push(
        toewijzingCsvRow(GEMEENTE, AGB, {
          bsn: testBsn(i),
          toewijzingNummer: 1_000_000 + i,
          referentieAanbieder: null,
          productCategorie: '15',
          productCode: '15A02',
          toewijzingsdatum: '2020-12-15',
          toewijzingstijd: '10:00:00',
          ingangsdatum: '2021-01-01',
          einddatum: '2025-12-31',
          redenWijziging: null,
          omvang: { volume: 7, eenheid: '14', frequentie: '2' },
          budget: null,
          herkomstgemeente: '0988',
        })
          .map((v) => v ?? '')
          .join(';'),
      );
    }
    await write(out, `${rows.join('\n')}\n`);
  }
  out.end();
  await once(out, 'finish');
}
