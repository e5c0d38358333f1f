/**
 * The settlement from stored data, through the real ingest on dynalite: statements stored immutably (blob first, index
 * item last), the same inputs giving the same version back, changed inputs a new version with the difference
 * explained, the year-end close, and a late credit for a closed year ending up as a post-calculation in the next
 * year's statement while the closed statement stays byte-identical. Also: a crash between blob and index leaves no
 * half version.
 *
 * Data (NML): Venlo (0983, Noord-Limburg BW pool) sends toewijzing 5001 for a Venlo client, 15A02 per etmaal at the
 * 2021 contract tariff of 10,950 cents. March 2021 (31 days) = 339,450; April 2021 (30 days) = 328,500.
 */
import type { ItemStore } from '../../pipeline/ports';
import { computeSettlement, runSettlement, SettleInputError } from '../../pipeline/settle/run';
import {
  listVersies,
  readBlob,
  readStatement,
  statementBlobKey,
  statementBytes,
  VEREVENING_PK,
  writeStatement,
} from '../../pipeline/settle/store';
import { forwarding } from '../helpers/faults';
import { credit, declaratieCsv, line } from '../helpers/scenario';
import { provisional, TW_VENLO, uploadToewijzingen, uploadVenloMarch } from '../helpers/settle';
import { type Stack, startStack } from '../helpers/stack';

const MAART = line('2021-03', 'R1');
const at = (iso: string) => new Date(iso);

