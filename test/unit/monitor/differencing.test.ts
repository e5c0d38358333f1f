/**
 * Small counts cannot be recovered by subtraction across views or filters (DESIGN §4.5): a count that adds up
 * several municipalities, taakvelden or providers (trend, density, spreiding over all taakvelden) is rounded when
 * one of its parts is small; the places of one municipality of origin (spreiding), which add up to its exact stand
 * count, are rounded when one of them is hidden; a rate beside a rounded count is hidden. Policy advisers (beleid)
 * see the views this way.
 */
import { type Filter, trend, trendClientParts } from '../../../pipeline/monitor/aggregates';
import type { MonitorData } from '../../../pipeline/monitor/data';
import { suppressed } from '../../../pipeline/monitor/tables';
import { VIEWS, type ViewName, type ViewParams } from '../../../pipeline/monitor/views';
import type { MonthFigures, ToewijzingContribution } from '../../../pipeline/reconcile/contributions';
import type { RegionData } from '../../../pipeline/region/load';
import { nmlRegion } from '../../helpers/stack';

const SMALL = '0889'; // Beesel: 3 clients in January (BWO: 2)
const LARGE = '0946'; // Nederweert: 20 clients
const AGB = '12340001'; // established in Venlo
const OTHER_AGB = '12340004'; // established in Weert

const clients = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const month = (n: number, prefix: string): MonthFigures => ({
  regels: n,
  ingediend: n * 100,
  toegekend: n * 100,
  afgewezen: 0,
  volume: {},
  clients: clients(prefix, n),
});
const toewijzing = (
  nummer: number,
  client: string,
  taakveld: string,
  herkomst: string,
): ToewijzingContribution => ({
  nummer,
  client,
  herkomst,
  taakveld,
  agb: '12340001',
  categorie: null,
  code: null,
  ingangsdatum: '2022-01-01',
  einddatum: null,
  toewijzingsdatum: '2021-12-15',
  toewijzingstijd: '10:00:00',
  redenWijziging: null,
  seq: nummer,
});

const data: MonitorData = {
  files: new Map([
    ['f1', { fileId: 'f1', gemeente: '0983', name: 'x.csv', ontvangen: '2022-02-05T10:00:00Z' }],
  ]),
  declaraties: [
    {
      fileId: 'f1',
      figures: {
        maanden: {
          [`2022-01|${SMALL}|BW|${AGB}`]: month(3, 'small-'),
          [`2022-01|${LARGE}|BW|${AGB}`]: month(20, 'large-'),
        },
        afwijzingen: {},
        kosten: {},
      },
    },
  ],
  toewijzingen: [
    {
      fileId: 'f1',
      gemeente: '0983',
      rows: [
        ...clients('bw-', 11).map((c, i) => toewijzing(100 + i, c, 'BW', SMALL)),
        ...clients('bwo-', 2).map((c, i) => toewijzing(200 + i, c, 'BWO', SMALL)),
        ...clients('l-', 19).map((c, i) => toewijzing(300 + i, c, 'BW', LARGE)),
      ],
    },
  ],
  taakgericht: [],
};

/** The data set with more toewijzingen (from the same file). */
const withToewijzingen = (rows: readonly ToewijzingContribution[]): MonitorData => ({
  ...data,
  toewijzingen: [...data.toewijzingen, { fileId: 'f1', gemeente: '0983', rows: [...rows] }],
});

let region: RegionData;
beforeAll(async () => {
  region = await nmlRegion();
});

/** The same, with one MO client of Nederweert's more, at another provider. */
const withMo: MonitorData = {
  ...data,
  declaraties: [
    ...data.declaraties,
    {
      fileId: 'f1',
      figures: {
        maanden: { [`2022-01|${LARGE}|MO|${OTHER_AGB}`]: month(1, 'mo-') },
        afwijzingen: {},
        kosten: {},
      },
    },
  ],
};

/** A view as a policy adviser gets it (as pipeline/api/router.ts builds it). */
function beleid(name: ViewName, p: ViewParams, from: MonitorData = data): Record<string, unknown>[] {
  const view = VIEWS[name];
  const table = suppressed(view.build(from, region, p), 5);
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c) => [c.key, c.value(row)])));
}

const JAN = { van: '2022-01', tot: '2022-01' };

