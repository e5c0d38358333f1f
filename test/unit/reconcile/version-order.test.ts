/** Which version of a toewijzing is in effect: the later Toewijzingsdatum/-tijd, then the file received later. */
import { toewijzingMoment } from '../../../pipeline/dates';
import { effectiveToewijzing } from '../../../pipeline/state/items';
import { version } from '../../helpers/state-context';

describe('toewijzingMoment', () => {
  it.each([
    ['10:00:00', '10:00:00.000', 'equal'],
    ['10:00:00', '10:00:00.5', 'earlier'],
    ['10:00:00.25', '10:00:00.5', 'earlier'],
    ['10:00:00.50', '10:00:00.5', 'equal'],
    ['09:59:59.999', '10:00:00', 'earlier'],
    ['23:59:59.9', '24:00:00', 'earlier'],
  ])('%s is %s than/as %s', (a, b, expected) => {
    const ka = toewijzingMoment({ toewijzingsdatum: '2023-01-01', toewijzingstijd: a });
    const kb = toewijzingMoment({ toewijzingsdatum: '2023-01-01', toewijzingstijd: b });
    expect(ka === kb ? 'equal' : ka < kb ? 'earlier' : 'later').toBe(expected);
  });
});

it('24:00:00 is the next day’s midnight, also at the end of a month or a year', () => {
  const at = (toewijzingsdatum: string, toewijzingstijd: string) =>
    toewijzingMoment({ toewijzingsdatum, toewijzingstijd });
  expect(at('2023-03-01', '24:00:00')).toBe(at('2023-03-02', '00:00:00'));
  expect(at('2023-03-31', '24:00:00.000')).toBe(at('2023-04-01', '00:00:00'));
  expect(at('2023-12-31', '24:00:00')).toBe(at('2024-01-01', '00:00:00'));
});

describe('effectiveToewijzing', () => {
  it('the same moment written with and without fractional seconds: the file received later wins', () => {
    const earlierFile = version({ fileId: 'f1', toewijzingstijd: '10:00:00.000', volume: 1 });
    const laterFile = version({ fileId: 'f2', toewijzingstijd: '10:00:00', volume: 2 });
    const files = new Map([
      ['f1', { ontvangen: '2023-01-02T08:00:00Z', status: 'verwerkt' as const }],
      ['f2', { ontvangen: '2023-01-03T08:00:00Z', status: 'verwerkt' as const }],
    ]);
    expect(
      effectiveToewijzing({ pk: 'p', sk: 'TW', versions: [earlierFile, laterFile] }, files)?.volume,
    ).toBe(2);
    expect(
      effectiveToewijzing({ pk: 'p', sk: 'TW', versions: [laterFile, earlierFile] }, files)?.volume,
    ).toBe(2);
  });
});
