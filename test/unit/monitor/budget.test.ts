/**
 * Approved amounts against the budgets: every approved cent is in a row, also the care of clients whose
 * municipality of origin is unknown (0000), which has no budget; so the budget view adds up to the trend.
 */
import { budgetUitputting, trend } from '../../../pipeline/monitor/aggregates';
import type { MonitorData } from '../../../pipeline/monitor/data';
import type { MonthFigures } from '../../../pipeline/reconcile/contributions';
import type { RegionData } from '../../../pipeline/region/load';
import { nmlRegion } from '../../helpers/stack';

const AGB = '12340001';
const figures = (toegekend: number): MonthFigures => ({
  regels: 1,
  ingediend: toegekend,
  toegekend,
  afgewezen: 0,
  volume: {},
  clients: [],
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
          [`2022-01|0889|BW|${AGB}`]: figures(30_000),
          [`2022-01|0000|BW|${AGB}`]: figures(6_570_000),
          [`2022-02|0000|MO|${AGB}`]: figures(12_345),
        },
        afwijzingen: {},
        kosten: {},
      },
    },
  ],
  toewijzingen: [],
  taakgericht: [],
};

let region: RegionData;
beforeAll(async () => {
  region = await nmlRegion();
});

describe('budgetUitputting', () => {
  it('has a row without budget for approved care of unknown origin, so that it adds up to the trend', () => {
    const budgetten = [
      {
        jaar: 2022,
        gemeente: '0889',
        taakveld: 'BW' as const,
        historischBudget: 100_000,
        objectiefBudget: null,
      },
    ];
    const rows = budgetUitputting(data, region.region, budgetten, 2022, '2022-06');
    expect(
      rows.map(({ gemeente, naam, taakveld, budget, toegekend, verschil }) => ({
        gemeente,
        naam,
        taakveld,
        budget,
        toegekend,
        verschil,
      })),
    ).toEqual([
      {
        gemeente: '0889',
        naam: 'Beesel',
        taakveld: 'BW',
        budget: 100_000,
        toegekend: 30_000,
        verschil: 70_000,
      },
      {
        gemeente: '0000',
        naam: 'Onbekend',
        taakveld: 'BW',
        budget: 0,
        toegekend: 6_570_000,
        verschil: -6_570_000,
      },
      { gemeente: '0000', naam: 'Onbekend', taakveld: 'MO', budget: 0, toegekend: 12_345, verschil: -12_345 },
    ]);
    const trendTotal = trend(data, { van: '2022-01', tot: '2022-06' }).reduce((s, p) => s + p.toegekend, 0);
    expect(rows.reduce((s, r) => s + r.toegekend, 0)).toBe(trendTotal);
  });
});