describe('trend: a month over several municipalities', () => {
  it('is rounded when one municipality has a small count, so leaving it out gives nothing away', () => {
    const all = beleid('trend', JAN)[0].clienten;
    const withoutSmall = beleid('trend', { ...JAN, gemeenten: new Set([LARGE]) })[0].clienten;
    const small = beleid('trend', { ...JAN, gemeenten: new Set([SMALL]) })[0].clienten;
    expect(small).toBe('<5');
    expect(withoutSmall).toBe(20);
    // Exactly 23 would give 23 − 20 = 3.
    expect(all).toBe('≈20');
  });

  it('its parts, counted in one pass, are the trend with each municipality, taakveld and provider alone', () => {
    const parts = trendClientParts(withMo, JAN);
    const alone = (f: Partial<Filter>) => trend(withMo, { ...JAN, ...f })[0].clienten;
    for (const g of [SMALL, LARGE])
      expect(parts.get(`gemeente:${g}`)?.get('2022-01')).toBe(alone({ gemeenten: new Set([g]) }));
    for (const tv of ['BW', 'MO'])
      expect(parts.get(`taakveld:${tv}`)?.get('2022-01') ?? 0).toBe(alone({ taakveld: tv }));
    for (const agb of [AGB, OTHER_AGB])
      expect(parts.get(`aanbieder:${agb}`)?.get('2022-01')).toBe(alone({ aanbieder: agb }));
  });

  it('is rounded when a taakveld or a provider in it is small (one municipality, its MO client elsewhere)', () => {
    const nederweert = { ...JAN, gemeenten: new Set([LARGE]) };
    expect(beleid('trend', { ...nederweert, taakveld: 'MO' }, withMo)[0].clienten).toBe('<5');
    expect(beleid('trend', { ...nederweert, aanbieder: OTHER_AGB }, withMo)[0].clienten).toBe('<5');
    expect(beleid('trend', { ...nederweert, taakveld: 'BW' }, withMo)[0].clienten).toBe(20);
    // Exactly 21 would give MO = 21 − 20 = 1.
    expect(beleid('trend', nederweert, withMo)[0].clienten).toBe('≈20');
  });

  it('is exact when no municipality, taakveld or provider in it is small', () => {
    expect(beleid('trend', { ...JAN, gemeenten: new Set([LARGE]), taakveld: 'BW' })[0].clienten).toBe(20);
  });
});

describe('stand: totaal counts a client in two taakvelden once', () => {
  // Nederweert: 19 BW clients, 6 MO clients, 2 of whom also have BW.
  const overlap: MonitorData = withToewijzingen([
    ...clients('l-', 2).map((c, i) => toewijzing(600 + i, c, 'MO', LARGE)),
    ...clients('mo-only-', 4).map((c, i) => toewijzing(610 + i, c, 'MO', LARGE)),
  ]);

  it('is rounded when few clients are in two taakvelden (BW + MO − totaal would give them away)', () => {
    const exact = VIEWS.stand.build(overlap, region, { datum: '2022-01-15' }).rows as Record<
      string,
      unknown
    >[];
    expect(exact.find((r) => r.gemeente === LARGE)).toMatchObject({ BW: 19, MO: 6, totaal: 23 });
    expect(beleid('stand', { datum: '2022-01-15' }, overlap).find((r) => r.gemeente === LARGE)).toMatchObject(
      {
        BW: 19,
        MO: 6,
        // From BW and MO as shown (25), not from the 23 itself: nothing of the two in both is told.
        totaal: '≈30',
      },
    );
    // The density over all taakvelden is that count too.
    expect(
      beleid('dichtheid', { datum: '2022-01-15' }, overlap).find((r) => r.gemeente === LARGE),
    ).toMatchObject({
      clienten: '≈30',
      per10000: null,
    });
  });
});

describe('density: a municipality over all taakvelden', () => {
  const datum = { datum: '2022-01-15' };
  const row = (rows: Record<string, unknown>[]) => rows.find((r) => r.gemeente === SMALL)!;

  it('is rounded, and its rate hidden, when the stand hides one of its taakvelden', () => {
    expect(row(beleid('stand', datum))).toMatchObject({ BW: 11, BWO: '<5', totaal: '≈10' });
    // Exactly 13 (or 13 per inhabitants) would give BWO = 13 − 11 = 2.
    expect(row(beleid('dichtheid', datum))).toMatchObject({ clienten: '≈10', per10000: null });
  });

  it('per taakveld is the stand cell itself: shown exactly with its rate', () => {
    const bw = row(beleid('dichtheid', { ...datum, taakveld: 'BW' }));
    expect(bw.clienten).toBe(11);
    expect(typeof bw.per10000).toBe('number');
  });

  it('is exact where no taakveld is small', () => {
    const large = beleid('dichtheid', datum).find((r) => r.gemeente === LARGE)!;
    expect(large).toMatchObject({ clienten: 19 });
    expect(typeof large.per10000).toBe('number');
  });
});