describe('settlement versions and the year-end close, end to end through ingest', () => {
  let stack: Stack;
  let decl1: string;
  let decl2: string;
  let decl3: string;

  beforeAll(async () => {
    stack = await startStack();
    await uploadToewijzingen(stack, TW_VENLO);
    decl1 = (
      await stack.upload(
        '0983',
        'd-2021-03.csv',
        declaratieCsv({ nummer: 'D1', maand: '2021-03', lines: [MAART] }),
        at('2021-04-10T09:00:00Z'),
      )
    ).report.fileId as string;
  });
  afterAll(() => stack.close());

  const noord = (s: { regelingen: readonly { naam: string }[] }) =>
    s.regelingen[0] as import('../../pipeline/settle/types').SchemeStatement;

  it('stores version 1: the blob under exports/verevening and a small index item', async () => {
    const r = await provisional(stack.deps, 2021, '2021-06', '2021-07-15');
    expect(r.opslag).toBe('nieuw');
    expect(r.versie).toBe(1);
    expect(r.status).toBe('voorlopig');
    const venlo = noord(r.overzicht).regels.find((l) => l.gemeente === '0983');
    // 339,450 known up to June, projected × 12 / 6.
    expect(venlo).toMatchObject({ zorgkostenTotDatum: 339_450, eigenZorgkosten: 678_900 });
    expect(noord(r.overzicht).herleiding).toEqual([
      { gemeente: '0983', maand: '2021-03', bedrag: 339_450, waarvanOvergang: 0, bestanden: [decl1] },
    ]);
    const [item] = await listVersies(stack.store, 2021);
    expect(item).toMatchObject({
      pk: VEREVENING_PK,
      sk: 'JAAR#2021#VERSIE#000001',
      versie: 1,
      status: 'voorlopig',
      invoerHash: r.invoerHash,
      totEnMetMaand: '2021-06',
      bestand: statementBlobKey(2021, 1),
    });
    expect(item.bestand).toBe('exports/verevening/2021/v1.json');
    const bytes = await readBlob(stack.blobs, item.bestand);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(r.overzicht);
    expect(JSON.stringify(item).length).toBeLessThan(4_000);
  });

  it('a year without a single cost month says so (the statement holds the budgets only)', async () => {
    const r = await computeSettlement(stack.deps, {
      jaar: 2022,
      totMaand: '2022-06',
      vandaag: at('2022-07-15T00:00:00Z'),
    });
    expect(r.melding).toBe(
      'Voor 2022 zijn nog geen kosten verwerkt: dit overzicht bevat alleen de inleg uit de budgetten.',
    );
    const known = await computeSettlement(stack.deps, {
      jaar: 2021,
      totMaand: '2021-06',
      vandaag: at('2021-07-15T00:00:00Z'),
    });
    expect(known.melding).toBeNull();
  });

  it('the same inputs give the same stored version back and write nothing', async () => {
    const before = await stack.dump();
    const r = await provisional(stack.deps, 2021, '2021-06', '2021-08-01');
    expect(r.opslag).toBe('bestaand');
    expect(r.versie).toBe(1);
    expect(await stack.dump()).toEqual(before);
    expect(await stack.blobs.list('exports/verevening/')).toEqual(['exports/verevening/2021/v1.json']);
  });

  it('changed inputs give version 2 with the difference explained', async () => {
    decl2 = (
      await stack.upload(
        '0983',
        'd-2021-04.csv',
        declaratieCsv({ nummer: 'D2', maand: '2021-04', lines: [line('2021-04', 'R2')] }),
        at('2021-05-10T09:00:00Z'),
      )
    ).report.fileId as string;
    const r = await provisional(stack.deps, 2021, '2021-06', '2021-07-20');
    expect(r.opslag).toBe('nieuw');
    expect(r.versie).toBe(2);
    expect(r.overzicht.vorigeVersie).toMatchObject({ versie: 1, status: 'voorlopig' });
    expect(r.overzicht.verschillen?.bestandenToegevoegd).toHaveLength(1);
    expect(r.overzicht.verschillen?.posten).toContainEqual({
      onderdeel: 'regeling "Noord-Limburg BW (2021, zonder Gennep)".0983.eigenZorgkosten',
      van: 678_900,
      naar: (339_450 + 328_500) * 2,
      verschil: 328_500 * 2,
    });
    expect(r.overzicht.verschillen?.samenvatting.join(' ')).toContain('0983 Venlo, eigen zorgkosten');
    expect((await listVersies(stack.store, 2021)).map((v) => v.versie)).toEqual([1, 2]);
    expect(r.index?.samenvatting.length).toBeGreaterThan(0);
    expect(decl2).not.toBe(decl1);
  });

  it('a reader computes without storing; an earlier set of inputs gives its stored version back', async () => {
    const berekend = await computeSettlement(stack.deps, {
      jaar: 2021,
      totMaand: '2021-05',
      vandaag: at('2021-07-20'),
    });
    expect(berekend.opslag).toBe('berekend');
    expect(berekend.versie).toBe(3);
    const opgeslagen = await computeSettlement(stack.deps, { jaar: 2021, vandaag: at('2021-07-20') });
    expect(opgeslagen).toMatchObject({ opslag: 'bestaand', versie: 2 });
    expect((await listVersies(stack.store, 2021)).map((v) => v.versie)).toEqual([1, 2]);
  });

  it('closing needs the whole year, and a year that is over', async () => {
    await expect(
      runSettlement(stack.deps, { jaar: 2021, totMaand: '2021-12', sluit: true, vandaag: at('2022-01-20') }),
    ).rejects.toThrow(SettleInputError);
    await expect(
      runSettlement(stack.deps, { jaar: 2021, sluit: true, vandaag: at('2021-12-31') }),
    ).rejects.toThrow('2021 is nog niet voorbij');
    await expect(
      runSettlement(stack.deps, { jaar: 2021, totMaand: '2022-01', sluit: false, vandaag: at('2022-01-20') }),
    ).rejects.toThrow('tot moet een maand binnen 2021 zijn');
  });

  let gesloten: Buffer;

  it('--sluit makes the final statement, version 3, which freezes the year', async () => {
    const r = await runSettlement(stack.deps, { jaar: 2021, sluit: true, vandaag: at('2022-01-20') });
    expect(r).toMatchObject({ opslag: 'nieuw', versie: 3, status: 'definitief' });
    expect(r.overzicht.kop).toMatch(/^Definitief/);
    expect(r.overzicht.verschillen?.samenvatting[0]).toBe('Status: voorlopig → definitief.');
    gesloten = await readBlob(stack.blobs, statementBlobKey(2021, 3));
    // Asking again, provisional or final, gives the final statement unchanged.
    for (const again of [
      await runSettlement(stack.deps, { jaar: 2021, sluit: true, vandaag: at('2022-02-01') }),
      await provisional(stack.deps, 2021, '2021-10', '2022-02-01'),
    ]) {
      expect(again).toMatchObject({ opslag: 'bestaand', versie: 3, status: 'definitief' });
      expect(again.melding).toContain('definitief afgesloten');
    }
  });

  it('a late credit for the closed year becomes a post-calculation in 2022; the closed statement is byte-identical', async () => {
    decl3 = (
      await stack.upload(
        '0983',
        'd-2022-02.csv',
        declaratieCsv({
          nummer: 'D3',
          maand: '2022-02',
          lines: [line('2022-02', 'R3'), credit(MAART, 'R4')],
        }),
        at('2022-03-10T09:00:00Z'),
      )
    ).report.fileId as string;
    const closedAgain = await runSettlement(stack.deps, {
      jaar: 2021,
      sluit: false,
      vandaag: at('2022-03-15'),
    });
    expect(closedAgain).toMatchObject({ opslag: 'bestaand', versie: 3 });
    expect(closedAgain.melding).toContain('nacalculatie');

    const r = await provisional(stack.deps, 2022, '2022-02', '2022-03-15');
    expect(r).toMatchObject({ opslag: 'nieuw', versie: 1, status: 'voorlopig' });
    expect(r.overzicht.nacalculaties).toHaveLength(1);
    const n = r.overzicht.nacalculaties[0];
    expect(n.jaar).toBe(2021);
    expect(n.basis.omschrijving).toBe('definitief overzicht 2021 (versie 3)');
    // The whole credit comes back to the pool's members through the key: Σ = −339,450.
    expect(n.verschilNettoKosten).toBe(-339_450);
    expect(n.regels.map((x) => x.gemeente)).toContain('0983');
    expect(n.verklaring.bestandenToegevoegd).toEqual([decl3]);
    expect(r.overzicht.perGemeente.find((g) => g.gemeente === '0983')?.nacalculatie).toBeLessThan(0);
    // 2022's own figures: February 2022 (28 days) in 2022, the credit in March 2021 only.
    expect(r.overzicht.regelingen[0].herleiding).toEqual([
      expect.objectContaining({ gemeente: '0983', maand: '2022-02', bedrag: 28 * 10_950 }),
    ]);

    expect(await readBlob(stack.blobs, statementBlobKey(2021, 3))).toEqual(gesloten);
    expect((await listVersies(stack.store, 2021)).map((v) => [v.versie, v.status])).toEqual([
      [1, 'voorlopig'],
      [2, 'voorlopig'],
      [3, 'definitief'],
    ]);
  });

  it('closing 2022 books the post-calculation once; 2023 compares with that stand', async () => {
    const slot = await runSettlement(stack.deps, { jaar: 2022, sluit: true, vandaag: at('2023-01-15') });
    expect(slot.overzicht.nacalculaties.map((n) => n.verschilNettoKosten)).toEqual([-339_450]);
    const volgend = await provisional(stack.deps, 2023, '2023-01', '2023-02-10');
    expect(volgend.overzicht.nacalculaties).toEqual([]);
  });
});

