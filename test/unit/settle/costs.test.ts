/**
 * From committed contributions to cost lines: amounts per month, origin, taakveld, product and approving municipality
 * with their files, and the toewijzing facts the transition rule needs (only where a scheme with a transition rule
 * settles the line). WBW: BW local from 2022 with the transition date 2022-01-01, centrumgemeente 0748.
 */

import fc from 'fast-check';
import {
  daysInclusive,
  fromDayNumber,
  lastOfMonth,
  monthOf,
  monthsBetween,
  toDayNumber,
} from '../../../pipeline/dates';
import { loadSettlementConfig } from '../../../pipeline/settle/config';
import {
  costLines,
  type KostenBron,
  type ToewijzingVersie,
  toewijzingFeiten,
} from '../../../pipeline/settle/costs';
import { spreadOverMonths } from '../../../pipeline/settle/round';
import { settleYear } from '../../../pipeline/settle/statement';
import { voorbeeldMap } from './fixtures';

const D = '2022-01-01';
const versie = (v: Partial<ToewijzingVersie>): ToewijzingVersie => ({
  nummer: 1,
  herkomst: '1674',
  ingangsdatum: '2020-03-01',
  einddatum: '2022-08-31',
  toewijzingsdatum: '2020-02-20',
  toewijzingstijd: '10:00:00',
  redenWijziging: null,
  seq: 1,
  fileId: 'tw-a',
  ontvangen: '2020-02-21T08:00:00Z',
  ...v,
});

describe('toewijzingFeiten: the toewijzing as it stood on the transition date', () => {
  it('a running toewijzing with an end date', () => {
    expect(toewijzingFeiten('0748', [versie({})], D)).toEqual({
      toewijzingGemeente: '0748',
      ingangsdatum: '2020-03-01',
      einddatumOpOvergangsdatum: '2022-08-31',
      zonderEinddatumOpOvergangsdatum: false,
      herbeoordeeldOp: null,
    });
  });

  it('open-ended on the date', () => {
    expect(toewijzingFeiten('0748', [versie({ einddatum: null })], D)).toMatchObject({
      einddatumOpOvergangsdatum: null,
      zonderEinddatumOpOvergangsdatum: true,
    });
  });

  it('an extension after the date keeps the old end date and marks the reassessment', () => {
    const verlengd = versie({
      einddatum: '2023-12-31',
      toewijzingsdatum: '2022-07-15',
      redenWijziging: '04',
      fileId: 'tw-b',
    });
    // Any order of versions gives the same facts.
    expect(toewijzingFeiten('0748', [verlengd, versie({})], D)).toMatchObject({
      einddatumOpOvergangsdatum: '2022-08-31',
      herbeoordeeldOp: '2022-07-15',
    });
    // A reassessment before the date is simply the version in effect then.
    const eerder = versie({ einddatum: '2022-12-31', toewijzingsdatum: '2021-11-01', redenWijziging: '05' });
    expect(toewijzingFeiten('0748', [versie({}), eerder], D)).toMatchObject({
      einddatumOpOvergangsdatum: '2022-12-31',
      herbeoordeeldOp: null,
    });
  });

  it('a toewijzing first sent after the date did not exist on it', () => {
    const later = versie({ ingangsdatum: '2021-12-01', toewijzingsdatum: '2022-02-01' });
    expect(toewijzingFeiten('0748', [later], D)).toEqual({
      toewijzingGemeente: '0748',
      ingangsdatum: '2021-12-01',
      einddatumOpOvergangsdatum: null,
      zonderEinddatumOpOvergangsdatum: false,
      herbeoordeeldOp: null,
    });
  });

  it('a toewijzing removed (RedenWijziging 13) before the date did not exist on it', () => {
    const weg = versie({ toewijzingsdatum: '2021-10-01', redenWijziging: '13' });
    expect(toewijzingFeiten('0748', [versie({}), weg], D)).toMatchObject({
      einddatumOpOvergangsdatum: null,
      zonderEinddatumOpOvergangsdatum: false,
    });
  });

  it('on equal Toewijzingsdatum/-tijd the file received later wins; no versions gives null', () => {
    const a = versie({ einddatum: '2022-05-31', fileId: 'z', ontvangen: '2021-01-01T00:00:00Z' });
    const b = versie({ einddatum: '2022-06-30', fileId: 'a', ontvangen: '2021-02-01T00:00:00Z' });
    expect(toewijzingFeiten('0748', [b, a], D)?.einddatumOpOvergangsdatum).toBe('2022-06-30');
    expect(toewijzingFeiten('0748', [], D)).toBeNull();
  });
});