describe('spreiding: clients per municipality of origin and place of establishment', () => {
  const datum = { datum: '2022-01-15' };
  const cel = (rows: Record<string, unknown>[], herkomst: string, vestiging: string) =>
    rows.find((r) => r.herkomst === herkomst && r.vestiging === vestiging)?.clienten;

  it('over all taakvelden, a cell with a small taakveld is rounded', () => {
    // Beesel's 11 BW and 2 BWO clients are all with a provider established in Venlo.
    expect(cel(beleid('spreiding', { ...datum, taakveld: 'BW' }), SMALL, '0983')).toBe(11);
    expect(cel(beleid('spreiding', { ...datum, taakveld: 'BWO' }), SMALL, '0983')).toBe('<5');
    // Exactly 13 would give BWO = 13 − 11 = 2.
    expect(cel(beleid('spreiding', datum), SMALL, '0983')).toBe('≈10');
    expect(cel(beleid('spreiding', datum), LARGE, '0983')).toBe(19);
  });

  it('over all taakvelden, a cell is rounded when one of its taakvelden is rounded in its own view', () => {
    // Nederweert: 6 MO clients in Venlo and 1 in Weert (hidden, so the 6 is rounded), 5 BWO clients in Venlo, and
    // 10 BW clients in Weert, so that no place of Nederweert over all taakvelden is small.
    const moEnBwo: MonitorData = withToewijzingen([
      ...clients('mo-', 6).map((c, i) => toewijzing(500 + i, c, 'MO', LARGE)),
      { ...toewijzing(510, 'mo-weert', 'MO', LARGE), agb: OTHER_AGB },
      ...clients('bwo-l-', 5).map((c, i) => toewijzing(520 + i, c, 'BWO', LARGE)),
      ...clients('bw-weert-', 10).map((c, i) => ({
        ...toewijzing(530 + i, c, 'BW', LARGE),
        agb: OTHER_AGB,
      })),
    ]);
    const mo = beleid('spreiding', { ...datum, taakveld: 'MO' }, moEnBwo);
    expect([cel(mo, LARGE, '0983'), cel(mo, LARGE, '0988')]).toEqual(['≈10', '<5']);
    expect(cel(beleid('spreiding', { ...datum, taakveld: 'BWO' }, moEnBwo), LARGE, '0983')).toBe(5);
    expect(cel(beleid('spreiding', { ...datum, taakveld: 'BW' }, moEnBwo), LARGE, '0983')).toBe(19);
    expect(cel(beleid('spreiding', datum, moEnBwo), LARGE, '0988')).toBe('≈10');
    // Exactly 30 would give MO = 30 − 19 − 5 = 6, and with the stand's 7 MO clients the hidden 1 in Weert.
    expect(beleid('stand', datum, moEnBwo).find((r) => r.gemeente === LARGE)?.MO).toBe(7);
    expect(cel(beleid('spreiding', datum, moEnBwo), LARGE, '0983')).toBe('≈30');
  });

  it('when one place of a municipality is hidden, its other places are rounded (the stand count stays exact)', () => {
    const elders = withToewijzingen([{ ...toewijzing(400, 'elders-0', 'BW', LARGE), agb: OTHER_AGB }]);
    expect(beleid('stand', datum, elders).find((r) => r.gemeente === LARGE)).toMatchObject({
      BW: 20,
      totaal: 20,
    });
    const bw = beleid('spreiding', { ...datum, taakveld: 'BW' }, elders);
    expect(cel(bw, LARGE, '0988')).toBe('<5');
    // Exactly 19 would give 20 − 19 = 1 in Weert.
    expect(cel(bw, LARGE, '0983')).toBe('≈20');
    // Beesel's single place is shown as it is.
    expect(cel(bw, SMALL, '0983')).toBe(11);
  });
});

describe('instroom: toewijzingen started per municipality and taakveld, over all providers', () => {
  it('is rounded when one provider in it is small', () => {
    const tweeAanbieders = withToewijzingen(
      clients('ander-', 2).map((c, i) => ({ ...toewijzing(500 + i, c, 'BW', LARGE), agb: OTHER_AGB })),
    );
    const nederweert = { ...JAN, gemeenten: new Set([LARGE]) };
    const gestart = (f: ViewParams) => beleid('instroom', f, tweeAanbieders)[0].gestart;
    expect(gestart({ ...nederweert, aanbieder: AGB })).toBe(19);
    expect(gestart({ ...nederweert, aanbieder: OTHER_AGB })).toBe('<5');
    // Exactly 21 would give 21 − 19 = 2.
    expect(gestart(nederweert)).toBe('≈20');
    // Where every provider has enough, the count is exact.
    expect(beleid('instroom', nederweert)[0].gestart).toBe(19);
  });
});