describe('a crash between the blob and the index item leaves no half version', () => {
  let stack: Stack;
  let faal = true;
  beforeAll(async () => {
    const wrapStore = (store: ItemStore): ItemStore => ({
      ...forwarding(store),
      putOne: async (item) => {
        if (faal && item.pk === VEREVENING_PK) {
          faal = false;
          throw new Error('stroomstoring');
        }
        return store.putOne(item);
      },
    });
    stack = await startStack({ wrapStore });
    await uploadToewijzingen(stack, TW_VENLO);
    await stack.upload(
      '0983',
      'd.csv',
      declaratieCsv({ nummer: 'D1', maand: '2021-03', lines: [MAART] }),
      at('2021-04-10T09:00:00Z'),
    );
  });
  afterAll(() => stack.close());

  it('the retry stores version 1 with the same bytes', async () => {
    const run = { jaar: 2021, totMaand: '2021-03', sluit: false, vandaag: at('2021-04-20') };
    await expect(runSettlement(stack.deps, run)).rejects.toThrow('stroomstoring');
    expect(await listVersies(stack.store)).toEqual([]);
    const wees = await readBlob(stack.blobs, statementBlobKey(2021, 1));
    // Readers see no version: the API computes one instead.
    expect((await computeSettlement(stack.deps, run)).opslag).toBe('berekend');
    const r = await runSettlement(stack.deps, run);
    expect(r).toMatchObject({ opslag: 'nieuw', versie: 1 });
    expect(await readBlob(stack.blobs, statementBlobKey(2021, 1))).toEqual(wees);
  });
});