describe('costLines', () => {
  const { region, budgetten } = voorbeeldMap('wbw');
  const config = loadSettlementConfig(region, budgetten);
  const files = new Map([
    ['tw-0748', { gemeente: '0748', ontvangen: '2021-06-01T00:00:00Z' }],
    ['tw-1674', { gemeente: '1674', ontvangen: '2022-03-01T00:00:00Z' }],
    ['d-0748-1', { gemeente: '0748', ontvangen: '2022-04-01T00:00:00Z' }],
    ['d-0748-2', { gemeente: '0748', ontvangen: '2022-11-01T00:00:00Z' }],
    ['d-1674', { gemeente: '1674', ontvangen: '2022-05-01T00:00:00Z' }],
  ]);
  const bron: KostenBron = {
    files,
    toewijzingen: [
      {
        fileId: 'tw-0748',
        gemeente: '0748',
        rows: [
          versie({ nummer: 11, herkomst: '1674' }),
          versie({ nummer: 12, herkomst: '1674', seq: 2 }), // the same facts as 11
          versie({ nummer: 13, herkomst: '1655', einddatum: null, seq: 3 }),
          versie({ nummer: 14, herkomst: '0748', seq: 4 }),
        ],
      },
      {
        fileId: 'tw-1674',
        gemeente: '1674',
        rows: [versie({ nummer: 11, ingangsdatum: '2022-02-01', toewijzingsdatum: '2022-01-20' })],
      },
    ],
    declaraties: [
      {
        fileId: 'd-0748-1',
        figures: {
          kosten: {
            '2022-03|1674|BW|15|15A02': { nummers: [11, 12], bedragen: [100_000, 50_000] },
            '2022-03|1655|BW|15|15A02': { nummers: [13], bedragen: [70_000] },
            '2021-12|1674|BW|15|15A02': { nummers: [11], bedragen: [30_000] }, // 2021: no BW scheme, so no facts
            '2022-03|1674|MO|16|16A02': { nummers: [14], bedragen: [9_000] }, // MO has no transition rule
          },
        },
      },
      // A later file credits part of March for toewijzing 11 (in two lines, which add up): the same key, so the
      // same line.
      {
        fileId: 'd-0748-2',
        figures: {
          kosten: { '2022-03|1674|BW|15|15A02': { nummers: [11, 11], bedragen: [-5_000, -15_000] } },
        },
      },
      // Roosendaal's own toewijzing 11 (another municipality's number space): after the date, its own facts.
      {
        fileId: 'd-1674',
        figures: { kosten: { '2022-03|1674|BW|15|15A02': { nummers: [11], bedragen: [40_000] } } },
      },
      // Not committed (no file record): never counts.
      {
        fileId: 'd-weg',
        figures: { kosten: { '2022-03|1674|BW|15|15A02': { nummers: [11], bedragen: [1_000_000] } } },
      },
    ],
  };
  const lijnen = costLines(bron, config);

  it('sums per month, origin, taakveld, product, approving municipality and toewijzing facts, with the files', () => {
    expect(
      lijnen.map((l) => [l.maand, l.herkomstgemeente, l.taakveld, l.gemeente, l.bedrag, l.fileIds]),
    ).toEqual([
      ['2021-12', '1674', 'BW', '0748', 30_000, ['d-0748-1']],
      ['2022-03', '1655', 'BW', '0748', 70_000, ['d-0748-1']],
      ['2022-03', '1674', 'BW', '0748', 130_000, ['d-0748-1', 'd-0748-2']],
      ['2022-03', '1674', 'BW', '1674', 40_000, ['d-1674']],
      ['2022-03', '1674', 'MO', '0748', 9_000, ['d-0748-1']],
    ]);
  });

  it('adds toewijzing facts only where a scheme with a transition rule settles the line', () => {
    const feiten = lijnen.map((l) => l.toewijzing ?? null);
    expect(feiten[0]).toBeNull();
    expect(feiten[1]).toMatchObject({ toewijzingGemeente: '0748', zonderEinddatumOpOvergangsdatum: true });
    expect(feiten[2]).toMatchObject({ toewijzingGemeente: '0748', einddatumOpOvergangsdatum: '2022-08-31' });
    expect(feiten[3]).toMatchObject({ toewijzingGemeente: '1674', einddatumOpOvergangsdatum: null });
    expect(feiten[4]).toBeNull();
  });

  it('the lines settle as the transition rule says: the centrumgemeente keeps its running indications', () => {
    const s = settleYear(config, lijnen, { jaar: 2022, status: 'definitief' });
    const bw = s.regelingen.find((r) => r.soort === 'local');
    const lid = (code: string) => bw?.regels.find((l) => l.gemeente === code);
    expect(lid('0748')).toMatchObject({ eigenZorgkosten: 200_000, waarvanOvergang: 200_000 });
    expect(lid('1674')?.eigenZorgkosten).toBe(40_000);
    expect(bw?.herleiding).toEqual([
      {
        gemeente: '0748',
        maand: '2022-03',
        bedrag: 200_000,
        waarvanOvergang: 200_000,
        bestanden: ['d-0748-1', 'd-0748-2'],
      },
      { gemeente: '1674', maand: '2022-03', bedrag: 40_000, waarvanOvergang: 0, bestanden: ['d-1674'] },
    ]);
  });

  it('a changed toewijzing outside any transition scheme leaves the lines (and so the input hash) alone', () => {
    const anders: KostenBron = {
      ...bron,
      toewijzingen: bron.toewijzingen.map((t) => ({
        ...t,
        rows: t.rows.map((r) => (r.nummer === 14 ? { ...r, einddatum: '2030-12-31' } : r)),
      })),
    };
    expect(costLines(anders, config)).toEqual(lijnen);
  });

  it('contributions stored in the older form (a key per toewijzing) count the same as grouped ones', () => {
    // The older form: maand|herkomst|taakveld|categorie|code|nummer → cents, one key per toewijzing.
    const perSleutel = (kosten: KostenBron['declaraties'][number]['figures']['kosten']) => {
      const uit: Record<string, number> = {};
      for (const [groep, a] of Object.entries(kosten)) {
        if (typeof a === 'number') continue;
        a.nummers.forEach((n, i) => {
          uit[`${groep}|${n}`] = (uit[`${groep}|${n}`] ?? 0) + a.bedragen[i];
        });
      }
      return uit;
    };
    const oud: KostenBron = {
      ...bron,
      declaraties: bron.declaraties.map((d) => ({ ...d, figures: { kosten: perSleutel(d.figures.kosten) } })),
    };
    expect(Object.keys(oud.declaraties[0].figures.kosten)).toContain('2022-03|1674|BW|15|15A02|11');
    expect(costLines(oud, config)).toEqual(lijnen);
  });

  it('a kosten entry of no known form stops the settlement instead of counting as nothing', () => {
    const vreemd: KostenBron = {
      ...bron,
      declaraties: [{ fileId: 'd-1674', figures: { kosten: { '2022-03|1674|BW|15': 40_000 } } }],
    };
    expect(() => costLines(vreemd, config)).toThrow(/onbekende sleutel: 2022-03\|1674\|BW\|15$/);
  });
});

describe('spreadOverMonths: a taakgericht report’s amount over the months of its period', () => {
  it('by days, by largest remainder', () => {
    expect(spreadOverMonths(9_000_000, '2022-01-01', '2022-03-31')).toEqual([
      { maand: '2022-01', bedrag: 3_100_000 },
      { maand: '2022-02', bedrag: 2_800_000 },
      { maand: '2022-03', bedrag: 3_100_000 },
    ]);
    expect(spreadOverMonths(100, '2022-01-20', '2022-02-10')).toEqual([
      { maand: '2022-01', bedrag: 55 },
      { maand: '2022-02', bedrag: 45 },
    ]);
    // 364 cents over a year: 0.997 cent a day; every month within a cent of its share (not the rest in December).
    const jaar = spreadOverMonths(364, '2022-01-01', '2022-12-31');
    expect(jaar.map((d) => d.bedrag)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 30]);
    expect(spreadOverMonths(-1001, '2022-05-01', '2022-05-31')).toEqual([
      { maand: '2022-05', bedrag: -1001 },
    ]);
    // A period ending before it begins (ingest quarantines it) does not stop the settlement: its begin month.
    expect(spreadOverMonths(500, '2022-06-30', '2022-01-01')).toEqual([{ maand: '2022-06', bedrag: 500 }]);
  });

  it('the parts sum to the amount exactly, carry its sign, and differ from their days’ share by under a cent each', () => {
    const dag = fc.integer({ min: 0, max: 800 }).map((n) => fromDayNumber(toDayNumber('2021-01-01') + n));
    fc.assert(
      fc.property(fc.integer({ min: -1e10, max: 1e10 }), dag, dag, (bedrag, a, b) => {
        const [begin, eind] = a <= b ? [a, b] : [b, a];
        const delen = spreadOverMonths(bedrag, begin, eind);
        expect(delen.reduce((s, d) => s + d.bedrag, 0)).toBe(bedrag);
        expect(delen.map((d) => d.maand)).toEqual(monthsBetween(monthOf(begin), monthOf(eind)));
        for (const d of delen) expect(Math.sign(d.bedrag) * Math.sign(bedrag)).not.toBe(-1);
        const totaal = daysInclusive(begin, eind);
        for (const d of delen) {
          const van = d.maand === monthOf(begin) ? begin : `${d.maand}-01`;
          const tot = d.maand === monthOf(eind) ? eind : lastOfMonth(`${d.maand}-01`);
          expect(
            Math.abs(Math.abs(d.bedrag) - (Math.abs(bedrag) * daysInclusive(van, tot)) / totaal),
          ).toBeLessThan(1);
        }
      }),
    );
  });
});