describe('a statement larger than one item is stored in parts', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('reads back byte for byte, whatever a crashed earlier attempt left behind', async () => {
    const { store, blobs } = stack.deps;
    const r = await (async () => {
      await uploadToewijzingen(stack, TW_VENLO);
      return computeSettlement(stack.deps, { jaar: 2021, totMaand: '2021-01', vandaag: at('2021-02-10') });
    })();
    // Long explanations with multi-byte characters (€, −, ë) and a character outside the BMP at every cut.
    const lang = 'Toelichting € − ë 🏠 '.repeat(12_000);
    const groot = { ...r.overzicht, toelichting: [lang, lang] };
    // An earlier attempt of this version with more parts: only the parts the index names count.
    await writeStatement(store, blobs, { ...groot, toelichting: [lang, lang, lang, lang] }, at('2021-02-10'));
    const item = await writeStatement(store, blobs, groot, at('2021-02-11'));
    expect(item.delen).toBeGreaterThan(1);
    expect(item.bytes).toBeGreaterThan(400_000);
    expect(await readStatement(store, item)).toEqual(groot);
    expect(await readBlob(blobs, item.bestand)).toEqual(statementBytes(groot));
  });
});

describe('defects found in review: order of closing, a second writer, scenarios, comparisons of stored versions', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await uploadVenloMarch(stack);
  });
  afterAll(() => stack.close());

  it('a scenario that cannot be computed stops the run before anything is stored', async () => {
    const scenarios = [
      { naam: 'basis', sleutel: 'geconfigureerd' as const },
      { naam: 'onbekend', sleutel: { inleg: 1 }, regelingen: ['Bestaat niet'] },
    ];
    await expect(
      runSettlement(stack.deps, {
        jaar: 2021,
        totMaand: '2021-03',
        sluit: false,
        vandaag: at('2021-04-20'),
        scenarios,
      }),
    ).rejects.toThrow('geen actieve regeling "Bestaat niet" in 2021');
    expect(await listVersies(stack.store, 2021)).toEqual([]);
  });

  it('a stored version whose figures changed since is shown without a key comparison on other numbers', async () => {
    const v1 = await provisional(stack.deps, 2021, '2021-04', '2021-05-10');
    expect(v1.versie).toBe(1);
    const same = await computeSettlement(stack.deps, {
      jaar: 2021,
      scenarios: 'standaard',
      vandaag: at('2021-05-11'),
    });
    expect(same.vergelijking).not.toBeNull();
    expect(same.melding).toBeNull();
    await stack.upload(
      '0983',
      'd-2021-04.csv',
      declaratieCsv({ nummer: 'D2', maand: '2021-04', lines: [line('2021-04', 'R2')] }),
      at('2021-05-12T09:00:00Z'),
    );
    const changed = await computeSettlement(stack.deps, {
      jaar: 2021,
      scenarios: 'standaard',
      vandaag: at('2021-05-13'),
    });
    expect(changed).toMatchObject({ versie: 1, opslag: 'bestaand', vergelijking: null });
    expect(changed.melding).toContain(
      'De sleutelvergelijking is weggelaten: de cijfers zijn veranderd sinds versie 1',
    );
  });

  it('a second writer of the same version number is refused before it overwrites anything', async () => {
    const [v1] = await listVersies(stack.store, 2021);
    const stored = await readStatement(stack.store, v1);
    const bytes = await readBlob(stack.blobs, v1.bestand);
    const other = { ...stored, invoerHash: 'f'.repeat(64), toelichting: ['een andere berekening'] };
    await expect(writeStatement(stack.store, stack.blobs, other, at('2021-05-14'))).rejects.toThrow(
      'intussen door een andere berekening vastgelegd',
    );
    expect(await readStatement(stack.store, v1)).toEqual(stored);
    expect(await readBlob(stack.blobs, v1.bestand)).toEqual(bytes);
  });

  it('years close in order: once a later year is final, an earlier one cannot be closed (no double post-calculation)', async () => {
    await runSettlement(stack.deps, { jaar: 2021, sluit: true, vandaag: at('2022-01-20') });
    // A late 2021 debit, then 2023 is closed before 2022: 2023 books the 2021 correction.
    await stack.upload(
      '0983',
      'd-2021-05-laat.csv',
      declaratieCsv({ nummer: 'D3', maand: '2021-05', lines: [line('2021-05', 'R3')] }),
      at('2023-02-01T09:00:00Z'),
    );
    const slot2023 = await runSettlement(stack.deps, { jaar: 2023, sluit: true, vandaag: at('2024-01-15') });
    expect(slot2023.overzicht.nacalculaties.map((n) => n.jaar)).toEqual([2021]);
    await expect(
      runSettlement(stack.deps, { jaar: 2022, sluit: true, vandaag: at('2024-01-16') }),
    ).rejects.toThrow('2022 kan niet meer worden afgesloten: het latere jaar 2023 is al definitief');
    expect((await listVersies(stack.store, 2022)).filter((v) => v.status === 'definitief')).toEqual([]);
  });
});
